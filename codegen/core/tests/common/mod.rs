//! Helpers the generator's integration tests share: small specs, the
//! options and configurations they generate with, and reading the output.
// Each test file uses some of these.
#![allow(dead_code)]

pub mod hostile;

use serde_json::{json, Value};
use stripe_codegen::{Config, File, LayoutOptions};

/// An OpenAPI document with the given component schemas.
pub fn document(schemas: Value) -> Value {
    json!({
        "openapi": "3.0.0",
        "info": {"title": "test", "version": "2099-01-01"},
        "paths": {},
        "components": {"schemas": schemas}
    })
}

/// [`document`] as spec text.
pub fn spec(schemas: Value) -> String {
    document(schemas).to_string()
}

/// A resource schema: `id`, a constant `object` and `x-resourceId`, plus
/// the properties in `extra`.
pub fn resource(name: &str, extra: Value) -> Value {
    let mut props = json!({
        "id": {"type": "string", "maxLength": 5000},
        "object": {"type": "string", "enum": [name]}
    });
    props
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    json!({"type": "object", "required": ["id", "object"], "properties": props, "x-resourceId": name})
}

/// Layout options for tests: the runtime beside the output, the headers
/// naming `test` and `spec/codegen.toml`.
pub fn options(workspace: bool) -> LayoutOptions {
    LayoutOptions {
        runtime_path: "../types".into(),
        command: "test".into(),
        config: "spec/codegen.toml".into(),
        workspace,
        source: None,
        manuals: Default::default(),
    }
}

/// One crate named `name` holding `roots` and what they reference.
pub fn single(name: &str, roots: &[&str]) -> Config {
    Config::single_crate(name, roots.iter().map(|r| r.to_string()).collect())
}

/// The Rust files among `files`, each after a `// ---- PATH` line.
pub fn rust_sources(files: &[File], with_lib: bool) -> String {
    files
        .iter()
        .filter(|f| f.path.ends_with(".rs") && (with_lib || !f.path.ends_with("lib.rs")))
        .map(|f| format!("// ---- {}\n{}", f.path, f.contents))
        .collect()
}

/// Asserts that `out` contains `needle`, showing the output when not.
pub fn assert_has(out: &str, needle: &str) {
    assert!(out.contains(needle), "expected `{needle}` in:\n{out}");
}

/// Whitespace does not matter in these comparisons: prettyplease decides it.
pub fn squash(text: &str) -> String {
    let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    squashed.replace(",)", ")")
}

pub fn assert_has_code(out: &str, code: &str) {
    assert!(
        squash(out).contains(&squash(code)),
        "expected `{code}` in the output"
    );
}
