//! The expansion of `generate!`, over `proc_macro2` tokens so that tests,
//! examples and benchmarks can run it outside the compiler.
//!
//! Reading the arguments and the spec file is all this module does; every
//! mapping rule is the generator core's ([`stripe_codegen::generate_items_from`]).
//! Its errors are turned into `syn::Error`s spanned on the argument they
//! are about.

use std::path::{Component, Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

use stripe_codegen::config::{
    Config, EventsConfig, FieldRef, MissingRefs, NullableStyle, UnknownFieldsStyle,
};
use stripe_codegen::error::ErrorKind;
use stripe_codegen::spec::{closest_names, Spec};
use stripe_codegen::Error;

/// The options `generate!` takes, in the order the documentation lists them.
const OPTIONS: &[&str] = &[
    "spec",
    "roots",
    "derives",
    "redact",
    "nullable",
    "unknown_fields",
    "requests",
    "missing_refs",
    "events",
    "event_types",
];

/// The name every expansion gives its one crate; it appears nowhere in the
/// items.
const CRATE: &str = "generated";

/// Expands `generate! { ... }`: `input` is what is between the braces,
/// `manifest_dir` the calling crate's `CARGO_MANIFEST_DIR`, which relative
/// spec paths start from.
pub fn expand(input: TokenStream, manifest_dir: &Path) -> syn::Result<TokenStream> {
    let args: Args = syn::parse2(input)?;
    let spec_arg = args.spec.ok_or_else(|| {
        syn::Error::new(
            Span::call_site(),
            "missing `spec = \"PATH\"`: the path of Stripe's OpenAPI spec (JSON), \
             relative to the crate's directory (CARGO_MANIFEST_DIR)",
        )
    })?;
    let requests = args.requests.unwrap_or_default();
    let roots = args
        .roots
        .or_else(|| requests.span.map(|_| List::default()))
        .ok_or_else(|| {
            syn::Error::new(
                Span::call_site(),
                "missing `roots = [\"SCHEMA\", ...]`: the schemas to generate, such as \
             `roots = [\"identity.verification_session\"]`",
            )
        })?;
    let derives = args.derives.unwrap_or_default();
    let redact = args.redact.unwrap_or_default();

    let mut config = Config::single_crate(CRATE, roots.values());
    if let Some(style) = &args.nullable {
        config.nullable = match style.value().as_str() {
            "exact" => NullableStyle::Exact,
            "option" => NullableStyle::Option,
            other => {
                return Err(syn::Error::new(
                    style.span(),
                    format!(
                        "`nullable` is \"exact\" (absent, null and a value kept apart, \
                         the default) or \"option\" (`Option<T>`), not {other:?}"
                    ),
                ))
            }
        };
    }
    if let Some(style) = &args.unknown_fields {
        config.unknown_fields = match style.value().as_str() {
            "keep" => UnknownFieldsStyle::Keep,
            "drop" => UnknownFieldsStyle::Drop,
            other => {
                return Err(syn::Error::new(
                    style.span(),
                    format!(
                        "`unknown_fields` is \"keep\" (kept and written back, the default) or \
                         \"drop\" (skipped), not {other:?}"
                    ),
                ))
            }
        };
    }
    if let Some(style) = &args.missing_refs {
        config.missing_refs = match style.value().as_str() {
            "error" => MissingRefs::Error,
            "raw" => MissingRefs::Raw,
            "id" => MissingRefs::Id,
            other => {
                return Err(syn::Error::new(
                    style.span(),
                    format!(
                        "`missing_refs` is \"error\" (the default), \"raw\" (the JSON as it \
                         came) or \"id\" (only the object's id), not {other:?}"
                    ),
                ))
            }
        };
    }
    for (i, path) in requests.items.iter().enumerate() {
        let mut alone = Config::single_crate(CRATE, Vec::new());
        alone.requests = vec![path.value()];
        alone.validate().map_err(|e| {
            syn::Error::new(
                path.span(),
                e.message.replace("requests[0]", &format!("requests[{i}]")),
            )
        })?;
        config.requests.push(path.value());
    }
    for derive in &derives.items {
        let mut alone = Config::single_crate(CRATE, Vec::new());
        alone.derives = vec![derive.value()];
        alone
            .validate()
            .map_err(|e| syn::Error::new(derive.span(), e.message))?;
        config.derives.push(derive.value());
    }

    let event_types = args.event_types.unwrap_or_default();
    if let Some(schema) = &args.events {
        config.events = Some(EventsConfig {
            schema: schema.value(),
            types: event_types.values(),
            carries: Vec::new(),
        });
        config
            .validate()
            .map_err(|e| events_error(schema, &event_types, &e))?;
    } else if let Some(first) = event_types.items.first() {
        return Err(syn::Error::new(
            first.span(),
            "`event_types` names the types of the event envelope: give the envelope too, \
             `events = \"event\"`",
        ));
    }

    let path = manifest_dir.join(spec_arg.value());
    let json = read_spec(&spec_arg, &path)?;
    let spec = Spec::parse(&json).map_err(|e| spec_error(&spec_arg, &e))?;

    for entry in &redact.items {
        let field = field_ref(entry)?;
        stripe_codegen::check_redaction(&spec, &field).map_err(|e| {
            syn::Error::new(
                entry.span(),
                format!(
                    "{}; `redact` takes `\"SCHEMA.PROPERTY\"` entries naming top-level \
                     properties",
                    e.message
                ),
            )
        })?;
        config.redact.push(field);
    }

    let items = stripe_codegen::generate_items_from(&spec, &config).map_err(|e| match &e.kind {
        ErrorKind::Config { key, .. } if key.starts_with("events.") => {
            // Only given with `events`.
            events_error(args.events.as_ref().unwrap_or(&spec_arg), &event_types, &e)
        }
        _ => generation_error(&spec_arg, &roots, &requests, &e),
    })?;

    let tracked = tracked_path(&spec_arg, &path)?;
    Ok(quote! {
        // Makes the crate depend on the spec file: editing it rebuilds.
        const _: &[u8] = include_bytes!(#tracked);
        #items
    })
}

/// A bracketed list of string literals.
#[derive(Default)]
struct List {
    span: Option<Span>,
    items: Vec<LitStr>,
}

impl List {
    fn values(&self) -> Vec<String> {
        self.items.iter().map(LitStr::value).collect()
    }

    fn span(&self) -> Span {
        self.span.unwrap_or_else(Span::call_site)
    }
}

#[derive(Default)]
struct Args {
    spec: Option<LitStr>,
    roots: Option<List>,
    derives: Option<List>,
    redact: Option<List>,
    nullable: Option<LitStr>,
    unknown_fields: Option<LitStr>,
    requests: Option<List>,
    missing_refs: Option<LitStr>,
    events: Option<LitStr>,
    event_types: Option<List>,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut args = Args::default();
        while !input.is_empty() {
            let key: Ident = input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    format!("expected an option name: one of {}", option_list()),
                )
            })?;
            let name = key.to_string();
            if !OPTIONS.contains(&name.as_str()) {
                let closest = closest_names(OPTIONS.iter().copied(), &name, 1);
                return Err(syn::Error::new(
                    key.span(),
                    format!(
                        "unknown option `{name}` (did you mean `{}`?): the options are {}",
                        closest.join(""),
                        option_list()
                    ),
                ));
            }
            input.parse::<Token![=]>().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    format!(
                        "expected `=` after `{name}`: write `{name} = {}`",
                        example(&name)
                    ),
                )
            })?;
            let given_twice = match name.as_str() {
                "spec" => args.spec.replace(parse_string(input, &name)?).is_some(),
                "roots" => args.roots.replace(parse_list(input, &name)?).is_some(),
                "derives" => args.derives.replace(parse_list(input, &name)?).is_some(),
                "nullable" => args.nullable.replace(parse_string(input, &name)?).is_some(),
                "requests" => args.requests.replace(parse_list(input, &name)?).is_some(),
                "missing_refs" => args
                    .missing_refs
                    .replace(parse_string(input, &name)?)
                    .is_some(),
                "unknown_fields" => args
                    .unknown_fields
                    .replace(parse_string(input, &name)?)
                    .is_some(),
                "events" => args.events.replace(parse_string(input, &name)?).is_some(),
                "event_types" => args
                    .event_types
                    .replace(parse_list(input, &name)?)
                    .is_some(),
                _ => args.redact.replace(parse_list(input, &name)?).is_some(),
            };
            if given_twice {
                return Err(syn::Error::new(
                    key.span(),
                    format!("`{name}` is given twice: keep one"),
                ));
            }
            if !input.is_empty() {
                input
                    .parse::<Token![,]>()
                    .map_err(|e| syn::Error::new(e.span(), "expected `,` between options"))?;
            }
        }
        Ok(args)
    }
}

fn option_list() -> String {
    OPTIONS
        .iter()
        .map(|o| format!("`{o}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn example(option: &str) -> &'static str {
    match option {
        "spec" => "\"path/to/spec3.json\"",
        "roots" => "[\"identity.verification_session\", \"gelato_*\"]",
        "derives" => "[\"Eq\", \"Hash\"]",
        "nullable" => "\"option\"",
        "unknown_fields" => "\"drop\"",
        "requests" => "[\"/v1/identity/*\"]",
        "missing_refs" => "\"raw\"",
        "events" => "\"event\"",
        "event_types" => "[\"identity.verification_session.verified\"]",
        _ => "[\"identity.verification_session.client_secret\"]",
    }
}

fn parse_string(input: ParseStream<'_>, option: &str) -> syn::Result<LitStr> {
    input.parse::<LitStr>().map_err(|e| {
        syn::Error::new(
            e.span(),
            format!(
                "`{option}` takes a string literal: `{option} = {}`",
                example(option)
            ),
        )
    })
}

fn parse_list(input: ParseStream<'_>, option: &str) -> syn::Result<List> {
    let malformed = |span: Span| {
        syn::Error::new(
            span,
            format!(
                "`{option}` takes a list of string literals: `{option} = {}`",
                example(option)
            ),
        )
    };
    if !input.peek(syn::token::Bracket) {
        return Err(malformed(input.span()));
    }
    let content;
    let bracket = syn::bracketed!(content in input);
    let mut items = Vec::new();
    while !content.is_empty() {
        items.push(content.parse::<LitStr>().map_err(|e| malformed(e.span()))?);
        if !content.is_empty() {
            content
                .parse::<Token![,]>()
                .map_err(|e| malformed(e.span()))?;
        }
    }
    Ok(List {
        span: Some(bracket.span.join()),
        items,
    })
}

/// `"schema.name.property"` -> the property after the last dot of the
/// schema it follows (schema names have dots, Stripe's property names do
/// not).
fn field_ref(entry: &LitStr) -> syn::Result<FieldRef> {
    let value = entry.value();
    match value.rsplit_once('.') {
        Some((schema, property)) if !schema.is_empty() && !property.is_empty() => Ok(FieldRef {
            schema: schema.to_string(),
            property: property.to_string(),
        }),
        _ => Err(syn::Error::new(
            entry.span(),
            format!(
                "`{value}` is not `SCHEMA.PROPERTY`: write the schema name, a dot and the \
                 property, such as `\"identity.verification_session.client_secret\"`"
            ),
        )),
    }
}

/// Reads the spec file; a missing file says where it was looked for.
fn read_spec(arg: &LitStr, path: &Path) -> syn::Result<String> {
    let shown = lexically_normal(path);
    let bytes = std::fs::read(path).map_err(|e| {
        let not_found = e.kind() == std::io::ErrorKind::NotFound;
        let message = if not_found && Path::new(&arg.value()).is_absolute() {
            format!(
                "spec file not found: {}: fix the path or install the spec there",
                shown.display()
            )
        } else if not_found {
            format!(
                "spec file not found: `{}` resolves to {}; the path is relative to the \
                 directory of the crate's Cargo.toml (CARGO_MANIFEST_DIR): fix it or install \
                 the spec there",
                arg.value(),
                shown.display()
            )
        } else {
            format!("cannot read the spec file {}: {e}", shown.display())
        };
        syn::Error::new(arg.span(), message)
    })?;
    String::from_utf8(bytes).map_err(|e| {
        syn::Error::new(
            arg.span(),
            format!(
                "the spec file {} is not valid UTF-8 (at byte {}), so it is not JSON: `spec` \
                 must be an OpenAPI 3.0 document in JSON such as Stripe's spec3.json",
                shown.display(),
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// `path` without `.` and `..` components, for messages: the trybuild
/// tests reach their spec files through `..`, and a person reads the
/// result better too.
fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The spec's absolute path as a string literal for `include_bytes!`.
fn tracked_path(arg: &LitStr, path: &Path) -> syn::Result<LitStr> {
    let absolute = path.canonicalize().map_err(|e| {
        syn::Error::new(
            arg.span(),
            format!("cannot resolve {}: {e}", path.display()),
        )
    })?;
    let text = absolute.to_str().ok_or_else(|| {
        syn::Error::new(
            arg.span(),
            format!(
                "the spec's path {} is not valid UTF-8, which `include_bytes!` needs to make \
                 the crate rebuild when the spec changes: move the spec",
                absolute.display()
            ),
        )
    })?;
    Ok(LitStr::new(text, arg.span()))
}

/// An error of `Spec::parse`: the file is not JSON or not OpenAPI 3.0.
fn spec_error(arg: &LitStr, e: &Error) -> syn::Error {
    syn::Error::new(
        arg.span(),
        format!(
            "spec `{}`: {e}; `spec` must be an OpenAPI 3.0 document in JSON, such as Stripe's \
             spec3.json",
            arg.value()
        ),
    )
}

/// An error about `[events]`: on the event type it names, else on
/// `events`.
fn events_error(events: &LitStr, types: &List, e: &Error) -> syn::Error {
    let ErrorKind::Config { key, .. } = &e.kind else {
        return syn::Error::new(events.span(), e.to_string());
    };
    let at = key
        .strip_prefix("events.types[")
        .and_then(|rest| rest.strip_suffix(']'))
        .and_then(|i| i.parse::<usize>().ok());
    match at.and_then(|i| Some((i, types.items.get(i)?))) {
        Some((i, t)) => syn::Error::new(t.span(), format!("event_types[{i}]: {}", e.message)),
        None => syn::Error::new(events.span(), format!("events: {}", e.message)),
    }
}

/// An error of the generator, on the argument it is about: a problem at a
/// place in the spec goes on `spec`; one about a root (unknown, or a
/// pattern that matches nothing) on that root; any other on the list.
fn generation_error(spec_arg: &LitStr, roots: &List, requests: &List, e: &Error) -> syn::Error {
    match &e.kind {
        ErrorKind::Config { key, .. } if key.starts_with("requests[") => {
            let path = key
                .strip_prefix("requests[")
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| requests.items.get(i));
            syn::Error::new(
                path.map_or_else(|| requests.span(), LitStr::span),
                format!(
                    "{}; `requests` takes path patterns such as \"/v1/identity/*\"",
                    e.message
                ),
            )
        }
        ErrorKind::Spec { .. } => syn::Error::new(
            spec_arg.span(),
            format!(
                "spec `{}`: {}: {}; the generator cannot map this schema: choose roots that \
                 do not reach it, or fix the spec",
                spec_arg.value(),
                e.pointer(),
                e.message
            ),
        ),
        ErrorKind::Config { key, .. } => {
            let root = key
                .strip_prefix("roots[")
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| roots.items.get(i));
            match root {
                Some(root) => syn::Error::new(
                    root.span(),
                    format!(
                        "{}; roots are names of the spec's `components.schemas`, or patterns \
                         where `*` matches any run of characters",
                        e.message
                    ),
                ),
                None => syn::Error::new(roots.span(), e.to_string()),
            }
        }
        _ => syn::Error::new(roots.span(), e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_normalization_drops_dots() {
        assert_eq!(
            lexically_normal(Path::new("/a/b/./c/../../d.json")),
            Path::new("/a/d.json")
        );
        assert_eq!(lexically_normal(Path::new("../x")), Path::new("../x"));
    }
}
