//! What the generated event envelope tells the webhook verifier.

/// An event type generated from Stripe's `event` schema.
pub trait WebhookEvent: serde::de::DeserializeOwned {
    /// The Stripe API version the type was generated from.
    const API_VERSION: &'static str;
    /// The API version the event's `data` was rendered in (its
    /// `api_version`), if it says.
    fn api_version(&self) -> Option<&str>;
}
