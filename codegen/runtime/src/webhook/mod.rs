//! Stripe webhooks: the event trait the generated crates implement and,
//! with the `webhooks` feature, the check of the `Stripe-Signature`
//! header that proves a request came from Stripe.
//!
//! Stripe signs each delivery with the endpoint's secret (`whsec_...`):
//! the header carries the time of signing and one or more HMAC-SHA256
//! signatures of `"{t}.{body}"`, where `body` is the request body exactly
//! as sent. `Webhook` (with the feature) checks them the way Stripe's own
//! libraries do (stripe-node's `constructEvent` is the reference; where
//! they differ, the item's docs say which way this one goes and why), then
//! reads the body into a [`WebhookEvent`] type.
//!
//! ```
//! # #[cfg(feature = "webhooks")] {
//! use stripe_types::webhook::{self, ApiVersionCheck, Webhook};
//!
//! #[derive(serde::Deserialize)]
//! struct Event {
//!     id: String,
//!     api_version: Option<String>,
//! }
//!
//! impl stripe_types::WebhookEvent for Event {
//!     const API_VERSION: &'static str = "2026-07-29.dahlia";
//!     fn api_version(&self) -> Option<&str> {
//!         self.api_version.as_deref()
//!     }
//! }
//!
//! let body = br#"{"id":"evt_1","object":"event","api_version":"2026-07-29.dahlia"}"#;
//! let header = webhook::sign("whsec_test", 1_700_000_000, body);
//!
//! let hook = Webhook::new("whsec_test").unwrap().at(1_700_000_010);
//! let verified = hook.construct_event::<Event>(Some(&header), body).unwrap();
//! assert_eq!(verified.api_version(), &ApiVersionCheck::Matches);
//! assert_eq!(verified.event().id, "evt_1");
//! # }
//! ```

#[cfg(feature = "webhooks")]
mod error;
#[cfg(feature = "webhooks")]
mod header;
#[cfg(feature = "webhooks")]
mod verified;
#[cfg(feature = "webhooks")]
mod verifier;

#[cfg(all(test, feature = "webhooks"))]
mod tests;

#[cfg(feature = "webhooks")]
pub use error::{HeaderError, InvalidSecret, WebhookError};
#[cfg(feature = "webhooks")]
pub use header::{SignatureHeader, MAX_HEADER_LEN};
#[cfg(feature = "webhooks")]
pub use verified::{ApiVersionCheck, Verified};
#[cfg(feature = "webhooks")]
pub use verifier::{sign, Webhook, DEFAULT_TOLERANCE};

/// An event type generated from Stripe's `event` schema.
///
/// Needs no feature: the generated crates implement it without pulling in
/// the verifier's dependencies.
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
