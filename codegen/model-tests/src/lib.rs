//! Helpers for testing generated types against Stripe's fixtures.
#![forbid(unsafe_code)]

use std::path::PathBuf;

use serde_json::{json, Map, Value};

/// `../shared/stripe-openapi/` beside the repository (or
/// `$STRIPE_OPENAPI_DIR`): Stripe's specs and fixtures, never committed.
pub fn stripe_openapi_dir() -> PathBuf {
    match std::env::var_os("STRIPE_OPENAPI_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/stripe-openapi"),
    }
}

/// One resource of a fixtures file, such as
/// `fixture("fixtures3.2023-08-16.json", "identity.verification_session")`.
pub fn fixture(file: &str, resource: &str) -> Value {
    let path = stripe_openapi_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} (set STRIPE_OPENAPI_DIR?): {e}",
            path.display()
        )
    });
    let all: Value = serde_json::from_str(&text).expect("fixtures are JSON");
    all["resources"][resource].clone()
}

/// An `identity.verification_session.verified` event as Stripe delivers
/// it: Stripe's fixture of the session (`fixtures3.2026-08-21.json`) as
/// `data.object`, created at `created`, keys sorted and two-space indents
/// as Stripe writes bodies (1,004 bytes). The webhook benchmarks and load
/// test send these bytes, and `xtask/stripe-node/bench.js` builds the same.
pub fn identity_event_body(created: i64) -> Vec<u8> {
    let session = fixture("fixtures3.2026-08-21.json", "identity.verification_session");
    let event = json!({
        "id": "evt_1Pgc7GB7WZ01zgkWbench",
        "object": "event",
        "api_version": "2026-07-29.dahlia",
        "created": created,
        "data": {"object": session},
        "livemode": false,
        "pending_webhooks": 1,
        "request": {"id": null, "idempotency_key": null},
        "type": "identity.verification_session.verified",
    });
    serde_json::to_vec_pretty(&sorted(event)).expect("a Value always serializes")
}

/// Keys in byte order at every level, whatever map serde_json was built with.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// JSON pointers of every key in `original` that `round_tripped` lacks or
/// holds a different value for, with the values that differ. Object key
/// order is ignored.
pub fn differences(original: &Value, round_tripped: &Value) -> Vec<String> {
    let mut out = Vec::new();
    diff(original, round_tripped, String::new(), &mut out);
    out
}

fn diff(a: &Value, b: &Value, at: String, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let here = format!("{at}/{k}");
                match y.get(k) {
                    Some(w) => diff(v, w, here, out),
                    None => out.push(format!("missing {here}")),
                }
            }
            for k in y.keys().filter(|k| !x.contains_key(*k)) {
                out.push(format!("added {at}/{k}"));
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                diff(v, w, format!("{at}/{i}"), out);
            }
        }
        _ if a == b => {}
        _ => out.push(format!("changed {at}: {a} -> {b}")),
    }
}

/// A spec file of `stripe_openapi_dir()`, parsed.
pub fn spec(file: &str) -> Value {
    let path = stripe_openapi_dir().join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `value` as JSON text with every object's keys sorted: two payloads are
/// the same JSON when their canonical texts are byte-equal (numbers are
/// compared as written, `1` and `1.0` differ).
pub fn canonical(value: &Value) -> String {
    sorted(value.clone()).to_string()
}

/// Fills in every property a schema has and a value lacks (or holds
/// `null` in), with a value of the property's type.
pub struct Filler<'s> {
    /// `components.schemas` of the spec.
    pub schemas: &'s Value,
}

impl<'s> Filler<'s> {
    fn component(&self, reference: &str) -> &'s Value {
        let name = reference
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("unexpected $ref {reference}"));
        &self.schemas[name]
    }

    /// Fills `value`, an object of component schema `name`.
    pub fn fill(&self, name: &str, value: &mut Value, depth: usize) {
        let schema = &self.schemas[name];
        self.fill_object(schema, value, depth);
    }

    fn fill_object(&self, schema: &Value, value: &mut Value, depth: usize) {
        let Some(properties) = schema["properties"].as_object() else {
            return;
        };
        let Value::Object(map) = value else {
            return;
        };
        for (key, property) in properties {
            match map.get_mut(key) {
                Some(Value::Null) | None => {
                    map.insert(key.clone(), self.make(key, property, depth + 1));
                }
                Some(present) => self.fill_present(property, present, depth + 1),
            }
        }
    }

    /// Completes a value the fixture has (an object that may lack fields).
    fn fill_present(&self, schema: &Value, value: &mut Value, depth: usize) {
        if let Some(reference) = schema["$ref"].as_str() {
            let target = self.component(reference);
            return self.fill_present(target, value, depth);
        }
        if let Some(any) = schema["anyOf"].as_array() {
            if value.is_object() {
                if let Some(object) = any.iter().find(|s| !s["$ref"].is_null()) {
                    self.fill_present(object, value, depth);
                }
            }
            return;
        }
        if value.is_object() && schema["properties"].is_object() {
            self.fill_object(schema, value, depth);
        }
        // An empty map (`metadata: {}`) gets a few entries.
        let extra = &schema["additionalProperties"];
        if extra.is_object() && value.as_object().is_some_and(|m| m.is_empty()) {
            if let Value::Object(map) = self.make("key", schema, depth) {
                *value = Value::Object(map);
            }
        }
    }

    /// A value of `schema` for property `key`, every field set.
    fn make(&self, key: &str, schema: &Value, depth: usize) -> Value {
        assert!(depth < 12, "the schemas do not nest this deep");
        if let Some(reference) = schema["$ref"].as_str() {
            let target = self.component(reference);
            return self.make(key, target, depth);
        }
        if let Some(any) = schema["anyOf"].as_array() {
            // Expandable fields keep their id form (only the top-level
            // report is expanded, by the caller); other unions take their
            // first member.
            let pick = if schema["x-expansionResources"].is_object() {
                any.iter()
                    .find(|s| s["type"] == "string")
                    .unwrap_or(&any[0])
            } else {
                &any[0]
            };
            return self.make(key, pick, depth);
        }
        if let Some(values) = schema["enum"].as_array() {
            return values[0].clone();
        }
        match schema["type"].as_str() {
            Some("string") => json!(format!("{key}_{depth}")),
            Some("integer") if schema["format"] == "unix-time" => json!(1_692_000_000),
            Some("integer") => json!(depth as i64 + 1),
            Some("number") => json!(1.5),
            Some("boolean") => json!(true),
            Some("array") => Value::Array(vec![self.make(key, &schema["items"], depth + 1)]),
            Some("object") | None => {
                if let Some(extra) = schema.get("additionalProperties").filter(|a| a.is_object()) {
                    let mut map = Map::new();
                    for i in 0..3 {
                        map.insert(format!("{key}_{i}"), self.make(key, extra, depth + 1));
                    }
                    return Value::Object(map);
                }
                let mut value = Value::Object(Map::new());
                self.fill_object(schema, &mut value, depth);
                value
            }
            Some(other) => panic!("unexpected type {other}"),
        }
    }
}

/// The Rust examples of the repository's README.md, compiled (and run,
/// where they are not `no_run`) as this crate's doctests.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
