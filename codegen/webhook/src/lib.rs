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
//! # What is checked
//!
//! Signatures may be at most 300 s old by default ([`Webhook::tolerance`];
//! [`Webhook::at`] or [`Webhook::with_clock`] set the clock); several `v1`
//! signatures (while a secret rolls) pass if any matches; `v0` and unknown
//! schemes are skipped; a header over [`MAX_HEADER_LEN`] bytes is refused
//! unread. Each refusal is its own [`WebhookError`] variant: missing
//! header, malformed header (which part), no `v1` signature, too old (with
//! the age and the tolerance), no match, a body that is no event (serde's
//! message and the path), an API version mismatch (strict mode). Where
//! Stripe's libraries disagree or are lax, this one is strict and says so
//! in the item's docs (a second `t`, a `v1` that is not 64 hex digits,
//! tolerance 0 meaning no age rather than no check). [`Webhook::verify`]
//! checks without parsing; [`sign`] writes the header Stripe would send,
//! byte for byte what stripe-node's `generateTestHeaderString` writes, for
//! tests of a handler. The tests check both directions against stripe-node.
//!
//! # The API version
//!
//! Every generated crate says the version it was generated from
//! (`stripe_identity::API_VERSION`, and `Event`'s
//! [`WebhookEvent::API_VERSION`]). Stripe renders an event's `data.object`
//! in the API version of the endpoint that receives it (or, for an endpoint
//! without one, the account's default version at the time), and says which
//! in the event's `api_version`. [`Webhook::construct_event`] compares the
//! two and never hides the answer: [`Verified`] gives the event only
//! together with its [`ApiVersionCheck`]. By default a mismatched event is
//! still parsed (keys a newer version adds are kept in `unknown_fields`; a
//! field an older version lacks is an error naming it);
//! [`Webhook::strict_api_version`] refuses it instead.
//!
//! So pin each webhook endpoint to the version of your types: create it
//! with that version (`POST /v1/webhook_endpoints` with
//! `api_version=2026-07-29.dahlia`, or choose the version in the
//! Dashboard), so that every event it receives is rendered as the types
//! expect, whatever the account's default becomes. To move to a new
//! version, regenerate the crates, create a second endpoint with the new
//! version beside the old one, deploy the code that handles both, then
//! delete the old endpoint.
//!
//! # An endpoint
//!
//! The body must be the request's bytes exactly as received: anything that
//! re-encodes it breaks the signature. With any HTTP framework:
//!
//! ```
//! use stripe_webhook::{Webhook, WebhookError};
//!
//! /// The status to answer and what to do: 400 for anything that is not
//! /// a genuine event, 200 once it is handled.
//! fn handle(hook: &Webhook, signature: Option<&str>, body: &[u8]) -> u16 {
//!     #[derive(serde::Deserialize)]
//!     struct Event {
//!         id: String,
//!         api_version: Option<String>,
//!     }
//!     impl stripe_types::WebhookEvent for Event {
//!         const API_VERSION: &'static str = "2026-07-29.dahlia";
//!         fn api_version(&self) -> Option<&str> {
//!             self.api_version.as_deref()
//!         }
//!     }
//!     match hook.construct_event::<Event>(signature, body) {
//!         Ok(verified) => {
//!             let (event, _version) = verified.into_parts();
//!             println!("handling {}", event.id);
//!             200
//!         }
//!         // Not from Stripe, too old, or not an event: say why in the log.
//!         Err(WebhookError::MissingHeader) => 400,
//!         Err(e) => {
//!             eprintln!("refused a webhook delivery: {e}");
//!             400
//!         }
//!     }
//! }
//!
//! let hook = Webhook::new("whsec_test").unwrap().at(1_700_000_010);
//! let body = br#"{"id":"evt_1","object":"event","api_version":"2026-07-29.dahlia"}"#;
//! let header = stripe_webhook::sign("whsec_test", 1_700_000_000, body);
//! assert_eq!(handle(&hook, Some(&header), body), 200);
//! assert_eq!(handle(&hook, Some(&header), b"{}"), 400);
//! assert_eq!(handle(&hook, None, body), 400);
//! ```
//!
//! `codegen/model-tests/examples/webhook_server.rs` is a whole endpoint
//! with axum and the generated `stripe_identity::Event`.
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
