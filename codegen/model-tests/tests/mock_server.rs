//! Every identity operation, with its fewest and its most parameters, sent
//! by the blocking client to Prism (`@stoplight/prism-cli`, from
//! `xtask/mock-server`) serving the spec the crates were generated from,
//! and the answers parsed into the models.
//!
//! Prism validates requests against the spec and answers `422` to one that
//! does not match. It cannot judge every part, so each request is also
//! checked here against the spec's own request schema:
//! - it accepts unknown form keys and wrong values inside nested objects
//!   and deepObject query parameters (`created[gte]=x`, `nonsense=1`);
//! - it reports an absent optional object with required fields
//!   (`related_person`) as missing those fields, so the copy it serves has
//!   those `required` lists removed, and the check here keeps them;
//! - it cannot load the excerpt's six `$ref`s that point outside it
//!   (`payment_intent`, ...), so the copy has them as open schemas (`{}`).
//!
//! The copy is written under the test's temporary directory at run time.
//! Without Prism installed (`npm ci --prefix xtask/mock-server`) the test
//! fails and says so.

use std::collections::BTreeMap;
use std::path::PathBuf;

#[path = "../examples/create_and_retrieve.rs"]
mod example;
use stripe_client::{Client, ClientErrorKind, RequestOptions};
use stripe_identity::*;
use stripe_types::{Operation, ResponseError, Unsettable};

#[path = "mock_server/prism.rs"]
mod prism;
#[path = "mock_server/spec_check.rs"]
mod spec_check;

use prism::{current_spec, mock_copy, Prism};
use spec_check::{check_against_spec, spec_errors};

fn send<O: Operation>(client: &Client, prism: &Prism, op: &O) -> O::Response
where
    O::Error: std::fmt::Debug,
{
    match client.send(op) {
        Ok(answer) => answer,
        Err(e) => panic!(
            "{:?} failed: {e}\nPrism's log:\n{}",
            op.request(),
            prism
                .log()
                .lines()
                .rev()
                .take(30)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

fn metadata() -> BTreeMap<String, String> {
    BTreeMap::from([
        ("order_id".to_string(), "6735".to_string()),
        ("note [a&b]".to_string(), "ü 1/2 = 50%".to_string()),
    ])
}

fn every_session_expansion() -> Vec<IdentityVerificationSessionExpand> {
    use IdentityVerificationSessionExpand::*;
    vec![
        LastError,
        LastVerificationReport,
        Options,
        ProvidedDetails,
        Redaction,
        RelatedPerson,
        VerifiedOutputs,
    ]
}

fn session_options() -> SessionOptionsParam {
    SessionOptionsParam {
        document: Some(Unsettable::Set(DocumentOptions {
            allowed_types: vec![
                DocumentOptionsAllowedTypes::DrivingLicense,
                DocumentOptionsAllowedTypes::IdCard,
                DocumentOptionsAllowedTypes::Passport,
            ],
            require_id_number: Some(true),
            require_live_capture: Some(false),
            require_matching_selfie: Some(true),
        })),
    }
}

#[test]
fn every_identity_operation_is_accepted_by_the_mock_server_and_its_answer_parses() {
    let (_, spec) = current_spec();
    let (copy, relaxed) = mock_copy(&spec);
    assert_eq!(
        relaxed,
        ["post /v1/identity/verification_sessions related_person"]
    );
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mock-server");
    std::fs::create_dir_all(&dir).unwrap();
    let copy_path = dir.join("spec.json");
    std::fs::write(&copy_path, serde_json::to_vec(&copy).unwrap()).unwrap();
    let prism = Prism::start(&copy_path);
    let client = Client::with_base("sk_test_123", &prism.base).unwrap();
    let sessions = "/v1/identity/verification_sessions";
    let session = "/v1/identity/verification_sessions/{session}";
    let id = IdentityVerificationSessionId::new("vs_1NuN1FGR7OQ3Ui6q3uWyzA6z");

    // Sessions: list.
    let fewest = ListIdentityVerificationSession::new();
    let most = ListIdentityVerificationSession {
        client_reference_id: Some("user-42".into()),
        created: Some(
            RangeQuerySpecs {
                gt: Some(1_700_000_000),
                gte: Some(1_700_000_001),
                lt: Some(1_800_000_000),
                lte: Some(1_800_000_001),
            }
            .into(),
        ),
        ending_before: None,
        expand: vec![
            IdentityVerificationSessionListExpand::LastVerificationReport,
            IdentityVerificationSessionListExpand::VerifiedOutputs,
        ],
        limit: Some(3),
        related_customer: Some("cus_123".into()),
        related_customer_account: Some("acct_123".into()),
        starting_after: Some("vs_0".into()),
        status: Some(ListIdentityVerificationSessionStatus::RequiresInput),
    };
    for op in [&fewest, &most] {
        check_against_spec(&spec, "get", sessions, op);
        let page = send(&client, &prism, op);
        assert!(!page.data.is_empty(), "the mock's list has an example item");
        assert!(page.url.starts_with("/v1/identity/verification_sessions") || !page.url.is_empty());
        if page.has_more {
            let next = op.next_page(&page).expect("a next page");
            assert_eq!(
                next.starting_after.as_deref(),
                Some(page.data.last().unwrap().id.as_str())
            );
            send(&client, &prism, &next);
        }
    }

    // Sessions: create, with nothing and with everything.
    let fewest = CreateIdentityVerificationSession::new();
    let most = CreateIdentityVerificationSession {
        client_reference_id: Some("user-42".into()),
        expand: every_session_expansion(),
        metadata: metadata(),
        options: Some(session_options()),
        provided_details: Some(ProvidedDetailsParam {
            email: Some("jenny+test@example.com".into()),
            phone: Some("+1 (555) 010-9999".into()),
        }),
        related_customer: Some("cus_123".into()),
        related_customer_account: Some("acct_123".into()),
        related_person: Some(RelatedPersonParam::new("acct_123", "person_123")),
        return_url: Some("https://example.com/return?x=1&y=2".into()),
        type_: Some(CreateIdentityVerificationSessionType::Document),
        verification_flow: Some("vf_123".into()),
    };
    for op in [&fewest, &most] {
        check_against_spec(&spec, "post", sessions, op);
        let created: IdentityVerificationSession = send(&client, &prism, op);
        assert!(!created.id.as_str().is_empty());
    }

    // Sessions: retrieve, update, cancel, redact.
    let fewest = RetrieveIdentityVerificationSession::new(id.clone());
    let most = RetrieveIdentityVerificationSession {
        expand: every_session_expansion(),
        ..fewest.clone()
    };
    for op in [&fewest, &most] {
        check_against_spec(&spec, "get", session, op);
        send(&client, &prism, op);
    }
    let fewest = UpdateIdentityVerificationSession::new(id.clone());
    let most = UpdateIdentityVerificationSession {
        session: id.clone(),
        expand: every_session_expansion(),
        metadata: metadata(),
        options: Some(SessionOptionsParam {
            document: Some(Unsettable::Unset),
        }),
        provided_details: Some(ProvidedDetailsParam {
            email: Some("jenny@example.com".into()),
            phone: None,
        }),
        type_: Some(UpdateIdentityVerificationSessionType::IdNumber),
    };
    let with_options = UpdateIdentityVerificationSession {
        options: Some(session_options()),
        ..most.clone()
    };
    for op in [&fewest, &most, &with_options] {
        check_against_spec(&spec, "post", session, op);
        send(&client, &prism, op);
    }
    for (path, fewest, most) in [
        (
            "/v1/identity/verification_sessions/{session}/cancel",
            CancelIdentityVerificationSession::new(id.clone()).request(),
            CancelIdentityVerificationSession {
                expand: every_session_expansion(),
                ..CancelIdentityVerificationSession::new(id.clone())
            }
            .request(),
        ),
        (
            "/v1/identity/verification_sessions/{session}/redact",
            RedactIdentityVerificationSession::new(id.clone()).request(),
            RedactIdentityVerificationSession {
                expand: every_session_expansion(),
                ..RedactIdentityVerificationSession::new(id.clone())
            }
            .request(),
        ),
    ] {
        assert_eq!(fewest.path, path.replace("{session}", id.as_str()));
        assert_eq!(fewest.body.as_deref(), Some(""));
        assert!(most
            .body
            .as_deref()
            .unwrap()
            .starts_with("expand[0]=last_error&expand[1]="));
    }
    let cancel = CancelIdentityVerificationSession {
        expand: every_session_expansion(),
        ..CancelIdentityVerificationSession::new(id.clone())
    };
    check_against_spec(
        &spec,
        "post",
        "/v1/identity/verification_sessions/{session}/cancel",
        &cancel,
    );
    send(
        &client,
        &prism,
        &CancelIdentityVerificationSession::new(id.clone()),
    );
    send(&client, &prism, &cancel);
    let redact = RedactIdentityVerificationSession {
        expand: every_session_expansion(),
        ..RedactIdentityVerificationSession::new(id.clone())
    };
    check_against_spec(
        &spec,
        "post",
        "/v1/identity/verification_sessions/{session}/redact",
        &redact,
    );
    send(
        &client,
        &prism,
        &RedactIdentityVerificationSession::new(id.clone()),
    );
    send(&client, &prism, &redact);

    // The README's example, as users run it: create, then retrieve with
    // the verified outputs expanded, for a connected account.
    let options = RequestOptions::new().stripe_account("acct_1032D82eZvKYlo2C");
    let (created, retrieved) =
        example::run(&client, "user-42", &options).expect("the example runs");
    assert_eq!(created.value.id, retrieved.value.id);
    assert_eq!((created.attempts, retrieved.status), (1, 200));
    let printed = example::report(&client, &options).expect("the example runs");
    println!("{printed}");
    assert!(
        printed.starts_with(&format!("created {} (", created.value.id)),
        "{printed}"
    );
    assert!(printed.contains("request id "), "{printed}");
    assert!(printed.contains("verified: "), "{printed}");

    // Reports: list and retrieve.
    let reports = "/v1/identity/verification_reports";
    let fewest = ListIdentityVerificationReport::new();
    let most = ListIdentityVerificationReport {
        client_reference_id: Some("user-42".into()),
        created: Some(ListIdentityVerificationReportCreated::Integer(
            1_700_000_000,
        )),
        ending_before: Some("vr_9".into()),
        expand: vec![
            IdentityVerificationReportListExpand::Document,
            IdentityVerificationReportListExpand::Selfie,
        ],
        limit: Some(100),
        starting_after: None,
        type_: Some(ListIdentityVerificationReportType::IdNumber),
        verification_session: Some(id.as_str().to_string()),
    };
    for op in [&fewest, &most] {
        check_against_spec(&spec, "get", reports, op);
        let page = send(&client, &prism, op);
        if page.has_more && op.ending_before.is_some() {
            let previous = op.next_page(&page).expect("the page before");
            assert_eq!(
                previous.ending_before.as_deref(),
                Some(page.data[0].id.as_str())
            );
        }
    }
    let report = IdentityVerificationReportId::new("vr_1NuN1FGR7OQ3Ui6q");
    let fewest = RetrieveIdentityVerificationReport::new(report.clone());
    let most = RetrieveIdentityVerificationReport {
        expand: vec![
            IdentityVerificationReportExpand::Email,
            IdentityVerificationReportExpand::Phone,
        ],
        ..fewest.clone()
    };
    for op in [&fewest, &most] {
        check_against_spec(
            &spec,
            "get",
            "/v1/identity/verification_reports/{report}",
            op,
        );
        let answer: IdentityVerificationReport = send(&client, &prism, op);
        assert!(!answer.id.as_str().is_empty());
    }
}

/// Where Prism lets a request the spec forbids through, the check against
/// the spec's schema catches it: that check is what judges those parts.
#[test]
fn what_prism_cannot_judge_the_schema_check_catches() {
    let (_, spec) = current_spec();
    let sessions = "/v1/identity/verification_sessions";
    for (method, body) in [
        ("post", "nonsense=1"),
        ("post", "options[document][allowed_types][0]=bogus"),
        ("post", "options[document][require_id_number]=yes"),
        ("post", "related_person[account]=acct_1"),
        ("post", "metadata[a][b]=c"),
        ("get", "created[gte]=x"),
        ("get", "limit=3&bogus=1"),
    ] {
        let errors = spec_errors(&spec, method, sessions, body);
        assert!(
            !errors.is_empty(),
            "{method} `{body}` passed the schema check"
        );
    }
    assert!(spec_errors(
        &spec,
        "get",
        sessions,
        "limit=3&expand[0]=data.last_error&created=5"
    )
    .is_empty());
    assert!(spec_errors(&spec, "post", sessions, "options[document]=&metadata[a]=b").is_empty());
}

/// A request the spec forbids (which the types cannot build) is refused by
/// the mock server, and its error answer parses into `StripeError`.
#[test]
fn the_mock_server_refuses_what_the_spec_forbids_and_the_error_parses() {
    let (_, spec) = current_spec();
    let (copy, _) = mock_copy(&spec);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mock-server-errors");
    std::fs::create_dir_all(&dir).unwrap();
    let copy_path = dir.join("spec.json");
    std::fs::write(&copy_path, serde_json::to_vec(&copy).unwrap()).unwrap();
    let prism = Prism::start(&copy_path);

    /// The create operation with its body replaced.
    struct Raw(&'static str);
    impl Operation for Raw {
        type Response = IdentityVerificationSession;
        type Error = stripe_shared::StripeError;
        fn request(&self) -> stripe_types::Request {
            let mut request = CreateIdentityVerificationSession::new().request();
            request.body = Some(self.0.to_string());
            request
        }
        fn parse(status: u16, body: &[u8]) -> Result<Self::Response, ResponseError<Self::Error>> {
            CreateIdentityVerificationSession::parse(status, body)
        }
    }
    let client = Client::with_base("sk_test_123", &prism.base).unwrap();
    for body in ["type=bogus", "options[document]=x"] {
        let answer = client.send(&Raw(body));
        let shown = answer.as_ref().err().map(|e| e.to_string());
        match answer.map_err(|e| e.into_kind()) {
            Err(ClientErrorKind::Response(ResponseError::Api { status, error, .. })) => {
                assert_eq!(status, 422, "{body}");
                // Read as a person reads it, not as a Debug dump.
                let shown = shown.unwrap();
                assert!(
                    shown.starts_with("Stripe answered HTTP 422: api_error"),
                    "{shown}"
                );
                assert!(!shown.contains("ApiErrors"), "{shown}");
                // Prism's example error: every field filled, the type known.
                assert!(
                    matches!(error.error.type_, stripe_shared::ApiErrorsType::ApiError),
                    "{error:?}"
                );
            }
            other => panic!("`{body}` was not refused: {other:?}"),
        }
    }
}
