//! `Webhook::verify` and `construct_event` from the outside: each way a
//! request can be refused, with a small event type of its own.

use serde::Deserialize;
use stripe_types::WebhookEvent;
use stripe_webhook::{sign, ApiVersionCheck, HeaderError, Webhook, WebhookError, MAX_HEADER_LEN};

const SECRET: &str = "whsec_0123456789abcdefghijklmnopqrstuv";
const NOW: i64 = 1_780_000_000;
const VERSION: &str = "2026-07-29.dahlia";

#[derive(Debug, Deserialize)]
struct Event {
    id: String,
    #[serde(rename = "type")]
    type_: String,
    api_version: Option<String>,
    data: Data,
}

#[derive(Debug, Deserialize)]
struct Data {
    object: Session,
}

#[derive(Debug, Deserialize)]
struct Session {
    id: String,
    status: Status,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Status {
    Processing,
    Verified,
}

impl WebhookEvent for Event {
    const API_VERSION: &'static str = VERSION;
    fn api_version(&self) -> Option<&str> {
        self.api_version.as_deref()
    }
}

fn body(api_version: &str) -> Vec<u8> {
    format!(
        r#"{{"id":"evt_1","object":"event","api_version":{api_version},"created":{NOW},"data":{{"object":{{"id":"vs_1","object":"identity.verification_session","status":"verified"}}}},"livemode":false,"pending_webhooks":1,"request":{{"id":null,"idempotency_key":null}},"type":"identity.verification_session.verified"}}"#
    )
    .into_bytes()
}

fn current() -> Vec<u8> {
    body(&format!("\"{VERSION}\""))
}

fn hook() -> Webhook {
    Webhook::new(SECRET).unwrap().at(NOW)
}

/// The hex signature of `body` at `t`, as `sign` puts it in the header.
fn v1(t: i64, body: &[u8]) -> String {
    sign(SECRET, t, body)
        .split_once(",v1=")
        .unwrap()
        .1
        .to_owned()
}

fn verify(header: &str, body: &[u8]) -> Result<(), WebhookError> {
    hook().verify(Some(header), body)
}

fn malformed(e: HeaderError) -> Result<(), WebhookError> {
    Err(WebhookError::MalformedHeader(e))
}

#[test]
fn a_signed_event_is_verified_and_parsed() {
    let body = current();
    let header = sign(SECRET, NOW - 10, &body);
    let verified = hook()
        .construct_event::<Event>(Some(&header), &body)
        .unwrap();
    assert_eq!(verified.api_version(), &ApiVersionCheck::Matches);
    let (event, check) = verified.into_parts();
    assert!(check.matches());
    assert_eq!(event.id, "evt_1");
    assert_eq!(event.type_, "identity.verification_session.verified");
    assert_eq!(event.data.object.id, "vs_1");
    assert_eq!(event.data.object.status, Status::Verified);
}

#[test]
fn any_one_of_several_v1_is_enough() {
    let body = current();
    let good = v1(NOW, &body);
    let other = v1(NOW, b"another body");
    for header in [
        format!("t={NOW},v1={other},v1={good}"),
        format!("t={NOW},v1={good},v1={other}"),
        format!("t={NOW},v0={other},v1={other},v1={other},v1={good},v0={good}"),
    ] {
        assert_eq!(verify(&header, &body), Ok(()), "{header}");
    }
    let none = format!("t={NOW},v1={other},v1={other}");
    assert_eq!(
        verify(&none, &body),
        Err(WebhookError::NoMatch { signatures: 2 })
    );
}

#[test]
fn v0_and_other_schemes_are_not_signatures() {
    let body = current();
    let good = v1(NOW, &body);
    for header in [
        format!("t={NOW},v0={good}"),
        format!("t={NOW},v2={good},x=1"),
        format!("t={NOW}"),
    ] {
        assert_eq!(verify(&header, &body), Err(WebhookError::NoV1Signature));
    }
}

#[test]
fn another_secret_does_not_match() {
    let body = current();
    let header = sign("whsec_another", NOW, &body);
    assert_eq!(
        verify(&header, &body),
        Err(WebhookError::NoMatch { signatures: 1 })
    );
    // The secret is the key as a whole, prefix included.
    let header = sign(SECRET.trim_start_matches("whsec_"), NOW, &body);
    assert!(verify(&header, &body).is_err());
}

#[test]
fn every_one_byte_change_of_the_body_is_caught() {
    let body = current();
    let header = sign(SECRET, NOW, &body);
    for i in 0..body.len() {
        for flip in [0x01, 0x20, 0x80] {
            let mut tampered = body.clone();
            tampered[i] ^= flip;
            assert_eq!(
                verify(&header, &tampered),
                Err(WebhookError::NoMatch { signatures: 1 }),
                "byte {i}"
            );
        }
    }
    let mut longer = body.clone();
    longer.push(b'\n');
    assert!(verify(&header, &longer).is_err());
    assert!(verify(&header, &body[..body.len() - 1]).is_err());
}

#[test]
fn the_timestamp_is_signed_too() {
    let body = current();
    let good = v1(NOW, &body);
    assert_eq!(
        verify(&format!("t={},v1={good}", NOW - 1), &body),
        Err(WebhookError::NoMatch { signatures: 1 })
    );
}

#[test]
fn an_old_signature_is_refused_with_its_age() {
    let body = current();
    let at_limit = sign(SECRET, NOW - 300, &body);
    assert_eq!(verify(&at_limit, &body), Ok(()));
    let old = sign(SECRET, NOW - 301, &body);
    assert_eq!(
        verify(&old, &body),
        Err(WebhookError::TimestampOutsideTolerance {
            age: 301,
            tolerance: 300
        })
    );
    let error = verify(&old, &body).unwrap_err().to_string();
    assert_eq!(
        error,
        "the signature is 301 s old, more than the tolerance of 300 s"
    );
}

#[test]
fn the_signature_is_checked_before_the_age() {
    let body = current();
    let old_and_forged = format!("t={},v1={}", NOW - 10_000, v1(NOW, b"x"));
    assert_eq!(
        verify(&old_and_forged, &body),
        Err(WebhookError::NoMatch { signatures: 1 })
    );
}

#[test]
fn a_future_timestamp_is_accepted_as_by_stripe() {
    let body = current();
    for ahead in [1, 300, 301, 86_400 * 365] {
        let header = sign(SECRET, NOW + ahead, &body);
        assert_eq!(verify(&header, &body), Ok(()), "{ahead} s ahead");
    }
}

#[test]
fn the_tolerance_can_be_set() {
    let body = current();
    let hook = hook().tolerance(0);
    assert_eq!(hook.verify(Some(&sign(SECRET, NOW, &body)), &body), Ok(()));
    assert_eq!(
        hook.verify(Some(&sign(SECRET, NOW - 1, &body)), &body),
        Err(WebhookError::TimestampOutsideTolerance {
            age: 1,
            tolerance: 0
        })
    );
    let hook = self::hook().tolerance(3600);
    let header = sign(SECRET, NOW - 3600, &body);
    assert_eq!(hook.verify(Some(&header), &body), Ok(()));
    let header = sign(SECRET, NOW - 3601, &body);
    assert!(matches!(
        hook.verify(Some(&header), &body),
        Err(WebhookError::TimestampOutsideTolerance { age: 3601, .. })
    ));
}

#[test]
fn a_missing_or_empty_header_is_missing() {
    let body = current();
    assert_eq!(hook().verify(None, &body), Err(WebhookError::MissingHeader));
    for empty in ["", " ", "\t"] {
        assert_eq!(verify(empty, &body), Err(WebhookError::MissingHeader));
    }
    assert_eq!(
        hook().construct_event::<Event>(None, &body).unwrap_err(),
        WebhookError::MissingHeader
    );
}

#[test]
fn malformed_headers_say_which_part() {
    let body = current();
    let good = v1(NOW, &body);
    let cases = [
        ("garbage", HeaderError::NoTimestamp),
        ("t", HeaderError::BadTimestamp),
        (",,,", HeaderError::NoTimestamp),
        ("\u{0}\u{7f}é", HeaderError::NoTimestamp),
        (&format!("v1={good}"), HeaderError::NoTimestamp),
        (&format!("t=,v1={good}"), HeaderError::BadTimestamp),
        (&format!("t=now,v1={good}"), HeaderError::BadTimestamp),
        (&format!("t=+{NOW},v1={good}"), HeaderError::BadTimestamp),
        (&format!("t={NOW}.5,v1={good}"), HeaderError::BadTimestamp),
        (
            &format!("t={NOW},t={NOW},v1={good}"),
            HeaderError::DuplicateTimestamp,
        ),
        (
            &format!("t={NOW},v1={good},t={NOW}"),
            HeaderError::DuplicateTimestamp,
        ),
        (
            &format!("t={NOW},v1="),
            HeaderError::SignatureLength { index: 1, len: 0 },
        ),
        (
            &format!("t={NOW},v1={good},v1={}", &good[..63]),
            HeaderError::SignatureLength { index: 2, len: 63 },
        ),
        (
            &format!("t={NOW},v1={}zz", &good[..62]),
            HeaderError::SignatureNotHex { index: 1 },
        ),
    ];
    for (header, error) in cases {
        assert_eq!(verify(header, &body), malformed(error), "{header:?}");
    }
}

#[test]
fn whitespace_around_items_is_allowed() {
    let body = current();
    let good = v1(NOW, &body);
    for header in [
        format!(" t={NOW}, v1={good} "),
        format!("t={NOW},\tv1={good}"),
        format!("t={NOW} ,  v0=abc  ,  v1={good}"),
    ] {
        assert_eq!(verify(&header, &body), Ok(()), "{header:?}");
    }
    // Uppercase hex is the same signature (stripe-node compares text, and
    // would refuse it).
    let upper = format!("t={NOW},v1={}", good.to_uppercase());
    assert_eq!(verify(&upper, &body), Ok(()));
}

#[test]
fn a_huge_header_is_refused_quickly() {
    let body = current();
    let huge = format!("t={NOW},{}", "v1=".repeat(1 << 20));
    let started = std::time::Instant::now();
    assert_eq!(
        verify(&huge, &body),
        malformed(HeaderError::TooLong {
            len: huge.len(),
            max: MAX_HEADER_LEN
        })
    );
    // Many items within the limit: linear work.
    let many = format!("t={NOW},{}", ",".repeat(MAX_HEADER_LEN - 20));
    assert_eq!(verify(&many, &body), Err(WebhookError::NoV1Signature));
    assert!(started.elapsed().as_secs() < 2);
}

#[test]
fn a_body_that_is_not_json_is_not_an_event() {
    for body in [
        &b"not json"[..],
        b"",
        b"{\"id\":",
        b"\xff\xfe",
        b"{} trailing",
    ] {
        let header = sign(SECRET, NOW, body);
        assert_eq!(verify(&header, body), Ok(()));
        let error = hook()
            .construct_event::<Event>(Some(&header), body)
            .unwrap_err();
        assert!(
            matches!(error, WebhookError::NotAnEvent { .. }),
            "{:?}: {error:?}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn a_body_that_is_json_but_no_event_says_where() {
    let cases: [(&[u8], &str, &str); 4] = [
        (b"\"evt_1\"", "invalid type: string \"evt_1\", expected struct Event", "."),
        (b"{\"id\":\"evt_1\"}", "missing field `type`", "."),
        (
            br#"{"id":"evt_1","type":"x","api_version":null,"data":{"object":{"id":"vs_1","status":"paused"}}}"#,
            "unknown variant `paused`",
            "data.object.status",
        ),
        (
            br#"{"id":"evt_1","type":"x","api_version":7,"data":{}}"#,
            "invalid type: integer `7`",
            "api_version",
        ),
    ];
    for (body, message, path) in cases {
        let header = sign(SECRET, NOW, body);
        match hook().construct_event::<Event>(Some(&header), body) {
            Err(WebhookError::NotAnEvent {
                message: got,
                path: at,
            }) => {
                assert!(got.starts_with(message), "{got}");
                assert_eq!(at, path);
                let text = WebhookError::NotAnEvent {
                    message: got,
                    path: at,
                }
                .to_string();
                assert!(text.starts_with("the body is not an event: "), "{text}");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_bad_body_is_not_parsed_before_the_signature_is_checked() {
    let header = sign(SECRET, NOW, b"{}");
    assert_eq!(
        hook()
            .construct_event::<Event>(Some(&header), b"not json")
            .unwrap_err(),
        WebhookError::NoMatch { signatures: 1 }
    );
}

#[test]
fn another_api_version_is_reported() {
    let body = body("\"2024-06-20\"");
    let header = sign(SECRET, NOW, &body);
    let verified = hook()
        .construct_event::<Event>(Some(&header), &body)
        .unwrap();
    assert_eq!(
        verified.api_version(),
        &ApiVersionCheck::Differs {
            event: "2024-06-20".into(),
            types: VERSION
        }
    );
    assert!(!verified.api_version().matches());
    assert_eq!(verified.event().id, "evt_1");

    let body = self::body("null");
    let header = sign(SECRET, NOW, &body);
    let verified = hook()
        .construct_event::<Event>(Some(&header), &body)
        .unwrap();
    assert_eq!(verified.api_version(), &ApiVersionCheck::Unstated);
}

#[test]
fn strict_mode_refuses_another_api_version() {
    let strict = hook().strict_api_version();
    let body = current();
    let header = sign(SECRET, NOW, &body);
    assert!(strict
        .construct_event::<Event>(Some(&header), &body)
        .is_ok());

    let body = self::body("\"2024-06-20\"");
    let header = sign(SECRET, NOW, &body);
    let error = strict
        .construct_event::<Event>(Some(&header), &body)
        .unwrap_err();
    assert_eq!(
        error,
        WebhookError::ApiVersionMismatch {
            event: Some("2024-06-20".into()),
            types: VERSION
        }
    );
    assert!(error.to_string().contains("2024-06-20"));
    assert!(error.to_string().contains(VERSION));

    let body = self::body("null");
    let header = sign(SECRET, NOW, &body);
    assert_eq!(
        strict
            .construct_event::<Event>(Some(&header), &body)
            .unwrap_err(),
        WebhookError::ApiVersionMismatch {
            event: None,
            types: VERSION
        }
    );
}

#[test]
fn errors_never_show_the_secret_or_the_header() {
    let body = current();
    let forged = format!("t={NOW},v1={},v0=<script>", v1(NOW, b"x"));
    let errors = [
        verify(&forged, &body).unwrap_err(),
        verify("t=x<script>", &body).unwrap_err(),
        verify(&sign(SECRET, 0, &body), &body).unwrap_err(),
    ];
    for error in errors {
        let text = format!("{error} {error:?}");
        assert!(
            !text.contains("whsec") && !text.contains("<script>"),
            "{text}"
        );
    }
}
