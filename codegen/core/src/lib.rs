//! Generates Rust model types from Stripe's OpenAPI spec.
//!
//! The pipeline has four stages, one module each, every stage reading only
//! the output of the one before:
//!
//! 1. [`spec`]: the spec model, parsed lazily from the JSON text;
//! 2. [`resolve`] builds the [`ir`]: every type named and resolved;
//! 3. [`emit`] turns the IR into Rust tokens;
//! 4. [`layout`] splits the tokens into crates and formats the files, and
//!    [`output`] writes them to disk, all or nothing.
//!
//! `cargo xtask generate` and the `stripe_codegen_macro::generate!` macro
//! are thin front ends over [`generate_crates`] and [`generate_items`].
#![forbid(unsafe_code)]

pub mod config;
pub mod emit;
pub mod error;
pub mod ir;
pub mod layout;
pub mod names;
pub mod output;
pub mod resolve;
pub mod spec;

pub use config::Config;
pub use error::Error;
pub use layout::{File, LayoutOptions};

/// What a crate-generating run produced.
#[derive(Debug)]
pub struct Generated {
    /// The files, paths relative to the output directory.
    pub files: Vec<File>,
    /// Where no precise type could be given.
    pub degraded: Vec<ir::Degraded>,
    /// The spec's API version.
    pub spec_version: String,
}

/// Spec JSON -> the files of the configured crates.
pub fn generate_crates(
    spec_json: &str,
    config: &Config,
    options: &LayoutOptions,
) -> Result<Generated, Error> {
    let spec = spec::Spec::parse(spec_json)?;
    let space = resolve::resolve(&spec, config)?;
    let files = layout::crates(&space, options)?;
    Ok(Generated {
        files,
        degraded: space.degraded,
        spec_version: space.spec_version,
    })
}

/// Spec JSON -> the items of every configured type, in one token stream
/// (what the macro expands to).
pub fn generate_items(spec_json: &str, config: &Config) -> Result<proc_macro2::TokenStream, Error> {
    let spec = spec::Spec::parse(spec_json)?;
    let space = resolve::resolve(&spec, config)?;
    Ok(layout::items(&space))
}
