//! Stripe's event envelope through the generated `Event`: Stripe's own
//! event fixtures (a `plan` object, unknown to the identity crates) come
//! back exactly, and every identity event type reads as its variant with
//! its typed object.

use serde_json::{json, Value};
use stripe_identity::{
    Event, EventObject, EventType, IdentityVerificationSessionStatus, API_VERSION,
};
use stripe_model_tests::{canonical, differences, fixture};
use stripe_types::{Nullable, WebhookEvent};

const FIXTURES_2023: &str = "fixtures3.2023-08-16.json";
const FIXTURES_2026: &str = "fixtures3.2026-08-21.json";

/// Reads `text` through serde and through the crate's own reader, checks
/// that both agree and that each writes the same JSON back (the envelope's
/// keys in spec order; values, and objects kept raw, byte for byte).
fn read_exactly(text: &str) -> Event {
    let event: Event = serde_json::from_str(text).expect("serde reads the event");
    let written = serde_json::to_string(&event).unwrap();
    let parse = |t: &str| serde_json::from_str::<Value>(t).unwrap();
    assert_eq!(
        differences(&parse(text), &parse(&written)),
        Vec::<String>::new()
    );
    assert_eq!(canonical(&parse(&written)), canonical(&parse(text)));
    let own = Event::from_json(text).expect("the own reader reads the event");
    assert_eq!(own, event);
    assert_eq!(own.to_json().unwrap(), written);
    event
}

/// An event as Stripe sends it: keys in Stripe's order, compact.
fn event_text(kind: &str, object: &Value, previous: Option<Value>) -> String {
    let mut data = json!({ "object": object });
    if let Some(previous) = previous {
        data["previous_attributes"] = previous;
    }
    let event = json!({
        "id": "evt_1PgcBHB7WZ01zgkWq3ZZ6uyP",
        "object": "event",
        "api_version": API_VERSION,
        "created": 1721948950,
        "data": data,
        "livemode": false,
        "pending_webhooks": 1,
        "request": { "id": null, "idempotency_key": null },
        "type": kind,
    });
    serde_json::to_string(&event).unwrap()
}

#[test]
fn stripes_event_fixtures_round_trip_exactly() {
    for file in [FIXTURES_2023, FIXTURES_2026] {
        let original = fixture(file, "event");
        let text = serde_json::to_string(&original).unwrap();
        let event = read_exactly(&text);
        assert_eq!(event.type_, EventType::Unknown("plan.created".into()));
        assert_eq!(event.type_.resource(), None);
        assert_eq!(event.api_version, Nullable::Null);
        assert_eq!(event.api_version(), None);
        // The plan is kept as the text that came, not re-encoded.
        let EventObject::Other(plan) = &event.data.object else {
            panic!(
                "{file}: a plan is no identity resource: {:?}",
                event.data.object
            )
        };
        assert_eq!(
            plan.get(),
            serde_json::to_string(&original["data"]["object"]).unwrap()
        );
        let back = serde_json::to_value(&event).unwrap();
        assert_eq!(differences(&original, &back), Vec::<String>::new());
        assert_eq!(canonical(&back), canonical(&original));
    }
}

#[test]
fn every_identity_event_type_reads_as_its_variant_with_its_typed_object() {
    let session = fixture(FIXTURES_2026, "identity.verification_session");
    let cases = [
        ("canceled", EventType::IdentityVerificationSessionCanceled),
        ("created", EventType::IdentityVerificationSessionCreated),
        (
            "processing",
            EventType::IdentityVerificationSessionProcessing,
        ),
        ("redacted", EventType::IdentityVerificationSessionRedacted),
        (
            "requires_input",
            EventType::IdentityVerificationSessionRequiresInput,
        ),
        ("verified", EventType::IdentityVerificationSessionVerified),
    ];
    for (suffix, expected) in cases {
        let kind = format!("identity.verification_session.{suffix}");
        let event = read_exactly(&event_text(&kind, &session, None));
        assert_eq!(event.type_, expected);
        assert_eq!(event.type_.as_str(), kind);
        assert_eq!(
            event.type_.resource(),
            Some("identity.verification_session")
        );
        assert_eq!(event.api_version(), Some(API_VERSION));
        assert_eq!(<Event as WebhookEvent>::API_VERSION, "2026-07-29.dahlia");
        let EventObject::IdentityVerificationSession(typed) = &event.data.object else {
            panic!("{kind}: {:?}", event.data.object)
        };
        assert_eq!(typed.id.as_str(), session["id"].as_str().unwrap());
        assert_eq!(typed.status.as_str(), session["status"].as_str().unwrap());
        assert_eq!(typed.status, IdentityVerificationSessionStatus::Verified);
    }
}

#[test]
fn a_report_is_told_apart_by_its_object_value() {
    let report = fixture(FIXTURES_2026, "identity.verification_report");
    // No event type carries a report: the object's own `object` key decides.
    let event = read_exactly(&event_text(
        "identity.verification_report.created",
        &report,
        None,
    ));
    assert_eq!(
        event.type_,
        EventType::Unknown("identity.verification_report.created".into())
    );
    let EventObject::IdentityVerificationReport(typed) = &event.data.object else {
        panic!("{:?}", event.data.object)
    };
    assert_eq!(typed.id.as_str(), report["id"].as_str().unwrap());
}

#[test]
fn previous_attributes_and_objects_of_other_shapes_are_kept_exactly() {
    let session = fixture(FIXTURES_2026, "identity.verification_session");
    let previous =
        json!({ "status": "processing", "amount": 19.50, "nested": { "z": 1, "a": [] } });
    let text = event_text(
        "identity.verification_session.requires_input",
        &session,
        Some(previous.clone()),
    );
    let event = read_exactly(&text);
    let kept = event.data.previous_attributes.as_ref().expect("kept");
    assert_eq!(kept.get(), serde_json::to_string(&previous).unwrap());

    // A resource of a newer version, with keys in an odd order and no
    // `object` key at all: kept as they came, never an error.
    for object in [
        r#"{"id":"fa_1","z":1,"object":"financial_connections.account","a":1.50}"#,
        r#"{"id":"x_1","a":{"b":[1,2.0]}}"#,
        r#"{"object":7}"#,
        // The first `object` key decides, in both readers.
        r#"{"object":null,"object":"identity.verification_session"}"#,
    ] {
        let text = format!(
            r#"{{"id":"evt_1","object":"event","api_version":"2026-07-29.dahlia","created":1,"data":{{"object":{object}}},"livemode":false,"pending_webhooks":0,"request":null,"type":"x.y"}}"#
        );
        let event = read_exactly(&text);
        let EventObject::Other(raw) = &event.data.object else {
            panic!("{object}: {:?}", event.data.object)
        };
        assert_eq!(raw.get(), object);
    }
}

#[test]
fn the_webhook_check_reads_events_through_the_crates_own_reader() {
    // With the crate's `json` feature, `construct_event` takes this way.
    let session = fixture(FIXTURES_2026, "identity.verification_session");
    let text = event_text("identity.verification_session.verified", &session, None);
    let fast = <Event as WebhookEvent>::read_body(text.as_bytes()).expect("read");
    assert_eq!(fast, serde_json::from_str::<Event>(&text).unwrap());
    // What it refuses is left to serde, which says why.
    let broken = text.replace("\"livemode\":false", "\"livemode\":0");
    assert!(<Event as WebhookEvent>::read_body(broken.as_bytes()).is_none());
    assert!(serde_json::from_str::<Event>(&broken).is_err());
}

#[test]
fn a_known_object_that_is_malformed_is_an_error_naming_it() {
    let text = r#"{"id":"evt_1","object":"event","api_version":null,"created":1,"data":{"object":{"id":"vs_1","object":"identity.verification_session"}},"livemode":false,"pending_webhooks":0,"request":null,"type":"identity.verification_session.verified"}"#;
    let serde = serde_json::from_str::<Event>(text).unwrap_err().to_string();
    assert!(
        serde.contains("`EventObject` as `identity.verification_session`: missing field"),
        "{serde}"
    );
    let own = Event::from_json(text).unwrap_err().to_string();
    assert!(own.contains("missing field"), "{own}");
}
