//! The trait of the generated event envelope.

/// An event type generated from Stripe's `event` schema.
///
/// It lives here, not in `stripe-webhook`, so that the generated crates
/// implement it without the verifier's dependencies; `stripe-webhook`'s
/// `Webhook::construct_event` reads bodies into it.
pub trait WebhookEvent: serde::de::DeserializeOwned {
    /// The Stripe API version the type was generated from.
    const API_VERSION: &'static str;

    /// The API version the event's `data` was rendered in (its
    /// `api_version`), if it says.
    fn api_version(&self) -> Option<&str>;

    /// Reads an event from a body by a faster way than serde, if the type
    /// has one (the generated `Event` with its crate's `json` feature: its
    /// own reader, which accepts and refuses what serde does). `None`, the
    /// default, leaves the body to serde, which also explains a refusal.
    fn read_body(body: &[u8]) -> Option<Self> {
        let _ = body;
        None
    }
}
