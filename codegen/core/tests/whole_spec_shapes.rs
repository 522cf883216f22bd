//! The shapes the whole spec has beyond the identity closure, each on a
//! small spec: unions whose members share or lack an `object` value,
//! expansion targets without `x-resourceId`, free-form objects (reported as
//! degraded), and crates that would depend on each other in a cycle.

mod common;

use common::{options, spec};
use serde_json::{json, Value};
use stripe_codegen::config::CrateConfig;
use stripe_codegen::ir::{Discriminator, Ty, TypeKind, TypeSpace};
use stripe_codegen::{generate_crates, Config};

fn resolve(text: &str, config: &Config) -> TypeSpace {
    let spec = stripe_codegen::spec::Spec::parse(text).unwrap();
    stripe_codegen::resolve::resolve(&spec, config).unwrap()
}

fn all(name: &str) -> Config {
    Config::single_crate(name, vec!["*".into()])
}

fn source(text: &str, config: &Config) -> String {
    generate_crates(text, config, &options(true))
        .unwrap()
        .files
        .iter()
        .filter(|f| f.path.ends_with(".rs"))
        .map(|f| f.contents.clone())
        .collect()
}

fn type_named<'s>(space: &'s TypeSpace, name: &str) -> &'s TypeKind {
    &space
        .types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no type {name}"))
        .kind
}

fn object(tag: &str, extra: Value) -> Value {
    let mut props = json!({
        "id": {"type": "string"},
        "object": {"type": "string", "enum": [tag]}
    });
    props
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    json!({"type": "object", "required": ["id", "object"], "properties": props, "x-resourceId": tag})
}

fn customers() -> Value {
    let mut deleted = object(
        "customer",
        json!({"deleted": {"type": "boolean", "enum": [true]}}),
    );
    deleted["required"] = json!(["id", "object", "deleted"]);
    json!({
        "customer": object("customer", json!({"email": {"type": "string"}})),
        "deleted_customer": deleted,
        "charge": {"type": "object", "properties": {
            "customer": {
                "anyOf": [
                    {"type": "string"},
                    {"$ref": "#/components/schemas/customer"},
                    {"$ref": "#/components/schemas/deleted_customer"}
                ],
                "x-expansionResources": {"oneOf": [
                    {"$ref": "#/components/schemas/customer"},
                    {"$ref": "#/components/schemas/deleted_customer"}
                ]}
            }
        }}
    })
}

#[test]
fn members_sharing_an_object_value_are_told_apart_by_their_fields() {
    let text = spec(customers());
    let space = resolve(&text, &all("t"));
    let TypeKind::Union(u) = type_named(&space, "ChargeCustomer") else {
        panic!("a union")
    };
    assert_eq!(u.discriminator, Discriminator::Fields);
    assert!(u.has_id, "both members are resources: the union can expand");
    let out = source(&text, &all("t"));
    assert!(out.contains("pub customer: Option<stripe_types::Expandable<ChargeCustomer>>,"));
    assert!(out.contains("impl stripe_types::__private::de::UntaggedUnion for ChargeCustomer {"));
    // The keys each member knows, to rank them by the keys they do not.
    let flat: String = out.split_whitespace().collect();
    assert!(
        flat.contains(r#"FIELDS:&'static[&'static[&'staticstr]]=&[&["email","id","object"],&["deleted","id","object"],];"#),
        "{out}"
    );
}

#[test]
fn members_without_an_object_value_are_told_apart_by_their_fields() {
    let text = spec(json!({
        "options": {"type": "object", "properties": {"card": {"anyOf": [
            {"$ref": "#/components/schemas/card_options"},
            {"$ref": "#/components/schemas/client_options"}
        ]}}},
        "card_options": {"type": "object", "properties": {"installments": {"type": "boolean"}}},
        "client_options": {"type": "object", "properties": {"capture_method": {"type": "string"}}}
    }));
    let space = resolve(&text, &all("t"));
    let TypeKind::Union(u) = type_named(&space, "OptionsCard") else {
        panic!("a union")
    };
    assert_eq!(u.discriminator, Discriminator::Fields);
    assert_eq!(u.variants[0].tag, None);
    assert!(space.degraded.is_empty());
}

#[test]
fn expansion_targets_without_a_resource_id_get_an_id_type() {
    let text = spec(json!({
        "application": {"type": "object", "required": ["id"], "properties": {
            "id": {"type": "string"},
            "object": {"type": "string", "enum": ["application"]}
        }},
        "invoice": {"type": "object", "x-resourceId": "invoice", "properties": {
            // An upcoming invoice has no id.
            "id": {"type": "string"},
            "object": {"type": "string", "enum": ["invoice"]}
        }},
        "charge": {"type": "object", "properties": {
            "application": {"anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/application"}],
                "x-expansionResources": {"oneOf": [{"$ref": "#/components/schemas/application"}]}},
            "invoice": {"anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/invoice"}],
                "x-expansionResources": {"oneOf": [{"$ref": "#/components/schemas/invoice"}]}}
        }}
    }));
    let space = resolve(&text, &all("t"));
    assert!(matches!(
        type_named(&space, "ApplicationId"),
        TypeKind::Id(_)
    ));
    let out = source(&text, &all("t"));
    assert!(out.contains("pub application: Option<stripe_types::Expandable<Application>>,"));
    assert!(out.contains("pub id: ApplicationId,"));
    // An optional id: the empty id stands in where there is none.
    assert!(out.contains("pub id: Option<InvoiceId>,"));
    assert!(out.contains("static NONE: InvoiceId = stripe_types::Id::empty();"));
}

#[test]
fn an_expansion_target_without_an_id_degrades_that_field_alone() {
    let text = spec(json!({
        // Neither `id` nor `x-resourceId`: an expanded value cannot give
        // the id back.
        "upcoming": {"type": "object", "properties": {
            "amount": {"type": "integer"}
        }},
        "application": {"type": "object", "required": ["id"], "properties": {
            "id": {"type": "string"}
        }},
        "charge": {"type": "object", "required": ["next"], "properties": {
            "next": {"anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/upcoming"}],
                "x-expansionResources": {"oneOf": [{"$ref": "#/components/schemas/upcoming"}]}},
            "application": {"anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/application"}],
                "x-expansionResources": {"oneOf": [{"$ref": "#/components/schemas/application"}]}}
        }}
    }));
    let generated = generate_crates(&text, &all("t"), &options(true)).unwrap();
    let warnings: Vec<String> = generated.degraded.iter().map(|d| d.warning()).collect();
    assert_eq!(
        warnings,
        [
            "#/components/schemas/charge/properties/next: expandable field whose target has no \
          `id` to identify it; that value is a serde_json::Value (in `charge`)"
        ]
    );
    let out = source(&text, &all("t"));
    assert!(out.contains("pub next: serde_json::Value,"), "{out}");
    // The rest of the spec generates as it would without that field.
    assert!(out.contains("pub application: Option<stripe_types::Expandable<Application>>,"));
    assert!(out.contains("pub struct Upcoming {"));
    assert!(out.contains("pub amount: Option<i64>,"));
}

#[test]
fn free_form_objects_are_maps_of_json_and_reported() {
    let text = spec(json!({
        "event_data": {"type": "object", "required": ["object"], "properties": {
            "object": {"type": "object", "description": "The resource."},
            "previous_attributes": {"type": "object"}
        }},
        // A component schema without properties is an empty object.
        "empty_details": {"type": "object", "properties": {}}
    }));
    let space = resolve(&text, &all("t"));
    let pointers: Vec<(&str, &str)> = space
        .degraded
        .iter()
        .map(|d| (d.schema.as_str(), d.pointer.as_str()))
        .collect();
    assert_eq!(
        pointers,
        [
            (
                "event_data",
                "#/components/schemas/event_data/properties/object"
            ),
            (
                "event_data",
                "#/components/schemas/event_data/properties/previous_attributes"
            ),
        ]
    );
    assert!(space.degraded[0].reason.contains("free-form object"));
    let TypeKind::Struct(s) = type_named(&space, "EventData") else {
        panic!("a struct")
    };
    assert_eq!(s.fields[0].ty, Ty::Map(Box::new(Ty::Json)));
    assert!(
        matches!(type_named(&space, "EmptyDetails"), TypeKind::Struct(s) if s.fields.is_empty())
    );
    let files = generate_crates(&text, &all("t"), &options(true))
        .unwrap()
        .files;
    let manifest = files.iter().find(|f| f.path == "t/Cargo.toml").unwrap();
    assert!(manifest.contents.contains("serde_json = \"1\""));
}

#[test]
fn array_items_are_named_after_their_field() {
    let text = spec(json!({
        "options": {"type": "object", "properties": {
            "allowed_types": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}}
        }}
    }));
    let out = source(&text, &all("t"));
    assert!(
        out.contains("pub allowed_types: Option<Vec<OptionsAllowedTypes>>,"),
        "{out}"
    );
}

fn split(crates: &[(&str, &[&str])]) -> Config {
    let mut config = Config {
        roots: vec!["*".into()],
        crates: crates
            .iter()
            .map(|(name, patterns)| CrateConfig {
                name: name.to_string(),
                patterns: patterns.iter().map(|p| p.to_string()).collect(),
                ..CrateConfig::default()
            })
            .collect(),
        ..Config::default()
    };
    config.crates[0].default = true;
    config
}

/// The crate that type `name` is placed in.
fn crate_of(space: &TypeSpace, config: &Config, name: &str) -> String {
    let placement = stripe_codegen::placement::place(space, config);
    let (id, _) = space.iter().find(|(_, t)| t.name == name).unwrap();
    placement.crates[placement.crate_of[id.0]].name.clone()
}

#[test]
fn schemas_on_a_cycle_between_crates_move_to_the_shared_crate() {
    // core's customer and billing's subscription use each other. Both move
    // to the shared crate, and with them what they use from billing (which
    // depends on the shared crate now); core's address stays in core, which
    // the shared crate can depend on.
    let text = spec(json!({
        "customer": {"type": "object", "properties": {
            "subscription": {"$ref": "#/components/schemas/subscription"},
            "address": {"$ref": "#/components/schemas/customer_address"}
        }},
        "customer_address": {"type": "object", "properties": {"city": {"type": "string"}}},
        "subscription": {"type": "object", "properties": {
            "customer": {"$ref": "#/components/schemas/customer"},
            "plan": {"$ref": "#/components/schemas/subscription_plan"}
        }},
        "subscription_plan": {"type": "object", "properties": {"amount": {"type": "integer"}}},
        "invoice": {"type": "object", "properties": {
            "customer": {"$ref": "#/components/schemas/customer"}
        }}
    }));
    let config = split(&[
        ("shared", &[]),
        ("core", &["customer*"]),
        ("billing", &["subscription*", "invoice"]),
    ]);
    let space = resolve(&text, &config);
    let placed: Vec<(&str, String)> = [
        "Customer",
        "CustomerAddress",
        "Invoice",
        "Subscription",
        "SubscriptionPlan",
    ]
    .iter()
    .map(|n| (*n, crate_of(&space, &config, n)))
    .collect();
    let placed: Vec<(&str, &str)> = placed.iter().map(|(n, c)| (*n, c.as_str())).collect();
    assert_eq!(
        placed,
        [
            ("Customer", "shared"),
            ("CustomerAddress", "core"),
            ("Invoice", "billing"),
            ("Subscription", "shared"),
            ("SubscriptionPlan", "shared"),
        ]
    );
    // The crates build on each other without a cycle, and the same input
    // gives the same split.
    let files = generate_crates(&text, &config, &options(true))
        .unwrap()
        .files;
    assert_eq!(
        files,
        generate_crates(&text, &config, &options(true))
            .unwrap()
            .files
    );
    let manifest = |name: &str| {
        files
            .iter()
            .find(|f| f.path == format!("{name}/Cargo.toml"))
            .unwrap()
            .contents
            .clone()
    };
    assert!(
        manifest("shared").contains("core = { path = \"../core\", version = \"=0.20990101.0\" }")
    );
    assert!(!manifest("shared").contains("billing"));
    assert!(manifest("billing")
        .contains("shared = { path = \"../shared\", version = \"=0.20990101.0\" }"));
    assert!(!manifest("core").contains("shared"));
}

#[test]
fn crates_without_a_cycle_stay_as_configured() {
    let text = spec(json!({
        "customer": {"type": "object", "properties": {
            "address": {"$ref": "#/components/schemas/address"}
        }},
        "address": {"type": "object", "properties": {"city": {"type": "string"}}}
    }));
    let config = split(&[("shared", &[]), ("core", &["customer"])]);
    let space = resolve(&text, &config);
    assert_eq!(crate_of(&space, &config, "Customer"), "core");
    assert_eq!(crate_of(&space, &config, "Address"), "shared");
}
