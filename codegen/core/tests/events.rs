//! `[events]`: the event envelope typed for webhooks, on small specs; and
//! each mistake in the configuration named by its key.

mod common;

use common::{assert_has_code, options, resource, rust_sources, single, spec};
use serde_json::{json, Value};
use stripe_codegen::config::{EventCarries, EventsConfig};
use stripe_codegen::ir::{Ty, TypeKind, TypeSpace};
use stripe_codegen::{generate_crates, Config};

/// Stripe's envelope, as the spec has it: `data.object` and
/// `previous_attributes` free-form, `type` a string.
fn envelope() -> Value {
    json!({
        "event": {
            "type": "object",
            "required": ["created", "data", "id", "object", "type"],
            "properties": {
                "api_version": {"type": "string", "nullable": true},
                "created": {"type": "integer", "format": "unix-time"},
                "data": {"$ref": "#/components/schemas/notification_event_data"},
                "id": {"type": "string"},
                "object": {"type": "string", "enum": ["event"]},
                "type": {"type": "string"}
            },
            "x-resourceId": "event"
        },
        "notification_event_data": {
            "type": "object",
            "required": ["object"],
            "properties": {
                "object": {"type": "object", "additionalProperties": true},
                "previous_attributes": {"type": "object", "additionalProperties": true}
            }
        }
    })
}

/// The envelope, `thing`, `deleted_thing` (which shares its `object`
/// value), `balance` (a resource without an id) and `plain` (no `object`).
fn schemas() -> Value {
    let mut all = envelope();
    let more = json!({
        "thing": resource("thing", json!({"name": {"type": "string"}})),
        "deleted_thing": resource("thing", json!({"deleted": {"type": "boolean"}})),
        "balance": {
            "type": "object",
            "properties": {"object": {"type": "string", "enum": ["balance"]}}
        },
        "plain": {"type": "object", "properties": {"x": {"type": "string"}}}
    });
    all.as_object_mut()
        .unwrap()
        .extend(more.as_object().unwrap().clone());
    all
}

fn config(events: EventsConfig) -> Config {
    Config {
        events: Some(events),
        ..single("t", &["thing", "deleted_thing", "balance", "plain"])
    }
}

fn events(types: &[&str], carries: &[(&str, &str)]) -> EventsConfig {
    EventsConfig {
        schema: "event".into(),
        types: types.iter().map(|t| t.to_string()).collect(),
        carries: carries
            .iter()
            .map(|(prefix, schema)| EventCarries {
                prefix: prefix.to_string(),
                schema: schema.to_string(),
            })
            .collect(),
    }
}

fn space(text: &str, config: &Config) -> Result<TypeSpace, stripe_codegen::Error> {
    let spec = stripe_codegen::spec::Spec::parse(text)?;
    stripe_codegen::resolve::resolve(&spec, config)
}

#[test]
fn the_envelope_gets_a_union_of_resources_and_an_enum_of_types() {
    let config = config(events(
        &[
            "thing.created",
            "thing.renamed.twice",
            "balance.available",
            "other.happened",
        ],
        &[("thing.renamed.", "thing")],
    ));
    let space = space(&spec(schemas()), &config).unwrap();
    let events = space.events.as_ref().unwrap();
    let TypeKind::Union(union) = &space.get(events.object).kind else {
        panic!("a union")
    };
    assert_eq!(space.get(events.object).name, "EventObject");
    let members: Vec<(&str, &str)> = union
        .variants
        .iter()
        .map(|v| (v.tag.as_deref().unwrap(), space.get(v.ty).name.as_str()))
        .collect();
    // One member per `object` value; `thing` over `deleted_thing`, which
    // says `thing` too; `balance` without an id; not the envelope itself.
    assert_eq!(members, [("balance", "Balance"), ("thing", "Thing")]);
    assert_eq!(union.other.as_deref(), Some("Other"));
    let TypeKind::Enum(types) = &space.get(events.types).kind else {
        panic!("an enum")
    };
    let variants: Vec<&str> = types
        .variants
        .iter()
        .map(|v| v.rust_name.as_str())
        .collect();
    assert_eq!(
        variants,
        [
            "ThingCreated",
            "ThingRenamedTwice",
            "BalanceAvailable",
            "OtherHappened"
        ]
    );
    assert_eq!(
        events.carries,
        [
            Some("thing".to_string()),
            Some("thing".to_string()),
            Some("balance".to_string()),
            None
        ]
    );
    assert_eq!(events.api_version_field.as_deref(), Some("api_version"));
    // The free-form places are typed now, and no longer degraded.
    assert!(space.degraded.is_empty(), "{:?}", space.degraded);
    let TypeKind::Struct(data) = &space
        .get(
            space
                .types
                .iter()
                .position(|t| t.name == "NotificationEventData")
                .map(stripe_codegen::ir::TypeId)
                .unwrap(),
        )
        .kind
    else {
        panic!("a struct")
    };
    assert_eq!(data.fields[0].ty, Ty::Named(events.object));
    assert_eq!(data.fields[1].ty, Ty::RawObject);
}

#[test]
fn the_generated_code_reads_like_the_identity_crates() {
    let config = config(events(&["thing.created"], &[]));
    let generated = generate_crates(&spec(schemas()), &config, &options(false)).unwrap();
    let code = rust_sources(&generated.files, true);
    assert_has_code(
        &code,
        "pub enum EventObject {\n    /// An object with `object: \"balance\"`.\n    Balance(Box<Balance>),\n    /// An object with `object: \"thing\"`.\n    Thing(Box<Thing>),\n    /// Any other object, kept exactly as it came.\n    Other(stripe_types::RawObject),\n}",
    );
    assert_has_code(&code, "const OPEN: bool = true;");
    assert_has_code(
        &code,
        "impl stripe_types::WebhookEvent for Event {\n    const API_VERSION: &'static str = \"2099-01-01\";",
    );
    assert_has_code(
        &code,
        "pub fn resource(&self) -> Option<&'static str> {\n        match self {\n            Self::ThingCreated => Some(\"thing\"),\n            _ => None,\n        }\n    }",
    );
    assert_has_code(&code, "pub const API_VERSION: &str = \"2099-01-01\";");
    assert_has_code(&code, "self.api_version.as_deref()");

    // A required `api_version` is a `String`.
    let mut required = schemas();
    required["event"]["properties"]["api_version"] = json!({"type": "string"});
    required["event"]["required"]
        .as_array_mut()
        .unwrap()
        .push(json!("api_version"));
    let generated = generate_crates(&spec(required), &config, &options(false)).unwrap();
    let code = rust_sources(&generated.files, true);
    assert_has_code(&code, "Some(self.api_version.as_str())");
}

#[test]
fn an_envelope_without_resources_keeps_every_object_as_it_came() {
    let config = Config {
        events: Some(events(&["thing.created"], &[])),
        ..single("t", &["plain"])
    };
    let generated = generate_crates(&spec(schemas()), &config, &options(false)).unwrap();
    let code = rust_sources(&generated.files, true);
    assert_has_code(
        &code,
        "pub enum EventObject {\n    /// Any other object, kept exactly as it came.\n    Other(stripe_types::RawObject),\n}",
    );
    // No `match` with one arm for clippy to flag.
    assert_has_code(
        &code,
        "fn variant<'de, D: serde::Deserializer<'de>>(_: usize, deserializer: D) -> Result<Self, D::Error> {\n        Ok(Self::Other(serde::Deserialize::deserialize(deserializer)?))\n    }",
    );
    assert_has_code(
        &code,
        "fn placeholder() -> Self {\n        Self::Other(stripe_types::__private::de::Placeholder::placeholder())\n    }",
    );
}

#[test]
fn the_spec_lists_the_types_when_the_configuration_does_not() {
    let mut document = common::document(schemas());
    document["paths"] = json!({"/v1/webhook_endpoints": {"post": {"requestBody": {"content": {
        "application/x-www-form-urlencoded": {"schema": {"properties": {"enabled_events": {
            "type": "array",
            "items": {"type": "string", "enum": ["*", "thing.created", "balance.available"]}
        }}}}
    }}}}});
    let space = space(&document.to_string(), &config(events(&[], &[]))).unwrap();
    let events = space.events.unwrap();
    let TypeKind::Enum(types) = &space.types[events.types.0].kind else {
        panic!("an enum")
    };
    let wires: Vec<&str> = types
        .variants
        .iter()
        .map(|v| v.wire_name.as_str())
        .collect();
    assert_eq!(wires, ["thing.created", "balance.available"]);
}

#[test]
fn mistakes_in_the_configuration_are_named_by_their_key() {
    let text = spec(schemas());
    let error = |events: EventsConfig| space(&text, &config(events)).unwrap_err().to_string();
    let mut typo = events(&[], &[]);
    typo.schema = "evnt".into();
    assert_eq!(
        error(typo),
        "events.schema: the spec has no schema `evnt`; the closest names are: event, thing, plain"
    );
    let mut not_an_envelope = events(&[], &[]);
    not_an_envelope.schema = "plain".into();
    assert_eq!(
        error(not_an_envelope),
        "events.schema: the event envelope has no `data` object with an `object` property \
         (#/components/schemas/plain/properties/data)"
    );
    assert_eq!(
        error(events(&[], &[("x.", "plain")])),
        "events.carries[0].schema: `plain` is not a generated resource (a schema with an \
         `object` value), so no event carries it"
    );
    assert_eq!(
        error(events(&[], &[("", "thing")])),
        "events.carries[0].prefix: an empty prefix would claim every event type: write one \
         such as `identity.verification_session.`"
    );
    assert_eq!(
        error(events(&["a.b", "a.b"], &[])),
        "events.types[1]: `a.b` is listed twice"
    );
    assert_eq!(
        error(events(&["a b"], &[])),
        "events.types[0]: `a b` is not an event type such as \
         `identity.verification_session.verified`"
    );
}
