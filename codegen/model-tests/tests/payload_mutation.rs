//! Mutations of real payloads through the identity types: flipped types,
//! dropped, added and duplicated keys, unknown enum values, huge numbers,
//! deep nesting, bad escapes, truncation. Whatever comes in, nothing
//! panics; whatever is accepted is written back as the same JSON (the same
//! value once both are read as `serde_json::Value`, which keeps the last
//! of repeated keys as the types do).
//!
//! `PAYLOAD_CASES=N` sets the number of cases (default 2,000, a second or
//! two); ROBUSTNESS.md gives the figures of a long run.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};
use stripe_identity::{IdentityVerificationReport, IdentityVerificationSession};
use stripe_model_tests::{fixture, spec, Filler};

/// The payloads mutations start from: the fixtures of both API versions,
/// and the maximal ones (every property filled, the report expanded).
fn seeds() -> Vec<(bool, Value)> {
    let spec = spec("spec3.identity-events.2026-07-29.dahlia.json");
    let filler = Filler {
        schemas: &spec["components"]["schemas"],
    };
    let mut out = Vec::new();
    for file in ["fixtures3.2023-08-16.json", "fixtures3.2026-08-21.json"] {
        out.push((true, fixture(file, "identity.verification_session")));
        out.push((false, fixture(file, "identity.verification_report")));
    }
    let mut report = fixture("fixtures3.2026-08-21.json", "identity.verification_report");
    filler.fill("identity.verification_report", &mut report, 0);
    let mut session = fixture("fixtures3.2026-08-21.json", "identity.verification_session");
    filler.fill("identity.verification_session", &mut session, 0);
    session["last_verification_report"] = report.clone();
    out.push((false, report));
    out.push((true, session));
    out
}

/// One change to a payload, at the `at`-th place of its tree.
#[derive(Clone, Debug)]
enum Mutation {
    /// A value replaced by one of another JSON type.
    Retype { at: usize, to: Value },
    /// A key dropped.
    Drop { at: usize },
    /// A key added (unknown to every spec).
    Add {
        at: usize,
        key: String,
        value: Value,
    },
    /// A string replaced (unknown enum values, odd text).
    Text { at: usize, text: String },
    /// A number replaced by an extreme one.
    Number { at: usize, number: String },
    /// A value nested `depth` arrays deep.
    Nest { at: usize, depth: usize },
    /// A key written twice, in the text.
    Duplicate { at: usize },
    /// The text cut short.
    Truncate { at: usize },
    /// A bad escape in the text.
    BadEscape { at: usize },
}

fn values() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(|f| json!(f)),
        "[a-z_ ]{0,12}".prop_map(Value::from),
        Just(json!([])),
        Just(json!({})),
        Just(json!({"object": "identity.verification_report", "id": "vr_x"})),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0usize..400;
    prop_oneof![
        (at.clone(), values()).prop_map(|(at, to)| Mutation::Retype { at, to }),
        at.clone().prop_map(|at| Mutation::Drop { at }),
        (at.clone(), "[a-z_]{1,10}", values()).prop_map(|(at, key, value)| Mutation::Add {
            at,
            key,
            value
        }),
        (
            at.clone(),
            prop_oneof![
                Just(String::new()),
                Just("verified".to_string()),
                Just("a value from 2031".to_string()),
                Just("\u{0}\u{202e}\"\\".to_string()),
                "\\PC{0,20}",
            ]
        )
            .prop_map(|(at, text)| Mutation::Text { at, text }),
        (
            at.clone(),
            prop_oneof![
                Just("9223372036854775807".to_string()),
                Just("9223372036854775808".to_string()),
                Just("-9223372036854775809".to_string()),
                Just("1e308".to_string()),
                Just("1e400".to_string()),
                Just("19.50".to_string()),
                Just("-0".to_string()),
                Just("1".repeat(400)),
            ]
        )
            .prop_map(|(at, number)| Mutation::Number { at, number }),
        (at.clone(), 1usize..2000).prop_map(|(at, depth)| Mutation::Nest { at, depth }),
        at.clone().prop_map(|at| Mutation::Duplicate { at }),
        at.clone().prop_map(|at| Mutation::Truncate { at }),
        at.prop_map(|at| Mutation::BadEscape { at }),
    ]
}

/// JSON pointers of every value under `value`, objects' members included.
fn places(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let here = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(here.clone());
                places(v, here, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let here = format!("{at}/{i}");
                out.push(here.clone());
                places(v, here, out);
            }
        }
        _ => {}
    }
}

fn pick(places: &[String], at: usize) -> Option<&String> {
    (!places.is_empty()).then(|| &places[at % places.len()])
}

/// The payload's text after `mutations`.
fn apply(seed: &Value, mutations: &[Mutation]) -> String {
    let mut doc = seed.clone();
    let mut text_edits = Vec::new();
    for m in mutations {
        let mut all = Vec::new();
        places(&doc, String::new(), &mut all);
        match m {
            Mutation::Retype { at, to } => {
                if let Some(p) = pick(&all, *at) {
                    *doc.pointer_mut(p).unwrap() = to.clone();
                }
            }
            Mutation::Drop { at } => {
                if let Some(p) = pick(&all, *at) {
                    let (parent, key) = p.rsplit_once('/').unwrap();
                    let parent = if parent.is_empty() {
                        &mut doc
                    } else {
                        doc.pointer_mut(parent).unwrap()
                    };
                    if let Value::Object(map) = parent {
                        map.remove(&key.replace("~1", "/").replace("~0", "~"));
                    }
                }
            }
            Mutation::Add { at, key, value } => {
                let objects: Vec<&String> = all
                    .iter()
                    .filter(|p| doc.pointer(p).is_some_and(Value::is_object))
                    .collect();
                let target = if objects.is_empty() {
                    None
                } else {
                    Some(objects[at % objects.len()].clone())
                };
                let object = match target {
                    Some(p) => doc.pointer_mut(&p).unwrap(),
                    None => &mut doc,
                };
                if let Value::Object(map) = object {
                    map.insert(key.clone(), value.clone());
                }
            }
            Mutation::Text { at, text } => {
                let strings: Vec<&String> = all
                    .iter()
                    .filter(|p| doc.pointer(p).is_some_and(Value::is_string))
                    .collect();
                if !strings.is_empty() {
                    let p = strings[at % strings.len()].clone();
                    *doc.pointer_mut(&p).unwrap() = Value::from(text.clone());
                }
            }
            Mutation::Number { at, number } => text_edits.push((*at, format!("N{number}"))),
            Mutation::Nest { at, depth } => text_edits.push((*at, format!("D{depth}"))),
            Mutation::Duplicate { at } => text_edits.push((*at, "U".into())),
            Mutation::Truncate { at } => text_edits.push((*at, "T".into())),
            Mutation::BadEscape { at } => text_edits.push((*at, "E".into())),
        }
    }
    let mut text = doc.to_string();
    for (at, edit) in text_edits {
        text = edit_text(&text, at, &edit);
    }
    text
}

/// Edits on the text: numbers and nesting replace a value (at a `:`),
/// duplicates repeat the first member of an object, truncation cuts,
/// bad escapes go into a string.
fn edit_text(text: &str, at: usize, edit: &str) -> String {
    let colons: Vec<usize> = text.match_indices("\":").map(|(i, _)| i + 2).collect();
    let (kind, arg) = edit.split_at(1);
    match kind {
        "N" | "D" if !colons.is_empty() => {
            let start = colons[at % colons.len()];
            let end = value_end(text, start);
            let value = if kind == "N" {
                arg.to_string()
            } else {
                let depth: usize = arg.parse().unwrap();
                format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
            };
            format!("{}{}{}", &text[..start], value, &text[end..])
        }
        "U" => match text.find("{\"") {
            Some(open) => {
                let start = open + 1;
                let colon = text[start..]
                    .find("\":")
                    .map(|i| start + i + 2)
                    .unwrap_or(start);
                let end = value_end(text, colon);
                format!("{}{},{}", &text[..end], &text[start..end], &text[end..])
            }
            None => text.to_string(),
        },
        "T" => {
            let cut = at * 7 % text.len().max(1);
            text[..text.floor_char_boundary(cut)].to_string()
        }
        "E" => match text.match_indices(":\"").nth(at % 8) {
            Some((i, _)) => format!("{}\\q{}", &text[..i + 2], &text[i + 2..]),
            None => text.to_string(),
        },
        _ => text.to_string(),
    }
}

/// Where the JSON value starting at `start` ends.
fn value_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut depth, mut in_string, mut escaped) = (0i32, false, false);
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth == 0 => return i,
            b'}' | b']' => depth -= 1,
            b',' if depth == 0 => return i,
            _ => {}
        }
    }
    bytes.len()
}

/// Parses `text` as `T`: never a panic; when accepted, written back as the
/// same JSON. The types' own JSON reader (`from_json`'s) agrees with the
/// serde path: both accept, with the same value written back byte for
/// byte, or both refuse; and the types' own writer (`to_json`'s) writes
/// what `serde_json` writes.
fn check<T>(text: &str, accepted: &AtomicUsize) -> Result<(), TestCaseError>
where
    T: serde::de::DeserializeOwned
        + serde::Serialize
        + stripe_types::__private::json::FromJson
        + stripe_types::__private::json::ToJson,
{
    let parsed = catch_unwind(AssertUnwindSafe(|| serde_json::from_str::<T>(text)));
    let Ok(parsed) = parsed else {
        return Err(TestCaseError::fail(format!("panicked on {text}")));
    };
    let ours = catch_unwind(AssertUnwindSafe(|| {
        stripe_types::__private::json::from_str::<T>(text)
    }));
    let Ok(ours) = ours else {
        return Err(TestCaseError::fail(format!(
            "the JSON reader panicked on {text}"
        )));
    };
    let typed = match (parsed, ours) {
        (Ok(typed), Ok(ours)) => {
            let (a, b) = (
                serde_json::to_string(&typed).unwrap(),
                serde_json::to_string(&ours).unwrap(),
            );
            prop_assert_eq!(&a, &b, "the readers differ on {}", text);
            // The types' own writer writes what serde_json writes.
            prop_assert_eq!(
                stripe_types::__private::json::to_string(&ours),
                b,
                "the writers differ"
            );
            typed
        }
        (Err(_), Err(_)) => return Ok(()),
        (serde, ours) => {
            return Err(TestCaseError::fail(format!(
                "the readers disagree on {text}: serde {:?}, ours {:?}",
                serde.err().map(|e| e.to_string()),
                ours.err().map(|e| e.to_string()),
            )))
        }
    };
    accepted.fetch_add(1, Ordering::Relaxed);
    let back = serde_json::to_string(&typed).unwrap();
    // Accepted JSON that `Value` cannot hold (a number past f64) is kept
    // as text by the types; compare where `Value` can read both.
    if let (Ok(original), Ok(written)) = (
        serde_json::from_str::<Value>(text),
        serde_json::from_str::<Value>(&back),
    ) {
        prop_assert_eq!(written, original, "written back differently: {}", back);
    }
    Ok(())
}

#[test]
fn mutated_payloads_never_panic_and_come_back_as_they_came() {
    let seeds = seeds();
    let cases = std::env::var("PAYLOAD_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let accepted = AtomicUsize::new(0);
    let strategy = (0..seeds.len(), proptest::collection::vec(mutation(), 1..4));
    let result = runner.run(&strategy, |(seed, mutations)| {
        let (is_session, payload) = &seeds[seed];
        let text = apply(payload, &mutations);
        if *is_session {
            check::<IdentityVerificationSession>(&text, &accepted)
        } else {
            check::<IdentityVerificationReport>(&text, &accepted)
        }
    });
    let accepted = accepted.load(Ordering::Relaxed);
    eprintln!(
        "{cases} mutated payloads: {accepted} accepted and written back exactly, the rest refused"
    );
    if let Err(e) = result {
        panic!("{e}");
    }
    // The mutations must leave some payloads valid, or the round trip is
    // never checked.
    assert!(
        accepted * 20 > cases as usize,
        "only {accepted} of {cases} accepted"
    );
}

/// The spec's schema `root` as a JSON Schema document: `nullable` spelt as
/// `anyOf` with `null`, and the constraints the types leave to Stripe
/// dropped on purpose: `enum` (unknown values are kept; only `object`, the
/// resource's tag, is checked), `maxLength`, `pattern`, `format`.
fn json_schema(spec: &Value, root: &str) -> Value {
    fn convert(value: &mut Value, key: Option<&str>) {
        match value {
            Value::Object(map) => {
                for k in ["maxLength", "pattern", "format"] {
                    map.remove(k);
                }
                if key != Some("object") {
                    map.remove("enum");
                }
                for (k, v) in map.iter_mut() {
                    convert(v, Some(k));
                }
                if map.remove("nullable") == Some(Value::Bool(true)) {
                    let inner = Value::Object(std::mem::take(map));
                    *value = json!({"anyOf": [inner, {"type": "null"}]});
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| convert(v, None)),
            _ => {}
        }
    }
    let mut schemas = spec["components"]["schemas"].clone();
    for schema in schemas.as_object_mut().unwrap().values_mut() {
        convert(schema, None);
    }
    json!({"$ref": format!("#/components/schemas/{root}"), "components": {"schemas": schemas}})
}

/// Whether a refusal comes from a bound the types set on purpose: integers
/// are `i64` written as integers (Stripe's are), and JSON Schema counts
/// `1e3` or `9223372036854775808` as integers too.
fn integer_bound(error: &str) -> bool {
    error.contains("i64") || error.contains("integer") || error.contains("floating point")
}

/// The JSON pointer of a `serde_path_to_error` path.
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(format!("/{index}")),
            Segment::Map { key } => Some(format!("/{}", key.replace('~', "~0").replace('/', "~1"))),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}

/// The typed parse against the JSON Schema of the spec, on one payload:
/// it refuses nothing the schema allows and accepts nothing it forbids;
/// a refusal's field path (through `serde_path_to_error`) leads to a place
/// in the payload.
fn differential<T: serde::de::DeserializeOwned>(
    text: &str,
    validator: &jsonschema::Validator,
) -> Result<(), TestCaseError> {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return Ok(()); // Not JSON (or too deep for `Value`): no schema to ask.
    };
    let typed =
        serde_path_to_error::deserialize::<_, T>(&mut serde_json::Deserializer::from_str(text));
    let schema_errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    match typed {
        Ok(_) => prop_assert!(
            schema_errors.is_empty(),
            "accepted what the schema forbids ({schema_errors:?}): {text}"
        ),
        Err(e) => {
            let message = e.inner().to_string();
            prop_assert!(
                !schema_errors.is_empty() || integer_bound(&message),
                "refused what the schema allows ({message} at `{}`): {text}",
                e.path()
            );
            // Every segment but the last (a missing key, or the value
            // that failed) is a place in the payload.
            let at = pointer(e.path());
            let parent = at.rsplit_once('/').map_or("", |(p, _)| p);
            prop_assert!(
                value.pointer(parent).is_some(),
                "the error's path `{}` leads nowhere in the payload ({message}): {text}",
                e.path()
            );
        }
    }
    Ok(())
}

#[test]
fn the_typed_parse_agrees_with_the_spec_json_schema() {
    let spec = spec("spec3.identity-events.2026-07-29.dahlia.json");
    let session = jsonschema::validator_for(&json_schema(&spec, "identity.verification_session"))
        .expect("the session's schema compiles");
    let report = jsonschema::validator_for(&json_schema(&spec, "identity.verification_report"))
        .expect("the report's schema compiles");
    let seeds = seeds();
    // The seeds themselves agree.
    for (is_session, payload) in &seeds {
        let validator = if *is_session { &session } else { &report };
        let errors: Vec<String> = validator
            .iter_errors(payload)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "a seed breaks the schema: {errors:?}");
    }
    let cases = std::env::var("PAYLOAD_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let mut runner = TestRunner::new(Config {
        cases,
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("regressions"),
        )),
        ..Config::default()
    });
    let strategy = (0..seeds.len(), proptest::collection::vec(mutation(), 1..4));
    let result = runner.run(&strategy, |(seed, mutations)| {
        let (is_session, payload) = &seeds[seed];
        let text = apply(payload, &mutations);
        if *is_session {
            differential::<IdentityVerificationSession>(&text, &session)
        } else {
            differential::<IdentityVerificationReport>(&text, &report)
        }
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// Every payload that ever failed a check, replayed: `payload_corpus/`
/// holds each as `NAME.session.json` or `NAME.report.json`, with what the
/// types must do in its first key (`"expect": "accept"` or `"refuse"`),
/// which is taken out before parsing.
#[test]
fn the_regression_corpus_still_passes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/payload_corpus");
    let mut seen = 0;
    let accepted = AtomicUsize::new(0);
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let (expect, payload) = text
            .split_once('\n')
            .unwrap_or_else(|| panic!("{name}: the first line says accept or refuse"));
        let session = name.ends_with(".session.json");
        let ok = if session {
            serde_json::from_str::<IdentityVerificationSession>(payload).is_ok()
        } else {
            serde_json::from_str::<IdentityVerificationReport>(payload).is_ok()
        };
        assert_eq!(ok, expect.trim() == "accept", "{name}: expected {expect}");
        let checked = if session {
            check::<IdentityVerificationSession>(payload, &accepted)
        } else {
            check::<IdentityVerificationReport>(payload, &accepted)
        };
        checked.unwrap_or_else(|e| panic!("{name}: {e}"));
        seen += 1;
    }
    assert!(seen >= 4, "the corpus is in {}", dir.display());
}
