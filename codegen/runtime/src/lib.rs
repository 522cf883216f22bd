//! Runtime support shared by the generated Stripe model crates.
//!
//! The generated crates depend only on this crate and on `serde`. Everything
//! here is hand-written and small on purpose: it is compiled once, while the
//! generated code that uses it is compiled per type.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod de;
mod expandable;
mod id;
mod nullable;
mod number;
mod redact;
mod timestamp;
mod unknown;

pub use expandable::{Expandable, Object};
pub use id::Id;
pub use nullable::Nullable;
pub use number::Number;
pub use redact::Redacted;
pub use timestamp::Timestamp;
pub use unknown::UnknownFields;
