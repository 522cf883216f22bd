//! Specs written to break the generator: broken documents, names that are
//! not Rust, descriptions that try to escape their doc comments, secrets.
//!
//! Broken specs must fail with one clear error naming the place (a JSON
//! pointer that exists in the spec); everything else must generate code
//! that compiles without warnings, keeps the spec's names on the wire and
//! documents without running anything. The last test builds a generated
//! crate with cargo to check that (see `hostile_crate_builds_lints_documents_and_round_trips`).

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use common::{assert_has, options, rust_sources, single, spec as spec_with};
use serde_json::{json, Value};
use stripe_codegen::config::{CrateConfig, FieldRef};
use stripe_codegen::{generate_crates, Config, Error, LayoutOptions};

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

#[test]
fn unsupported_constructs() {
    let spec = spec_with(json!({
        "a": {"type": "object", "properties": {"n": {"not": {"type": "string"}}}}
    }));
    assert_eq!(
        located_error(&spec, &["a"]),
        "#/components/schemas/a/properties/n: `not` is not supported"
    );
    let spec = spec_with(json!({
        "a": {"type": "object", "properties": {"m": {"allOf": [
            {"$ref": "#/components/schemas/b"}, {"$ref": "#/components/schemas/c"}
        ]}}},
        "b": {"type": "object", "properties": {}},
        "c": {"type": "object", "properties": {}}
    }));
    assert_eq!(
        located_error(&spec, &["a"]),
        "#/components/schemas/a/properties/m: `allOf` with more than one member is not supported"
    );
}

#[test]
fn invalid_schemas_are_located_to_the_innermost_place() {
    let spec = spec_with(json!({
        "a": {"type": "object", "properties": {"list": {"type": "array", "items": {"type": "strnig"}}}}
    }));
    assert_eq!(
        located_error(&spec, &["a"]),
        "#/components/schemas/a/properties/list/items: unknown or misused type `strnig` (expected string, number, integer, boolean, object or array, with their usual keywords)"
    );
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

// ---- Names that are not Rust identifiers.

/// Schemas and properties named to collide, to be keywords, to shadow what
/// the generated code uses, and to be no identifier at all.
fn hostile_schemas() -> Value {
    let small = || json!({"type": "object", "properties": {"v": {"type": "string"}}});
    let mut schemas = json!({
        "names": {
            "type": "object",
            "required": ["type", "foo-bar"],
            "properties": {
                "type": {"type": "string"},
                "match": {"type": "string"},
                "self": {"type": "string"},
                "Self": {"type": "string"},
                "crate": {"type": "string"},
                "super": {"type": "string"},
                "foo_bar": {"type": "string"},
                "foo-bar": {"type": "string"},
                "fooBar": {"type": "integer"},
                "FOO_BAR": {"type": "boolean"},
                "foo.bar": {"type": "string"},
                "foo bar": {"type": "string"},
                "3ds": {"type": "string"},
                "1": {"type": "string"},
                "": {"type": "string"},
                "_": {"type": "string"},
                "名前": {"type": "string"},
                "café": {"type": "string"},
                "✓": {"type": "string"},
                "r#type": {"type": "string"},
                "a\"quote\\": {"type": "string"},
                "object": {"type": "string"},
                "kind": {"$ref": "#/components/schemas/hostile_enum"}
            }
        },
        "hostile_enum": {"type": "string", "enum": enum_values()},
        "descriptions": {
            "type": "object",
            "description": hostile_description(),
            "properties": {
                "fence": {"type": "string", "description": "```rust\nfn main() { std::process::exit(1) }\n```"},
                "unclosed": {"type": "string", "description": "Runs?\n```\nstd::process::abort();"},
                "tilde": {"type": "string", "description": "~~~\npanic!()\n~~~~\nafter"},
                "indented": {"type": "string", "description": "Intro\n\n    std::process::abort();\n\n\tpanic!(\"tab\");"},
                "comment": {"type": "string", "description": "*/ pub fn injected() {} /*"},
                "attr": {"type": "string", "description": "#[cfg(any())] #![deny(warnings)] #[doc = \"x\"]"},
                "html": {"type": "string", "description": "<script>alert(1)</script> <img src=x onerror=alert(1)> <!-- c --> <b>b</b>"},
                "ticks": {"type": "string", "description": "` `` ``` a`b ``c` d``"},
                "span_across_lines": {"type": "string", "description": "`a\n<script>alert(2)</script>`\n\n`b\n# <script>alert(3)</script>`"},
                "links": {"type": "string", "description": "[js](javascript:alert(1)) [data](data:text/html,x) [rust](crate::Names) [ok](/docs/x) ![img](https://evil.example/pixel.png) [x]: javascript:alert(1)"},
                "long": {"type": "string", "description": format!("{} {}", "x".repeat(5000), "word ".repeat(2000))},
                "controls": {"type": "string", "description": "cr\ralone, crlf\r\nnul \u{0} bell \u{7} rtl \u{202e}gnp.exe\u{202c} isolate \u{2066}x\u{2069}"},
                "blank": {"type": "string", "description": " \n\t\n "}
            }
        },
        "secrets": {
            "type": "object",
            "required": ["by_wording_required"],
            "properties": {
                "by_wording": {"type": "string", "nullable": true, "description": "A secret. Don\u{2019}t store it, log it, or share it."},
                "by_wording_required": {"type": "string", "description": "Do not log it."},
                "by_list": {"type": "string", "description": "An innocent-looking field the configuration marks."},
                "plain": {"type": "string"}
            }
        },
        "holder": {
            "type": "object",
            "properties": {
                "either": {"anyOf": [
                    {"$ref": "#/components/schemas/res_a"},
                    {"$ref": "#/components/schemas/res_b"}
                ]}
            }
        },
        "res_a": {"type": "object", "required": ["object"], "properties": {
            "object": {"type": "string", "enum": ["a*/\n\n    panic!()"]},
            "v": {"type": "string"}
        }},
        "res_b": {"type": "object", "required": ["object"], "properties": {
            "object": {"type": "string", "enum": ["<script>alert(4)</script>"]},
            "w": {"type": "string"}
        }},
        "self": {"type": "object", "properties": {
            "inner": {"type": "object", "properties": {"deeper": {"type": "object", "properties": {"x": {"type": "string"}}}}}
        }}
    });
    let map = schemas.as_object_mut().unwrap();
    for name in [
        "foo.bar",
        "foo-bar",
        "foo_bar",
        "foo bar",
        "type",
        "match",
        "Self",
        "crate",
        "string",
        "option",
        "result",
        "box",
        "vec",
        "e",
        "a",
        "s",
        "d",
        "builder",
        "from",
        "some",
        "none",
        "ok",
        "err",
        "serde",
        "std",
        "core",
        "lib",
        "3d secure",
        "名前",
        "✓",
    ] {
        map.insert(name.to_string(), small());
    }
    schemas
}

fn enum_values() -> Vec<&'static str> {
    vec![
        "foo_bar",
        "foo-bar",
        "FooBar",
        "fooBar",
        "",
        "Empty",
        "empty",
        "unknown",
        "Unknown",
        "UNKNOWN",
        "self",
        "Self",
        "type",
        "3d",
        "名前",
        "✓",
        "a\"b\\c",
        "line\nbreak",
        "\n\n    panic!()",
        "*/ */",
        "`",
        "<script>alert(5)</script>",
        "a\u{202e}b",
    ]
}

fn hostile_description() -> String {
    [
        "Opens a fence:",
        "```",
        "fn main() { std::process::exit(1) }",
        "```",
        "Then one with a language:",
        "```rust,should_panic",
        "panic!()",
        "```",
        "*/ #[doc(hidden)] <script>alert(6)</script> `unclosed",
        "",
        "    std::process::abort(); // indented four",
        "",
        "- a list item that goes on and on and on and on and on and on and on and on and on and on",
        "    continued with indentation",
        "1234567890. not a list marker",
        "           std::process::abort();",
        "```",
        "left open at the end",
    ]
    .join("\n")
}

fn hostile_config() -> Config {
    let mut config = Config::single_crate("hostile-names", vec!["*".to_string()]);
    config.redact = vec![FieldRef {
        schema: "secrets".into(),
        property: "by_list".into(),
    }];
    config
}

fn hostile_files(layout: &LayoutOptions) -> Vec<stripe_codegen::File> {
    generate_crates(&spec_with(hostile_schemas()), &hostile_config(), layout)
        .expect("hostile names and descriptions still generate")
        .files
}

#[test]
fn modules_are_never_named_like_a_sibling_crate() {
    // `stripe_shared` in stripe-identity's lib.rs would be both the module
    // and the dependency.
    let spec = spec_with(json!({
        "stripe_shared": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/address"}}},
        "address": {"type": "object", "properties": {"city": {"type": "string"}}}
    }));
    let mut config = Config::single_crate("stripe-shared", vec!["*".into()]);
    config.crates.insert(
        0,
        CrateConfig {
            name: "stripe-identity".into(),
            patterns: vec!["stripe_shared".into()],
            ..CrateConfig::default()
        },
    );
    let files = generate_crates(&spec, &config, &options(false))
        .unwrap()
        .files;
    let lib = files
        .iter()
        .find(|f| f.path == "stripe-identity/src/lib.rs")
        .expect("stripe-identity has a lib.rs");
    assert!(
        lib.contents
            .contains("mod stripe_shared_2;\n\npub use stripe_shared_2::StripeShared;"),
        "{}",
        lib.contents
    );
    assert!(files
        .iter()
        .any(|f| f.path == "stripe-identity/src/stripe_shared_2.rs"));
}

#[test]
fn hostile_names_become_distinct_identifiers() {
    let out = rust_sources(&hostile_files(&options(false)), true);
    // `json!` sorts keys, so the properties come in name order: the first of
    // a colliding group keeps the plain name.
    for field in [
        "pub field: Option<String>,",     // ""
        "pub n1: Option<String>,",        // "1"
        "pub n3ds: Option<String>,",      // "3ds"
        "pub foo_bar: Option<bool>,",     // "FOO_BAR"
        "pub self_: Option<String>,",     // "Self"
        "pub field2: Option<String>,",    // "_"
        "pub a_quote: Option<String>,",   // "a\"quote\\"
        "pub caf: Option<String>,",       // "café"
        "pub crate_: Option<String>,",    // "crate"
        "pub foo_bar_2: Option<String>,", // "foo bar"
        "pub foo_bar_3: String,",         // "foo-bar", required
        "pub foo_bar_4: Option<String>,", // "foo.bar"
        "pub foo_bar_5: Option<i64>,",    // "fooBar"
        "pub foo_bar_6: Option<String>,", // "foo_bar"
        "pub kind: Option<HostileEnum>,",
        "pub match_: Option<String>,",
        "pub object: Option<String>,",
        "pub r_type: Option<String>,", // "r#type"
        "pub self_2: Option<String>,", // "self"
        "pub super_: Option<String>,",
        "pub type_: String,",
        "pub field3: Option<String>,", // "✓" (U+2713 sorts before U+540D)
        "pub field4: Option<String>,", // "名前"
    ] {
        assert_has(&out, field);
    }
    // The wire names are what the spec says.
    assert_has(&out, r#"state.serialize_field("a\"quote\\", value)?;"#);
    assert_has(&out, r#"state.serialize_field("", value)?;"#);
    assert_has(&out, r#"state.serialize_field("名前", value)?;"#);
    // Colliding schemas, keywords, and names the generated code uses.
    for ty in [
        "pub struct FooBar {",  // "foo bar"
        "pub struct FooBar2 {", // "foo-bar"
        "pub struct FooBar3 {", // "foo.bar"
        "pub struct FooBar4 {", // "foo_bar"
        "pub struct Type {",
        "pub struct Match {",
        "pub struct Crate {",
        "pub struct Self_ {",            // "Self"
        "pub struct Self2 {",            // "self"
        "pub struct Self2Inner {",       // inline in "self"
        "pub struct Self2InnerDeeper {", // and inside that
        "pub struct String2 {",
        "pub struct Option2 {",
        "pub struct Result2 {",
        "pub struct Some {",
        "pub struct None {",
        "pub struct Ok {",
        "pub struct Err {",
        "pub struct Box2 {",
        "pub struct Vec2 {",
        "pub struct From2 {",
        "pub struct A {",
        "pub struct D {",
        "pub struct E2 {",
        "pub struct S {",
        "pub struct Builder2 {",
        "pub struct N3dSecure {",
        "pub struct Unnamed {",  // "✓"
        "pub struct Unnamed2 {", // "名前"
    ] {
        assert_has(&out, ty);
    }
    // Modules that would shadow crates the code names are renamed.
    assert_has(&out, "// ---- hostile-names/src/serde_.rs");
    assert_has(&out, "// ---- hostile-names/src/std_.rs");
    assert_has(&out, "// ---- hostile-names/src/core_.rs");
    assert_has(&out, "// ---- hostile-names/src/lib2.rs");
    // Enum values that collide, are empty, or are not text at all, in spec
    // order (a list keeps its order).
    for (value, variant) in [
        ("foo_bar", "FooBar"),
        ("foo-bar", "FooBar2"),
        ("FooBar", "FooBar3"),
        ("fooBar", "FooBar4"),
        ("", "Empty"),
        ("Empty", "Empty2"),
        ("empty", "Empty3"),
        ("unknown", "Unknown"),
        ("Unknown", "Unknown2"),
        ("UNKNOWN", "Unknown3"),
        ("self", "Self_"),
        ("Self", "Self2"),
        ("type", "Type"),
        ("3d", "V3d"),
        ("名前", "Value"),
        ("✓", "Value2"),
        ("line\\nbreak", "LineBreak"),
        ("\\n\\n    panic!()", "Panic"),
        ("*/ */", "Value3"),
        ("`", "Value4"),
        ("<script>alert(5)</script>", "ScriptAlert5Script"),
        ("a\\u{202e}b", "AB"),
    ] {
        assert_has(&out, &format!("\"{value}\" => Self::{variant},"));
    }
    assert_has(&out, "UnknownValue(String),");
    assert_has(&out, r#""a\"b\\c" => Self::ABC,"#);
    assert_has(&out, r#""line\nbreak" => Self::LineBreak,"#);
    assert_has(&out, r#""a\u{202e}b" => Self::AB,"#);
}

/// Doc comments of the output, with the fence state: `(in_code, line)`.
fn doc_lines(out: &str) -> Vec<(bool, String)> {
    let mut fence: Option<String> = None;
    let mut lines = Vec::new();
    for line in out.lines() {
        let Some(doc) = line.trim_start().strip_prefix("///") else {
            fence = None;
            continue;
        };
        let text = doc.strip_prefix(' ').unwrap_or(doc).to_string();
        let trimmed = text.trim_start();
        let opener = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (&fence, opener) {
            (Some(marker), Some(_)) if trimmed.starts_with(marker.as_str()) => {
                lines.push((true, text));
                fence = None;
                continue;
            }
            (None, Some(m)) => {
                let marker: String = trimmed.chars().take_while(|c| m.starts_with(*c)).collect();
                assert!(
                    trimmed[marker.len()..] == *"text",
                    "every code block is text: {line}"
                );
                fence = Some(marker);
                lines.push((true, text));
                continue;
            }
            _ => {}
        }
        lines.push((fence.is_some(), text));
    }
    lines
}

#[test]
fn descriptions_cannot_break_out_of_their_doc_comments() {
    let files = hostile_files(&options(false));
    let out = rust_sources(&files, true);
    // Every file still parses, and the injected items are nowhere but in
    // doc text.
    for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
        let parsed = syn::parse_file(&file.contents).expect("parses");
        let items = format!("{:?}", parsed.items.len());
        assert!(!items.is_empty());
    }
    assert!(
        !out.contains("/**"),
        "block doc comments could be closed by `*/`"
    );
    for line in out.lines() {
        let code = line.trim_start();
        if !code.starts_with("//") {
            assert!(!code.contains("injected"), "escaped into code: {line}");
            assert!(!code.contains("#[cfg(any())]"), "escaped into code: {line}");
            assert!(!code.contains("#![deny"), "escaped into code: {line}");
        }
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "control character in {line:?}"
        );
        assert!(
            !line.chars().any(|c| ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)),
            "text-direction override in {line:?}"
        );
    }
    let docs = doc_lines(&out);
    let mut previous_blank = true;
    for (in_code, text) in &docs {
        if !in_code {
            // Outside code blocks: no raw HTML, no indented code block, no
            // link that is not a web link.
            assert!(
                !without_autolinks(&without_code_spans(text)).contains('<'),
                "raw HTML: {text}"
            );
            for target in link_targets(text) {
                assert!(
                    target.starts_with("https://") || target.starts_with("http://"),
                    "a link to {target}: {text}"
                );
            }
            assert!(
                !text.contains("![") || text.contains("\\!["),
                "image: {text}"
            );
            if previous_blank {
                assert!(!text.starts_with("    "), "indented code block: {text:?}");
            }
            assert!(!text.contains('\t'), "tab: {text:?}");
        }
        previous_blank = text.trim().is_empty();
    }
    assert_has(&out, "/// \\[js\\](javascript:alert(1))");
    assert_has(&out, "[ok](https://stripe.com/docs/x)");
    assert_has(&out, "/// &lt;script&gt;alert(1)&lt;/script&gt;");
    assert_has(&out, "rtl \\u{202e}gnp.exe\\u{202c}");
    // Enum values and union tags in docs stay one line inside a code span.
    assert_has(&out, "/// `\\u{a}\\u{a}    panic!()`");
    assert_has(&out, "/// `*/ */`");
    assert_has(
        &out,
        r#"/// An object with `object: "a*/\u{a}\u{a}    panic!()"`."#,
    );
}

/// The text with `code spans` (on one line) taken out.
fn without_code_spans(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('`') {
        if rest[..at].ends_with('\\') {
            out.push_str(&rest[..=at]);
            rest = &rest[at + 1..];
            continue;
        }
        out.push_str(&rest[..at]);
        let ticks = rest[at..].chars().take_while(|c| *c == '`').count();
        let marker = &rest[at..at + ticks];
        match rest[at + ticks..].find(marker) {
            Some(end) => rest = &rest[at + ticks + end + ticks..],
            None => {
                out.push_str(marker);
                rest = &rest[at + ticks..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text with `<https://...>` autolinks taken out.
fn without_autolinks(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("<http") {
        out.push_str(&rest[..at]);
        rest = rest[at..].split_once('>').map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

/// The targets of Markdown links (`[label](target)` with an unescaped `]`).
fn link_targets(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("](") {
        let at = from + at;
        if !text[..at].ends_with('\\') {
            let target = &text[at + 2..];
            out.push(&target[..target.find([')', ' ']).unwrap_or(target.len())]);
        }
        from = at + 2;
    }
    out
}

/// Whitespace does not matter in these comparisons: prettyplease decides it.
fn squash(text: &str) -> String {
    let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    squashed.replace(",)", ")")
}

fn assert_has_code(out: &str, code: &str) {
    assert!(
        squash(out).contains(&squash(code)),
        "expected `{code}` in the output"
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

// ---- The hostile crate, built.

/// Generates the hostile spec into a crate of its own and runs cargo on it:
/// tests (round trips of every odd name, `Debug` redaction) and doctests,
/// clippy with warnings denied, rustdoc with warnings denied; then looks at
/// the HTML. The crate builds into this workspace's target directory, so
/// serde and the runtime are compiled once, not per run (about a minute
/// from a cold cache, a few seconds warm).
#[test]
fn hostile_crate_builds_lints_documents_and_round_trips() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-crate");
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../runtime")
        .canonicalize()
        .unwrap();
    let layout = LayoutOptions {
        runtime_path: runtime.to_string_lossy().into_owned(),
        command: "cargo test -p stripe-codegen --test hostile_specs".into(),
        config: "spec/codegen.toml".into(),
        workspace: true,
        source: None,
    };
    let files = hostile_files(&layout);
    for file in &files {
        write_if_changed(&dir.join(&file.path), &file.contents);
    }
    // The workspace's dependency versions and profile, so builds are shared.
    let workspace_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let lock = std::fs::read_to_string(workspace_root.join("Cargo.lock")).unwrap();
    write_if_changed(&dir.join("Cargo.lock"), &lock);
    let mut manifest = files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .unwrap()
        .contents
        .clone();
    manifest.push_str("\n[profile.dev.package.\"*\"]\nopt-level = 1\n");
    write_if_changed(&dir.join("Cargo.toml"), &manifest);
    let mut crate_manifest = files
        .iter()
        .find(|f| f.path == "hostile-names/Cargo.toml")
        .unwrap()
        .contents
        .clone();
    crate_manifest.push_str("\n[dev-dependencies]\nserde_json = \"1\"\n");
    write_if_changed(&dir.join("hostile-names/Cargo.toml"), &crate_manifest);
    write_if_changed(
        &dir.join("hostile-names/tests/round_trip.rs"),
        include_str!("hostile_crate/round_trip.rs"),
    );

    let target = target_dir();
    cargo(&dir, &target, &["test", "--offline", "--all-targets"], None);
    // Doctests: the doc comments hold code blocks, but none may run.
    let doc = cargo(&dir, &target, &["test", "--offline", "--doc"], None);
    assert!(
        doc.trim_start().starts_with("running 0 tests"),
        "doctests ran:\n{doc}"
    );
    cargo(
        &dir,
        &target,
        &[
            "clippy",
            "--offline",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        None,
    );
    cargo(
        &dir,
        &target,
        &["doc", "--offline", "--no-deps"],
        Some("-D warnings"),
    );

    // The rendered pages: no script or image made it through as HTML.
    let mut html = String::new();
    collect_html(&target.join("doc/hostile_names"), &mut html);
    assert!(html.contains("alert(1)"), "the docs were not rendered");
    for forbidden in [
        "<script>alert",
        "<img src=x",
        "<!-- c",
        "href=\"javascript:",
        "href=\"data:",
    ] {
        assert!(
            !html.contains(forbidden),
            "`{forbidden}` in the rendered docs"
        );
    }
    // The deserialization plumbing is not part of the documented API.
    assert!(html.contains("impl-Deserialize"), "trait impls are listed");
    assert!(
        !html.contains("impl-Nest"),
        "`impl Nest` in the rendered docs"
    );
}

fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return;
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// This workspace's target directory: the test binary is `target/debug/deps/NAME`.
fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).unwrap().to_path_buf()
}

/// Runs cargo in `dir`; fails the test with cargo's output if cargo fails.
fn cargo(dir: &Path, target: &Path, args: &[&str], rustdocflags: Option<&str>) -> String {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("RUSTDOCFLAGS");
    if let Some(flags) = rustdocflags {
        command.env("RUSTDOCFLAGS", flags);
    }
    let output = command.output().expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo {} failed in {}:\n{stdout}\n{stderr}",
        args.join(" "),
        dir.display()
    );
    stdout
}

fn collect_html(dir: &Path, out: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_html(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
}
