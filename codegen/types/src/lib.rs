//! The model runtime of the generated Stripe crates, and requests without
//! I/O.
//!
//! Every generated crate (such as `stripe-identity`) depends on this crate
//! and on `serde`, and on nothing else: it is compiled once, while the
//! generated code that uses it is compiled per type. It holds two things.
//!
//! **The types generated fields are made of.**
//!
//! | Stripe sends | the field is |
//! |---|---|
//! | an id or, when expanded, the object (`x-expansionResources`) | [`Expandable<T>`] |
//! | an optional field that may be `null` | [`Nullable<T>`]: `Absent`, `Null` or `Value`, each written back as it came |
//! | a Unix time | [`Timestamp`] |
//! | an object's id | [`Id<T>`], typed by what it names |
//! | a secret (`client_secret`, say) | [`Redacted<T>`]: `Debug` never shows it |
//! | a number wider than `i64` or `f64` | [`Number`], kept as written |
//! | an object of a type the crate does not know | [`RawObject`], kept as the text that came |
//! | keys a newer API version added | [`UnknownFields`], written back as they came |
//!
//! ```
//! use stripe_types::{Nullable, Timestamp};
//!
//! let cleared: Nullable<String> = serde_json::from_str("null").unwrap();
//! assert!(cleared.is_null());
//!
//! let created: Timestamp = serde_json::from_str("1700000000").unwrap();
//! assert_eq!(created.as_secs(), 1_700_000_000);
//! ```
//!
//! **Requests without I/O.** A generated operation (such as
//! `CreateIdentityVerificationSession`) implements [`Operation`]: it gives
//! a [`Request`] (method, path, query, form body, headers) that any HTTP
//! stack can send, and reads the answer's status and body into the typed
//! resource or a typed Stripe error ([`ResponseError`]). [`List<T>`] is a
//! page of a list, [`form`] the form encoding Stripe reads, and
//! [`request::retry::RetryPolicy`] when to send again, all without I/O. The
//! clients that send requests are in `stripe-client`; the check of
//! webhook signatures is in `stripe-webhook`.
//!
//! ```
//! use stripe_types::{form::Form, Method, Request};
//!
//! let mut form = Form::new();
//! form.field("return_url", "https://example.com/done");
//! let request = Request::new(Method::Post, "/v1/identity/verification_sessions".into(), form)
//!     .with_header(stripe_types::request::header::STRIPE_VERSION, "2026-07-29.dahlia");
//! assert_eq!(request.body.as_deref(), Some("return_url=https%3A%2F%2Fexample.com%2Fdone"));
//! ```
//!
//! # Public API
//!
//! The types above, [`WebhookEvent`] (the trait the generated `Event`
//! implements), [`JsonError`] (the error of the generated `from_json`), and
//! the modules [`request`] (with [`request::header`] and [`retry`](request::retry))
//! and [`form`]. The macros at the crate root (`object!`, `string_enum!`,
//! `operation!`, ...) and the module `__private` are what the generated
//! code expands to: hidden from the docs, and not covered by semver.
//!
//! # Features
//!
//! - `json`: a JSON reader and writer for every generated type (what the
//!   generated crates' own `json` feature turns on). The generated
//!   `from_json`, `from_json_slice` and `to_json` use them; they accept
//!   and refuse exactly what serde does, faster.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod de;
mod event;
mod expandable;
mod foreign;
mod id;
mod json;
mod nullable;
mod number;
mod object;
mod redact;
pub mod request;
mod string_enum;
mod timestamp;
mod unknown;

pub use event::WebhookEvent;
pub use expandable::{Expandable, Object};
pub use foreign::{ObjectId, RawObject};
pub use id::Id;
pub use nullable::Nullable;
pub use number::Number;
pub use redact::Redacted;
pub use request::form;
pub use request::{ApiErrorSummary, List, Method, Operation, Request, ResponseError, Unsettable};
pub use timestamp::Timestamp;
pub use unknown::UnknownFields;

/// The error of the generated `from_json` and `to_json`, with the line
/// and column where reading stopped.
pub use json::Error as JsonError;

/// What the generated code and the runtime's macros expand to. Not part of
/// the public API: names here change without notice.
#[doc(hidden)]
pub mod __private {
    pub use serde;

    pub use crate::request::{parse_bytes, parse_json, read_bytes, read_json};

    /// Reading generated types with serde: objects filled in place, unions.
    pub mod de {
        pub use crate::de::*;
    }

    /// The crate's own JSON reader and writer (feature `json`).
    pub mod json {
        pub use crate::json::*;
    }

    /// The JSON text in `bytes`, for the generated `from_json_slice`, which
    /// then reads it with `from_json`. The error names where the UTF-8 breaks.
    pub fn json_text(bytes: &[u8]) -> Result<&str, crate::JsonError> {
        std::str::from_utf8(bytes).map_err(|e| {
            // The column of the first byte that is not UTF-8, after the last good one.
            let (line, column) = crate::json::line_column(&bytes[..e.valid_up_to()]);
            crate::JsonError::at("invalid UTF-8", line, column + 1)
        })
    }
}

/// Expands to its first block when this crate's `json` feature is on, to
/// the `else` block (or nothing) when it is off: the runtime's macros read
/// the feature here, where it is declared, not in the crate that calls them.
#[cfg(feature = "json")]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_json {
    ({ $($yes:tt)* } else { $($no:tt)* }) => { $($yes)* };
    ($($yes:tt)*) => { $($yes)* };
}

/// See the `json` feature's twin above.
#[cfg(not(feature = "json"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_json {
    ({ $($yes:tt)* } else { $($no:tt)* }) => { $($no)* };
    ($($yes:tt)*) => {};
}
