//! One small spec per type-mapping rule, and the Rust it becomes.
//!
//! Each test asserts the lines that carry the rule, and snapshots the whole
//! output so any other change to it is reviewed.

mod common;

use common::{assert_has, options, resource, rust_sources, single, spec};
use serde_json::{json, Value};
use stripe_codegen::config::NullableStyle;
use stripe_codegen::generate_crates;

/// Generates `roots` into one crate and returns its modules, concatenated.
fn generate(schemas: Value, roots: &[&str]) -> String {
    generate_text(&spec(schemas), roots)
}

/// The same from spec text (`json!` sorts keys; this keeps their order).
fn generate_text(spec: &str, roots: &[&str]) -> String {
    generate_with(spec, roots, NullableStyle::Exact)
}

fn generate_with(spec: &str, roots: &[&str], nullable: NullableStyle) -> String {
    let mut config = single("test-crate", roots);
    config.nullable = nullable;
    let generated = generate_crates(spec, &config, &options(false)).expect("generates");
    rust_sources(&generated.files, false)
}

#[test]
fn objects_become_structs_with_fields_in_spec_order() {
    let out = generate_text(
        r#"{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "components": {"schemas": {
            "thing": {"type": "object", "required": ["zeta", "alpha", "type"], "properties": {
                "zeta": {"type": "string"},
                "alpha": {"type": "integer"},
                "type": {"type": "boolean"},
                "ratio": {"type": "number"},
                "self": {"type": "string"},
                "foo_bar": {"type": "string"},
                "foo-bar": {"type": "string"}
            }}}}}"#,
        &["thing"],
    );
    let zeta = out.find("pub zeta: String").unwrap();
    let alpha = out.find("pub alpha: i64").unwrap();
    assert!(zeta < alpha, "spec order, not alphabetical");
    assert_has(&out, "pub type_: bool,");
    assert_has(&out, "pub ratio: Option<stripe_types::Number>,");
    assert_has(&out, "pub self_: Option<String>,");
    assert_has(&out, "pub foo_bar: Option<String>,");
    assert_has(&out, "pub foo_bar_2: Option<String>,");
    // The wire names are kept.
    assert_has(&out, r#"type_: "type" (required),"#);
    assert_has(&out, r#"foo_bar_2: "foo-bar" (optional),"#);
    insta::assert_snapshot!(out);
}

#[test]
fn inline_objects_and_enums_get_names_from_where_they_are() {
    let out = generate(
        json!({
            "parent": {"type": "object", "properties": {
                "child": {"type": "object", "properties": {"x": {"type": "string"}}},
                "kind": {"type": "string", "enum": ["a", "b"]}
            }},
            "parent_child": {"type": "object", "properties": {"y": {"type": "string"}}}
        }),
        &["parent", "parent_child"],
    );
    // `ParentChild` is taken by the component schema `parent_child` (named
    // first, so adding an inline type never renames a schema).
    assert_has(&out, "pub child: Option<ParentChild2>,");
    assert_has(&out, "pub struct ParentChild2 {");
    assert_has(&out, "pub kind: Option<ParentKind>,");
    assert_has(&out, "pub enum ParentKind {");
    insta::assert_snapshot!(out);
}

#[test]
fn presence_maps_to_option_layers() {
    let out = generate(
        json!({"p": {"type": "object", "required": ["req", "req_null"], "properties": {
            "req": {"type": "string"},
            "req_null": {"type": "string", "nullable": true},
            "opt": {"type": "string"},
            "opt_null": {"type": "string", "nullable": true}
        }}}),
        &["p"],
    );
    assert_has(&out, "pub req: String,");
    assert_has(&out, "pub req_null: Option<String>,");
    assert_has(&out, "pub opt: Option<String>,");
    assert_has(&out, "pub opt_null: stripe_types::Nullable<String>,");
    // Each key says how its field is held, which decides how it is read
    // and written (`stripe_types::object!`, whose tests check each holder):
    // required and nullable is written even when `None` (as `null`), and a
    // missing required key is an error naming it, nullable or not; an
    // optional field is left out when `None` and `null` is an error for
    // it; optional and nullable is left out only when absent.
    assert_has(&out, r#"req: "req" (required),"#);
    assert_has(&out, r#"req_null: "req_null" (or_null),"#);
    assert_has(&out, r#"opt: "opt" (optional),"#);
    assert_has(&out, r#"opt_null: "opt_null" (nullable),"#);
    insta::assert_snapshot!(out);
}

#[test]
fn nullable_as_option_gives_plain_options() {
    let spec = spec(
        json!({"p": {"type": "object", "required": ["req_null"], "properties": {
        "req_null": {"type": "string", "nullable": true},
        "opt": {"type": "string"},
        "opt_null": {"type": "string", "nullable": true},
        "nested": {"anyOf": [{"$ref": "#/components/schemas/q"}], "nullable": true}
    }}, "q": {"type": "object", "properties": {"x": {"type": "string", "nullable": true}}}}),
    );
    let out = generate_with(&spec, &["p"], NullableStyle::Option);
    assert_has(&out, "pub opt_null: Option<String>,");
    assert_has(&out, "pub x: Option<String>,");
    assert_has(&out, "pub nested: Option<Q>,");
    // Required and nullable is what it was: `null` is written.
    assert_has(&out, "pub req_null: Option<String>,");
    // `null` and absent both read as `None`, written as absent; a struct
    // is still filled where it stands.
    assert_has(&out, r#"opt_null: "opt_null" (lossy),"#);
    assert_has(&out, r#"nested: "nested" (lossy in_place),"#);
    assert!(!out.contains("Nullable"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn unknown_keys_are_kept_in_a_field_of_their_own_or_dropped() {
    let text = spec(json!({"p": {"type": "object", "properties": {
        "unknown_fields": {"type": "string"}, "a": {"type": "integer"}}}}));
    let mut config = single("test-crate", &["p"]);
    let kept = rust_sources(
        &generate_crates(&text, &config, &options(false))
            .unwrap()
            .files,
        false,
    );
    // Named apart from a property that has the name already.
    assert_has(&kept, "pub unknown_fields_: stripe_types::UnknownFields,");
    assert_has(&kept, "    }\n    unknown_fields_\n}");
    config.unknown_fields = stripe_codegen::config::UnknownFieldsStyle::Drop;
    let dropped = rust_sources(
        &generate_crates(&text, &config, &options(false))
            .unwrap()
            .files,
        false,
    );
    assert!(!dropped.contains("UnknownFields"), "{dropped}");
    // The list of keys ends the macro's input.
    assert_has(&dropped, "(optional),\n    }\n}");
}

#[test]
fn structs_whose_fields_may_all_be_left_out_derive_default() {
    let out = generate(
        json!({"all_optional": {"type": "object", "properties": {
            "a": {"type": "string"}, "b": {"type": "string", "nullable": true}}},
        "one_required": {"type": "object", "required": ["a"], "properties": {
            "a": {"type": "string"}, "b": {"type": "string"}}}}),
        &["all_optional", "one_required"],
    );
    assert_has(
        &out,
        "#[derive(Clone, Debug, Default, PartialEq)]\npub struct AllOptional {",
    );
    assert_has(
        &out,
        "#[derive(Clone, Debug, PartialEq)]\npub struct OneRequired {",
    );
}

#[test]
fn nullable_single_refs_are_options() {
    let out = generate(
        json!({
            "holder": {"type": "object", "required": ["inner"], "properties": {
                "inner": {"anyOf": [{"$ref": "#/components/schemas/inner"}], "nullable": true}
            }},
            "inner": {"type": "object", "properties": {"v": {"type": "string"}}}
        }),
        &["holder"],
    );
    assert_has(&out, "pub inner: Option<Inner>,");
}

#[test]
fn expandable_fields_hold_an_id_or_the_object() {
    let out = generate(
        json!({
            "session": resource("session", json!({"report": {
                "anyOf": [{"type": "string", "maxLength": 5000}, {"$ref": "#/components/schemas/report"}],
                "nullable": true,
                "x-expansionResources": {"oneOf": [{"$ref": "#/components/schemas/report"}]}
            }})),
            "report": resource("report", json!({}))
        }),
        &["session"],
    );
    assert_has(
        &out,
        "pub report: stripe_types::Nullable<stripe_types::Expandable<Report>>,",
    );
    assert_has(&out, "pub id: ReportId,");
    assert_has(&out, "pub type ReportId = stripe_types::Id<Report>;");
    assert_has(&out, "impl stripe_types::Object for Report {");
    insta::assert_snapshot!(out);
}

#[test]
fn resources_get_json_entry_points_behind_a_feature_in_crates_only() {
    let spec_text = spec(json!({
        "session": resource("session", json!({"detail": {"$ref": "#/components/schemas/detail"}})),
        "detail": {"type": "object", "properties": {"n": {"type": "integer"}}}
    }));
    let config = single("test-crate", &["session"]);
    let generated = generate_crates(&spec_text, &config, &options(false)).expect("generates");
    let out = rust_sources(&generated.files, false);
    assert_has(&out, "#[cfg(feature = \"json\")]\nimpl Session {");
    assert_has(
        &out,
        "pub fn from_json_slice(bytes: &[u8]) -> Result<Self, stripe_types::JsonError> {\n        Self::from_json(stripe_types::__private::json_text(bytes)?)",
    );
    // Only resources: a nested object is read and written as part of one.
    assert!(!out.contains("impl Detail {"), "{out}");
    let manifest = &generated
        .files
        .iter()
        .find(|f| f.path == "test-crate/Cargo.toml")
        .expect("a manifest")
        .contents;
    assert_has(manifest, "[features]");
    assert_has(manifest, "\njson = [\"stripe-types/json\"]\n");
    // The macro expands in the user's crate, where they would save nothing.
    let items = stripe_codegen::generate_items(&spec_text, &config)
        .expect("generates")
        .to_string();
    assert!(items.contains("struct Session"), "{items}");
    assert!(!items.contains("from_json"), "{items}");
}

#[test]
fn unions_of_objects_are_enums_told_apart_by_their_object_field() {
    let out = generate(
        json!({
            "holder": {"type": "object", "required": ["source"], "properties": {
                "source": {"anyOf": [{"$ref": "#/components/schemas/card"}, {"$ref": "#/components/schemas/bank_account"}]}
            }},
            "card": resource("card", json!({"brand": {"type": "string"}})),
            "bank_account": resource("bank_account", json!({}))
        }),
        &["holder"],
    );
    assert_has(&out, "pub source: HolderSource,");
    assert_has(&out, "pub enum HolderSource {");
    assert_has(&out, "Card(Box<Card>),");
    assert_has(&out, "BankAccount(Box<BankAccount>),");
    assert_has(
        &out,
        r#"const TAGS: &'static [&'static str] = &["card", "bank_account"];"#,
    );
    insta::assert_snapshot!(out);
}

#[test]
fn string_enums_keep_unknown_values() {
    let out = generate(
        json!({"s": {"type": "string", "enum": ["requires_input", "verified", "unknown", "3d", ""]}}),
        &["s"],
    );
    assert_has(&out, "RequiresInput,");
    assert_has(&out, "V3d,");
    assert_has(&out, "Empty,");
    // A real value called `unknown` keeps its name; the fallback is named
    // for what it holds.
    assert_has(&out, "Unknown,");
    assert_has(&out, "UnknownValue(String),");
    // Each value with its variant, then the variant keeping any other
    // value: `stripe_types::string_enum!` writes the conversions (its
    // tests check them) from this list.
    assert_has(&out, r#"RequiresInput = "requires_input","#);
    assert_has(&out, "    }\n    UnknownValue\n}");
    insta::assert_snapshot!(out);
}

#[test]
fn the_object_discriminator_is_written_not_stored() {
    let out = generate(json!({"thing": resource("thing", json!({}))}), &["thing"]);
    assert!(!out.contains("pub object:"), "no `object` field:\n{out}");
    assert_has(&out, r#""object": "thing" (required),"#);
}

#[test]
fn timestamps_maps_and_ids() {
    let out = generate(
        json!({"thing": resource("thing", json!({
            "created": {"type": "integer", "format": "unix-time"},
            "metadata": {"type": "object", "additionalProperties": {"type": "string", "maxLength": 500}},
            "tags": {"type": "array", "items": {"type": "string"}}
        }))}),
        &["thing"],
    );
    assert_has(&out, "pub created: Option<stripe_types::Timestamp>,");
    assert_has(
        &out,
        "pub metadata: Option<std::collections::BTreeMap<String, String>>,",
    );
    assert_has(&out, "pub tags: Option<Vec<String>>,");
    assert_has(&out, "pub id: ThingId,");
}

#[test]
fn recursive_references_are_boxed() {
    let out = generate(
        json!({
            "node": {"type": "object", "properties": {
                "next": {"anyOf": [{"$ref": "#/components/schemas/node"}], "nullable": true},
                "children": {"type": "array", "items": {"$ref": "#/components/schemas/node"}},
                "pair": {"$ref": "#/components/schemas/pair"}
            }},
            "pair": {"type": "object", "properties": {"back": {"$ref": "#/components/schemas/node"}}}
        }),
        &["node"],
    );
    assert_has(&out, "pub next: stripe_types::Nullable<Box<Node>>,");
    // Arrays already hold their elements behind a pointer.
    assert_has(&out, "pub children: Option<Vec<Node>>,");
    // One box per cycle is enough: node -> pair -> node.
    assert_has(&out, "pub pair: Option<Pair>,");
    assert_has(&out, "pub back: Option<Box<Node>>,");
}

#[test]
fn descriptions_become_safe_rustdoc_with_absolute_links() {
    let out = generate(
        json!({"thing": {"type": "object", "description": "See [the guide](/docs/guide).\n\n```\nfn main() {}\n```\n\n    indented();", "properties": {
            "x": {"type": "string", "title": "Ignored when there is a description", "description": "A <b>bold</b> claim: https://stripe.com/docs."}
        }}}),
        &["thing"],
    );
    assert_has(&out, "/// See [the guide](https://stripe.com/docs/guide).");
    assert_has(&out, "/// ```text");
    assert_has(&out, "/// indented();");
    assert_has(
        &out,
        "/// A &lt;b&gt;bold&lt;/b&gt; claim: <https://stripe.com/docs>.",
    );
}

#[test]
fn output_is_byte_identical_across_runs() {
    let schemas = json!({
        "b": resource("b", json!({"a": {"$ref": "#/components/schemas/a"}})),
        "a": {"type": "object", "properties": {"k": {"type": "string", "enum": ["x", "y"]}}}
    });
    let first = generate(schemas.clone(), &["b"]);
    for _ in 0..5 {
        assert_eq!(generate(schemas.clone(), &["b"]), first);
    }
}
