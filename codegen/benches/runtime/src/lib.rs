//! The payloads of the runtime benchmarks, built from Stripe's fixtures and
//! the pinned spec, and the same bytes for every contender.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

/// `../shared/stripe-openapi/` beside the repository, or `$STRIPE_OPENAPI_DIR`.
pub fn stripe_openapi_dir() -> PathBuf {
    match std::env::var_os("STRIPE_OPENAPI_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => root().join("../shared/stripe-openapi"),
    }
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One resource of the 2023 fixtures file.
pub fn fixture(resource: &str) -> Value {
    let all = read_json(&stripe_openapi_dir().join("fixtures3.2023-08-16.json"));
    all["resources"][resource].clone()
}

/// The three payloads the benchmarks read.
pub struct Payloads {
    /// Stripe's fixture of `identity.verification_session`, as it is.
    pub fixture: String,
    /// The fixture with every optional field the spec has filled in and
    /// `last_verification_report` expanded into a full report.
    pub large: String,
    /// A JSON array of 1,000 sessions: the fixture with distinct ids,
    /// every tenth one the large payload.
    pub batch: String,
}

impl Payloads {
    /// Builds the payloads from the fixtures and the spec the generated
    /// types come from (`spec/cache/`).
    pub fn build() -> Payloads {
        let spec = read_json(&root().join("spec/cache/spec3.2023-08-16.json"));
        let filler = Filler {
            schemas: &spec["components"]["schemas"],
        };
        let fixture = fixture("identity.verification_session");

        let mut report = fixture_report();
        filler.fill("identity.verification_report", &mut report, 0);
        let mut large = fixture.clone();
        filler.fill("identity.verification_session", &mut large, 0);
        large["last_verification_report"] = report;

        let batch: Vec<Value> = (0..1000)
            .map(|i| {
                let mut one = if i % 10 == 9 {
                    large.clone()
                } else {
                    fixture.clone()
                };
                one["id"] = json!(format!("vs_{i:024}"));
                one["created"] = json!(1_692_000_000 + i);
                one
            })
            .collect();
        Payloads {
            fixture: fixture.to_string(),
            large: large.to_string(),
            batch: Value::Array(batch).to_string(),
        }
    }
}

fn fixture_report() -> Value {
    fixture("identity.verification_report")
}

/// Fills in every property a schema has and a value lacks (or holds
/// `null` in), with a value of the property's type.
struct Filler<'s> {
    schemas: &'s Value,
}

impl<'s> Filler<'s> {
    fn component(&self, reference: &str) -> &'s Value {
        let name = reference
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("unexpected $ref {reference}"));
        &self.schemas[name]
    }

    /// Fills `value`, an object of component schema `name`.
    fn fill(&self, name: &str, value: &mut Value, depth: usize) {
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
        assert!(depth < 12, "the identity schemas do not nest this deep");
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
