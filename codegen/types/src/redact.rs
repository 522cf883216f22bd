use std::fmt;

/// Stands in for a secret in `Debug` output: prints `"[redacted]"`.
///
/// Generated types use it for fields that Stripe says must not be logged,
/// such as a verification session's `client_secret`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}
