//! The `Stripe-Signature` header: `t=<unix seconds>,v1=<hex>,...`.

use super::HeaderError;

/// The longest `Stripe-Signature` header read, in bytes. Stripe's carry one
/// timestamp and a signature or two (about 150 bytes); 8 KiB is also what
/// most HTTP servers allow for a whole header line. A longer header is
/// refused before any of it is split, so the work is bounded however it
/// was made.
pub const MAX_HEADER_LEN: usize = 8 * 1024;

/// The bytes of one `v1` signature: an HMAC-SHA256.
const SIGNATURE_LEN: usize = 32;

/// A parsed `Stripe-Signature` header: when Stripe signed, and the `v1`
/// signatures it sent.
///
/// The header is a comma-separated list of `key=value` items. Items are
/// read as follows; where Stripe's libraries disagree, this is stricter.
/// - `t`: the time of signing, in whole seconds since the Unix epoch
///   (ASCII digits, after a `-` before 1970, as [`sign`](super::sign)
///   writes it and Stripe's libraries read it; no `+`, no spaces, within
///   `i64`). It must be there exactly once: stripe-node and
///   stripe-go keep the last of several, stripe-python the first, so a
///   header with two is ambiguous and refused.
/// - `v1`: an HMAC-SHA256 as 64 hex digits (either case). Several are sent
///   while an endpoint's secret is being rolled; any one that matches is
///   enough. A `v1` that is not 64 hex digits makes the header malformed
///   (stripe-go skips it, stripe-node compares it and fails): Stripe never
///   sends one.
/// - Anything else (`v0`, the test-mode signature with a secret of its
///   own, and schemes not known yet) is skipped, as are empty items.
///
/// Spaces and tabs around items are allowed (`t=1, v1=…`), as HTTP allows
/// around list items; Stripe sends none, and stripe-node would not find a
/// key written with a space before it. Keys are case-sensitive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureHeader {
    timestamp: i64,
    signatures: Vec<[u8; SIGNATURE_LEN]>,
}

impl SignatureHeader {
    /// Parses a header value. Work and memory are linear in its length,
    /// which is at most [`MAX_HEADER_LEN`].
    pub fn parse(header: &str) -> Result<Self, HeaderError> {
        if header.len() > MAX_HEADER_LEN {
            return Err(HeaderError::TooLong {
                len: header.len(),
                max: MAX_HEADER_LEN,
            });
        }
        let mut timestamp = None;
        let mut signatures = Vec::new();
        for item in header.split(',') {
            let item = item.trim_matches([' ', '\t']);
            // An item without `=` reads as a key with an empty value.
            let (key, value) = item.split_once('=').unwrap_or((item, ""));
            match key {
                "t" => {
                    if timestamp.is_some() {
                        return Err(HeaderError::DuplicateTimestamp);
                    }
                    timestamp = Some(parse_timestamp(value)?);
                }
                "v1" => {
                    let index = signatures.len() + 1;
                    signatures.push(parse_signature(value, index)?);
                }
                _ => {}
            }
        }
        let timestamp = timestamp.ok_or(HeaderError::NoTimestamp)?;
        Ok(SignatureHeader {
            timestamp,
            signatures,
        })
    }

    /// When Stripe signed: seconds since the Unix epoch.
    pub fn timestamp(&self) -> i64 {
        self.timestamp
    }

    /// The `v1` signatures, in the header's order (possibly none).
    pub fn signatures(&self) -> &[[u8; 32]] {
        &self.signatures
    }
}

/// Whole seconds: ASCII digits, perhaps after a `-`, within `i64`.
fn parse_timestamp(value: &str) -> Result<i64, HeaderError> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(HeaderError::BadTimestamp);
    }
    value.parse().map_err(|_| HeaderError::BadTimestamp)
}

/// 64 hex digits, either case, into 32 bytes.
fn parse_signature(value: &str, index: usize) -> Result<[u8; SIGNATURE_LEN], HeaderError> {
    let hex = value.as_bytes();
    if hex.len() != 2 * SIGNATURE_LEN {
        return Err(HeaderError::SignatureLength {
            index,
            len: hex.len(),
        });
    }
    let mut out = [0; SIGNATURE_LEN];
    for (byte, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        match (hex_digit(pair[0]), hex_digit(pair[1])) {
            (Some(high), Some(low)) => *byte = high << 4 | low,
            _ => return Err(HeaderError::SignatureNotHex { index }),
        }
    }
    Ok(out)
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}
