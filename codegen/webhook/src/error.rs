//! What can go wrong, in words that say which check failed. No error
//! holds the secret, and none repeats the header: it comes from the
//! network, and errors end up in logs.

use std::fmt;

/// Why a `Stripe-Signature` header could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HeaderError {
    /// Longer than [`MAX_HEADER_LEN`](super::MAX_HEADER_LEN) bytes.
    TooLong {
        /// The header's length in bytes.
        len: usize,
        /// The longest header read.
        max: usize,
    },
    /// No `t=` item.
    NoTimestamp,
    /// More than one `t=` item.
    DuplicateTimestamp,
    /// A `t=` whose value is not a whole number of seconds (ASCII digits,
    /// perhaps after a `-`, within `i64`).
    BadTimestamp,
    /// A `v1=` whose value is not 64 characters long.
    SignatureLength {
        /// Which `v1` item, counting from 1.
        index: usize,
        /// Its length in bytes.
        len: usize,
    },
    /// A `v1=` of the right length with a character that is no hex digit.
    SignatureNotHex {
        /// Which `v1` item, counting from 1.
        index: usize,
    },
}

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderError::TooLong { len, max } => {
                write!(
                    f,
                    "the header is {len} bytes long, more than the {max} read"
                )
            }
            HeaderError::NoTimestamp => f.write_str("no timestamp (`t=`)"),
            HeaderError::DuplicateTimestamp => f.write_str("more than one timestamp (`t=`)"),
            HeaderError::BadTimestamp => {
                f.write_str("the timestamp (`t=`) is not a whole number of seconds")
            }
            HeaderError::SignatureLength { index, len } => write!(
                f,
                "`v1` signature {index} is {len} characters long, not 64 hex digits"
            ),
            HeaderError::SignatureNotHex { index } => {
                write!(f, "`v1` signature {index} is not hex")
            }
        }
    }
}

impl std::error::Error for HeaderError {}

/// Why a webhook request was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// No `Stripe-Signature` header, or an empty one.
    MissingHeader,
    /// The header could not be read; the inner error says which part.
    MalformedHeader(HeaderError),
    /// The header holds no `v1` signature (only `v0`, or other schemes).
    NoV1Signature,
    /// The header's timestamp is older than the tolerance allows.
    TimestampOutsideTolerance {
        /// Seconds between the timestamp and now.
        age: i64,
        /// The most seconds allowed.
        tolerance: u64,
    },
    /// No `v1` signature matches the body: another secret signed it, or
    /// the body is not the bytes that were signed.
    NoMatch {
        /// How many `v1` signatures were tried.
        signatures: usize,
    },
    /// The signature is good but the body does not parse as the event type.
    NotAnEvent {
        /// What serde said, with the line and column.
        message: String,
        /// Where in the body, as `data.object.status` (`.` for the top).
        path: String,
    },
    /// Strict mode: the event was rendered in another API version than
    /// the types were generated from, or does not say which.
    ApiVersionMismatch {
        /// The event's `api_version`, if it has one.
        event: Option<String>,
        /// The API version of the types.
        types: &'static str,
    },
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::MissingHeader => f.write_str("no Stripe-Signature header"),
            WebhookError::MalformedHeader(e) => write!(f, "malformed Stripe-Signature header: {e}"),
            WebhookError::NoV1Signature => {
                f.write_str("the Stripe-Signature header has no `v1` signature")
            }
            WebhookError::TimestampOutsideTolerance { age, tolerance } => write!(
                f,
                "the signature is {age} s old, more than the tolerance of {tolerance} s"
            ),
            WebhookError::NoMatch { signatures } => write!(
                f,
                "no signature matches ({signatures} tried): a different secret, or a body \
                 changed since it was signed (pass the raw request bytes)"
            ),
            WebhookError::NotAnEvent { message, path } => {
                write!(f, "the body is not an event: {message} (at {path})")
            }
            WebhookError::ApiVersionMismatch {
                event: Some(event),
                types,
            } => write!(
                f,
                "the event is in API version {event}, the types are for {types}"
            ),
            WebhookError::ApiVersionMismatch { event: None, types } => write!(
                f,
                "the event does not say its API version; the types are for {types}"
            ),
        }
    }
}

impl std::error::Error for WebhookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookError::MalformedHeader(e) => Some(e),
            _ => None,
        }
    }
}

impl From<HeaderError> for WebhookError {
    fn from(e: HeaderError) -> Self {
        WebhookError::MalformedHeader(e)
    }
}

/// Why a secret was refused by [`Webhook::new`](super::Webhook::new).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidSecret {
    /// The secret is empty (an unset variable, most often).
    Empty,
    /// The secret starts or ends with whitespace (a newline read with it,
    /// most often); Stripe's never do, so every signature would fail.
    SurroundingWhitespace,
}

impl fmt::Display for InvalidSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvalidSecret::Empty => {
                f.write_str("the webhook secret is empty; it should start with `whsec_`")
            }
            InvalidSecret::SurroundingWhitespace => {
                f.write_str("the webhook secret starts or ends with whitespace")
            }
        }
    }
}

impl std::error::Error for InvalidSecret {}
