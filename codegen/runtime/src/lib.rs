//! Runtime support shared by the generated Stripe model crates.
//!
//! The generated crates depend only on this crate and on `serde`. Everything
//! here is hand-written and small on purpose: it is compiled once, while the
//! generated code that uses it is compiled per type. [`request`] holds what
//! the generated operations build on; the `blocking` feature adds a small
//! blocking HTTP client, the `async` feature an async one, and the `webhooks`
//! feature the check of Stripe's webhook signatures ([`webhook`]).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod de;
mod expandable;
mod foreign;
mod id;
pub mod json;
mod nullable;
mod number;
mod object;
mod redact;
pub mod request;
mod string_enum;
mod timestamp;
mod union;
mod unknown;
pub mod webhook;

pub use expandable::{Expandable, Object};
pub use foreign::{ObjectId, RawObject};
pub use id::Id;
pub use nullable::Nullable;
pub use number::Number;
pub use redact::Redacted;
pub use request::form;
#[cfg(feature = "async-http")]
pub use request::AsyncClient;
#[cfg(feature = "blocking-http")]
pub use request::Client;
#[cfg(any(feature = "blocking-http", feature = "async-http"))]
pub use request::{Answer, ClientError, ClientErrorKind, KeyError, RequestOptions};
pub use request::{ApiErrorSummary, List, Method, Operation, Request, ResponseError, Unsettable};
pub use timestamp::Timestamp;
pub use unknown::UnknownFields;
pub use webhook::WebhookEvent;

/// What the macros' expansions name, so that they do not depend on the
/// calling crate's dependencies.
#[doc(hidden)]
pub mod __private {
    pub use serde;
}

/// The error of the generated `from_json` and `to_json`, with the line
/// and column where reading stopped.
pub use json::Error as JsonError;

/// The JSON text in `bytes`, for the generated `from_json_slice`, which
/// then reads it with `from_json`. The error names where the UTF-8 breaks.
pub fn json_text(bytes: &[u8]) -> Result<&str, JsonError> {
    std::str::from_utf8(bytes).map_err(|e| {
        // The column of the first byte that is not UTF-8, after the last good one.
        let (line, column) = json::line_column(&bytes[..e.valid_up_to()]);
        JsonError::at("invalid UTF-8", line, column + 1)
    })
}
