//! Stripe's own example payloads through the generated types.

use serde_json::{json, Value};
use stripe_identity::{
    IdentityVerificationReport, IdentityVerificationReportType, IdentityVerificationSession,
    IdentityVerificationSessionStatus, IdentityVerificationSessionType,
};
use stripe_model_tests::{canonical, differences, fixture, spec, Filler};
use stripe_shared::{File, FileLink, FilePurpose, VerificationSessionRedactionStatus};
use stripe_types::Nullable;
use stripe_types::Object;

const FIXTURES_2023: &str = "fixtures3.2023-08-16.json";
const FIXTURES_2026: &str = "fixtures3.2026-08-21.json";
/// The spec the identity crates are generated from (spec/pins.toml).
const SPEC_2026: &str = "spec3.identity-ops.2026-07-29.dahlia.json";

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(original: &Value) -> (T, Value) {
    let typed: T = serde_json::from_value(original.clone()).expect("fixture deserializes");
    let back = serde_json::to_value(&typed).expect("serializes");
    (typed, back)
}

/// Asserts that `T` writes `original` back as the same JSON (keys aside,
/// byte-equal), and returns the typed value.
fn exact<T: serde::de::DeserializeOwned + serde::Serialize>(original: &Value) -> T {
    let (typed, back) = round_trip::<T>(original);
    assert_eq!(differences(original, &back), Vec::<String>::new());
    assert_eq!(canonical(&back), canonical(original));
    typed
}

#[test]
fn current_fixtures_round_trip_exactly() {
    let original = fixture(FIXTURES_2026, "identity.verification_session");
    let session: IdentityVerificationSession = exact(&original);
    assert_eq!(session.id.as_str(), "vs_1Pgc76B7WZ01zgkWBdQi8PTU");
    assert_eq!(session.type_, IdentityVerificationSessionType::Document);
    // Fields the 2023 types dropped, null kept apart from absent.
    assert_eq!(session.client_reference_id, Nullable::Null);
    assert_eq!(session.related_customer, Nullable::Null);
    assert_eq!(session.related_customer_account, Nullable::Null);
    assert_eq!(session.provided_details, Nullable::Absent);
    assert_eq!(
        session.redaction.into_option().map(|r| r.status),
        Some(VerificationSessionRedactionStatus::Processing)
    );

    let original = fixture(FIXTURES_2026, "identity.verification_report");
    let report: IdentityVerificationReport = exact(&original);
    assert_eq!(report.client_reference_id, Nullable::Null);
    assert_eq!(report.type_, IdentityVerificationReportType::Document);
    let document = report.document.expect("document report");
    assert_eq!(document.first_name, Nullable::Value("Jenny".to_string()));
}

#[test]
fn files_and_file_links_round_trip_exactly() {
    let original = fixture(FIXTURES_2026, "file");
    let file: File = exact(&original);
    assert_eq!(file.id.as_str(), "file_1Pgag2B7WZ01zgkWITx3dIQc");
    assert_eq!(file.purpose, FilePurpose::DisputeEvidence);
    let links = file.links.into_option().expect("links");
    assert_eq!(links.data.len(), 6);
    assert_eq!(links.data[0].file.id().as_str(), file.id.as_str());

    let original = fixture(FIXTURES_2026, "file_link");
    let link: FileLink = exact(&original);
    assert_eq!(link.id.as_str(), "link_1Pgc76B7WZ01zgkWPhd77i13");
    assert!(!link.expired);
}

#[test]
fn a_file_purpose_of_a_newer_api_is_kept() {
    let mut original = fixture(FIXTURES_2026, "file");
    original["purpose"] = json!("identity_selfie_video");
    let file: File = exact(&original);
    assert_eq!(
        file.purpose,
        FilePurpose::Unknown("identity_selfie_video".to_string())
    );
}

#[test]
fn every_field_of_the_current_spec_is_typed() {
    // Every property of every schema filled in: a key the types did not
    // know would not come back.
    let spec = spec(SPEC_2026);
    let filler = Filler {
        schemas: &spec["components"]["schemas"],
    };
    let mut report = fixture(FIXTURES_2026, "identity.verification_report");
    filler.fill("identity.verification_report", &mut report, 0);
    let typed: IdentityVerificationReport = exact(&report);
    assert!(typed.email.is_some() && typed.phone.is_some());
    assert!(typed.verification_flow.is_some());

    let mut session = fixture(FIXTURES_2026, "identity.verification_session");
    filler.fill("identity.verification_session", &mut session, 0);
    let typed: IdentityVerificationSession = exact(&session);
    assert!(typed.related_person.is_some());
    assert!(typed.provided_details.into_option().is_some());
    assert!(typed.verification_flow.is_some());
    let options = typed.options.into_option().expect("filled");
    assert!(options.email.is_some() && options.phone.is_some() && options.matching.is_some());

    for (schema, check) in [
        ("file", (|v: &Value| drop(exact::<File>(v))) as fn(&Value)),
        ("file_link", |v| drop(exact::<FileLink>(v))),
    ] {
        let mut value = fixture(FIXTURES_2026, schema);
        filler.fill(schema, &mut value, 0);
        check(&value);
    }

    // And with the report expanded in place of its id.
    session["last_verification_report"] = report;
    let typed: IdentityVerificationSession = exact(&session);
    let expanded = typed.last_verification_report.into_option().expect("set");
    assert!(expanded.is_object());
}

#[test]
fn older_fixtures_still_parse() {
    let original = fixture(FIXTURES_2023, "identity.verification_session");
    let (session, back) = round_trip::<IdentityVerificationSession>(&original);
    assert_eq!(differences(&original, &back), Vec::<String>::new());
    assert_eq!(session.id.as_str(), "vs_1NnmXJGPxmnHQRkJVcb4sPQS");
    assert_eq!(session.status, IdentityVerificationSessionStatus::Verified);
    // Present-and-null and absent stay apart.
    assert_eq!(session.client_secret, Nullable::Null);
    assert_eq!(session.verified_outputs, Nullable::Absent);
    let report = session
        .last_verification_report
        .into_option()
        .expect("set in the fixture");
    assert_eq!(report.id().as_str(), "vr_OayUPCTp071xnrG1dFUdtqgS");
    assert!(!report.is_object());

    let original = fixture(FIXTURES_2023, "identity.verification_report");
    let report: IdentityVerificationReport = exact(&original);
    let document = report.document.expect("document report");
    assert_eq!(document.files.into_option().map(|f| f.len()), Some(2));
    // `document.address.zip` is in Stripe's 2023 fixture but in no spec's
    // `address` schema: kept as an unknown key, and written back.
    let address = document.address.into_option().expect("address");
    assert_eq!(
        address.unknown_fields.get("zip").map(|v| v.get()),
        Some("\"94111\"")
    );
}

#[test]
fn keys_of_newer_api_versions_come_back_exactly() {
    // Keys no spec has, parsed from text: their values are kept as written
    // (`19.50` stays `19.50`, `1e3` stays `1e3`), `null` included, nested
    // objects' own unknown keys too, and the order they came in.
    let mut session = fixture(FIXTURES_2026, "identity.verification_session");
    session["options"]["document"]["from_2030"] = json!(true);
    let text = session.to_string();
    let text = format!(
        "{}, \"zeta\": 19.50, \"alpha\": null, \"nested\": {{\"b\": [1e3, \"\\u00e9\"]}}}}",
        text.trim_end_matches('}')
    );
    let typed: IdentityVerificationSession = serde_json::from_str(&text).unwrap();
    let unknown: Vec<(&str, &str)> = typed
        .unknown_fields
        .iter()
        .map(|(k, v)| (k, v.get()))
        .collect();
    assert_eq!(
        unknown,
        [
            ("zeta", "19.50"),
            ("alpha", "null"),
            ("nested", r#"{"b": [1e3, "\u00e9"]}"#)
        ]
    );
    let back = serde_json::to_string(&typed).unwrap();
    assert!(
        back.ends_with(r#","zeta":19.50,"alpha":null,"nested":{"b": [1e3, "\u00e9"]}}"#),
        "{back}"
    );
    let original: Value = serde_json::from_str(&text).unwrap();
    let again: Value = serde_json::from_str(&back).unwrap();
    assert_eq!(canonical(&again), canonical(&original));
    // Debug shows the unknown keys, never their values.
    let debug = format!("{typed:?}");
    assert!(
        debug.contains(r#"unknown_fields: UnknownFields(["zeta", "alpha", "nested"])"#),
        "{debug}"
    );
    assert!(!debug.contains("19.50"), "{debug}");
}

#[test]
fn unknown_enum_values_come_back_unchanged() {
    let mut original = fixture(FIXTURES_2026, "identity.verification_session");
    original["status"] = json!("awaiting_review");
    original["type"] = json!("phone");
    original["last_error"]["code"] = json!("brand_new_error");
    let (session, back) = round_trip::<IdentityVerificationSession>(&original);
    assert_eq!(
        session.status,
        IdentityVerificationSessionStatus::Unknown("awaiting_review".into())
    );
    assert_eq!(session.status.as_str(), "awaiting_review");
    assert_eq!(back["status"], "awaiting_review");
    assert_eq!(back["type"], "phone");
    assert_eq!(back["last_error"]["code"], "brand_new_error");
}

#[test]
fn expanded_last_verification_report_round_trips() {
    let report = fixture(FIXTURES_2023, "identity.verification_report");
    let mut original = fixture(FIXTURES_2023, "identity.verification_session");
    original["last_verification_report"] = report.clone();
    let session: IdentityVerificationSession = exact(&original);
    let expanded = session
        .last_verification_report
        .into_option()
        .expect("expanded");
    assert!(expanded.is_object());
    assert_eq!(expanded.id().as_str(), report["id"].as_str().unwrap());
    assert_eq!(
        expanded.as_object().map(|r| r.id().as_str()),
        Some("vr_1NnmXJGPxmnHQRkJed0S7xeU")
    );
}

fn error_for(mutate: impl FnOnce(&mut Value)) -> String {
    let mut payload = fixture(FIXTURES_2023, "identity.verification_session");
    mutate(&mut payload);
    let text = payload.to_string();
    serde_json::from_str::<IdentityVerificationSession>(&text)
        .expect_err("wrong shape must be rejected")
        .to_string()
}

#[test]
fn wrong_shapes_are_errors_that_say_what_is_wrong() {
    let e = error_for(|p| {
        p.as_object_mut().unwrap().remove("id");
    });
    assert!(e.starts_with("missing field `id`"), "{e}");
    let e = error_for(|p| p["livemode"] = Value::Null);
    assert!(
        e.starts_with("invalid type: null, expected a boolean"),
        "{e}"
    );
    let e = error_for(|p| p["status"] = json!(5));
    assert!(
        e.starts_with(
            "invalid type: integer `5`, expected a `IdentityVerificationSessionStatus` string"
        ),
        "{e}"
    );
    let e = error_for(|p| p["options"] = json!([]));
    assert!(
        e.starts_with(
            "invalid type: sequence, expected a `GelatoVerificationSessionOptions` object"
        ),
        "{e}"
    );
    let e = error_for(|p| p["last_verification_report"] = json!(7));
    assert!(
        e.contains("expected an id string or an expanded `IdentityVerificationReport` object"),
        "{e}"
    );
    let e = error_for(|p| p["object"] = json!("identity.verification_report"));
    assert!(
        e.contains("expected the string \"identity.verification_session\""),
        "{e}"
    );
    let e = error_for(|p| p["metadata"] = json!({"k": 1}));
    assert!(
        e.starts_with("invalid type: integer `1`, expected a string"),
        "{e}"
    );
}

#[test]
fn debug_output_hides_secrets_field_by_field() {
    let mut payload = fixture(FIXTURES_2023, "identity.verification_session");
    payload["client_secret"] = json!("vs_secret_do_not_log");
    payload["url"] = json!("https://verify.stripe.com/start/secret_link");
    let session: IdentityVerificationSession = serde_json::from_value(payload).unwrap();
    let debug = format!("{session:?}");
    assert!(!debug.contains("vs_secret_do_not_log"), "{debug}");
    assert!(!debug.contains("secret_link"), "{debug}");
    assert!(
        debug.contains("client_secret: Value([redacted])"),
        "{debug}"
    );
    assert!(debug.contains("url: Value([redacted])"), "{debug}");
    // Everything else is still there.
    assert!(debug.contains("vs_1NnmXJGPxmnHQRkJVcb4sPQS"), "{debug}");
    // The value itself is untouched.
    assert_eq!(
        session.client_secret,
        Nullable::Value("vs_secret_do_not_log".to_string())
    );
}

#[test]
fn the_object_field_is_written_without_being_a_field() {
    let original = fixture(FIXTURES_2023, "identity.verification_session");
    let session: IdentityVerificationSession = serde_json::from_value(original).unwrap();
    let text = serde_json::to_string(&session).unwrap();
    assert!(
        text.contains(r#""object":"identity.verification_session""#),
        "{text}"
    );
    // Keys come out in spec order, `object` in its place.
    let position = |k: &str| text.find(&format!("\"{k}\":")).unwrap();
    assert!(position("created") < position("id"), "{text}");
    assert!(position("metadata") < position("object"), "{text}");
    assert!(position("object") < position("status"), "{text}");
}

/// The non-generic entry points read and write what serde does.
#[test]
fn from_json_and_to_json_agree_with_serde() {
    let text = fixture("fixtures3.2026-08-21.json", "identity.verification_session").to_string();
    let session = stripe_identity::IdentityVerificationSession::from_json(&text).unwrap();
    let by_serde: stripe_identity::IdentityVerificationSession =
        serde_json::from_str(&text).unwrap();
    assert_eq!(session, by_serde);
    assert_eq!(
        session.to_json().unwrap(),
        serde_json::to_string(&by_serde).unwrap()
    );
    assert_eq!(
        stripe_identity::IdentityVerificationSession::from_json_slice(text.as_bytes()).unwrap(),
        session
    );
    let mut bytes = text.clone().into_bytes();
    bytes.splice(1..1, b"\n  \xff".iter().copied());
    let e = stripe_identity::IdentityVerificationSession::from_json_slice(&bytes).unwrap_err();
    assert_eq!(e.to_string(), "invalid UTF-8 at line 2 column 3");
    let e = stripe_identity::IdentityVerificationReport::from_json(&text).unwrap_err();
    assert!(
        e.to_string().contains("identity.verification_report"),
        "{e}"
    );
}
