//! The payloads of the runtime benchmarks, built from Stripe's fixtures and
//! the pinned spec, and the same bytes for every contender.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use stripe_model_tests::Filler;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One resource of the 2023 fixtures file.
pub fn fixture(resource: &str) -> Value {
    stripe_model_tests::fixture("fixtures3.2023-08-16.json", resource)
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
