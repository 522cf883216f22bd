//! Runtime support shared by the generated Stripe model crates.
//!
//! The generated crates depend only on this crate and on `serde`. Everything
//! here is hand-written and small on purpose: it is compiled once, while the
//! generated code that uses it is compiled per type. [`request`] holds what
//! the generated operations build on; the `blocking` feature adds a small
//! HTTP client.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod de;
mod expandable;
mod foreign;
mod id;
mod nullable;
mod number;
mod redact;
pub mod request;
mod timestamp;
mod unknown;

pub use expandable::{Expandable, Object};
pub use foreign::{ObjectId, RawObject};
pub use id::Id;
pub use nullable::Nullable;
pub use number::Number;
pub use redact::Redacted;
pub use request::form;
#[cfg(feature = "blocking-http")]
pub use request::{Client, ClientError};
pub use request::{List, Method, Operation, Request, ResponseError, Unsettable};
pub use timestamp::Timestamp;
pub use unknown::UnknownFields;
