//! Hostile payloads into the generated identity types: wrong types, missing
//! fields, unknown values, extra fields, `null` where it is not allowed,
//! deep nesting, huge numbers and strings, duplicate keys.
//!
//! The rule: a clear serde error or an accepted value, never a panic or a
//! stack overflow. Each test states which of the two happens; ROBUSTNESS.md
//! sums them up.

use serde_json::{json, Value};
use stripe_identity::{
    IdentityVerificationReport, IdentityVerificationSession, IdentityVerificationSessionStatus,
};
use stripe_model_tests::fixture;
use stripe_types::Nullable;
use stripe_types::Timestamp;

const FIXTURES: &str = "fixtures3.2023-08-16.json";

fn session_json() -> Value {
    fixture(FIXTURES, "identity.verification_session")
}

fn parse(text: &str) -> Result<IdentityVerificationSession, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// The session fixture with `field` set to the raw JSON `value`.
fn with_raw(field: &str, value: &str) -> String {
    let mut base = session_json();
    base.as_object_mut().unwrap().remove(field);
    let text = base.to_string();
    format!("{{\"{field}\":{value},{}", &text[1..])
}

fn error_with_raw(field: &str, value: &str) -> String {
    match parse(&with_raw(field, value)) {
        Ok(_) => panic!("`{field}: {value:.60}` was accepted"),
        Err(e) => e,
    }
}

#[test]
fn wrong_types_name_what_was_expected() {
    for (field, value, expected) in [
        ("created", r#""yesterday""#, r#"invalid type: string "yesterday", expected i64"#),
        ("created", "1.5", "invalid type: floating point `1.5`, expected i64"),
        ("livemode", r#""true""#, r#"invalid type: string "true", expected a boolean"#),
        ("id", "42", "invalid type: integer `42`, expected a string"),
        ("metadata", "[]", "invalid type: sequence, expected a map"),
        ("status", "{}", "invalid type: map, expected a `IdentityVerificationSessionStatus` string"),
        ("options", "true", "invalid type: boolean `true`, expected a `GelatoVerificationSessionOptions` object"),
        ("last_verification_report", "[1]", "invalid type: sequence, expected an id string or an expanded `IdentityVerificationReport` object"),
        ("verified_outputs", r#"{"dob": {"day": "1"}}"#, r#"invalid type: string "1", expected i64"#),
    ] {
        let e = error_with_raw(field, value);
        assert!(e.starts_with(expected), "{field}: {e}");
        assert!(e.contains(" at line 1 column "), "{e}");
    }
}

#[test]
fn missing_required_fields_are_named() {
    for field in ["created", "id", "livemode", "metadata", "status"] {
        let mut payload = session_json();
        payload.as_object_mut().unwrap().remove(field);
        let e = parse(&payload.to_string()).expect_err(field);
        assert!(e.starts_with(&format!("missing field `{field}`")), "{e}");
    }
    let e = parse("{}").unwrap_err();
    assert!(e.starts_with("missing field `"), "{e}");
    // `object` is a constant, not a field: a wrong value is an error
    // (`null_where_it_is_not_allowed_is_an_error`), and so is a missing one,
    // which the spec requires (accepted, it would come back with the key:
    // found by tests/payload_mutation.rs).
    let mut payload = session_json();
    payload.as_object_mut().unwrap().remove("object");
    let e = parse(&payload.to_string()).unwrap_err();
    assert!(e.starts_with("missing field `object`"), "{e}");
}

#[test]
fn null_where_it_is_not_allowed_is_an_error() {
    for (field, expected) in [
        ("created", "invalid type: null, expected i64"),
        ("id", "invalid type: null, expected a string"),
        ("livemode", "invalid type: null, expected a boolean"),
        ("metadata", "invalid type: null, expected a map"),
        (
            "status",
            "invalid type: null, expected a `IdentityVerificationSessionStatus` string",
        ),
        (
            "object",
            "invalid type: null, expected the string \"identity.verification_session\"",
        ),
    ] {
        let e = error_with_raw(field, "null");
        assert!(e.starts_with(expected), "{field}: {e}");
    }
    // Inside a map, too.
    let e = error_with_raw("metadata", r#"{"k": null}"#);
    assert!(
        e.starts_with("invalid type: null, expected a string"),
        "{e}"
    );
    // Where the spec allows null, null is kept apart from absent.
    let session = parse(&with_raw("verified_outputs", "null")).unwrap();
    assert_eq!(session.verified_outputs, Nullable::Null);
}

#[test]
fn unknown_enum_values_and_extra_fields_are_accepted() {
    let mut payload = session_json();
    payload["status"] = json!("a status from 2030");
    payload["type"] = json!("");
    payload["brand_new_field"] = json!({"nested": [1, 2, {"x": null}]});
    payload["options"] = json!({"document": {"require_matching_selfie": true, "future": "x"}});
    let session: IdentityVerificationSession = serde_json::from_value(payload).unwrap();
    assert_eq!(
        session.status,
        IdentityVerificationSessionStatus::Unknown("a status from 2030".into())
    );
    let back = serde_json::to_value(&session).unwrap();
    assert_eq!(back["status"], "a status from 2030");
    assert_eq!(back["type"], "");
    // Keys no version of the spec knows are kept, nested ones too, and
    // written back.
    assert_eq!(session.unknown_fields.len(), 1);
    assert_eq!(
        back["brand_new_field"],
        json!({"nested": [1, 2, {"x": null}]})
    );
    assert_eq!(back["options"]["document"]["future"], "x");
}

/// `depth` nested arrays: `[[[...]]]`.
fn nested_arrays(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn deep_nesting_in_an_unknown_field_is_kept_without_recursion() {
    // 100,000 levels: serde_json reads an unknown value's text with a loop,
    // so this is accepted, in the test thread's 2 MiB stack, and kept as it
    // came.
    for deep in [
        nested_arrays(100_000),
        format!("{}1{}", r#"{"a":"#.repeat(100_000), "}".repeat(100_000)),
    ] {
        let session = parse(&with_raw("unknown_field", &deep)).expect("kept");
        assert_eq!(session.id.as_str(), "vs_1NnmXJGPxmnHQRkJVcb4sPQS");
        let kept = session.unknown_fields.get("unknown_field").expect("kept");
        assert_eq!(kept.get(), deep);
    }
}

#[test]
fn deep_nesting_in_known_fields_is_an_error() {
    let deep = nested_arrays(100_000);
    // A field that wants an object or a map rejects the first `[`.
    for field in ["metadata", "options", "verified_outputs", "last_error"] {
        let e = error_with_raw(field, &deep);
        assert!(e.starts_with("invalid type: sequence"), "{field}: {e}");
    }
    // Nested objects where an object is expected: each level is a known
    // struct or is skipped; serde_json stops at 128 levels.
    let objects = format!(
        "{}{}",
        r#"{"options":"#.repeat(100_000),
        "}".repeat(100_000)
    );
    let e = error_with_raw("options", &objects);
    assert!(!e.is_empty());
    let e = error_with_raw(
        "last_verification_report",
        &format!(r#"{{"id": "vr_1", "document": {{"files": {deep}}}}}"#),
    );
    assert!(
        e.contains("invalid type: sequence") || e.contains("recursion limit exceeded"),
        "{e}"
    );
    // The expanded report keeps its unknown fields out of memory too.
    let e = parse(&with_raw(
        "last_verification_report",
        &format!(r#"{{"id": "vr_1", "object": "identity.verification_report", "x": {deep}}}"#),
    ))
    .unwrap_err();
    assert!(e.starts_with("missing field `created`"), "{e}");
}

#[test]
fn numbers_out_of_range_are_errors_and_extremes_are_kept() {
    for (value, expected) in [
        (
            "9223372036854775808",
            "invalid value: integer `9223372036854775808`, expected i64",
        ),
        (
            "-9223372036854775809",
            "invalid type: floating point `-9.223372036854776e+18`, expected i64",
        ),
        ("1e400", "number out of range"),
        (&"9".repeat(10_000), "number out of range"),
        ("1e18", "invalid type: floating point `1e+18`, expected i64"),
    ] {
        let e = error_with_raw("created", value);
        assert!(e.starts_with(expected), "{value:.20}: {e}");
    }
    for extreme in [i64::MAX, i64::MIN, 0, -1] {
        let session = parse(&with_raw("created", &extreme.to_string())).unwrap();
        assert_eq!(session.created, Timestamp(extreme));
        let back = serde_json::to_value(&session).unwrap();
        assert_eq!(back["created"], json!(extreme));
    }
    let e = parse(&with_raw(
        "verified_outputs",
        r#"{"dob": {"day": 18446744073709551616}}"#,
    ))
    .unwrap_err();
    assert!(e.starts_with("invalid type: floating point"), "{e}");
}

#[test]
fn huge_strings_and_maps_are_accepted() {
    let big = "x".repeat(16 << 20);
    let session = parse(&with_raw("id", &format!("\"{big}\""))).unwrap();
    assert_eq!(session.id.as_str().len(), 16 << 20);
    let metadata: serde_json::Map<String, Value> = (0..100_000)
        .map(|i| (format!("k{i}"), json!("v")))
        .collect();
    let session = parse(&with_raw("metadata", &Value::Object(metadata).to_string())).unwrap();
    assert_eq!(session.metadata.len(), 100_000);
    // Escapes and non-ASCII round-trip.
    let odd = "\u{0}\u{202e}\"\\\n名前😀";
    let session = parse(&with_raw("url", &json!(odd).to_string())).unwrap();
    assert_eq!(session.url, Nullable::Value(odd.to_string()));
}

#[test]
fn duplicate_keys_keep_the_last_value() {
    // serde_json does not reject duplicate keys; neither do the generated
    // types: the last value wins, as with `serde_json::Value`.
    let text = with_raw("id", r#""vs_first","id":"vs_second""#);
    let session = parse(&text).unwrap();
    assert_eq!(session.id.as_str(), "vs_second");
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["id"], "vs_second");
    // A later `object` must still be the right one.
    let e = parse(&with_raw(
        "object",
        r#""identity.verification_session","object":"identity.verification_report""#,
    ))
    .unwrap_err();
    assert!(
        e.contains("expected the string \"identity.verification_session\""),
        "{e}"
    );
    // Maps: last value wins.
    let session = parse(&with_raw("metadata", r#"{"k":"1","k":"2"}"#)).unwrap();
    assert_eq!(session.metadata["k"], "2");
    // Nested structs (filled in place): the last object starts over, it is
    // not merged into the first; `null` after an object, or an object
    // after `null`, wins the same way.
    let session = parse(&with_raw(
        "verified_outputs",
        r#"{"first_name":"Jenny","last_name":"Rosen"},"verified_outputs":{"last_name":"Smith"}"#,
    ))
    .unwrap();
    let outputs = session.verified_outputs.into_option().unwrap();
    assert_eq!(outputs.first_name, Nullable::Absent);
    assert_eq!(outputs.last_name, Nullable::Value("Smith".to_string()));
    let session = parse(&with_raw(
        "verified_outputs",
        r#"{"first_name":"Jenny"},"verified_outputs":null"#,
    ))
    .unwrap();
    assert_eq!(session.verified_outputs, Nullable::Null);
    let session = parse(&with_raw(
        "verified_outputs",
        r#"null,"verified_outputs":{"first_name":"Jenny"}"#,
    ))
    .unwrap();
    let outputs = session.verified_outputs.into_option().unwrap();
    assert_eq!(outputs.first_name, Nullable::Value("Jenny".to_string()));
}

#[test]
fn errors_carry_the_field_path_through_serde_path_to_error() {
    let text = with_raw("verified_outputs", r#"{"dob": {"day": "1"}}"#);
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    let e = serde_path_to_error::deserialize::<_, IdentityVerificationSession>(&mut deserializer)
        .unwrap_err();
    assert_eq!(e.path().to_string(), "verified_outputs.dob.day");
    let text = with_raw(
        "last_verification_report",
        r#"{"id": "vr_1", "object": "identity.verification_report", "created": "x"}"#,
    );
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    let e = serde_path_to_error::deserialize::<_, IdentityVerificationSession>(&mut deserializer)
        .unwrap_err();
    assert_eq!(e.path().to_string(), "last_verification_report.created");
}

#[test]
fn a_nested_object_missing_a_required_field_is_an_error_where_it_ends() {
    // `document` is read in place by the report's builder; its own required
    // `status` is checked at its closing brace, not at the end of the report.
    let text = r#"{"document": {"files": []}, "id": "vr_1", "created": 1, "livemode": false}"#;
    let e = serde_json::from_str::<IdentityVerificationReport>(text).unwrap_err();
    assert_eq!(e.to_string(), "missing field `status` at line 1 column 26");
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let e = serde_path_to_error::deserialize::<_, IdentityVerificationReport>(&mut deserializer)
        .unwrap_err();
    assert_eq!(e.path().to_string(), "document");
}

#[test]
fn reports_take_the_same_abuse() {
    let mut report = fixture(FIXTURES, "identity.verification_report");
    report["document"]["dob"] = json!({"day": i64::MAX, "month": i64::MIN, "year": null});
    report["document"]["expiration_date"] = json!(null);
    report["document"]["type"] = json!("passport_from_the_moon");
    report["surprise"] = json!([[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]);
    let parsed: IdentityVerificationReport = serde_json::from_value(report).unwrap();
    let document = parsed.document.unwrap();
    assert_eq!(
        document.dob.into_option().and_then(|d| d.day.into_option()),
        Some(i64::MAX)
    );
    let e = serde_json::from_str::<IdentityVerificationReport>(r#"{"document": 5}"#).unwrap_err();
    assert!(
        e.to_string().starts_with("invalid type: integer `5`"),
        "{e}"
    );
}

#[test]
fn extreme_timestamps_parse_and_convert_without_panicking() {
    // Parsed from a payload, written back as they came, and converted to
    // `SystemTime` where the clock holds them (every i64 on Linux; `None`,
    // never a panic, where it does not).
    for secs in [i64::MAX, i64::MIN, i64::MIN + 1, -1, 0] {
        let mut payload = session_json();
        payload["created"] = json!(secs);
        let session: IdentityVerificationSession = serde_json::from_value(payload).unwrap();
        assert_eq!(session.created, Timestamp(secs));
        assert_eq!(
            serde_json::to_value(session).unwrap()["created"],
            json!(secs)
        );
        let converted = Timestamp(secs).to_system_time();
        if cfg!(target_os = "linux") {
            let t = converted.expect("Linux's clock holds every i64 second count");
            let back = match t.duration_since(std::time::UNIX_EPOCH) {
                Ok(after) => i128::from(after.as_secs()),
                Err(before) => -i128::from(before.duration().as_secs()),
            };
            assert_eq!(back, i128::from(secs));
        }
    }
}
