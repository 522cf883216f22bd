//! Nullable fields as users meet them: `Nullable<T>` by default, plain
//! `Option<T>` with `nullable = "option"`, and `or_null` keys, which must be
//! there and may be `null`.

use serde_json::{json, Value};
use stripe_codegen_macro_example::{identity, identity_as_options, or_null};
use stripe_types::Nullable;

fn fixture(resource: &str) -> Value {
    stripe_model_tests::fixture("fixtures3.2026-08-21.json", resource)
}

#[test]
fn an_or_null_key_that_is_missing_is_an_error_naming_it() {
    use or_null::Holder;
    let e = serde_json::from_value::<Holder>(json!({"nested": null})).unwrap_err();
    assert!(e.to_string().starts_with("missing field `note`"), "{e}");
    let e = serde_json::from_value::<Holder>(json!({"note": "n"})).unwrap_err();
    assert!(e.to_string().starts_with("missing field `nested`"), "{e}");
    // Present with `null`, it is `None`, and `null` is written back.
    let holder: Holder = serde_json::from_value(json!({"note": null, "nested": null})).unwrap();
    assert_eq!(holder.note, None);
    assert_eq!(holder.nested, None);
    assert_eq!(holder.extra, Nullable::Absent);
    assert_eq!(
        serde_json::to_value(&holder).unwrap(),
        json!({"note": null, "nested": null})
    );
    let holder: Holder =
        serde_json::from_value(json!({"note": "n", "nested": {"x": "y"}, "extra": null})).unwrap();
    assert_eq!(holder.note.as_deref(), Some("n"));
    assert_eq!(holder.nested.map(|n| n.x), Some("y".to_string()));
    assert!(holder.extra.is_null());
}

#[test]
fn a_wrong_type_inside_a_nullable_field_names_the_field() {
    let mut session = fixture("identity.verification_session");
    session["client_reference_id"] = json!(5);
    let text = session.to_string();
    let de = &mut serde_json::Deserializer::from_str(&text);
    let e = serde_path_to_error::deserialize::<_, identity::IdentityVerificationSession>(de)
        .unwrap_err();
    assert_eq!(e.path().to_string(), "client_reference_id");
    assert!(
        e.inner()
            .to_string()
            .starts_with("invalid type: integer `5`, expected a string"),
        "{e}"
    );
}

#[test]
fn the_exact_types_read_in_one_step() {
    let session: identity::IdentityVerificationSession =
        serde_json::from_value(fixture("identity.verification_session")).unwrap();
    // One call, whichever of absent, null or a value the payload had.
    let report = session.last_verification_report.get().expect("set");
    assert_eq!(report.id().as_str(), "vr_QXhW13B2hsHOm43JtUgs0f0w");
    assert!(session.client_secret.is_null());
    assert!(session.provided_details.is_absent());
    assert_eq!(session.url.as_deref(), None);
}

#[test]
fn unknown_fields_are_dropped_when_asked() {
    let mut original = fixture("identity.verification_session");
    original["from_2030"] = json!({"x": 1});
    let kept: identity::IdentityVerificationSession =
        serde_json::from_value(original.clone()).unwrap();
    assert_eq!(
        serde_json::to_value(&kept).unwrap()["from_2030"],
        json!({"x": 1})
    );
    let dropped: identity_as_options::IdentityVerificationSession =
        serde_json::from_value(original).unwrap();
    assert!(serde_json::to_value(&dropped)
        .unwrap()
        .get("from_2030")
        .is_none());
}

#[test]
fn nullable_as_option_reads_null_and_absent_as_none_and_writes_neither() {
    let original = fixture("identity.verification_session");
    let session: identity_as_options::IdentityVerificationSession =
        serde_json::from_value(original.clone()).unwrap();
    // `Option<T>`, no `Nullable` layer.
    let secret: Option<String> = session.client_secret.clone();
    assert_eq!(secret, None);
    let report = session.last_verification_report.as_ref().expect("set");
    assert_eq!(report.id().as_str(), "vr_QXhW13B2hsHOm43JtUgs0f0w");
    assert_eq!(
        session
            .options
            .as_ref()
            .and_then(|o| o.document.as_ref())
            .and_then(|d| d.require_matching_selfie),
        Some(true)
    );
    // Written back: every key the payload had but those that were `null`.
    let back = serde_json::to_value(&session).unwrap();
    let mut expected = original.clone();
    expected
        .as_object_mut()
        .unwrap()
        .retain(|_, v| !v.is_null());
    expected["last_error"]
        .as_object_mut()
        .unwrap()
        .retain(|_, v| !v.is_null());
    assert_eq!(back, expected);
    // And that reads back as the same value.
    let again: identity_as_options::IdentityVerificationSession =
        serde_json::from_value(back).unwrap();
    assert_eq!(again, session);
}

#[test]
fn structs_whose_fields_may_all_be_left_out_start_empty() {
    let options = identity::GelatoVerificationSessionOptions {
        document: Some(identity::GelatoSessionDocumentOptions {
            require_matching_selfie: Some(true),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&options).unwrap(),
        json!({"document": {"require_matching_selfie": true}})
    );
    assert_eq!(
        serde_json::to_value(identity::GelatoVerifiedOutputs::default()).unwrap(),
        json!({})
    );
}
