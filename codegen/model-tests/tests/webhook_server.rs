//! The example webhook endpoint (`examples/webhook_server.rs`) on
//! 127.0.0.1, sent real HTTP requests: identity events signed by
//! stripe-node's own `webhooks.generateTestHeaderString` and by
//! `stripe_webhook::sign` are answered 200 and reach the handler as
//! typed sessions; a tampered body, another secret, an old timestamp, a
//! garbage or missing header and a signed body that is no event get 400,
//! and never reach it.
//!
//! stripe-node is the locked `stripe` package in `xtask/stripe-node`
//! (`npm ci --prefix xtask/stripe-node`). Without it the node-signed cases
//! are skipped with a message, unless `CI` is set: then they fail.

#[path = "../examples/webhook_server.rs"]
// The file under test keeps its name inside this module of the same name.
#[allow(clippy::module_inception)]
mod webhook_server;

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use stripe_identity::{EventType, API_VERSION};
use stripe_model_tests::fixture;
use stripe_webhook::{sign, Webhook};
use webhook_server::{Handled, Limits};

const SECRET: &str = "whsec_test_5b6c2d8e0f1a4b7c9d3e";

fn now() -> i64 {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    i64::try_from(since.as_secs()).unwrap()
}

/// Starts the endpoint on a free port of 127.0.0.1 in a thread of its own;
/// what it hands the application is collected.
fn start() -> (SocketAddr, Arc<Mutex<Vec<Handled>>>) {
    start_with(Limits::default())
}

fn start_with(limits: Limits) -> (SocketAddr, Arc<Mutex<Vec<Handled>>>) {
    let handled = Arc::new(Mutex::new(Vec::new()));
    let seen = handled.clone();
    let router =
        webhook_server::router_with_limits(Webhook::new(SECRET).unwrap(), limits, move |h| {
            seen.lock().unwrap().push(h)
        });
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, router).await.unwrap();
        });
    });
    (address, handled)
}

/// POSTs `body` with `header` as `Stripe-Signature` (none for `None`);
/// the status and the answer's body.
fn post(address: SocketAddr, header: Option<&str>, body: &[u8]) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(std::time::Duration::from_secs(10)))
        .build()
        .into();
    let mut request = agent
        .post(format!("http://{address}/webhooks"))
        .header("Content-Type", "application/json; charset=utf-8");
    if let Some(header) = header {
        request = request.header("Stripe-Signature", header);
    }
    let mut answer = request.send(body).expect("the endpoint answers");
    let status = answer.status().as_u16();
    (status, answer.body_mut().read_to_string().unwrap())
}

/// An identity event as Stripe sends it, with the 2026 fixture's session
/// in `status` (and, for `verified`, its report expanded to its id).
fn event(kind: &str, status: &str) -> Vec<u8> {
    let mut session = fixture("fixtures3.2026-08-21.json", "identity.verification_session");
    session["status"] = json!(status);
    if status == "requires_input" {
        session["last_error"] =
            json!({"code": "document_expired", "reason": "The document is expired."});
    }
    let event = json!({
        "id": format!("evt_{}", kind.replace('.', "_")),
        "object": "event",
        "api_version": API_VERSION,
        "created": now(),
        "data": {"object": session},
        "livemode": false,
        "pending_webhooks": 1,
        "request": {"id": "req_Nf2aXz7Qe1", "idempotency_key": "5b2f0c4e-8d9a-4e7b-a1c3-6f8e2d4b9a07"},
        "type": kind,
    });
    // Pretty, as Stripe sends it: the bytes signed are these, not a re-encoding.
    serde_json::to_vec_pretty(&event).unwrap()
}

/// stripe-node's header for `body`, or `None` (with a message) when the
/// package is not installed outside CI.
fn node_header(body: &[u8], timestamp: i64, secret: &str) -> Option<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../xtask/stripe-node");
    if !dir.join("node_modules/stripe").is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "stripe-node is not installed: npm ci --prefix xtask/stripe-node"
        );
        eprintln!("skipped: stripe-node is not installed (npm ci --prefix xtask/stripe-node)");
        return None;
    }
    let mut child = Command::new("node")
        .arg(dir.join("sign.js"))
        .args(["--secret", secret, "--timestamp", &timestamp.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    child.stdin.take().unwrap().write_all(body).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "sign.js failed");
    Some(String::from_utf8(output.stdout).unwrap().trim().to_string())
}

#[test]
fn genuine_identity_events_are_answered_2xx_and_reach_the_handler_typed() {
    let (address, handled) = start();
    let cases = [
        ("identity.verification_session.created", "requires_input"),
        ("identity.verification_session.processing", "processing"),
        (
            "identity.verification_session.requires_input",
            "requires_input",
        ),
        ("identity.verification_session.verified", "verified"),
        ("identity.verification_session.canceled", "canceled"),
        ("identity.verification_session.redacted", "verified"),
    ];
    let session = fixture("fixtures3.2026-08-21.json", "identity.verification_session");
    let report_id = session["last_verification_report"]
        .as_str()
        .unwrap()
        .to_string();
    let mut expected = Vec::new();
    let mut node_signed = 0;
    for (kind, status) in cases {
        let body = event(kind, status);
        let ours = sign(SECRET, now(), &body);
        let theirs = node_header(&body, now(), SECRET);
        for header in std::iter::once(ours).chain(theirs.clone()) {
            let (code, answer) = post(address, Some(&header), &body);
            assert_eq!((code, answer.as_str()), (200, ""), "{kind} signed {header}");
        }
        node_signed += usize::from(theirs.is_some());
        let session = "vs_1Pgc76B7WZ01zgkWBdQi8PTU".to_string();
        let one = match kind.rsplit('.').next().unwrap() {
            "verified" => Handled::Verified {
                session,
                report: Some(report_id.clone()),
            },
            "requires_input" => Handled::RequiresInput {
                session,
                reason: Some("The document is expired.".into()),
            },
            _ => Handled::Session {
                event_type: EventType::from(kind),
                session,
            },
        };
        expected.extend(std::iter::repeat_n(one, 1 + usize::from(theirs.is_some())));
    }
    assert_eq!(*handled.lock().unwrap(), expected);
    if std::env::var_os("CI").is_some() {
        assert_eq!(
            node_signed,
            cases.len(),
            "every event signed by stripe-node too"
        );
    }

    // An event of a resource these crates do not know: acknowledged.
    let plan = serde_json::to_vec(&fixture("fixtures3.2026-08-21.json", "event")).unwrap();
    let (code, _) = post(address, Some(&sign(SECRET, now(), &plan)), &plan);
    assert_eq!(code, 200);
    assert_eq!(
        handled.lock().unwrap().last(),
        Some(&Handled::Ignored {
            event_type: EventType::Unknown("plan.created".into())
        })
    );
}

#[test]
fn requests_that_are_no_genuine_event_get_400_and_never_reach_the_handler() {
    let (address, handled) = start();
    let body = event("identity.verification_session.verified", "verified");
    let signed_at = now();
    let header = sign(SECRET, signed_at, &body);

    let mut tampered = body.clone();
    let at = tampered.len() / 2;
    tampered[at] ^= 0x01;
    let wrong_secret = sign("whsec_another_secret", signed_at, &body);
    let old = sign(SECRET, signed_at - 600, &body);
    let node_old = node_header(&body, signed_at - 600, SECRET);
    let node_wrong = node_header(&body, signed_at, "whsec_another_secret");
    let not_an_event = br#"{"id":"evt_1","object":"event"}"#;
    let signed_not_an_event = sign(SECRET, signed_at, not_an_event);
    let huge = format!("t={signed_at},{}", "v1=00,".repeat(5_000));

    let mut cases: Vec<(&str, Option<&str>, &[u8], &str)> = vec![
        (
            "a tampered body",
            Some(&header),
            &tampered,
            "no signature matches",
        ),
        (
            "another secret",
            Some(&wrong_secret),
            &body,
            "no signature matches",
        ),
        (
            "an old timestamp",
            Some(&old),
            &body,
            "s old, more than the tolerance of 300 s",
        ),
        (
            "a garbage header",
            Some("garbage"),
            &body,
            "malformed Stripe-Signature header",
        ),
        (
            "no v1 signature",
            Some("t=1,v0=abcd"),
            &body,
            "no `v1` signature",
        ),
        (
            "a huge header",
            Some(&huge),
            &body,
            "malformed Stripe-Signature header",
        ),
        ("no header", None, &body, "no Stripe-Signature header"),
        (
            "a body that is no event",
            Some(&signed_not_an_event),
            not_an_event,
            "the body is not an event",
        ),
    ];
    if let (Some(node_old), Some(node_wrong)) = (&node_old, &node_wrong) {
        cases.push((
            "stripe-node, an old timestamp",
            Some(node_old),
            &body,
            "more than the tolerance",
        ));
        cases.push((
            "stripe-node, another secret",
            Some(node_wrong),
            &body,
            "no signature matches",
        ));
    }
    for (what, header, body, says) in cases {
        let (code, answer) = post(address, header, body);
        assert_eq!(code, 400, "{what}: {answer}");
        assert!(answer.contains(says), "{what}: {answer}");
    }
    assert_eq!(*handled.lock().unwrap(), Vec::<Handled>::new());

    // The same body with its genuine header still goes through.
    assert_eq!(post(address, Some(&header), &body).0, 200);
    assert_eq!(handled.lock().unwrap().len(), 1);
}

#[test]
fn an_event_of_another_api_version_is_parsed_and_reported() {
    let (address, handled) = start();
    let mut event: Value =
        serde_json::from_slice(&event("identity.verification_session.verified", "verified"))
            .unwrap();
    event["api_version"] = json!("2024-06-20");
    let body = serde_json::to_vec(&event).unwrap();
    let (code, _) = post(address, Some(&sign(SECRET, now(), &body)), &body);
    assert_eq!(code, 200);
    assert!(matches!(
        handled.lock().unwrap()[0],
        Handled::Verified { .. }
    ));
}

/// Writes `head` and then `body` on a fresh connection, and reads the
/// answer's status line (or what came before the connection closed).
fn raw(address: SocketAddr, head: &str, body: &[u8]) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    // The server may answer and close before taking all of it.
    let _ = stream.write_all(body);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    answer.lines().next().unwrap_or("").to_string()
}

#[test]
fn bodies_over_the_limit_get_413_before_any_check() {
    let limits = Limits {
        max_body: 4096,
        ..Limits::default()
    };
    let (address, handled) = start_with(limits);
    let body = event("identity.verification_session.verified", "verified");
    assert!(body.len() < 4096);
    let header = sign(SECRET, now(), &body);
    // A genuine event within the limit is read.
    assert_eq!(post(address, Some(&header), &body).0, 200);

    // Declared larger: refused on the header alone, with no body sent.
    let head = format!(
        "POST /webhooks HTTP/1.1\r\nHost: x\r\nStripe-Signature: {header}\r\n\
         Content-Length: 1000000000\r\n\r\n"
    );
    let start = Instant::now();
    assert_eq!(raw(address, &head, b""), "HTTP/1.1 413 Payload Too Large");
    assert!(start.elapsed() < Duration::from_secs(5));

    // Chunked, without a length: refused once the limit is passed.
    let mut padded = body.clone();
    padded.resize(5000, b' ');
    let signed = sign(SECRET, now(), &padded);
    let head = format!(
        "POST /webhooks HTTP/1.1\r\nHost: x\r\nStripe-Signature: {signed}\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    let mut chunked = format!("{:x}\r\n", padded.len()).into_bytes();
    chunked.extend_from_slice(&padded);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    assert_eq!(
        raw(address, &head, &chunked),
        "HTTP/1.1 413 Payload Too Large"
    );
    assert_eq!(handled.lock().unwrap().len(), 1);
}

#[test]
fn a_body_that_never_finishes_gets_408_at_the_read_timeout() {
    let limits = Limits {
        read_timeout: Duration::from_millis(500),
        ..Limits::default()
    };
    let (address, handled) = start_with(limits);
    let body = event("identity.verification_session.verified", "verified");
    let header = sign(SECRET, now(), &body);
    // Half the body, then nothing more, the connection left open.
    let head = format!(
        "POST /webhooks HTTP/1.1\r\nHost: x\r\nStripe-Signature: {header}\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    let start = Instant::now();
    let status = raw(address, &head, &body[..body.len() / 2]);
    let waited = start.elapsed();
    assert_eq!(status, "HTTP/1.1 408 Request Timeout");
    assert!(
        waited >= Duration::from_millis(500) && waited < Duration::from_secs(10),
        "{waited:?}"
    );
    assert!(handled.lock().unwrap().is_empty());
}
