//! Which values must not be logged.
//!
//! Takes a field's description; gives whether it says so, as Stripe's do
//! for client secrets and one-time URLs (the field is then redacted in
//! `Debug`).

/// Whether a description says the value must not be logged, as Stripe's do
/// for client secrets and one-time URLs.
pub fn says_secret(description: &str) -> bool {
    let d = description.to_lowercase().replace('\u{2019}', "'");
    [
        "don't store it, log it",
        "do not store it, log it",
        "don't log it",
        "do not log it",
        "never log",
    ]
    .iter()
    .any(|p| d.contains(p))
}
