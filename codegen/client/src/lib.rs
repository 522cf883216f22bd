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
//! # Paging
//!
//! `Client::pages` is an `Iterator` of a list's objects, `AsyncClient::pages`
//! a `futures` `Stream`, for every generated list operation (they implement
//! [`stripe_types::Paginate`]). Each page keeps the first request's
//! parameters and moves only the cursor, as stripe-node does:
//! `starting_after` the last id forwards, or, when the first request set
//! `ending_before`, backwards from it with each page reversed. A page that
//! cannot advance (`has_more` with no object, a cursor already asked for)
//! ends the iteration with `ClientErrorKind::Paging`, never a loop; a
//! request that fails after its retries is yielded once, then the
//! iteration ends.
//!
//! # Recipe: catch up on missed Identity events
//!
//! Stripe retries a failed webhook delivery for three days and keeps
//! events for 30. A job that lists the identity events not delivered
//! since a time feeds each to the handler the webhook endpoint calls:
//!
//! ```no_run
//! # #[cfg(feature = "blocking-http")]
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use stripe_client::Client;
//! use stripe_identity::{Event, EventObject, ListEvent};
//! use stripe_shared::RangeQuerySpecs;
//!
//! /// What the webhook endpoint calls with each verified event, too.
//! fn handle(event: &Event) {
//!     if let EventObject::IdentityVerificationSession(session) = &event.data.object {
//!         println!("{} {}: {:?}", event.id, session.id, session.status);
//!     }
//! }
//!
//! let client = Client::new(&std::env::var("STRIPE_SECRET_KEY")?)?;
//! let since = 1_700_000_000; // the last time the job ran
//! let mut missed = ListEvent::new();
//! missed.types = vec![
//!     "identity.verification_session.verified".into(),
//!     "identity.verification_session.requires_input".into(),
//! ];
//! missed.created = Some(RangeQuerySpecs { gte: Some(since), ..RangeQuerySpecs::new() }.into());
//! missed.delivery_success = Some(false);
//! missed.limit = Some(100);
//! for event in client.pages(missed) {
//!     handle(&event?);
//! }
//! // One event again, by the id a log or a support ticket gives.
//! let event = client.send(&stripe_identity::RetrieveEvent::new("evt_1Pgc7xB7WZ01zgkW"))?;
//! handle(&event);
//! # Ok(()) }
//! # #[cfg(not(feature = "blocking-http"))]
//! # fn main() {}
//! ```
//!
//! # Recipe: the images of a verification, with a restricted key
//!
//! A verification report names its document and selfie images as file
//! ids. Stripe advises reading them, and other sensitive verified outputs,
//! with a restricted key (`rk_...`) that may do only that: give it to the
//! requests that need it with `RequestOptions::api_key`. Then either
//! create a short-lived file link (its `url` needs no key: hand it to a
//! reviewer's browser) or download the contents (bounded in memory by
//! `RequestOptions::max_answer_bytes`):
//!
//! ```no_run
//! # #[cfg(feature = "blocking-http")]
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use stripe_client::{Client, RequestOptions};
//! use stripe_identity::{IdentityVerificationSessionExpand, RetrieveIdentityVerificationSession};
//! use stripe_shared::{CreateFileLink, RetrieveFile};
//! use stripe_types::{FileContents, Timestamp};
//!
//! let client = Client::new(&std::env::var("STRIPE_SECRET_KEY")?)?;
//! let images = RequestOptions::new().api_key(&std::env::var("STRIPE_IMAGES_KEY")?)?;
//!
//! let mut retrieve = RetrieveIdentityVerificationSession::new("vs_1Pgc76B7WZ01zgkW");
//! retrieve.expand = vec![IdentityVerificationSessionExpand::LastVerificationReport];
//! let session = client.send_with(&retrieve, &images)?.value;
//! let report = session.last_verification_report.into_option().and_then(|r| r.into_object());
//! let Some(report) = report else { return Ok(()) };
//! let mut files: Vec<String> = Vec::new();
//! if let Some(document) = report.document {
//!     files.extend(document.files.into_option().unwrap_or_default());
//! }
//! if let Some(selfie) = report.selfie {
//!     files.extend(selfie.document.into_option());
//!     files.extend(selfie.selfie.into_option());
//! }
//! for file in files {
//!     // A link that expires in ten minutes.
//!     let mut link = CreateFileLink::new(file.clone());
//!     link.expires_at = Some(Timestamp(report.created.0 + 600));
//!     let link = client.send_with(&link, &images)?.value;
//!     println!("{file}: {:?}", link.url.into_option());
//!
//!     // Or the bytes themselves.
//!     let about = client.send_with(&RetrieveFile::new(file.clone()), &images)?.value;
//!     if let Some(url) = about.url.into_option() {
//!         let options = images.clone().max_answer_bytes(20 * 1024 * 1024);
//!         let bytes = client.send_with(&FileContents::new(&url)?, &options)?.value;
//!         println!("{file}: {} bytes", bytes.len());
//!     }
//! }
//! # Ok(()) }
//! # #[cfg(not(feature = "blocking-http"))]
//! # fn main() {}
//! ```
//!
//! # Uploads and downloads
//!
//! `stripe_shared::CreateFile` is a `multipart/form-data` upload
//! (`stripe_types::FileUpload`: bytes, file name, media type; `FileUpload::read`
//! reads a file and names its path in the error) sent to
//! `https://files.stripe.com` (`with_files_base` points a client's uploads
//! and downloads elsewhere, as `with_base` does its API requests).
//! `stripe_types::FileContents` downloads a file's `url`, and takes only
//! URLs on that host, so the key goes nowhere else. Answers are read into
//! memory whole, at most `max_answer_bytes` (default
//! `DEFAULT_MAX_ANSWER_BYTES`, 10 MiB); a longer one is an error naming
//! the limit, and is not read further.
//!
//! # Public API
//!
//! `Client` (feature `blocking` or `blocking-http`), `AsyncClient` and
//! `SleepFuture` (`async` or `async-http`); with either, `RequestOptions`,
//! `Answer`, `ClientError`, `ClientErrorKind`, `KeyError`, `API_BASE`,
//! `FILES_BASE`, `DEFAULT_MAX_ANSWER_BYTES`, `ProxyError`, `AppInfoError`,
//! `BINDINGS_VERSION`; `Pages` (blocking); always, [`new_idempotency_key`]
//! (for requests sent another way).
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
mod options;
#[cfg(any(feature = "blocking-http", feature = "async-http"))]
mod pages;
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
pub use options::DEFAULT_MAX_ANSWER_BYTES;
#[cfg(feature = "blocking-http")]
pub use pages::Pages;
#[cfg(any(feature = "blocking-http", feature = "async-http"))]
pub use proxy::ProxyError;
pub use random::new_idempotency_key;
#[cfg(any(feature = "blocking-http", feature = "async-http"))]
pub use send::{
    Answer, ClientError, ClientErrorKind, KeyError, RequestOptions, API_BASE, FILES_BASE,
};
