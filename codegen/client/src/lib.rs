//! HTTP clients for the generated Stripe operations.
//!
//! Every operation a generated crate has (such as
//! `stripe_identity::CreateIdentityVerificationSession`) implements
//! [`stripe_types::Operation`]: it builds its request and reads its answer
//! without I/O. This crate sends them, with the same requests, retries and
//! errors from both clients:
//!
//! | feature | client | HTTP |
//! | --- | --- | --- |
//! | `blocking` | `Client` | ureq, rustls |
//! | `async` | `AsyncClient` | reqwest on tokio, rustls (`ring` provider: no cmake, no prebuilt binary) |
//! | `blocking-http`, `async-http` | the same | plain HTTP only (mock servers, local proxies): no TLS stack to build |
//!
//! ```no_run
//! # #[cfg(feature = "blocking-http")]
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use stripe_client::{Client, RequestOptions};
//! use stripe_identity::{CreateIdentityVerificationSession, CreateIdentityVerificationSessionType};
//!
//! // An empty key, a publishable key (pk_...) or anything but sk_/rk_ is
//! // refused here, with an error that never shows the key (nor does Debug).
//! let client = Client::new(&std::env::var("STRIPE_SECRET_KEY")?)?.with_max_retries(3);
//!
//! let mut create = CreateIdentityVerificationSession::new();
//! create.type_ = Some(CreateIdentityVerificationSessionType::Document);
//! let session = client.send(&create)?;
//! println!("{}", session.id);
//!
//! // Per request: act for a connected account (Connect), your own
//! // idempotency key (default: a new UUID v4, kept over its retries).
//! let options = RequestOptions::new()
//!     .stripe_account("acct_1032D82eZvKYlo2C")
//!     .idempotency_key("order-6735-identity")
//!     .max_retries(5);
//! let answer = client.send_with(&create, &options)?;
//! println!("{} (request id {:?})", answer.value.id, answer.request_id);
//! # Ok(()) }
//! # #[cfg(not(feature = "blocking-http"))]
//! # fn main() {}
//! ```
//!
//! The async client is the same from async code:
//!
//! ```no_run
//! # #[cfg(feature = "async-http")]
//! # async fn run(key: &str) -> Result<(), Box<dyn std::error::Error>> {
//! let client = stripe_client::AsyncClient::new(key)?;
//! let session = client
//!     .send(&stripe_identity::CreateIdentityVerificationSession::new())
//!     .await?;
//! # let _ = session;
//! # Ok(()) }
//! ```
//!
//! # What every request carries
//!
//! - **The API version**: `Stripe-Version` with the generated crates' API
//!   version (from the operation, so requests sent another way carry it
//!   too): Stripe answers in the version the types describe, not in the
//!   account's default.
//! - **Idempotency**: every `POST` sends an `Idempotency-Key`, the same on
//!   each retry of a request, so a retried create cannot create twice.
//! - **Connect**: `Stripe-Account` when `RequestOptions::stripe_account`
//!   is set.
//!
//! # Retries
//!
//! One policy for both clients, [`RetryPolicy`](stripe_types::request::retry::RetryPolicy),
//! which does no I/O: on connection errors and timeouts, `409`, `429`,
//! `5xx`, and whenever the answer says `Stripe-Should-Retry: true`; never
//! when it says `false`, nor on `400` to `404` (whatever the header says: the
//! same request gets the same refusal). Backoff from 0.5 s doubling up to
//! 5 s, jittered to between half and all of it; `Retry-After` honoured up
//! to 60 s (a longer one ends the retries). At most `max_retries` retries,
//! default 2 (three attempts), as Stripe's own libraries do. Each attempt
//! may take 80 s (`with_timeout`). Tests inject the wait and the jitter:
//! `with_sleep`, `with_jitter`.
//!
//! # Errors
//!
//! `ClientError` keeps the last answer's status, Stripe's request id and
//! the number of attempts, and displays as a person reads it:
//! `Stripe answered HTTP 402: card_error (card_declined, param number):
//! Your card was declined. [request id req_123] (after 2 attempts)`;
//! `ClientError::api_error` is the typed Stripe error. A successful
//! `Answer` has the request id too.
//!
//! # Public API
//!
//! `Client` (feature `blocking` or `blocking-http`), `AsyncClient` and
//! `SleepFuture` (`async` or `async-http`); with either, `RequestOptions`,
//! `Answer`, `ClientError`, `ClientErrorKind`, `KeyError` and `API_BASE`;
//! always, [`new_idempotency_key`] (for requests sent another way).
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "async-http")]
mod async_client;
#[cfg(feature = "blocking-http")]
mod blocking;
#[cfg(any(feature = "blocking-http", feature = "async-http"))]
mod identification;
#[cfg(any(feature = "blocking-http", feature = "async-http"))]
mod proxy;
mod random;
#[cfg(any(feature = "blocking-http", feature = "async-http"))]
mod send;

#[cfg(feature = "async-http")]
#[cfg_attr(docsrs, doc(cfg(any(feature = "async", feature = "async-http"))))]
pub use async_client::{AsyncClient, SleepFuture};
#[cfg(feature = "blocking-http")]
#[cfg_attr(docsrs, doc(cfg(any(feature = "blocking", feature = "blocking-http"))))]
pub use blocking::Client;
#[cfg(any(feature = "blocking-http", feature = "async-http"))]
pub use identification::{AppInfoError, BINDINGS_VERSION};
#[cfg(any(feature = "blocking-http", feature = "async-http"))]
pub use proxy::ProxyError;
pub use random::new_idempotency_key;
#[cfg(any(feature = "blocking-http", feature = "async-http"))]
pub use send::{Answer, ClientError, ClientErrorKind, KeyError, RequestOptions, API_BASE};
