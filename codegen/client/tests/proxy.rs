//! `with_proxy` on both clients: requests go to the proxy given, naming
//! the server they are for; a proxy URL that does not parse is refused
//! when the client is built, without its password in the error.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::sync::mpsc;

use stripe_client::{AsyncClient, Client, RequestOptions};
use stripe_identity::{IdentityVerificationSessionId, RetrieveIdentityVerificationSession};

/// A proxy that takes one connection, sends its first line back on the
/// channel, and closes it unanswered.
fn fake_proxy() -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (sender, lines) = mpsc::channel();
    std::thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            let mut line = String::new();
            let _ = BufReader::new(stream).read_line(&mut line);
            let _ = sender.send(line.trim_end().to_string());
        }
    });
    (url, lines)
}

fn retrieve() -> RetrieveIdentityVerificationSession {
    RetrieveIdentityVerificationSession::new(IdentityVerificationSessionId::new("vs_1"))
}

/// The server the requests are for: nothing listens there, so only the
/// proxy can have seen them.
const TARGET: &str = "http://127.0.0.1:9";

fn once() -> RequestOptions {
    RequestOptions::new().max_retries(0)
}

#[test]
fn the_blocking_client_sends_through_the_proxy_given() {
    let (proxy, lines) = fake_proxy();
    let client = Client::with_base("sk_test_123", TARGET)
        .unwrap()
        .with_proxy(&proxy)
        .unwrap();
    assert!(client.send_with(&retrieve(), &once()).is_err());
    let line = lines.recv().unwrap();
    assert!(line.contains("127.0.0.1:9"), "{line}");
}

#[test]
fn the_async_client_sends_through_the_proxy_given() {
    let (proxy, lines) = fake_proxy();
    let client = AsyncClient::with_base("sk_test_123", TARGET)
        .unwrap()
        .with_proxy(&proxy)
        .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    assert!(runtime
        .block_on(client.send_with(&retrieve(), &once()))
        .is_err());
    let line = lines.recv().unwrap();
    assert!(line.contains("127.0.0.1:9/v1/identity"), "{line}");
}

#[test]
fn proxy_urls_that_do_not_parse_are_refused_by_both_clients() {
    for url in [
        "proxy.internal:3128",
        "http://",
        "http://user:hunter2@proxy:99999",
        "http://proxy\r\nX: 1",
    ] {
        let blocking = Client::with_base("sk_test_123", TARGET)
            .unwrap()
            .with_proxy(url)
            .unwrap_err()
            .to_string();
        let async_ = AsyncClient::with_base("sk_test_123", TARGET)
            .unwrap()
            .with_proxy(url)
            .unwrap_err()
            .to_string();
        for e in [blocking, async_] {
            assert!(e.starts_with("the proxy URL `"), "{url:?}: {e}");
            assert!(!e.contains("hunter2") && !e.contains('\r'), "{e}");
        }
    }
}

#[test]
fn without_proxy_sends_directly() {
    // Nothing to observe but that it builds and fails to connect directly.
    let client = Client::with_base("sk_test_123", TARGET)
        .unwrap()
        .without_proxy();
    assert!(client.send_with(&retrieve(), &once()).is_err());
}
