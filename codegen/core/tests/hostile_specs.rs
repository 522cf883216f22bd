//! Specs written to break the generator: broken documents, and secrets.
//!
//! Broken specs must fail with one clear error naming the place (a JSON
//! pointer that exists in the spec). Names and descriptions made to break
//! the output are in `hostile_names.rs`; the crate they make is built in
//! `hostile_crate.rs`.

use std::path::{Path, PathBuf};

use crate::common;

use common::{assert_has, assert_has_code, options, rust_sources, single, spec as spec_with};
use serde_json::{json, Value};
use stripe_codegen::config::FieldRef;
use stripe_codegen::{generate_crates, Config, Error};

fn config(roots: &[&str]) -> Config {
    single("t", roots)
}

fn error_of(spec: &str, roots: &[&str]) -> Error {
    match generate_crates(spec, &config(roots), &options(false)) {
        Ok(_) => panic!("a broken spec generated code"),
        Err(e) => e,
    }
}

/// The error, after checking that its pointer names a place that exists in
/// the spec (or, for something missing, whose parent exists).
fn located_error(spec: &str, roots: &[&str]) -> String {
    let e = error_of(spec, roots);
    let document: Value = serde_json::from_str(spec).expect("test specs are JSON");
    assert!(e.pointer().starts_with('#'), "{e}");
    let pointer = &e.pointer()[1..];
    let parent = pointer.rsplit_once('/').map_or("", |(p, _)| p);
    assert!(
        document.pointer(pointer).is_some() || document.pointer(parent).is_some(),
        "the error's pointer is nowhere in the spec: {e}"
    );
    let line = e.to_string();
    assert_eq!(line.lines().count(), 1, "one line: {line:?}");
    line
}

// ---- Broken specs: each error, word for word.

#[test]
fn not_json() {
    assert_eq!(
        error_of("{nope", &["a"]).to_string(),
        "#: the spec is not valid JSON: key must be a string at line 1 column 2"
    );
    assert_eq!(
        error_of("", &["a"]).to_string(),
        "#: the spec is not valid JSON: EOF while parsing a value at line 1 column 0"
    );
}

#[test]
fn json_that_is_not_openapi_3() {
    assert_eq!(
        error_of(r#"{"swagger": "2.0", "info": {"version": "1"}}"#, &["a"]).to_string(),
        "#/openapi: missing: this is not an OpenAPI 3 document"
    );
    assert_eq!(
        error_of(r#"{"openapi": "3.1.0", "info": {"version": "1"}}"#, &["a"]).to_string(),
        "#/openapi: version `3.1.0` is not supported: only OpenAPI 3.0 documents are"
    );
    assert_eq!(
        error_of(r#"{"openapi": 3}"#, &["a"]).to_string(),
        "#/openapi: must be a string such as \"3.0.0\""
    );
    assert_eq!(
        error_of("[1, 2]", &["a"]).to_string(),
        "#: the spec is not an OpenAPI document: it is JSON, but not an object"
    );
    assert_eq!(
        error_of(r#"{"openapi": "3.0.0", "info": {"version": "1"}}"#, &["a"]).to_string(),
        "#/components/schemas: missing: the spec defines no schemas"
    );
}

#[test]
fn ref_to_a_missing_schema() {
    let spec = spec_with(json!({
        "a": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/adress"}}},
        "address": {"type": "object", "properties": {}}
    }));
    assert_eq!(
        located_error(&spec, &["a"]),
        "#/components/schemas/a/properties/b: `$ref` to a schema that does not exist: `adress` (closest: address, a)"
    );
    // A reference out of the components is named as such.
    let spec = spec_with(json!({
        "a": {"type": "object", "properties": {"b": {"$ref": "other.json#/x"}}}
    }));
    assert_eq!(
        located_error(&spec, &["a"]),
        "#/components/schemas/a/properties/b: `$ref: other.json#/x` is not supported: only references to `#/components/schemas/NAME` are"
    );
}

#[test]
fn ref_loop_with_no_object_in_between() {
    let spec = spec_with(json!({
        "holder": {"type": "object", "properties": {"x": {"$ref": "#/components/schemas/a"}}},
        "a": {"$ref": "#/components/schemas/b"},
        "b": {"anyOf": [{"$ref": "#/components/schemas/a"}], "nullable": true}
    }));
    assert_eq!(
        located_error(&spec, &["holder"]),
        "#/components/schemas/b/anyOf/0: `$ref` loop with no object in between: a -> b -> a"
    );
    // A schema that is its own alias.
    let spec = spec_with(json!({"a": {"$ref": "#/components/schemas/a"}}));
    assert_eq!(
        located_error(&spec, &["a"]),
        "#/components/schemas/a: `$ref` loop with no object in between: a -> a"
    );
}

/// Generates `roots`; gives the degraded places (pointer and reason) and
/// the Rust of the crate.
fn degraded_of(spec: &str, roots: &[&str]) -> (Vec<(String, String)>, String) {
    let generated = generate_crates(spec, &config(roots), &options(false))
        .unwrap_or_else(|e| panic!("one odd field refused the whole spec: {e}"));
    let places = generated
        .degraded
        .iter()
        .map(|d| (d.pointer.clone(), d.reason.clone()))
        .collect();
    (places, rust_sources(&generated.files, false))
}

/// Well-formed constructs no Rust type says (`not`, `allOf` of several, a
/// misspelt `type`, a union member that is no object): that one field is
/// kept as JSON, with a warning naming its pointer; the rest generates.
#[test]
fn unsupported_constructs_degrade_one_field_with_a_warning() {
    let cases = [
        (
            json!({"a": {"type": "object", "properties": {"n": {"not": {"type": "string"}}, "ok": {"type": "string"}}}}),
            "#/components/schemas/a/properties/n",
            "`not` is not supported",
        ),
        (
            json!({
                "a": {"type": "object", "properties": {"n": {"allOf": [
                    {"$ref": "#/components/schemas/b"}, {"$ref": "#/components/schemas/c"}
                ]}, "ok": {"type": "string"}}},
                "b": {"type": "object", "properties": {}},
                "c": {"type": "object", "properties": {}}
            }),
            "#/components/schemas/a/properties/n",
            "`allOf` with more than one member is not supported",
        ),
        (
            json!({"a": {"type": "object", "properties": {"n": {"type": "array", "items": {"type": "strnig"}}, "ok": {"type": "string"}}}}),
            "#/components/schemas/a/properties/n/items",
            "unknown or misused type `strnig` (expected string, number, integer, boolean, object or array, with their usual keywords)",
        ),
        (
            json!({
                "a": {"type": "object", "properties": {"n": {"anyOf": [
                    {"$ref": "#/components/schemas/b"}, {"$ref": "#/components/schemas/s"}
                ]}, "ok": {"type": "string"}}},
                "b": {"type": "object", "properties": {"x": {"type": "string"}}},
                "s": {"type": "string", "enum": ["x"]}
            }),
            "#/components/schemas/a/properties/n",
            "union member `s` is not an object schema",
        ),
    ];
    for (schemas, pointer, reason) in cases {
        let spec = spec_with(schemas);
        let (degraded, out) = degraded_of(&spec, &["a"]);
        assert_eq!(
            degraded,
            [(pointer.to_string(), reason.to_string())],
            "{spec}"
        );
        let document: Value = serde_json::from_str(&spec).unwrap();
        assert!(
            document.pointer(&pointer[1..]).is_some(),
            "{pointer} is in the spec"
        );
        assert_has(&out, "pub ok: Option<String>,");
        assert!(out.contains("serde_json::Value"), "{out}");
    }
}

/// Required fields that lead back to their own object through required
/// fields only: no finite payload has them, and a struct filled in place
/// needs a finite placeholder, so each such field is kept as JSON, with a
/// warning naming it; the rest generates.
#[test]
fn a_cycle_of_required_fields_degrades_its_fields_with_a_warning() {
    let spec = spec_with(json!({
        "a": {"type": "object", "required": ["b"], "properties": {
            "b": {"$ref": "#/components/schemas/b"}, "ok": {"type": "string"}
        }},
        "b": {"type": "object", "required": ["a"], "properties": {
            "a": {"$ref": "#/components/schemas/a"}
        }}
    }));
    let (degraded, out) = degraded_of(&spec, &["a"]);
    let reason = "required, and leads back to its own object through required fields only: no finite JSON object has it";
    assert_eq!(
        degraded,
        [
            (
                "#/components/schemas/a/properties/b".to_string(),
                reason.to_string()
            ),
            (
                "#/components/schemas/b/properties/a".to_string(),
                reason.to_string()
            ),
        ]
    );
    assert_has(&out, "pub b: serde_json::Value,");
    assert_has(&out, "pub ok: Option<String>,");
    // A cycle that an optional field breaks is a finite type, kept as is.
    let spec = spec_with(json!({
        "a": {"type": "object", "required": ["b"], "properties": {
            "b": {"$ref": "#/components/schemas/b"}
        }},
        "b": {"type": "object", "properties": {
            "a": {"$ref": "#/components/schemas/a"}
        }}
    }));
    let (degraded, out) = degraded_of(&spec, &["a"]);
    assert_eq!(degraded, []);
    assert_has(&out, "pub b: B,");
}

#[test]
fn invalid_schemas_are_located_to_the_innermost_place() {
    let spec =
        spec_with(json!({"a": {"type": "object", "properties": {"b": {"anyOf": [{"type": 5}]}}}}));
    assert_eq!(
        located_error(&spec, &["a"]),
        "#/components/schemas/a/properties/b/anyOf/0: not a valid schema: `type` must be a string, found a number"
    );
    let spec = spec_with(json!({"a": [1, 2]}));
    assert_eq!(
        located_error(&spec, &["a"]),
        "#/components/schemas/a: not a valid schema: expected a schema object, found an array"
    );
}

#[test]
fn a_version_that_would_escape_the_file_header_is_refused() {
    // `info.version` lands in a comment at the top of every file and in
    // Cargo.toml: a newline there would inject code or dependencies.
    let spec = json!({
        "openapi": "3.0.0",
        "info": {"version": "1\n[dependencies]\nevil = \"1\"\npub fn evil() {}"},
        "components": {"schemas": {"a": {"type": "object", "properties": {}}}}
    })
    .to_string();
    assert_eq!(
        located_error(&spec, &["a"]),
        r#"#/info/version: "1\n[dependencies]\nevil = \"1\"\npub fn evil() {}" is not an API version such as "2023-08-16": at most 64 letters, digits, `.`, `-`, `_` or `+`"#
    );
}

#[test]
fn nesting_and_ref_chains_are_bounded_instead_of_overflowing_the_stack() {
    // 100 levels of arrays in one schema: rejected before anything recurses.
    let deep = format!(
        "{}{{\"type\":\"string\"}}{}",
        r#"{"type":"array","items":"#.repeat(99),
        "}".repeat(99)
    );
    let spec = format!(
        r#"{{"openapi":"3.0.0","info":{{"version":"1"}},"components":{{"schemas":{{"a":{deep}}}}}}}"#
    );
    let e = located_error(&spec, &["a"]);
    assert!(
        e.starts_with(&format!(
            "#/components/schemas/a{}: nested more than 32 levels deep",
            "/items".repeat(32)
        )),
        "{e}"
    );
    // A chain of 1,000 schemas that only name the next one.
    let mut schemas = serde_json::Map::new();
    for i in 0..1000 {
        schemas.insert(
            format!("s{i}"),
            json!({"$ref": format!("#/components/schemas/s{}", i + 1)}),
        );
    }
    schemas.insert("s1000".into(), json!({"type": "string"}));
    let e = located_error(&spec_with(Value::Object(schemas)), &["s0"]);
    assert_eq!(
        e,
        "#/components/schemas/s64: types nest more than 64 levels deep (through a `$ref` chain of 65 schemas, `s0` -> ... -> `s64`)"
    );
}

#[test]
fn a_long_chain_of_objects_is_fine() {
    // Objects cut the recursion: 5,000 structs each holding the next by
    // value generate (the cycle search does not recurse either).
    let mut schemas = serde_json::Map::new();
    for i in 0..5000 {
        schemas.insert(
            format!("s{i}"),
            json!({"type": "object", "properties": {"next": {"$ref": format!("#/components/schemas/s{}", i + 1)}}}),
        );
    }
    schemas.insert("s5000".into(), json!({"type": "object", "properties": {}}));
    let generated = generate_crates(
        &spec_with(Value::Object(schemas)),
        &config(&["s0"]),
        &options(false),
    )
    .expect("generates");
    assert_eq!(generated.files.len(), 5001 + 3);
}

#[test]
fn the_xtask_error_line_names_the_place_even_for_hostile_names() {
    // A schema name with a newline cannot make the error two lines.
    let spec = spec_with(json!({
        "a\nerror: forged": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/gone\nforged"}}}
    }));
    let e = error_of(&spec, &["a\nerror: forged"]);
    assert_eq!(
        e.to_string(),
        "#/components/schemas/a\\u{a}error: forged/properties/b: `$ref` to a schema that does not exist: `gone\\u{a}forged` (closest: a\\u{a}error: forged)"
    );
}

// ---- Secrets.

fn generated_for(schemas: Value, config: &Config) -> String {
    let files = generate_crates(&spec_with(schemas), config, &options(false))
        .expect("generates")
        .files;
    rust_sources(&files, true)
}

fn secret_schema(description: &str) -> Value {
    json!({"session": {"type": "object", "properties": {
        "client_secret": {"type": "string", "nullable": true, "description": description},
        "other": {"type": "string"}
    }}})
}

const REDACTED: &str =
    r#".field("client_secret", &self.client_secret.as_ref().map(|_| stripe_types::Redacted))"#;

#[test]
fn the_spec_wording_alone_redacts_a_field() {
    let out = generated_for(
        secret_schema("The client secret. Don\u{2019}t store it, log it, or expose it."),
        &config(&["session"]),
    );
    assert_has(
        &out,
        "#[derive(Clone, Default, PartialEq)]\npub struct Session {",
    );
    assert_has(&out, "impl std::fmt::Debug for Session {");
    assert_has_code(&out, REDACTED);
    assert_has_code(&out, r#".field("other", &self.other)"#);
}

#[test]
fn the_redact_list_alone_redacts_a_field() {
    let mut config = config(&["session"]);
    config.redact = vec![FieldRef {
        schema: "session".into(),
        property: "client_secret".into(),
    }];
    let out = generated_for(secret_schema("The client secret."), &config);
    assert_has(&out, "impl std::fmt::Debug for Session {");
    assert_has_code(&out, REDACTED);
}

#[test]
fn without_either_the_field_is_printed() {
    let out = generated_for(secret_schema("The client secret."), &config(&["session"]));
    assert_has(
        &out,
        "#[derive(Clone, Debug, Default, PartialEq)]\npub struct Session {",
    );
    assert!(!out.contains("Redacted"));
}

/// Stripe's own spec (`cargo xtask fetch-spec` installs it; CI does first).
fn pinned_spec() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let cached = root.join("spec/cache/spec3.2023-08-16.json");
    let shared = std::env::var_os("STRIPE_OPENAPI_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/stripe-openapi"))
        .join("spec3.2023-08-16.json");
    std::fs::read_to_string(&cached)
        .or_else(|_| std::fs::read_to_string(&shared))
        .unwrap_or_else(|e| {
            panic!(
                "no spec at {} or {}: {e}",
                cached.display(),
                shared.display()
            )
        })
}

fn session_debug_impl(spec: &str, config: &Config) -> String {
    let files = generate_crates(spec, config, &options(false))
        .expect("generates")
        .files;
    let file = files
        .iter()
        .find(|f| f.path.ends_with("/identity_verification_session.rs"))
        .expect("the session's module");
    let start = file
        .contents
        .find("impl std::fmt::Debug for IdentityVerificationSession {")
        .unwrap_or(file.contents.len());
    file.contents[start..].to_string()
}

#[test]
fn stripes_session_secrets_are_redacted_by_wording_and_by_list() {
    let spec = pinned_spec();
    let client_secret = REDACTED;
    let url = r#".field("url", &self.url.as_ref().map(|_| stripe_types::Redacted))"#;
    let roots = config(&["identity.verification_session"]);

    // The spec's wording ("Don't store it, log it, ...") with no list.
    let by_wording = session_debug_impl(&spec, &roots);
    assert_has_code(&by_wording, client_secret);
    assert_has_code(&by_wording, url);

    // Wording removed: the list in spec/codegen.toml still marks both.
    let mut document: Value = serde_json::from_str(&spec).unwrap();
    let props =
        &mut document["components"]["schemas"]["identity.verification_session"]["properties"];
    for field in ["client_secret", "url"] {
        props[field]["description"] = json!("A value.");
    }
    let reworded = document.to_string();
    let mut listed = roots.clone();
    let codegen_toml = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/codegen.toml");
    let text = std::fs::read_to_string(codegen_toml).unwrap();
    for field in ["client_secret", "url"] {
        assert!(
            text.contains(&format!(
                "[[redact]]\nschema = \"identity.verification_session\"\nproperty = \"{field}\""
            )),
            "spec/codegen.toml lists {field}"
        );
        listed.redact.push(FieldRef {
            schema: "identity.verification_session".into(),
            property: field.into(),
        });
    }
    let by_list = session_debug_impl(&reworded, &listed);
    assert_has_code(&by_list, client_secret);
    assert_has_code(&by_list, url);

    // Neither: the derive is back (so the two checks above test something).
    assert_eq!(session_debug_impl(&reworded, &roots), "");
}
