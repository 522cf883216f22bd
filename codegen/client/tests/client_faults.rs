//! Both clients against a server on 127.0.0.1 that fails on purpose: it
//! drops connections, answers 500, 503, 429 with `Retry-After`, 409,
//! `Stripe-Should-Retry` both ways (and 400 to 404 even with `true`),
//! answers too slowly, then succeeds. It records every request's headers,
//! so the tests see what each attempt sent: the same `Idempotency-Key` on every attempt of a request and a new
//! one for the next, `Stripe-Version` on all. The sleep between attempts is
//! injected (recorded, not slept) and the jitter fixed, so the waits are
//! exact and the tests do not wait.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use stripe_client::{
    Answer, AsyncClient, Client, ClientError, ClientErrorKind, KeyError, RequestOptions,
};
use stripe_identity::{
    CreateIdentityVerificationSession, IdentityVerificationSessionId,
    RetrieveIdentityVerificationSession,
};
use stripe_types::{Operation, ResponseError};

/// The API version the crates were generated for.
const VERSION: &str = "2026-07-29.dahlia";
/// A session as Stripe sends it (the corpus file's first line is the
/// verdict the mutation tests expect).
fn session() -> String {
    let file =
        include_str!("../../model-tests/tests/payload_corpus/unknown-enum-value.session.json");
    file.split_once('\n').unwrap().1.to_string()
}
/// A client's limit on one attempt; the slow answer takes longer.
const TIMEOUT: Duration = Duration::from_millis(300);

/// What the server does with one connection.
#[derive(Clone)]
enum Step {
    /// Reads the request, then closes without answering.
    Drop,
    /// Reads the request, then answers after longer than [`TIMEOUT`].
    Slow,
    /// Answers with this status, these headers and this body.
    Answer(u16, Vec<(&'static str, String)>, String),
}

fn error_body(kind: &str, message: &str) -> String {
    format!(
        r#"{{"error":{{"type":"{kind}","code":"resource_missing","param":"session","message":"{message}"}}}}"#
    )
}

fn ok(request_id: &str) -> Step {
    Step::Answer(200, vec![("Request-Id", request_id.into())], session())
}

fn fail(status: u16, request_id: &str) -> Step {
    Step::Answer(
        status,
        vec![("Request-Id", request_id.into())],
        error_body("api_error", "Something went wrong."),
    )
}

fn with(step: Step, name: &'static str, value: &str) -> Step {
    match step {
        Step::Answer(status, mut headers, body) => {
            headers.push((name, value.into()));
            Step::Answer(status, headers, body)
        }
        other => other,
    }
}

/// A request as the server read it: the request line and the headers
/// (names in lower case).
#[derive(Clone, Debug)]
struct Seen {
    line: String,
    headers: BTreeMap<String, String>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}

/// A server on 127.0.0.1 that takes one connection per step of its script,
/// and stops by itself when the script is done or after 30 s.
struct Server {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start(script: Vec<Step>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = seen.clone();
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(30);
            let mut slow = Vec::new();
            for step in script {
                let stream = loop {
                    match listener.accept() {
                        Ok((stream, _)) => break Some(stream),
                        Err(_) if Instant::now() < deadline => {
                            std::thread::sleep(Duration::from_millis(2))
                        }
                        Err(_) => break None,
                    }
                };
                let Some(mut stream) = stream else { break };
                stream.set_nonblocking(false).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .unwrap();
                let Some(request) = read_request(&mut stream) else {
                    continue;
                };
                record.lock().unwrap().push(request);
                match step {
                    Step::Drop => drop(stream),
                    // Held on its own thread, so the next attempt is served.
                    Step::Slow => slow.push(std::thread::spawn(move || {
                        std::thread::sleep(TIMEOUT * 3);
                        let _ = answer(&mut stream, 200, &[], &session());
                    })),
                    Step::Answer(status, headers, body) => {
                        let _ = answer(&mut stream, status, &headers, &body);
                    }
                }
            }
            for thread in slow {
                let _ = thread.join();
            }
        });
        Server {
            base,
            seen,
            thread: Some(thread),
        }
    }

    /// The requests the server read, once it has served its script.
    fn seen(mut self) -> Vec<Seen> {
        self.thread.take().unwrap().join().unwrap();
        self.seen.lock().unwrap().clone()
    }
}

fn read_request(stream: &mut TcpStream) -> Option<Seen> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut headers = BTreeMap::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Seen {
        line: line.trim_end().to_string(),
        headers,
    })
}

fn answer(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(&str, String)],
    body: &str,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status} Status\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head += &format!("{name}: {value}\r\n");
    }
    head += "\r\n";
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    stream.flush()
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Blocking,
    Async,
}

/// One client of either kind, its sleeps recorded instead of slept, its
/// jitter `0` (so each wait is exact).
struct Harness {
    kind: Kind,
    blocking: Client,
    asynchronous: AsyncClient,
    runtime: tokio::runtime::Runtime,
    sleeps: Arc<Mutex<Vec<Duration>>>,
}

impl Harness {
    fn new(kind: Kind, base: &str, max_retries: Option<u32>) -> Harness {
        let sleeps = Arc::new(Mutex::new(Vec::new()));
        let (s1, s2) = (sleeps.clone(), sleeps.clone());
        let mut blocking = Client::with_base("sk_test_123", base)
            .unwrap()
            .with_timeout(TIMEOUT)
            .with_jitter(|| 0.0)
            .with_sleep(move |d| s1.lock().unwrap().push(d));
        let mut asynchronous = AsyncClient::with_base("sk_test_123", base)
            .unwrap()
            .with_timeout(TIMEOUT)
            .with_jitter(|| 0.0)
            .with_sleep(move |d| {
                s2.lock().unwrap().push(d);
                Box::pin(async {})
            });
        if let Some(n) = max_retries {
            blocking = blocking.with_max_retries(n);
            asynchronous = asynchronous.with_max_retries(n);
        }
        Harness {
            kind,
            blocking,
            asynchronous,
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap(),
            sleeps,
        }
    }

    fn send<O: Operation>(
        &self,
        op: &O,
        options: &RequestOptions,
    ) -> Result<Answer<O::Response>, ClientError<O::Error>> {
        match self.kind {
            Kind::Blocking => self.blocking.send_with(op, options),
            Kind::Async => self
                .runtime
                .block_on(self.asynchronous.send_with(op, options)),
        }
    }

    fn sleeps(&self) -> Vec<Duration> {
        self.sleeps.lock().unwrap().clone()
    }
}

fn create() -> CreateIdentityVerificationSession {
    CreateIdentityVerificationSession::new()
}

fn retrieve() -> RetrieveIdentityVerificationSession {
    RetrieveIdentityVerificationSession::new(IdentityVerificationSessionId::new("vs_1"))
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn every_fault_then_success(kind: Kind) {
    let server = Server::start(vec![
        Step::Drop,
        fail(500, "req_500"),
        fail(503, "req_503"),
        with(fail(429, "req_429"), "Retry-After", "3"),
        fail(409, "req_409"),
        with(fail(423, "req_423"), "Stripe-Should-Retry", "true"),
        Step::Slow,
        ok("req_ok"),
        // The next request.
        ok("req_next"),
    ]);
    let harness = Harness::new(kind, &server.base, Some(7));
    let answer = harness
        .send(&create(), &RequestOptions::new())
        .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
    assert_eq!(answer.value.id.as_str(), "vs_1Pgc76B7WZ01zgkWBdQi8PTU");
    assert_eq!(
        (answer.status, answer.request_id.as_deref(), answer.attempts),
        (200, Some("req_ok"), 8),
        "{kind:?}"
    );
    // Backoff 0.5 s doubling (jitter 0 halves it, never under 0.5 s), at
    // most 5 s; the 429's Retry-After of 3 s honoured.
    assert_eq!(
        harness.sleeps(),
        [
            ms(500),
            ms(500),
            ms(1000),
            ms(3000),
            ms(2500),
            ms(2500),
            ms(2500)
        ],
        "{kind:?}"
    );
    let next = harness.send(&create(), &RequestOptions::new()).unwrap();
    assert_eq!(next.request_id.as_deref(), Some("req_next"));

    let seen = server.seen();
    assert_eq!(seen.len(), 9, "{kind:?}: {seen:#?}");
    let keys: Vec<&str> = seen
        .iter()
        .map(|s| {
            s.header("Idempotency-Key")
                .expect("a POST's idempotency key")
        })
        .collect();
    assert!(
        keys[..8].iter().all(|k| *k == keys[0]),
        "{kind:?}: {keys:?}"
    );
    assert_ne!(
        keys[8], keys[0],
        "{kind:?}: the next request has its own key"
    );
    assert_eq!(keys[0].len(), 36);
    for s in &seen {
        assert_eq!(s.line, "POST /v1/identity/verification_sessions HTTP/1.1");
        assert_eq!(s.header("Stripe-Version"), Some(VERSION), "{kind:?}");
        assert_eq!(s.header("Authorization"), Some("Bearer sk_test_123"));
        assert_eq!(
            s.header("Content-Type"),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(s.header("Stripe-Account"), None);
    }
}

#[test]
fn blocking_every_fault_then_success() {
    every_fault_then_success(Kind::Blocking);
}

#[test]
fn async_every_fault_then_success() {
    every_fault_then_success(Kind::Async);
}

fn no_retry_where_none_is_allowed(kind: Kind) {
    let refusals = [400, 401, 402, 403, 404];
    let mut script: Vec<Step> = refusals
        .iter()
        .map(|&status| {
            Step::Answer(
                status,
                // Even when told to retry: a refusal stays one.
                vec![
                    ("Request-Id", format!("req_{status}")),
                    ("Stripe-Should-Retry", "true".into()),
                ],
                error_body(
                    "invalid_request_error",
                    "No such verification session: 'vs_1'",
                ),
            )
        })
        .collect();
    script.push(with(fail(503, "req_told"), "Stripe-Should-Retry", "false"));
    let server = Server::start(script);
    let harness = Harness::new(kind, &server.base, Some(5));
    for status in refusals {
        let e = harness
            .send(&retrieve(), &RequestOptions::new())
            .unwrap_err();
        let id = format!("req_{status}");
        assert_eq!(
            (e.status(), e.request_id(), e.attempts()),
            (Some(status), Some(id.as_str()), 1),
            "{kind:?}"
        );
        let error = e.api_error().expect("Stripe's error object");
        assert_eq!(error.error.code.as_deref(), Some("resource_missing"));
        // As a person reads it.
        assert_eq!(
            e.to_string(),
            format!(
                "Stripe answered HTTP {status}: invalid_request_error (resource_missing, \
                 param session): No such verification session: 'vs_1' [request id {id}]"
            )
        );
    }
    let e = harness.send(&create(), &RequestOptions::new()).unwrap_err();
    assert_eq!((e.status(), e.attempts()), (Some(503), 1), "{kind:?}");
    assert!(harness.sleeps().is_empty(), "{kind:?}");
    let seen = server.seen();
    assert_eq!(seen.len(), 6);
    for s in &seen[..5] {
        assert_eq!(
            s.line,
            "GET /v1/identity/verification_sessions/vs_1 HTTP/1.1"
        );
        assert_eq!(s.header("Stripe-Version"), Some(VERSION));
        assert_eq!(s.header("Idempotency-Key"), None, "a GET needs none");
    }
}

#[test]
fn blocking_no_retry_where_none_is_allowed() {
    no_retry_where_none_is_allowed(Kind::Blocking);
}

#[test]
fn async_no_retry_where_none_is_allowed() {
    no_retry_where_none_is_allowed(Kind::Async);
}

fn attempts_are_bounded(kind: Kind) {
    // The default policy: two retries, three attempts.
    let server = Server::start(vec![
        fail(500, "req_1"),
        fail(502, "req_2"),
        fail(503, "req_3"),
        Step::Drop,
        Step::Drop,
    ]);
    let harness = Harness::new(kind, &server.base, None);
    let options = RequestOptions::new()
        .stripe_account("acct_1032D82eZvKYlo2C")
        .idempotency_key("order-6735");
    let e = harness.send(&create(), &options).unwrap_err();
    assert_eq!(
        (e.status(), e.request_id(), e.attempts()),
        (Some(503), Some("req_3"), 3),
        "{kind:?}"
    );
    let shown = e.to_string();
    assert!(
        shown.ends_with("[request id req_3] (after 3 attempts)"),
        "{shown}"
    );
    assert!(!shown.contains("sk_test"), "{shown}");
    assert!(
        matches!(
            e.kind(),
            ClientErrorKind::Response(ResponseError::Api { status: 503, .. })
        ),
        "{kind:?}"
    );
    assert_eq!(harness.sleeps(), [ms(500), ms(500)]);
    // Per request: one retry, two attempts, both dropped.
    let e = harness
        .send(&create(), &RequestOptions::new().max_retries(1))
        .unwrap_err();
    assert_eq!((e.status(), e.request_id(), e.attempts()), (None, None, 2));
    assert!(matches!(e.kind(), ClientErrorKind::Transport { .. }), "{e}");
    let seen = server.seen();
    assert_eq!(seen.len(), 5);
    for s in &seen[..3] {
        // The caller's own key, kept on every attempt; the account.
        assert_eq!(s.header("Idempotency-Key"), Some("order-6735"));
        assert_eq!(s.header("Stripe-Account"), Some("acct_1032D82eZvKYlo2C"));
    }
    assert_eq!(
        seen[3].header("Idempotency-Key"),
        seen[4].header("Idempotency-Key")
    );
    assert_ne!(seen[3].header("Idempotency-Key"), Some("order-6735"));
}

#[test]
fn blocking_attempts_are_bounded() {
    attempts_are_bounded(Kind::Blocking);
}

#[test]
fn async_attempts_are_bounded() {
    attempts_are_bounded(Kind::Async);
}

#[test]
fn keys_are_refused_at_construction_and_never_shown() {
    for (key, error) in [
        ("", KeyError::Empty),
        ("pk_test_123", KeyError::Publishable),
        ("sk_test_", KeyError::Format),
        ("hunter2", KeyError::Format),
        ("sk_test_123\r\nX-Injected: 1", KeyError::Format),
    ] {
        assert_eq!(
            Client::with_base(key, "http://127.0.0.1:1").unwrap_err(),
            error
        );
        assert_eq!(
            AsyncClient::with_base(key, "http://127.0.0.1:1").unwrap_err(),
            error
        );
    }
    assert_eq!(
        KeyError::Empty.to_string(),
        "the Stripe secret key is empty"
    );
    let blocking = Client::new("sk_live_SECRET").unwrap();
    let asynchronous = AsyncClient::new("sk_live_SECRET").unwrap();
    for shown in [format!("{blocking:?}"), format!("{asynchronous:?}")] {
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(shown.contains("https://api.stripe.com"), "{shown}");
    }
}
