//! The example webhook endpoint (`webhook_server.rs`) under load, and a
//! minimal stripe-node endpoint (`xtask/stripe-node/server.js`,
//! `constructEvent` in Node's HTTP server) under the same load in the same
//! run, for the ratio.
//!
//! 50 senders (threads, one keep-alive connection each) post 10,000
//! identity events to 127.0.0.1, each with an id of its own; one in a
//! hundred is forged, in turn signed with another secret, changed after
//! signing, or signed 10 minutes ago. Each endpoint runs on one thread
//! (the axum endpoint on a current-thread tokio runtime, as its `main`;
//! Node as it runs). Reported: deliveries per second, the latency of a
//! delivery at p50 and p99, forged deliveries accepted and genuine ones
//! refused (both must be 0: the run fails otherwise), and for the Rust
//! endpoint the events its handler saw.
//!
//! ```sh
//! npm ci --prefix xtask/stripe-node        # once
//! cargo run --release -p stripe-model-tests --example webhook_load
//! ```
//! `DELIVERIES=n` (10,000) and `SENDERS=n` (50) change the load.

#[path = "webhook_server.rs"]
#[allow(dead_code)]
mod webhook_server;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use stripe_webhook::{sign, Webhook};

const SECRET: &str = "whsec_load_5b6c2d8e0f1a4b7c9d3e";

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn now() -> i64 {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    i64::try_from(since.as_secs()).unwrap()
}

/// How a delivery was made.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Genuine,
    WrongSecret,
    Tampered,
    Stale,
}

/// One delivery: its kind, `Stripe-Signature` and body.
struct Delivery {
    kind: Kind,
    header: String,
    body: Vec<u8>,
}

/// `n` deliveries signed now, one in a hundred forged.
fn deliveries(n: usize) -> Vec<Delivery> {
    let template = stripe_model_tests::identity_event_body(now());
    let id = b"evt_1Pgc7GB7WZ01zgkWbench";
    let at = template
        .windows(id.len())
        .position(|w| w == id)
        .expect("the event's id");
    let t = now();
    (0..n)
        .map(|i| {
            let mut body = template.clone();
            // An id of the same length for each delivery.
            body[at..at + id.len()].copy_from_slice(format!("evt_{i:021}").as_bytes());
            let kind = match (i % 100, (i / 100) % 3) {
                (0..=98, _) => Kind::Genuine,
                (_, 0) => Kind::WrongSecret,
                (_, 1) => Kind::Tampered,
                _ => Kind::Stale,
            };
            let header = match kind {
                Kind::WrongSecret => sign("whsec_not_the_endpoints", t, &body),
                Kind::Stale => sign(SECRET, t - 600, &body),
                Kind::Genuine | Kind::Tampered => sign(SECRET, t, &body),
            };
            if kind == Kind::Tampered {
                // `"livemode": false` becomes `fals ` in the signed text's place.
                let middle = body.len() / 2;
                body[middle] ^= 0x20;
            }
            Delivery { kind, header, body }
        })
        .collect()
}

/// What one run measured.
struct Report {
    per_second: f64,
    p50: Duration,
    p99: Duration,
    forged_accepted: usize,
    forged: usize,
    genuine_refused: usize,
    genuine: usize,
}

/// Posts every delivery to `url` from `senders` threads.
fn run(url: &str, deliveries: &[Delivery], senders: usize) -> Report {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(deliveries.len()));
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..senders {
            scope.spawn(|| {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(30)))
                    .build()
                    .into();
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(delivery) = deliveries.get(i) else {
                        break;
                    };
                    let sent = Instant::now();
                    let status = match agent
                        .post(url)
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header("Stripe-Signature", &delivery.header)
                        .send(&delivery.body[..])
                    {
                        Ok(mut answer) => {
                            let _ = answer.body_mut().read_to_vec();
                            answer.status().as_u16()
                        }
                        Err(_) => 0,
                    };
                    mine.push((delivery.kind, status, sent.elapsed()));
                }
                results.lock().unwrap().extend(mine);
            });
        }
    });
    let elapsed = start.elapsed();
    let results = results.into_inner().unwrap();
    let mut latencies: Vec<Duration> = results.iter().map(|r| r.2).collect();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q) as usize];
    let forged = results.iter().filter(|r| r.0 != Kind::Genuine);
    Report {
        per_second: results.len() as f64 / elapsed.as_secs_f64(),
        p50: at(0.5),
        p99: at(0.99),
        forged: forged.clone().count(),
        forged_accepted: forged.filter(|r| r.1 == 200).count(),
        genuine: results.iter().filter(|r| r.0 == Kind::Genuine).count(),
        genuine_refused: results
            .iter()
            .filter(|r| r.0 == Kind::Genuine && r.1 != 200)
            .count(),
    }
}

fn print(name: &str, report: &Report) {
    println!(
        "{name}: {:.0} deliveries/s; latency p50 {:.2} ms, p99 {:.2} ms; \
         forged accepted {}/{}; genuine refused {}/{}",
        report.per_second,
        report.p50.as_secs_f64() * 1e3,
        report.p99.as_secs_f64() * 1e3,
        report.forged_accepted,
        report.forged,
        report.genuine_refused,
        report.genuine,
    );
}

/// The Rust endpoint on a free port, on one thread; the count of events
/// its handler saw.
fn start_rust() -> (SocketAddr, Arc<AtomicUsize>) {
    let handled = Arc::new(AtomicUsize::new(0));
    let seen = handled.clone();
    let router = webhook_server::router(Webhook::new(SECRET).unwrap(), move |_| {
        seen.fetch_add(1, Ordering::Relaxed);
    });
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                axum::serve(listener, router).await.unwrap();
            });
    });
    (address, handled)
}

/// The stripe-node endpoint, killed when dropped.
struct Node(Child);

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_node() -> Option<(Node, u16)> {
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../xtask/stripe-node/server.js");
    let mut child = Command::new("node")
        .arg(script)
        .arg(SECRET)
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let mut line = String::new();
    BufReader::new(child.stdout.take()?)
        .read_line(&mut line)
        .ok()?;
    let port = line.trim().parse().ok()?;
    Some((Node(child), port))
}

fn main() {
    let n = env("DELIVERIES", 10_000);
    let senders = env("SENDERS", 50);
    println!("{n} deliveries from {senders} senders, 1% forged, to 127.0.0.1");

    let (address, handled) = start_rust();
    let ours = run(
        &format!("http://{address}/webhooks"),
        &deliveries(n),
        senders,
    );
    print("Rust endpoint (axum, one thread)", &ours);
    let handled = handled.load(Ordering::Relaxed);
    println!("  events the handler saw: {handled}");

    let node = start_node();
    let theirs = node.as_ref().map(|(_, port)| {
        let report = run(
            &format!("http://127.0.0.1:{port}/webhooks"),
            &deliveries(n),
            senders,
        );
        print("stripe-node endpoint (node:http, one process)", &report);
        report
    });
    drop(node);
    match &theirs {
        Some(theirs) => println!(
            "Rust / stripe-node: {:.2}x the deliveries per second, p50 {:.2}x, p99 {:.2}x lower",
            ours.per_second / theirs.per_second,
            theirs.p50.as_secs_f64() / ours.p50.as_secs_f64(),
            theirs.p99.as_secs_f64() / ours.p99.as_secs_f64(),
        ),
        None => println!("stripe-node left out: run `npm ci --prefix xtask/stripe-node`"),
    }

    let wrong = [Some(&ours), theirs.as_ref()]
        .into_iter()
        .flatten()
        .any(|r| r.forged_accepted != 0 || r.genuine_refused != 0);
    if wrong || handled != ours.genuine {
        eprintln!("FAILED: a forged delivery was accepted or a genuine one refused");
        std::process::exit(1);
    }
}
