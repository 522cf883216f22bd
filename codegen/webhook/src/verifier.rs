//! The check itself: HMAC-SHA256 of `"{t}.{body}"` with the endpoint's
//! secret, against the header's `v1` signatures, then the timestamp.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha2::Sha256;

use stripe_types::WebhookEvent;

use crate::{header, InvalidSecret, Verified, WebhookError};

type HmacSha256 = Hmac<Sha256>;

/// The default tolerance: a signature may be at most 300 seconds old, as
/// in Stripe's libraries.
pub const DEFAULT_TOLERANCE: u64 = 300;

/// Verifies Stripe's webhook requests for one endpoint.
///
/// Built from the endpoint's signing secret (`whsec_...`), then set up
/// with the builder methods:
///
/// ```
/// use stripe_webhook::Webhook;
///
/// let hook = Webhook::new("whsec_...").unwrap().tolerance(600).strict_api_version();
/// ```
///
/// A request passes when its `Stripe-Signature` header parses (see
/// [`SignatureHeader`](crate::SignatureHeader)), one of its `v1` signatures is the HMAC-SHA256 of
/// `"{t}.{body}"` (compared in constant time), and it is no older than the
/// tolerance. The body is the request's bytes exactly as received:
/// anything that re-encodes it (a JSON parse and re-serialization, a
/// change of line endings or charset) breaks the signature.
///
/// Like Stripe's libraries, a timestamp ahead of this machine's clock is
/// accepted (only Stripe can sign one, and clocks drift), and the
/// signature is checked before the timestamp, so a forged request learns
/// only that it does not match. Unlike stripe-node and stripe-python, a
/// tolerance of 0 does not turn the timestamp check off: it allows no
/// age at all. For tests on stored requests, use
/// [`at`](Webhook::at) with the request's time instead.
///
/// `Debug` does not show the secret, and no error holds it.
#[derive(Clone)]
pub struct Webhook {
    /// The HMAC keyed with the secret; each check starts from a copy.
    key: HmacSha256,
    tolerance: u64,
    clock: Clock,
    strict_api_version: bool,
}

#[derive(Clone, Copy, Debug)]
enum Clock {
    System,
    Fn(fn() -> i64),
    Fixed(i64),
}

impl Clock {
    fn now(self) -> i64 {
        match self {
            Clock::System => system_now(),
            Clock::Fn(now) => now(),
            Clock::Fixed(now) => now,
        }
    }
}

/// Seconds since the Unix epoch by the system clock (negative before it).
fn system_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

impl Webhook {
    /// A verifier for the endpoint whose signing secret is `secret`, with
    /// the default tolerance ([`DEFAULT_TOLERANCE`]), the system clock and
    /// API version mismatches reported, not refused.
    ///
    /// Refuses an empty secret, and one with whitespace around it.
    pub fn new(secret: impl AsRef<str>) -> Result<Self, InvalidSecret> {
        let secret = secret.as_ref();
        if secret.is_empty() {
            return Err(InvalidSecret::Empty);
        }
        if secret.trim() != secret {
            return Err(InvalidSecret::SurroundingWhitespace);
        }
        Ok(Webhook {
            key: hmac_for(secret),
            tolerance: DEFAULT_TOLERANCE,
            clock: Clock::System,
            strict_api_version: false,
        })
    }

    /// The most seconds a signature may be old (300 by default).
    pub fn tolerance(mut self, seconds: u64) -> Self {
        self.tolerance = seconds;
        self
    }

    /// Reads the time from `now` (seconds since the Unix epoch) rather
    /// than the system clock.
    pub fn with_clock(mut self, now: fn() -> i64) -> Self {
        self.clock = Clock::Fn(now);
        self
    }

    /// Checks every request as if it arrived at `now` (seconds since the
    /// Unix epoch): for tests, and for requests stored with the time they
    /// were received.
    pub fn at(mut self, now: i64) -> Self {
        self.clock = Clock::Fixed(now);
        self
    }

    /// Refuses events rendered in another API version than the types'
    /// ([`WebhookEvent::API_VERSION`]), and events that do not say
    /// theirs, with [`WebhookError::ApiVersionMismatch`].
    pub fn strict_api_version(mut self) -> Self {
        self.strict_api_version = true;
        self
    }

    /// Checks the `Stripe-Signature` header (`None` when the request has
    /// none) against `body`, the raw request bytes. For callers that parse
    /// the body themselves.
    pub fn verify(&self, header: Option<&str>, body: &[u8]) -> Result<(), WebhookError> {
        let header = match header {
            Some(header) if !header.trim().is_empty() => header,
            _ => return Err(WebhookError::MissingHeader),
        };
        // The signatures are kept on the stack: Stripe sends one, or two
        // while a secret is being rolled.
        let mut signatures = 0;
        let mut first = [[0; 32]; 2];
        let mut more = Vec::new();
        let timestamp = header::scan(header, |signature| {
            match first.get_mut(signatures) {
                Some(slot) => *slot = signature,
                None => more.push(signature),
            }
            signatures += 1;
        })?;
        if signatures == 0 {
            return Err(WebhookError::NoV1Signature);
        }
        let mut mac = self.key.clone();
        update_signed_payload(&mut mac, timestamp, body);
        // `verify_slice` compares in constant time; a copy per signature,
        // of which the header holds at most a few hundred.
        let matched = first[..signatures.min(first.len())]
            .iter()
            .chain(&more)
            .any(|signature| mac.clone().verify_slice(signature).is_ok());
        if !matched {
            return Err(WebhookError::NoMatch { signatures });
        }
        let age = self.clock.now().saturating_sub(timestamp);
        if age > i64::try_from(self.tolerance).unwrap_or(i64::MAX) {
            return Err(WebhookError::TimestampOutsideTolerance {
                age,
                tolerance: self.tolerance,
            });
        }
        Ok(())
    }

    /// Verifies the request as [`verify`](Webhook::verify) does, then
    /// reads the body as an `E`, and compares its API version with the
    /// types' (refusing a difference in strict mode).
    pub fn construct_event<E: WebhookEvent>(
        &self,
        header: Option<&str>,
        body: &[u8],
    ) -> Result<Verified<E>, WebhookError> {
        self.verify(header, body)?;
        let event = parse_event::<E>(body)?;
        let verified = Verified::new(event);
        if self.strict_api_version && !verified.api_version().matches() {
            return Err(WebhookError::ApiVersionMismatch {
                event: verified.event().api_version().map(str::to_owned),
                types: E::API_VERSION,
            });
        }
        Ok(verified)
    }
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("secret", &stripe_types::Redacted)
            .field("tolerance", &self.tolerance)
            .field("clock", &self.clock)
            .field("strict_api_version", &self.strict_api_version)
            .finish()
    }
}

/// The whole body as one JSON value of type `E`, with the path of what
/// does not fit. Tracking the path costs about as much as the parse
/// itself, so it is done only to explain a failure, by a second parse.
fn parse_event<E: WebhookEvent>(body: &[u8]) -> Result<E, WebhookError> {
    if let Some(event) = E::read_body(body) {
        return Ok(event);
    }
    let error = match serde_json::from_slice(body) {
        Ok(event) => return Ok(event),
        Err(e) => e,
    };
    let mut de = serde_json::Deserializer::from_slice(body);
    let path = match serde_path_to_error::deserialize::<_, E>(&mut de) {
        Err(e) => e.path().to_string(),
        // Text after a whole value: the failure is at the top.
        Ok(_) => ".".to_owned(),
    };
    Err(WebhookError::NotAnEvent {
        message: error.to_string(),
        path,
    })
}

fn hmac_for(secret: &str) -> HmacSha256 {
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    HmacSha256::new_from_slice(secret.as_bytes()).expect("HMAC accepts any key length")
}

/// Feeds `"{timestamp}.{body}"` to the MAC without building the string.
fn update_signed_payload(mac: &mut HmacSha256, timestamp: i64, body: &[u8]) {
    // The decimal digits written from the end of a buffer that holds any
    // `i64` with its sign and the dot.
    let mut text = [0u8; 21];
    let mut at = text.len() - 1;
    text[at] = b'.';
    let mut rest = timestamp.unsigned_abs();
    loop {
        at -= 1;
        text[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if timestamp < 0 {
        at -= 1;
        text[at] = b'-';
    }
    mac.update(&text[at..]);
    mac.update(body);
}

/// The `Stripe-Signature` header Stripe would send for `body` signed with
/// `secret` at `timestamp`: `t={timestamp},v1={hex}`, byte for byte what
/// stripe-node's `webhooks.generateTestHeaderString` gives for the same
/// arguments. For tests of a webhook handler.
///
/// stripe-node reads a timestamp of 0 as "now"; this takes every
/// timestamp as given.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = hmac_for(secret);
    update_signed_payload(&mut mac, timestamp, body);
    let signature = mac.finalize().into_bytes();
    let mut header = format!("t={timestamp},v1=");
    for byte in signature {
        header.push(char::from(HEX[usize::from(byte >> 4)]));
        header.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    header
}

const HEX: &[u8; 16] = b"0123456789abcdef";
