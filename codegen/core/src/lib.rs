//! Generates Rust model types from Stripe's OpenAPI spec.
//!
//! The pipeline has five stages, one module each, every stage reading only
//! the output of the one before (ARCHITECTURE.md draws it):
//!
//! 1. [`spec`]: the spec model, parsed lazily from the JSON text, and the
//!    closure of schemas a set of roots reaches;
//! 2. [`resolve`] builds the [`ir`]: every type named and resolved;
//! 3. [`placement`] decides the crate and the module of every type;
//! 4. [`emit`] turns the IR and the placement into Rust tokens (and the
//!    crates' manifests);
//! 5. [`output`] formats the files and writes them to disk, all or nothing.
//!
//! `cargo xtask generate` and the `stripe_codegen_macro::generate!` macro
//! are thin front ends over [`generate_crates`] and [`generate_items`].
//!
#![doc = include_str!("../../../docs/generator.md")]
#![forbid(unsafe_code)]

pub mod config;
pub mod diff;
pub mod emit;
pub mod error;
mod graph;
pub mod ir;
pub mod names;
pub mod output;
mod parallel;
pub mod placement;
pub mod resolve;
pub mod spec;

pub use config::{check_redaction, Config};
pub use emit::crates::LayoutOptions;
pub use error::Error;
pub use output::File;

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
    let placement = placement::place(&space, config);
    let plan = emit::crates::plan(&space, &placement, options);
    let files = output::files(&plan, parallel::threads())?;
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
    generate_items_from(&spec, config)
}

/// [`generate_items`] from a spec parsed already, so that a caller can
/// parse once and generate for several configurations (the macro, when it
/// looks for the argument an error is about).
pub fn generate_items_from(
    spec: &spec::Spec<'_>,
    config: &Config,
) -> Result<proc_macro2::TokenStream, Error> {
    let space = resolve::resolve(spec, config)?;
    Ok(emit::items(&space))
}

#[cfg(test)]
mod tests {
    use super::*;
    use config::FieldRef;

    const SPEC: &str = r#"{"openapi":"3.0.0","info":{"version":"1"},"components":{"schemas":{
        "session":{"type":"object","properties":{"client_secret":{"type":"string"},"url":{"type":"string"}}},
        "status":{"type":"string","enum":["open"]}}}}"#;

    fn field(schema: &str, property: &str) -> FieldRef {
        FieldRef {
            schema: schema.into(),
            property: property.into(),
        }
    }

    #[test]
    fn redactions_must_name_a_property_the_spec_has() {
        let spec = spec::Spec::parse(SPEC).unwrap();
        check_redaction(&spec, &field("session", "client_secret")).unwrap();
        let e = check_redaction(&spec, &field("sesion", "url")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "redact: the spec has no schema `sesion`; the closest names are: session, status"
        );
        let e = check_redaction(&spec, &field("session", "client_secrett")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "redact: schema `session` has no property `client_secrett` \
             (#/components/schemas/session/properties); the closest are: client_secret, url"
        );
        let e = check_redaction(&spec, &field("status", "open")).unwrap_err();
        assert!(e.message.contains("has no properties"), "{e}");
    }

    #[test]
    fn items_from_a_parsed_spec_are_those_from_its_text() {
        let config = Config::single_crate("x", vec!["session".into()]);
        let spec = spec::Spec::parse(SPEC).unwrap();
        assert_eq!(
            generate_items_from(&spec, &config).unwrap().to_string(),
            generate_items(SPEC, &config).unwrap().to_string()
        );
    }
}
