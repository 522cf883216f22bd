//! Stripe's own example payloads through the types `generate!` made.

use stripe_types::Nullable;

use serde_json::Value;
use stripe_codegen_macro_example::identity::{
    GelatoVerificationSessionOptions, IdentityVerificationReport, IdentityVerificationSession,
    IdentityVerificationSessionStatus, IdentityVerificationSessionType,
};

fn fixture(resource: &str) -> Value {
    let value = stripe_model_tests::fixture("fixtures3.2023-08-16.json", resource);
    assert!(
        value.is_object(),
        "no resource `{resource}` in the fixtures"
    );
    value
}

#[test]
fn the_session_fixture_deserializes_field_by_field() {
    let original = fixture("identity.verification_session");
    let session: IdentityVerificationSession =
        serde_json::from_value(original.clone()).expect("the fixture deserializes");

    assert_eq!(session.id.as_str(), "vs_1NnmXJGPxmnHQRkJVcb4sPQS");
    assert_eq!(session.created.as_secs(), 1_234_567_890);
    assert!(!session.livemode);
    assert!(session.metadata.is_empty());
    assert_eq!(session.status, IdentityVerificationSessionStatus::Verified);
    assert_eq!(session.type_, IdentityVerificationSessionType::Document);
    // Present-and-null and absent stay apart.
    assert_eq!(session.client_secret, Nullable::Null);
    assert_eq!(session.last_error, Nullable::Null);
    assert_eq!(session.verified_outputs, Nullable::Absent);
    let report = session
        .last_verification_report
        .clone()
        .into_option()
        .expect("set in the fixture");
    assert_eq!(report.id().as_str(), "vr_OayUPCTp071xnrG1dFUdtqgS");
    assert!(!report.is_object());
    let options: GelatoVerificationSessionOptions = session
        .options
        .clone()
        .into_option()
        .expect("set in the fixture");
    let document = options.document.expect("document options");
    assert_eq!(document.require_matching_selfie, Some(true));
    assert_eq!(document.require_id_number, None);

    let back = serde_json::to_value(&session).expect("serializes");
    assert_eq!(back, original, "the fixture round-trips exactly");
}

#[test]
fn debug_output_hides_the_redacted_fields() {
    let mut session: IdentityVerificationSession =
        serde_json::from_value(fixture("identity.verification_session"))
            .expect("the fixture deserializes");
    session.client_secret = Nullable::Value("vs_secret_do_not_log".into());
    session.url = Nullable::Value("https://verify.stripe.com/start/do_not_log".into());
    let debug = format!("{session:?}");
    assert!(debug.contains("vs_1NnmXJGPxmnHQRkJVcb4sPQS"), "{debug}");
    assert!(!debug.contains("do_not_log"), "{debug}");
}

#[test]
fn the_report_fixture_deserializes() {
    let report: IdentityVerificationReport =
        serde_json::from_value(fixture("identity.verification_report"))
            .expect("the fixture deserializes");
    assert_eq!(report.id.as_str(), "vr_1NnmXJGPxmnHQRkJed0S7xeU");
    let document = report.document.expect("document report");
    assert_eq!(document.first_name, Nullable::Value("Jenny".to_string()));
    assert_eq!(document.files.into_option().map(|f| f.len()), Some(2));
    assert_eq!(
        report.verification_session.into_option().as_deref(),
        Some("vs_1NnmXJGPxmnHQRkJvGxIwnK7")
    );
}

#[test]
fn events_carry_their_typed_object_or_any_other_exactly() {
    use stripe_codegen_macro_example::identity::{Event, EventObject, EventType, API_VERSION};
    use stripe_types::WebhookEvent;

    // Stripe's event fixture carries a plan, which these types do not know.
    let original = fixture("event");
    let event: Event = serde_json::from_str(&original.to_string()).unwrap();
    assert!(matches!(event.data.object, EventObject::Other(_)));
    assert_eq!(serde_json::to_value(&event).unwrap(), original);

    let session = fixture("identity.verification_session");
    let text = format!(
        r#"{{"id":"evt_1","object":"event","api_version":"{API_VERSION}","created":1,"data":{{"object":{session}}},"livemode":false,"pending_webhooks":1,"request":null,"type":"identity.verification_session.verified"}}"#
    );
    let event: Event = serde_json::from_str(&text).unwrap();
    assert_eq!(event.type_, EventType::IdentityVerificationSessionVerified);
    assert_eq!(
        event.type_.resource(),
        Some("identity.verification_session")
    );
    assert_eq!(
        event.api_version(),
        Some(<Event as WebhookEvent>::API_VERSION)
    );
    let EventObject::IdentityVerificationSession(typed) = &event.data.object else {
        panic!("{:?}", event.data.object)
    };
    assert_eq!(typed.status, IdentityVerificationSessionStatus::Verified);
}
