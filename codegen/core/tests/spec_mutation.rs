//! Property test: mutated specs never make the generator panic, and
//! whatever it emits parses as Rust.
//!
//! Each case starts from a small valid spec or from Stripe's own identity
//! schemas and applies a few mutations: renamed schemas and properties
//! (hostile names included), changed or invalid types, broken or looping
//! `$ref`s, `nullable`, enums, descriptions, `required`, extra nesting,
//! deleted and replaced keywords. Then:
//!
//! - `generate_crates` does not panic (it runs under `catch_unwind`);
//! - on success, every `.rs` file parses with `syn::parse_file`, every path
//!   is a plain relative path, and every manifest has only its sections;
//! - on failure, the error is one line, is not an internal error, and its
//!   JSON pointer names a place in the mutated spec (or its parent, for
//!   something missing).
//!
//! CI runs 64 cases per seed family (seconds). For a long run, set
//! `PROPTEST_CASES`, for example:
//!
//! ```sh
//! PROPTEST_CASES=100000 cargo test --release -p stripe-codegen --test spec_mutation
//! ```
//!
//! ROBUSTNESS.md gives the figures of the latest long runs.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, FileFailurePersistence, TestRunner};
mod common;

use common::{document, options, resource, single};
use serde_json::{json, Map, Value};
use stripe_codegen::generate_crates;

// ---- Seeds.

fn small_seeds() -> Vec<Value> {
    vec![
        document(json!({
            "a": {"type": "object", "required": ["x"], "description": "An `a`. See [docs](/docs/a).", "properties": {
                "x": {"type": "string"},
                "y": {"$ref": "#/components/schemas/b"},
                "z": {"type": "integer", "format": "unix-time", "nullable": true}
            }},
            "b": {"type": "string", "enum": ["p", "q", ""]}
        })),
        document(json!({
            "session": resource("session", json!({
                "report": {
                    "anyOf": [{"type": "string", "maxLength": 5000}, {"$ref": "#/components/schemas/report"}],
                    "nullable": true,
                    "x-expansionResources": {"oneOf": [{"$ref": "#/components/schemas/report"}]}
                },
                "source": {"anyOf": [{"$ref": "#/components/schemas/card"}, {"$ref": "#/components/schemas/bank"}]},
                "metadata": {"type": "object", "additionalProperties": {"type": "string"}}
            })),
            "report": resource("report", json!({"created": {"type": "integer", "format": "unix-time"}})),
            "card": resource("card", json!({"brand": {"type": "string"}})),
            "bank": resource("bank", json!({"last4": {"type": "string"}}))
        })),
        document(json!({
            "outer": {"type": "object", "properties": {
                "list": {"type": "array", "items": {"type": "object", "properties": {
                    "kind": {"type": "string", "enum": ["one", "two"]},
                    "inner": {"type": "object", "properties": {"deep": {"type": "boolean"}}}
                }}},
                "alias": {"$ref": "#/components/schemas/alias"},
                "maybe": {"anyOf": [{"$ref": "#/components/schemas/node"}], "nullable": true},
                "any": {}
            }},
            "alias": {"type": "array", "items": {"type": "number"}},
            "node": {"type": "object", "properties": {
                "next": {"anyOf": [{"$ref": "#/components/schemas/node"}], "nullable": true},
                "children": {"type": "array", "items": {"$ref": "#/components/schemas/node"}}
            }}
        })),
    ]
}

/// Stripe's spec (`cargo xtask fetch-spec` installs it; CI does first).
fn pinned_spec() -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let cached = root.join("spec/cache/spec3.2023-08-16.json");
    let shared = std::env::var_os("STRIPE_OPENAPI_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/stripe-openapi"))
        .join("spec3.2023-08-16.json");
    let text = std::fs::read_to_string(&cached)
        .or_else(|_| std::fs::read_to_string(&shared))
        .unwrap_or_else(|e| {
            panic!(
                "no spec at {} or {} (run `cargo xtask fetch-spec`): {e}",
                cached.display(),
                shared.display()
            )
        });
    serde_json::from_str(&text).unwrap()
}

/// The identity schemas and everything they reference, as a spec of their own.
fn identity_seed() -> Value {
    let spec = pinned_spec();
    let all = spec["components"]["schemas"].as_object().unwrap();
    let mut keep = Map::new();
    let mut queue = vec![
        "identity.verification_session".to_string(),
        "identity.verification_report".to_string(),
    ];
    while let Some(name) = queue.pop() {
        if keep.contains_key(&name) {
            continue;
        }
        let schema = all[&name].clone();
        let mut refs = Vec::new();
        collect_refs(&schema, &mut refs);
        queue.extend(refs);
        keep.insert(name, schema);
    }
    let mut seed = document(Value::Object(keep));
    seed["info"]["version"] = spec["info"]["version"].clone();
    seed
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                if let Some(name) = r.strip_prefix("#/components/schemas/") {
                    out.push(name.to_string());
                }
            }
            map.values().for_each(|v| collect_refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

fn seeds() -> &'static [Value] {
    static SEEDS: OnceLock<Vec<Value>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut all = small_seeds();
        all.push(identity_seed());
        all
    })
}

#[path = "spec_mutation/mutations.rs"]
mod mutations;

use mutations::{apply, mutation};

// ---- The property.

/// What the cases came to, for the report at the end of a run.
#[derive(Default)]
struct Stats {
    generated: AtomicUsize,
    files: AtomicUsize,
    /// Error messages with the names in them blanked out, and how often.
    errors: Mutex<BTreeMap<String, usize>>,
}

impl Stats {
    fn error(&self, message: &str) {
        let mut kind = String::new();
        let mut quoted = false;
        for c in message.chars() {
            match c {
                '`' if quoted => quoted = false,
                '`' => {
                    quoted = true;
                    kind.push_str("`_`");
                }
                _ if quoted => {}
                c => kind.push(c),
            }
        }
        // `$ref` loops name their schemas after a colon: one kind for all.
        if let Some(at) = kind.find(" in between: ") {
            kind.truncate(at + " in between".len());
        }
        let kind: String = kind
            .split(" (")
            .next()
            .unwrap_or("")
            .chars()
            .take(70)
            .collect();
        *self.errors.lock().unwrap().entry(kind).or_default() += 1;
    }

    fn report(&self, name: &str, cases: u32, elapsed: std::time::Duration) {
        let errors = self.errors.lock().unwrap();
        let failed: usize = errors.values().sum();
        eprintln!(
            "{name}: {cases} cases in {:.1} s: {} generated code ({} files, all parsed), {failed} clear errors",
            elapsed.as_secs_f64(),
            self.generated.load(Ordering::Relaxed),
            self.files.load(Ordering::Relaxed),
        );
        let mut by_count: Vec<_> = errors.iter().collect();
        by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (kind, count) in by_count {
            eprintln!("  {count:>7}  {kind}");
        }
    }
}

fn check(doc: &Value, stats: &Stats) -> Result<(), TestCaseError> {
    let text = doc.to_string();
    // Small failing specs are shown whole, to reproduce by hand.
    let shown = if text.len() < 4000 {
        text.as_str()
    } else {
        "(too long to show)"
    };
    let config = single("mutated", &["*"]);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        generate_crates(&text, &config, &options(true))
    }));
    let result = match outcome {
        Ok(result) => result,
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            return Err(TestCaseError::fail(format!(
                "the generator panicked: {message}"
            )));
        }
    };
    match result {
        Ok(generated) => {
            stats.generated.fetch_add(1, Ordering::Relaxed);
            stats
                .files
                .fetch_add(generated.files.len(), Ordering::Relaxed);
            for file in &generated.files {
                let path = Path::new(&file.path);
                prop_assert!(path.is_relative(), "{}", file.path);
                prop_assert!(
                    file.path
                        .split('/')
                        .all(|c| !c.is_empty() && c != ".." && c != "."),
                    "{}",
                    file.path
                );
                prop_assert!(
                    file.path
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')),
                    "{}",
                    file.path
                );
                if file.path.ends_with(".rs") {
                    if let Err(e) = syn::parse_file(&file.contents) {
                        return Err(TestCaseError::fail(format!(
                            "{} does not parse: {e}\n{}",
                            file.path, file.contents
                        )));
                    }
                }
                if file.path.ends_with(".toml") {
                    for line in file.contents.lines().filter(|l| l.starts_with('[')) {
                        prop_assert!(
                            [
                                "[package]",
                                "[package.metadata.stripe]",
                                "[features]",
                                "[dependencies]",
                                "[dev-dependencies]",
                                "[package.metadata.docs.rs]",
                                "[workspace]"
                            ]
                            .contains(&line),
                            "{}: unexpected section {line}",
                            file.path
                        );
                    }
                }
            }
        }
        Err(e) => {
            let line = e.to_string();
            prop_assert!(!line.contains('\n'), "more than one line: {line:?}");
            prop_assert!(!e.message.contains("internal error"), "{line}");
            if !e.pointer().is_empty() {
                prop_assert!(e.pointer().starts_with('#'), "{line}");
                let pointer = &e.pointer()[1..];
                let parent = pointer.rsplit_once('/').map_or("", |(p, _)| p);
                prop_assert!(
                    doc.pointer(pointer).is_some() || doc.pointer(parent).is_some(),
                    "the error points nowhere in the spec: {line}\nspec: {shown}"
                );
            }
            stats.error(&e.message);
        }
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// Runs `cases()` mutated specs from the seeds `pick` chooses; prints what
/// they came to (`--nocapture` shows it) and fails with the smallest
/// failing spec proptest finds.
fn run(name: &str, seeds_from: std::ops::Range<usize>, mutations: std::ops::Range<usize>) {
    let config = ProptestConfig {
        cases: cases(),
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..ProptestConfig::default()
    };
    let stats = Stats::default();
    let start = Instant::now();
    let mut runner = TestRunner::new(config);
    let strategy = (seeds_from, proptest::collection::vec(mutation(), mutations));
    let result = runner.run(&strategy, |(seed, mutations)| {
        let mut doc = seeds()[seed].clone();
        for m in &mutations {
            apply(&mut doc, m);
        }
        check(&doc, &stats)
    });
    stats.report(name, cases(), start.elapsed());
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

#[test]
fn mutated_small_specs() {
    run("mutated_small_specs", 0..3, 1..8);
}

#[test]
fn mutated_identity_schemas() {
    run("mutated_identity_schemas", 3..4, 1..6);
}

#[test]
fn the_seeds_generate_as_they_are() {
    // Unmutated, every seed generates (the property's checks hold), and
    // every component schema that is an object becomes a struct.
    let stats = Stats::default();
    for (i, seed) in seeds().iter().enumerate() {
        check(seed, &stats).unwrap_or_else(|e| panic!("seed {i}: {e}"));
        let generated =
            generate_crates(&seed.to_string(), &single("seed", &["*"]), &options(false))
                .unwrap_or_else(|e| panic!("seed {i}: {e}"));
        let code: String = generated
            .files
            .iter()
            .map(|f| f.contents.as_str())
            .collect();
        let schemas = seed["components"]["schemas"].as_object().unwrap();
        let objects: Vec<&String> = schemas
            .iter()
            .filter(|(_, s)| s["type"] == "object" && s["properties"].is_object())
            .map(|(name, _)| name)
            .collect();
        assert!(!objects.is_empty(), "seed {i} has objects");
        for name in objects {
            let rust = stripe_codegen::names::type_name(name);
            assert!(
                code.contains(&format!("pub struct {rust} {{")),
                "seed {i}: no struct {rust} for schema {name}"
            );
        }
    }
    assert_eq!(stats.generated.load(Ordering::Relaxed), seeds().len());
    assert!(stats.errors.lock().unwrap().is_empty());
}
