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
//! ROBUSTNESS.md records the runs made and what they found.

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

// ---- Mutations.

/// Names, values and text chosen to break things.
const HOSTILE: &[&str] = &[
    "",
    " ",
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "match",
    "foo-bar",
    "foo_bar",
    "fooBar",
    "3d",
    "名前",
    "✓",
    "a/b",
    "a~b",
    "a~1b",
    "\n",
    "x\ny",
    "*/",
    "/*",
    "`",
    "```",
    "<script>",
    "#[cfg(any())]",
    "object",
    "id",
    "Unknown",
    "unknown",
    "string",
    "option",
    "e",
    "builder",
    "lib",
    "serde",
    "std",
    "r#type",
    "\u{202e}",
    "\t",
    "\"",
    "\\",
    "null",
    "0",
];

const TYPES: &[&str] = &[
    "string", "integer", "number", "boolean", "object", "array", "strnig", "null",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(HOSTILE).prop_map(str::to_string),
        1 => ".{0,12}",
        1 => "[a-z_\\-\\. ]{0,8}",
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        text().prop_map(Value::String),
        Just(json!([])),
        Just(json!({})),
    ]
}

#[derive(Clone, Debug)]
enum Mutation {
    RenameSchema {
        at: usize,
        name: String,
        update_refs: bool,
    },
    RenameProperty {
        at: usize,
        which: usize,
        name: String,
    },
    SetType {
        at: usize,
        ty: Value,
    },
    SetFormat {
        at: usize,
        format: String,
    },
    SetRef {
        at: usize,
        to_schema: usize,
    },
    RawRef {
        at: usize,
        reference: String,
    },
    ToggleNullable {
        at: usize,
    },
    SetKeyword {
        at: usize,
        key: &'static str,
        value: Value,
    },
    SetEnum {
        at: usize,
        values: Vec<Value>,
    },
    SetDescription {
        at: usize,
        text: String,
    },
    Wrap {
        at: usize,
        how: u8,
    },
    RemoveKey {
        at: usize,
        which: usize,
    },
    Replace {
        at: usize,
        value: Value,
    },
    SetRequired {
        at: usize,
        names: Vec<String>,
    },
    AddProperty {
        at: usize,
        name: String,
        to_schema: usize,
    },
    Expandable {
        at: usize,
        to_schema: usize,
    },
    ObjectTag {
        at: usize,
        value: String,
    },
    CopySchema {
        from: usize,
        name: String,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        (at, text(), any::<bool>()).prop_map(|(at, name, update_refs)| {
            Mutation::RenameSchema {
                at,
                name,
                update_refs,
            }
        }),
        (at, any::<usize>(), text()).prop_map(|(at, which, name)| Mutation::RenameProperty {
            at,
            which,
            name
        }),
        (
            at,
            prop_oneof![
                proptest::sample::select(TYPES).prop_map(Value::from),
                scalar()
            ]
        )
            .prop_map(|(at, ty)| Mutation::SetType { at, ty }),
        (
            at,
            prop_oneof![
                Just("unix-time".to_string()),
                Just("int64".to_string()),
                text()
            ]
        )
            .prop_map(|(at, format)| Mutation::SetFormat { at, format }),
        (at, any::<usize>()).prop_map(|(at, to_schema)| Mutation::SetRef { at, to_schema }),
        (
            at,
            prop_oneof![
                text().prop_map(|t| format!("#/components/schemas/{t}")),
                text()
            ]
        )
            .prop_map(|(at, reference)| Mutation::RawRef { at, reference }),
        at.prop_map(|at| Mutation::ToggleNullable { at }),
        (
            at,
            proptest::sample::select(vec![
                "nullable",
                "items",
                "properties",
                "additionalProperties",
                "anyOf",
                "oneOf",
                "allOf",
                "not",
                "required",
                "x-resourceId",
                "x-expansionResources",
                "title",
                "$ref",
            ]),
            scalar()
        )
            .prop_map(|(at, key, value)| Mutation::SetKeyword { at, key, value }),
        (
            at,
            proptest::collection::vec(
                prop_oneof![4 => text().prop_map(Value::String), 1 => scalar()],
                0..6
            )
        )
            .prop_map(|(at, values)| Mutation::SetEnum { at, values }),
        (
            at,
            prop_oneof![text(), Just(HOSTILE.join("\n")), ".{0,200}"]
        )
            .prop_map(|(at, text)| Mutation::SetDescription { at, text }),
        (at, 0u8..8).prop_map(|(at, how)| Mutation::Wrap { at, how }),
        (at, any::<usize>()).prop_map(|(at, which)| Mutation::RemoveKey { at, which }),
        (at, scalar()).prop_map(|(at, value)| Mutation::Replace { at, value }),
        (at, proptest::collection::vec(text(), 0..4))
            .prop_map(|(at, names)| Mutation::SetRequired { at, names }),
        (at, text(), any::<usize>()).prop_map(|(at, name, to_schema)| {
            Mutation::AddProperty {
                at,
                name,
                to_schema,
            }
        }),
        (at, any::<usize>()).prop_map(|(at, to_schema)| Mutation::Expandable { at, to_schema }),
        (at, text()).prop_map(|(at, value)| Mutation::ObjectTag { at, value }),
        (any::<usize>(), text()).prop_map(|(from, name)| Mutation::CopySchema { from, name }),
    ]
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// JSON pointers (without `#`) of every place a schema can be, under
/// `components/schemas`.
fn schema_places(doc: &Value) -> Vec<String> {
    fn walk(value: &Value, pointer: String, out: &mut Vec<String>) {
        let Value::Object(map) = value else { return };
        out.push(pointer.clone());
        if let Some(Value::Object(props)) = map.get("properties") {
            for (k, v) in props {
                walk(v, format!("{pointer}/properties/{}", escape(k)), out);
            }
        }
        for key in ["items", "additionalProperties", "not"] {
            if let Some(v) = map.get(key) {
                walk(v, format!("{pointer}/{key}"), out);
            }
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            if let Some(Value::Array(items)) = map.get(key) {
                for (i, v) in items.iter().enumerate() {
                    walk(v, format!("{pointer}/{key}/{i}"), out);
                }
            }
        }
    }
    let mut out = Vec::new();
    if let Some(Value::Object(schemas)) = doc.pointer("/components/schemas") {
        for (name, schema) in schemas {
            walk(
                schema,
                format!("/components/schemas/{}", escape(name)),
                &mut out,
            );
        }
    }
    out
}

fn schema_names(doc: &Value) -> Vec<String> {
    doc.pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn schema_ref(name: &str) -> String {
    format!("#/components/schemas/{}", escape(name))
}

fn replace_refs(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::Object(map) => {
            if map.get("$ref").and_then(Value::as_str) == Some(from) {
                map.insert("$ref".into(), Value::String(to.to_string()));
            }
            map.values_mut().for_each(|v| replace_refs(v, from, to));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| replace_refs(v, from, to)),
        _ => {}
    }
}

fn apply(doc: &mut Value, mutation: &Mutation) {
    let places = schema_places(doc);
    let names = schema_names(doc);
    if places.is_empty() || names.is_empty() {
        return;
    }
    let place = |at: &usize| places[at % places.len()].clone();
    let name_of = |i: &usize| names[i % names.len()].clone();
    match mutation {
        Mutation::RenameSchema {
            at,
            name,
            update_refs,
        } => {
            let old = name_of(at);
            let schemas = doc["components"]["schemas"].as_object_mut().unwrap();
            if let Some(schema) = schemas.remove(&old) {
                schemas.insert(name.clone(), schema);
            }
            if *update_refs {
                replace_refs(doc, &schema_ref(&old), &schema_ref(name));
            }
        }
        Mutation::CopySchema { from, name } => {
            let copy = doc["components"]["schemas"][name_of(from)].clone();
            doc["components"]["schemas"][name.as_str()] = copy;
        }
        _ => {
            let Some(node) = doc.pointer_mut(&place(match mutation {
                Mutation::RenameProperty { at, .. }
                | Mutation::SetType { at, .. }
                | Mutation::SetFormat { at, .. }
                | Mutation::SetRef { at, .. }
                | Mutation::RawRef { at, .. }
                | Mutation::ToggleNullable { at }
                | Mutation::SetKeyword { at, .. }
                | Mutation::SetEnum { at, .. }
                | Mutation::SetDescription { at, .. }
                | Mutation::Wrap { at, .. }
                | Mutation::RemoveKey { at, .. }
                | Mutation::Replace { at, .. }
                | Mutation::SetRequired { at, .. }
                | Mutation::AddProperty { at, .. }
                | Mutation::Expandable { at, .. }
                | Mutation::ObjectTag { at, .. } => at,
                Mutation::RenameSchema { .. } | Mutation::CopySchema { .. } => unreachable!(),
            })) else {
                return;
            };
            mutate_node(node, mutation, &names);
        }
    }
}

fn mutate_node(node: &mut Value, mutation: &Mutation, names: &[String]) {
    let target = |i: &usize| schema_ref(&names[i % names.len()]);
    if let Mutation::Replace { value, .. } = mutation {
        *node = value.clone();
        return;
    }
    if let Mutation::Wrap { how, .. } = mutation {
        let inner = node.take();
        *node = match how {
            0 => json!({"type": "array", "items": inner}),
            1 => json!({"anyOf": [inner], "nullable": true}),
            2 => json!({"anyOf": [{"type": "string"}, inner]}),
            3 => json!({"allOf": [inner]}),
            4 => json!({"type": "object", "properties": {"wrapped": inner}}),
            5 => json!({"type": "object", "additionalProperties": inner}),
            6 => json!({"oneOf": [inner, {"type": "string", "enum": [""]}]}),
            _ => json!({"anyOf": [inner, inner.clone()]}),
        };
        return;
    }
    let Value::Object(map) = node else { return };
    match mutation {
        Mutation::RenameProperty { which, name, .. } => {
            if let Some(Value::Object(props)) = map.get_mut("properties") {
                if !props.is_empty() {
                    let key = props.keys().nth(which % props.len()).unwrap().clone();
                    let value = props.remove(&key).unwrap();
                    props.insert(name.clone(), value);
                }
            }
        }
        Mutation::SetType { ty, .. } => {
            map.insert("type".into(), ty.clone());
        }
        Mutation::SetFormat { format, .. } => {
            map.insert("format".into(), Value::String(format.clone()));
        }
        Mutation::SetRef { to_schema, .. } => {
            map.clear();
            map.insert("$ref".into(), Value::String(target(to_schema)));
        }
        Mutation::RawRef { reference, .. } => {
            map.clear();
            map.insert("$ref".into(), Value::String(reference.clone()));
        }
        Mutation::ToggleNullable { .. } => {
            let now = map
                .get("nullable")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            map.insert("nullable".into(), Value::Bool(!now));
        }
        Mutation::SetKeyword { key, value, .. } => {
            map.insert(key.to_string(), value.clone());
        }
        Mutation::SetEnum { values, .. } => {
            map.insert("enum".into(), Value::Array(values.clone()));
        }
        Mutation::SetDescription { text, .. } => {
            map.insert("description".into(), Value::String(text.clone()));
        }
        Mutation::RemoveKey { which, .. } => {
            if !map.is_empty() {
                let key = map.keys().nth(which % map.len()).unwrap().clone();
                map.remove(&key);
            }
        }
        Mutation::SetRequired { names, .. } => {
            map.insert("required".into(), json!(names));
        }
        Mutation::AddProperty {
            name, to_schema, ..
        } => {
            let props = map.entry("properties").or_insert_with(|| json!({}));
            if let Value::Object(props) = props {
                props.insert(name.clone(), json!({"$ref": target(to_schema)}));
            }
        }
        Mutation::Expandable { to_schema, .. } => {
            let t = target(to_schema);
            map.clear();
            map.insert("anyOf".into(), json!([{"type": "string"}, {"$ref": t}]));
            map.insert(
                "x-expansionResources".into(),
                json!({"oneOf": [{"$ref": t}]}),
            );
        }
        Mutation::ObjectTag { value, .. } => {
            let props = map.entry("properties").or_insert_with(|| json!({}));
            if let Value::Object(props) = props {
                props.insert("object".into(), json!({"type": "string", "enum": [value]}));
            }
        }
        Mutation::Replace { .. }
        | Mutation::Wrap { .. }
        | Mutation::RenameSchema { .. }
        | Mutation::CopySchema { .. } => {}
    }
}

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
                                "[dependencies]",
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
    for (i, seed) in seeds().iter().enumerate() {
        let generated =
            generate_crates(&seed.to_string(), &single("seed", &["*"]), &options(false))
                .unwrap_or_else(|e| panic!("seed {i}: {e}"));
        assert!(generated.files.len() > 3, "seed {i}");
    }
}
