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
use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Map, Value};

#[path = "../examples/create_and_retrieve.rs"]
mod example;
use stripe_identity::*;
use stripe_types::{Client, ClientErrorKind, Operation, RequestOptions, ResponseError, Unsettable};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The installed spec whose API version the identity crate names.
fn current_spec() -> (PathBuf, Value) {
    let lib = std::fs::read_to_string(workspace().join("generated/stripe-identity/src/lib.rs"))
        .expect("generated/stripe-identity");
    let version = lib
        .split("(API version ")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .expect("the API version in the header")
        .to_string();
    let cache = workspace().join("spec/cache");
    for entry in std::fs::read_dir(&cache).expect("spec/cache: run `cargo xtask fetch-spec`") {
        let path = entry.unwrap().path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(spec) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        if spec["info"]["version"] == version.as_str() {
            return (path, spec);
        }
    }
    panic!("no spec of API version {version} in {}", cache.display());
}

/// The copy Prism serves: dangling refs opened, required lists of nested
/// form objects removed (each one's pointer returned).
fn mock_copy(spec: &Value) -> (Value, Vec<String>) {
    fn open_dangling(value: &mut Value, names: &Map<String, Value>) {
        match value {
            Value::Object(map) => {
                let dangling = map
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                    .is_some_and(|name| !names.contains_key(name));
                if dangling {
                    map.clear();
                } else {
                    map.values_mut().for_each(|v| open_dangling(v, names));
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| open_dangling(v, names)),
            _ => {}
        }
    }
    let mut copy = spec.clone();
    let names = spec["components"]["schemas"].as_object().unwrap().clone();
    open_dangling(&mut copy, &names);
    let mut relaxed = Vec::new();
    for (path, item) in copy["paths"].as_object_mut().unwrap() {
        for (method, op) in item.as_object_mut().unwrap() {
            let form =
                &mut op["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"];
            let Some(props) = form.get_mut("properties").and_then(Value::as_object_mut) else {
                continue;
            };
            for (name, prop) in props {
                if prop
                    .as_object_mut()
                    .and_then(|p| p.remove("required"))
                    .is_some()
                {
                    relaxed.push(format!("{method} {path} {name}"));
                }
            }
        }
    }
    (copy, relaxed)
}

struct Prism {
    child: Child,
    base: String,
    log: PathBuf,
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Prism {
    fn start(spec: &Path) -> Prism {
        let bin = workspace().join("xtask/mock-server/node_modules/.bin/prism");
        assert!(
            bin.exists(),
            "Prism is not installed: run `npm ci --prefix xtask/mock-server` (the README's test \
             command does) and test again"
        );
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let log = spec.with_extension("log");
        let child = Command::new(&bin)
            .args([
                "mock",
                "--errors",
                "-h",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .arg(spec)
            .stdout(std::fs::File::create(&log).expect("the log file"))
            .stderr(Stdio::null())
            .spawn()
            .expect("Prism starts");
        let prism = Prism {
            child,
            base: format!("http://127.0.0.1:{port}"),
            log,
        };
        let deadline = Instant::now() + Duration::from_secs(90);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "Prism did not listen within 90 s:\n{}",
                prism.log()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        prism
    }

    fn log(&self) -> String {
        let mut text = String::new();
        let _ = std::fs::File::open(&self.log).and_then(|mut f| f.read_to_string(&mut text));
        text
    }
}

/// The request's parameters (form body or query) as the JSON object Stripe
/// reads from them: brackets nest, indices make arrays, leaves are strings.
fn decode(pairs: &str) -> Value {
    fn unescape(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).expect("hex escape"));
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).expect("UTF-8")
    }
    fn arrays(value: Value) -> Value {
        match value {
            Value::Object(map) => {
                let indexed = !map.is_empty()
                    && map
                        .keys()
                        .enumerate()
                        .all(|(i, k)| k.parse::<usize>() == Ok(i))
                    && map.len() < 10;
                if indexed {
                    Value::Array(map.into_iter().map(|(_, v)| arrays(v)).collect())
                } else {
                    Value::Object(map.into_iter().map(|(k, v)| (k, arrays(v))).collect())
                }
            }
            other => other,
        }
    }
    let mut root = Value::Object(Map::new());
    for pair in pairs.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').expect("key=value");
        let (head, rest) = key.split_once('[').unwrap_or((key, ""));
        let mut path = vec![unescape(head)];
        path.extend(
            rest.trim_end_matches(']')
                .split("][")
                .filter(|s| !rest.is_empty() || !s.is_empty())
                .map(unescape),
        );
        let mut at = &mut root;
        for (i, segment) in path.iter().enumerate() {
            let map = at
                .as_object_mut()
                .expect("a key used both as a value and as an object");
            if i + 1 == path.len() {
                assert!(
                    map.insert(segment.clone(), Value::String(unescape(value)))
                        .is_none(),
                    "`{key}` twice"
                );
                break;
            }
            at = map
                .entry(segment.clone())
                .or_insert_with(|| Value::Object(Map::new()));
        }
    }
    arrays(root)
}

/// Turns the string leaves into the JSON types the schema wants.
fn coerce(value: Value, schema: &Value) -> Value {
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
        for branch in branches {
            let candidate = coerce(value.clone(), branch);
            if jsonschema::is_valid(branch, &candidate) {
                return candidate;
            }
        }
        return value;
    }
    match (value, schema.get("type").and_then(Value::as_str)) {
        (Value::String(s), Some("integer")) => {
            s.parse::<i64>().map_or(Value::String(s), Value::from)
        }
        (Value::String(s), Some("number")) => {
            s.parse::<f64>().map_or(Value::String(s), Value::from)
        }
        (Value::String(s), Some("boolean")) => match s.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(s),
        },
        (Value::Array(items), _) => Value::Array(
            items
                .into_iter()
                .map(|v| coerce(v, schema.get("items").unwrap_or(&Value::Null)))
                .collect(),
        ),
        (Value::Object(map), _) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let sub = schema["properties"]
                        .get(&k)
                        .or_else(|| schema.get("additionalProperties").filter(|a| a.is_object()))
                        .cloned()
                        .unwrap_or(Value::Null);
                    let v = coerce(v, &sub);
                    (k, v)
                })
                .collect(),
        ),
        (other, _) => other,
    }
}

/// The schema of an operation's parameters: the form body, or an object
/// of the query parameters.
fn request_schema(spec: &Value, method: &str, path: &str) -> Value {
    let op = &spec["paths"][path][method];
    if method == "post" {
        return op["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"].clone();
    }
    let mut properties = Map::new();
    let mut required = Vec::new();
    for p in op["parameters"].as_array().unwrap() {
        if p["in"] == "query" {
            let name = p["name"].as_str().unwrap().to_string();
            if p["required"] == true {
                required.push(Value::String(name.clone()));
            }
            properties.insert(name, p["schema"].clone());
        }
    }
    json!({"type": "object", "properties": properties, "required": required, "additionalProperties": false})
}

/// What in the encoded parameters `pairs` breaks the spec's own schema.
fn spec_errors(spec: &Value, method: &str, path: &str, pairs: &str) -> Vec<String> {
    let schema = request_schema(spec, method, path);
    let value = coerce(decode(pairs), &schema);
    let validator = jsonschema::validator_for(&schema).expect("the spec's schema compiles");
    validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Checks the request's parameters against the spec's own schema.
fn check_against_spec<O: Operation>(spec: &Value, method: &str, path: &str, op: &O) {
    let request = op.request();
    let pairs = request.body.as_deref().unwrap_or(&request.query);
    let errors = spec_errors(spec, method, path, pairs);
    assert!(
        errors.is_empty(),
        "{method} {path} `{pairs}` breaks the spec's schema: {errors:#?}"
    );
}

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
