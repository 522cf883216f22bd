//! The per-request timeout (`RequestOptions::timeout`) against a server on
//! 127.0.0.1 that reads each request and never answers: each attempt of
//! both clients ends at the request's limit, not at the client's (80 s by
//! default), and every attempt has it.

use std::io::Read;
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use stripe_client::{AsyncClient, Client, ClientErrorKind, RequestOptions};
use stripe_identity::{IdentityVerificationSessionId, RetrieveIdentityVerificationSession};

/// A server that holds every connection open, unanswered; the count of
/// connections it took.
fn silent_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = connections.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { break };
            counted.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || {
                let mut buffer = [0; 4096];
                // Read until the client gives up; never answer.
                while matches!(stream.read(&mut buffer), Ok(n) if n > 0) {}
            });
        }
    });
    (base, connections)
}

fn retrieve() -> RetrieveIdentityVerificationSession {
    RetrieveIdentityVerificationSession::new(IdentityVerificationSessionId::new("vs_1"))
}

const LIMIT: Duration = Duration::from_millis(300);

fn options() -> RequestOptions {
    RequestOptions::new().timeout(LIMIT).max_retries(1)
}

/// Two attempts, each ended at the limit: well under a second in all.
fn check(elapsed: Duration, connections: usize, kind: &str) {
    assert_eq!(connections, 2, "one retry after the first timeout");
    assert!(
        elapsed >= 2 * LIMIT && elapsed < Duration::from_secs(10),
        "{elapsed:?}"
    );
    assert_eq!(kind, "Timeout");
}

#[test]
fn blocking_each_attempt_ends_at_the_requests_timeout() {
    let (base, connections) = silent_server();
    let client = Client::with_base("sk_test_123", &base)
        .unwrap()
        .with_sleep(|_| {});
    let start = Instant::now();
    let error = client.send_with(&retrieve(), &options()).unwrap_err();
    let ClientErrorKind::Transport { kind, .. } = error.kind() else {
        panic!("{error}")
    };
    check(
        start.elapsed(),
        connections.load(Ordering::SeqCst),
        &format!("{kind:?}"),
    );
}

#[test]
fn async_each_attempt_ends_at_the_requests_timeout() {
    let (base, connections) = silent_server();
    let client = AsyncClient::with_base("sk_test_123", &base)
        .unwrap()
        .with_sleep(|_| Box::pin(async {}));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let start = Instant::now();
    let error = runtime
        .block_on(client.send_with(&retrieve(), &options()))
        .unwrap_err();
    let ClientErrorKind::Transport { kind, .. } = error.kind() else {
        panic!("{error}")
    };
    check(
        start.elapsed(),
        connections.load(Ordering::SeqCst),
        &format!("{kind:?}"),
    );
}
