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
pub mod diff;
pub mod emit;
pub mod error;
mod graph;
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
    Ok(layout::items(&space))
}

/// Checks that a redaction names a top-level property of a schema the spec
/// has: a misspelt redaction would leave a secret in `Debug` output without
/// a word.
pub fn check_redaction(spec: &spec::Spec<'_>, field: &config::FieldRef) -> Result<(), Error> {
    use openapiv3::{ReferenceOr, SchemaKind, Type};

    let pointer = error::schema_pointer(&field.schema);
    let Some(schema) = spec.schema(&field.schema) else {
        let close = spec::closest_names(spec.schema_names(), &field.schema, 3);
        return Err(Error::config(format!(
            "the spec has no schema `{}`; the closest names are: {}",
            field.schema,
            close.join(", ")
        )));
    };
    let properties = match schema? {
        ReferenceOr::Item(schema) => match schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => o.properties,
            SchemaKind::Any(any) => any.properties,
            _ => Default::default(),
        },
        ReferenceOr::Reference { .. } => Default::default(),
    };
    if properties.contains_key(&field.property) {
        return Ok(());
    }
    if properties.is_empty() {
        return Err(Error::at(
            pointer,
            format!(
                "schema `{}` has no properties, so there is no `{}` to redact",
                field.schema, field.property
            ),
        ));
    }
    let close = spec::closest_names(properties.keys().map(String::as_str), &field.property, 3);
    Err(Error::at(
        error::push_pointer(&pointer, "properties"),
        format!(
            "schema `{}` has no property `{}`; the closest are: {}",
            field.schema,
            field.property,
            close.join(", ")
        ),
    ))
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
            "the spec has no schema `sesion`; the closest names are: session, status"
        );
        let e = check_redaction(&spec, &field("session", "client_secrett")).unwrap_err();
        assert_eq!(e.pointer, "#/components/schemas/session/properties");
        assert!(
            e.message
                .contains("no property `client_secrett`; the closest are: client_secret, url"),
            "{e}"
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
