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
        let mut signatures = Vec::new();
        let timestamp = scan(header, |signature| signatures.push(signature))?;
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

/// Reads a header as [`SignatureHeader::parse`] does, handing each `v1`
/// signature to `signature` in order rather than keeping them: the
/// timestamp, or why the header is malformed.
pub(super) fn scan(
    header: &str,
    mut signature: impl FnMut([u8; SIGNATURE_LEN]),
) -> Result<i64, HeaderError> {
    if header.len() > MAX_HEADER_LEN {
        return Err(HeaderError::TooLong {
            len: header.len(),
            max: MAX_HEADER_LEN,
        });
    }
    let mut timestamp = None;
    let mut index = 0;
    // Byte by byte rather than with `str::split` and `trim`: the header is
    // read on every request, twice by `Webhook::verify`.
    for item in header.as_bytes().split(|&b| b == b',') {
        let item = trim_blanks(item);
        // An item without `=` reads as a key with an empty value.
        let (key, value) = match item.iter().position(|&b| b == b'=') {
            Some(at) => (&item[..at], &item[at + 1..]),
            None => (item, &[][..]),
        };
        match key {
            b"t" => {
                if timestamp.is_some() {
                    return Err(HeaderError::DuplicateTimestamp);
                }
                timestamp = Some(parse_timestamp(value)?);
            }
            b"v1" => {
                index += 1;
                signature(parse_signature(value, index)?);
            }
            _ => {}
        }
    }
    timestamp.ok_or(HeaderError::NoTimestamp)
}

/// Without the spaces and tabs around it.
fn trim_blanks(mut item: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = item {
        item = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = item {
        item = rest;
    }
    item
}

/// Whole seconds: ASCII digits, perhaps after a `-`, within `i64`.
fn parse_timestamp(value: &[u8]) -> Result<i64, HeaderError> {
    let (negative, digits) = match value {
        [b'-', digits @ ..] => (true, digits),
        digits => (false, digits),
    };
    if digits.is_empty() {
        return Err(HeaderError::BadTimestamp);
    }
    let mut seconds: i64 = 0;
    for &digit in digits {
        if !digit.is_ascii_digit() {
            return Err(HeaderError::BadTimestamp);
        }
        let digit = i64::from(digit - b'0');
        // Towards the sign, so that `i64::MIN` reads too.
        seconds = seconds
            .checked_mul(10)
            .and_then(|s| {
                if negative {
                    s.checked_sub(digit)
                } else {
                    s.checked_add(digit)
                }
            })
            .ok_or(HeaderError::BadTimestamp)?;
    }
    Ok(seconds)
}

/// 64 hex digits, either case, into 32 bytes.
fn parse_signature(value: &[u8], index: usize) -> Result<[u8; SIGNATURE_LEN], HeaderError> {
    let hex = value;
    if hex.len() != 2 * SIGNATURE_LEN {
        return Err(HeaderError::SignatureLength {
            index,
            len: hex.len(),
        });
    }
    let mut out = [0; SIGNATURE_LEN];
    for (byte, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        let (high, low) = (
            HEX_VALUE[usize::from(pair[0])],
            HEX_VALUE[usize::from(pair[1])],
        );
        if (high | low) > 0xf {
            return Err(HeaderError::SignatureNotHex { index });
        }
        *byte = high << 4 | low;
    }
    Ok(out)
}

/// The value of each hex digit (either case); 0xff for any other byte.
const HEX_VALUE: [u8; 256] = {
    let mut table = [0xff; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        table[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};
