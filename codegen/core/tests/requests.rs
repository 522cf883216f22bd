//! Operations of the spec's `paths` and the Rust they become: one small
//! spec holding each rule, the lines that carry it asserted, the whole
//! output snapshotted; and bad operations, each an error naming its place.

use crate::common;

use common::{assert_has, assert_has_code, options, resource, rust_sources, single};
use serde_json::{json, Value};
use stripe_codegen::config::MissingRefs;
use stripe_codegen::{generate_crates, Config};

fn form(properties: Value, required: &[&str]) -> Value {
    json!({"content": {"application/x-www-form-urlencoded": {
        "schema": {"type": "object", "additionalProperties": false, "properties": properties, "required": required}
    }}})
}

fn answer(schema: Value) -> Value {
    json!({
        "200": {"content": {"application/json": {"schema": schema}}, "description": "ok"},
        "default": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}, "description": "error"}
    })
}

fn id_param(name: &str) -> Value {
    json!({"in": "path", "name": name, "required": true, "schema": {"type": "string"}})
}

fn list_of(item: &str) -> Value {
    json!({"type": "object", "required": ["data", "has_more", "object", "url"], "properties": {
        "data": {"type": "array", "items": {"$ref": format!("#/components/schemas/{item}")}},
        "has_more": {"type": "boolean"},
        "object": {"type": "string", "enum": ["list"]},
        "url": {"type": "string"}
    }})
}

/// A spec with a `widget` resource and its operations.
fn widget_spec() -> Value {
    let mut widget = resource("widget", json!({"name": {"type": "string"}}));
    widget["x-expandableFields"] = json!(["owner"]);
    json!({
        "openapi": "3.0.0",
        "info": {"title": "t", "version": "2099-01-01"},
        "paths": {
            "/v1/widgets": {
                "get": {
                    "operationId": "GetWidgets",
                    "description": "<p>Lists widgets.</p>",
                    "parameters": [
                        {"in": "query", "name": "created", "schema": {"anyOf": [
                            {"title": "range_query_specs", "type": "object", "properties": {"gt": {"type": "integer"}}},
                            {"type": "integer"}]}, "style": "deepObject", "explode": true},
                        {"in": "query", "name": "expand", "schema": {"type": "array", "items": {"type": "string"}}},
                        {"in": "query", "name": "starting_after", "schema": {"type": "string"}},
                        {"in": "query", "name": "ending_before", "schema": {"type": "string"}}
                    ],
                    "requestBody": form(json!({}), &[]),
                    "responses": answer(list_of("widget"))
                },
                "post": {
                    "operationId": "PostWidgets",
                    "description": "Creates a widget.",
                    "requestBody": form(json!({
                        "name": {"type": "string", "description": "The widget's name."},
                        "color": {"type": "string", "enum": ["red", "blue"]},
                        "metadata": {"anyOf": [{"type": "object", "additionalProperties": {"type": "string"}}, {"type": "string", "enum": [""]}]},
                        "size": {"title": "size_param", "type": "object", "required": ["width"], "properties": {
                            "width": {"type": "integer"},
                            "unit": {"anyOf": [{"type": "string", "enum": ["cm", "in"]}, {"type": "string", "enum": [""]}]}
                        }},
                        "ends_at": {"anyOf": [{"type": "string", "enum": ["now"]}, {"type": "integer", "format": "unix-time"}]},
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "weight": {"type": "number"},
                        "enabled": {"type": "boolean"}
                    }), &["name"]),
                    "responses": answer(json!({"$ref": "#/components/schemas/widget"}))
                }
            },
            "/v1/widgets/{widget}": {
                "get": {
                    "operationId": "GetWidgetsWidget",
                    "parameters": [
                        {"in": "query", "name": "expand", "schema": {"type": "array", "items": {"type": "string"}}},
                        id_param("widget")
                    ],
                    "responses": answer(json!({"$ref": "#/components/schemas/widget"}))
                },
                "delete": {
                    "operationId": "DeleteWidgetsWidget",
                    "parameters": [id_param("widget")],
                    "responses": answer(json!({"$ref": "#/components/schemas/widget"}))
                }
            },
            "/v1/widgets/{widget}/polish": {
                "post": {
                    "operationId": "PostWidgetsWidgetPolish",
                    "parameters": [id_param("widget")],
                    "requestBody": form(json!({"size": {"title": "size_param", "type": "object", "required": ["width"], "properties": {
                        "width": {"type": "integer"},
                        "unit": {"anyOf": [{"type": "string", "enum": ["cm", "in"]}, {"type": "string", "enum": [""]}]}
                    }}}), &[]),
                    "responses": answer(json!({"$ref": "#/components/schemas/widget"}))
                }
            },
            "/v1/widgets/{widget}/pdf": {
                "get": {
                    "operationId": "GetWidgetsWidgetPdf",
                    "parameters": [id_param("widget")],
                    "responses": {"200": {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}, "description": "ok"}}
                }
            }
        },
        "components": {"schemas": {
            "widget": widget,
            "error": {"type": "object", "required": ["error"], "properties": {"error": {"$ref": "#/components/schemas/api_errors"}}},
            "api_errors": {"type": "object", "required": ["type"], "properties": {
                "type": {"type": "string", "enum": ["api_error", "card_error"]},
                "message": {"type": "string"},
                "payment_intent": {"$ref": "#/components/schemas/payment_intent"}
            }}
        }}
    })
}

fn config(requests: &[&str], missing: MissingRefs) -> Config {
    let mut config = single("test-crate", &[]);
    config.requests = requests.iter().map(|r| r.to_string()).collect();
    config.missing_refs = missing;
    config
}

fn generate(spec: &Value, config: &Config) -> Result<String, stripe_codegen::Error> {
    let generated = generate_crates(&spec.to_string(), config, &options(false))?;
    Ok(rust_sources(&generated.files, false))
}

#[test]
fn operations_become_parameter_structs_with_their_request_and_answer() {
    let out = generate(&widget_spec(), &config(&["/v1/widgets*"], MissingRefs::Raw)).unwrap();
    // Named after what they do; ids typed; path parameters first.
    for name in [
        "ListWidget",
        "CreateWidget",
        "RetrieveWidget",
        "DeleteWidget",
        "PolishWidget",
    ] {
        assert_has(&out, &format!("pub struct {name} {{"));
    }
    // No natural name for the PDF: the operationId.
    assert_has(&out, "pub struct GetWidgetsWidgetPdf {");
    assert_has_code(
        &out,
        "pub struct RetrieveWidget { pub widget: WidgetId, pub expand: Vec<WidgetExpand>, }",
    );
    // The request (`stripe_types::operation!`): the parameters sent under
    // their keys, the method, the path with its ids (escaped by the macro).
    assert_has(
        &out,
        "stripe_types::operation! {\n    PolishWidget {\n        size: \"size\",\n    }\n    \
         POST \"/v1/widgets/{}/polish\" (widget);\n",
    );
    assert_has(&out, "    DELETE \"/v1/widgets/{}\" (widget);\n");
    assert_has(&out, "    GET \"/v1/widgets\";\n");
    // Every request pins the spec's API version (`Stripe-Version`).
    assert_has(
        &out,
        "    GET \"/v1/widgets\";\n    version \"2099-01-01\";\n    response json",
    );
    // Answers: the resource, a list page, bytes; errors are StripeError.
    assert_has(&out, "    response json stripe_types::List<Widget>;\n");
    assert_has(&out, "    response bytes Vec<u8>;\n");
    assert_has(&out, "    error StripeError;\n}");
    // Required parameters are plain and taken by `new`; optional
    // collections are plain and empty when unset.
    assert_has_code(&out, "pub fn new(name: impl Into<String>) -> Self");
    assert_has(&out, "pub tags: Vec<String>,");
    assert_has_code(
        &out,
        "pub metadata: Option<stripe_types::Unsettable<std::collections::BTreeMap<String, String>>",
    );
    // Closed enums, `expand` from `x-expandableFields` (with `data.` for lists).
    assert_has_code(
        &out,
        "pub enum CreateWidgetColor { /// `red`\n Red, /// `blue`\n Blue, }",
    );
    assert!(!out.contains("CreateWidgetColor::Unknown"));
    assert_has(&out, "        Owner = \"data.owner\",\n");
    assert_has(&out, "        Owner = \"owner\",\n");
    // A titled parameter object used twice is one type.
    assert_eq!(out.matches("pub struct SizeParam {").count(), 1);
    assert_has(
        &out,
        "pub unit: Option<stripe_types::Unsettable<SizeParamUnit>>,",
    );
    // `now | unix-time`: a union with a unit variant; objects are boxed.
    assert_has_code(
        &out,
        "pub enum CreateWidgetEndsAt { /// `now`\n Now, Timestamp(stripe_types::Timestamp), }",
    );
    assert_has_code(&out, "RangeQuerySpecs(Box<RangeQuerySpecs>),");
    assert_has_code(&out, "impl From<RangeQuerySpecs> for ListWidgetCreated");
    // Pagination forwards and backwards.
    assert_has_code(
        &out,
        "pub fn next_page(&self, page: &stripe_types::List<Widget>) -> Option<Self>",
    );
    // The spec's answer schemas pull in `error`, named StripeError, and the
    // missing `payment_intent` is kept raw.
    assert_has(&out, "pub struct StripeError {");
    assert_has(&out, "pub payment_intent: Option<stripe_types::RawObject>,");
    insta::assert_snapshot!(out);
}

#[test]
fn missing_refs_are_an_error_unless_configured() {
    let e = generate(
        &widget_spec(),
        &config(&["/v1/widgets"], MissingRefs::Error),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "#/components/schemas/api_errors/properties/payment_intent: `$ref` to a schema that does \
         not exist: `payment_intent` (closest: widget, api_errors, error)"
    );
    let out = generate(&widget_spec(), &config(&["/v1/widgets"], MissingRefs::Id)).unwrap();
    assert_has(&out, "pub payment_intent: Option<stripe_types::ObjectId>,");
}

#[test]
fn a_path_pattern_matching_nothing_names_its_key() {
    let e = generate(
        &widget_spec(),
        &config(&["/v1/widgets", "/v1/gadgets/*"], MissingRefs::Raw),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "requests[1]: no path of the spec matches `/v1/gadgets/*`"
    );
    let mut bad = config(&["v1/widgets"], MissingRefs::Raw);
    bad.roots.clear();
    let e = generate(&widget_spec(), &bad).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("requests[0]: `v1/widgets` is not a path pattern"),
        "{e}"
    );
}

#[test]
fn bad_operations_are_errors_naming_their_pointer() {
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "parameter without a schema",
            json!({"parameters": [{"in": "query", "name": "limit"}], "responses": answer(json!({"type": "string"}))}),
            "#/paths/~1v1~1things/get/parameters/0: parameter `limit` has no schema",
        ),
        (
            "form body by $ref",
            json!({"requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/error"}}}},
                   "responses": answer(json!({"type": "string"}))}),
            "#/paths/~1v1~1things/get/requestBody/content/application~1x-www-form-urlencoded/schema: \
             a `$ref` as the form body is not supported: Stripe writes it in place",
        ),
        (
            "a field both in the path and the form",
            json!({"parameters": [id_param("thing")], "requestBody": form(json!({"thing": {"type": "string"}}), &[]),
                   "responses": answer(json!({"type": "string"}))}),
            "#/paths/~1v1~1things/get/requestBody/content/application~1x-www-form-urlencoded/schema/properties/thing: \
             `thing` is both a form field and a path or query parameter",
        ),
        (
            "`not` in a parameter",
            json!({"parameters": [{"in": "query", "name": "x", "schema": {"not": {"type": "string"}}}],
                   "responses": answer(json!({"type": "string"}))}),
            "#/paths/~1v1~1things/get/parameters/0/schema: this parameter schema (`allOf` of several, or `not`) is not supported",
        ),
        (
            "an operation that is not an object",
            json!(["get"]),
            "#/paths/~1v1~1things/get: not an operation: invalid length 1, expected struct RawOperation with 7 elements at line 1 column 7",
        ),
    ];
    for (what, op, expected) in cases {
        let mut spec = widget_spec();
        spec["paths"] = json!({"/v1/things": {"get": op}});
        let e = generate(&spec, &config(&["/v1/things"], MissingRefs::Raw)).expect_err(what);
        assert_eq!(e.to_string(), expected, "{what}");
    }
}

#[test]
fn the_same_spec_gives_the_same_requests() {
    let config = config(&["*"], MissingRefs::Raw);
    let a = generate(&widget_spec(), &config).unwrap();
    let b = generate(&widget_spec(), &config).unwrap();
    assert_eq!(a, b);
}
