//! The crates' planned files -> formatted files -> disk.
//!
//! Takes an [`emit::crates::Plan`](crate::emit::crates::Plan); gives
//! [`File`]s: Rust formatted (`format.rs`: syn, prettyplease and the
//! layout of the runtime macros' lists), several files at once on as many
//! threads as asked; then (`write.rs`) written all or nothing, or compared
//! with what is on disk.

mod format;
mod write;

pub use format::{format, format_file};
pub use write::{drift, replace_tree, Drift};

use crate::emit::crates::Plan;
use crate::error::Error;

/// One output file, its path relative to the output directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    /// Such as `stripe-identity/src/lib.rs`.
    pub path: String,
    /// The formatted contents.
    pub contents: String,
}

/// File `i` of `plan`, emitted and formatted.
pub fn file(plan: &Plan<'_>, i: usize) -> Result<File, Error> {
    format_file(plan, i, plan.tokens(i))
}

/// Every file of `plan`, in order, made on up to `threads` threads.
///
/// Tokens cannot move between threads (`proc_macro2` streams are not
/// `Send`), so each thread emits and formats whole files.
pub fn files(plan: &Plan<'_>, threads: usize) -> Result<Vec<File>, Error> {
    let indices: Vec<usize> = (0..plan.len()).collect();
    crate::parallel::map(&indices, threads, |&i| file(plan, i))
        .into_iter()
        .collect()
}
