//! The check of Stripe's webhook signatures: the `Stripe-Signature` header
//! that proves a request came from Stripe, and the typed event it carries.
//!
//! Stripe signs each delivery with the endpoint's secret (`whsec_...`):
//! the header carries the time of signing and one or more HMAC-SHA256
//! signatures of `"{t}.{body}"`, where `body` is the request body exactly
//! as sent. [`Webhook`] checks them the way Stripe's own
//! libraries do (stripe-node's `constructEvent` is the reference; where
//! they differ, the item's docs say which way this one goes and why), then
//! reads the body into a [`WebhookEvent`] type (the generated `Event`
//! implements it; the trait lives in `stripe-types`, so the generated crates
//! need none of this crate's dependencies).
//!
//! ```
//! use stripe_webhook::{ApiVersionCheck, Webhook};
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
//! let header = stripe_webhook::sign("whsec_test", 1_700_000_000, body);
//!
//! let hook = Webhook::new("whsec_test").unwrap().at(1_700_000_010);
//! let verified = hook.construct_event::<Event>(Some(&header), body).unwrap();
//! assert_eq!(verified.api_version(), &ApiVersionCheck::Matches);
//! assert_eq!(verified.event().id, "evt_1");
//! ```
//!
//! # Public API
//!
//! [`Webhook`] (the verifier: its secret, tolerance, clock and API-version
//! mode), [`Verified`] and [`ApiVersionCheck`] (what a check gives),
//! [`WebhookError`], [`HeaderError`] and [`InvalidSecret`] (why a request
//! or a secret is refused), [`SignatureHeader`] (the parsed header),
//! [`sign`] (the header Stripe would send, for tests), [`MAX_HEADER_LEN`],
//! [`DEFAULT_TOLERANCE`], and [`WebhookEvent`] (re-exported from
//! `stripe-types`).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
mod header;
mod verified;
mod verifier;

#[cfg(test)]
mod tests;

pub use stripe_types::WebhookEvent;

pub use error::{HeaderError, InvalidSecret, WebhookError};
pub use header::{SignatureHeader, MAX_HEADER_LEN};
pub use verified::{ApiVersionCheck, Verified};
pub use verifier::{sign, Webhook, DEFAULT_TOLERANCE};
