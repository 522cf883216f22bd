//! Both clients under repeated faults: 1,000 logical creates against a
//! server on 127.0.0.1 that drops 10% of connections (half of them after
//! applying the create, before answering), answers 10% with `429` and
//! `Retry-After: 1`, and 5% with `500`, as Stripe's idempotency layer
//! would: a key seen again gets the first answer, never a second create.
//!
//! The async client sends from 100 tasks, the blocking one from 100
//! threads. The run fails unless every logical create was applied exactly
//! once, under one idempotency key of its own, with the id the server
//! gave it, and no create took more attempts than its retry budget. It
//! prints the attempts, the wall time and the distribution of the waits
//! the retry policy chose (really slept).
//!
//! `cargo run --release -p stripe-client --example fault_load`

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use stripe_client::{AsyncClient, Client, RequestOptions, SleepFuture};
use stripe_identity::CreateIdentityVerificationSession;

const CREATES: usize = 1_000;
const SENDERS: usize = 100;
/// Retries per logical create: with a quarter of attempts failing, all
/// eleven attempts fail for one create in about five million.
const MAX_RETRIES: u32 = 10;

/// What the server knows of one idempotency key.
#[derive(Default)]
struct Key {
    /// The id of the session the create made, once applied.
    applied: Option<String>,
    /// How many times the create was applied (must end at 1).
    applications: u32,
    /// Requests that carried the key.
    attempts: u32,
}

#[derive(Default)]
struct Server {
    keys: Mutex<BTreeMap<String, Key>>,
    requests: AtomicU64,
    next_id: AtomicU64,
}

enum Fault {
    None,
    DropBefore,
    DropAfterApplying,
    TooMany,
    Internal,
}

impl Server {
    /// The fault for request `n`: a fixed pseudo-random sequence, so a run
    /// reproduces.
    fn fault(n: u64) -> Fault {
        let r = n
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407)
            >> 33;
        match r % 100 {
            0..=4 => Fault::DropBefore,
            5..=9 => Fault::DropAfterApplying,
            10..=19 => Fault::TooMany,
            20..=24 => Fault::Internal,
            _ => Fault::None,
        }
    }

    /// The create for `key`, applied once: the id it made.
    fn apply(&self, key: &str) -> String {
        let mut keys = self.keys.lock().unwrap();
        let entry = keys.entry(key.to_owned()).or_default();
        entry
            .applied
            .get_or_insert_with(|| {
                entry.applications += 1;
                format!("vs_{}", self.next_id.fetch_add(1, Ordering::Relaxed))
            })
            .clone()
    }

    fn serve(self: &Arc<Self>, mut stream: TcpStream) {
        let Some(key) = read_request(&mut stream) else {
            return;
        };
        let Some(key) = key else {
            let _ = answer(&mut stream, 400, "", &error("no Idempotency-Key"));
            return;
        };
        self.keys
            .lock()
            .unwrap()
            .entry(key.clone())
            .or_default()
            .attempts += 1;
        match Self::fault(self.requests.fetch_add(1, Ordering::Relaxed)) {
            Fault::DropBefore => {}
            Fault::DropAfterApplying => {
                self.apply(&key);
            }
            Fault::TooMany => {
                let _ = answer(&mut stream, 429, "Retry-After: 1\r\n", &error("rate limit"));
            }
            Fault::Internal => {
                let _ = answer(&mut stream, 500, "", &error("internal"));
            }
            Fault::None => {
                let id = self.apply(&key);
                let _ = answer(&mut stream, 200, "", &session(&id));
            }
        }
    }
}

/// Reads one request; its `Idempotency-Key`, if it had one.
fn read_request(stream: &mut TcpStream) -> Option<Option<String>> {
    let mut reader = BufReader::new(stream);
    let mut key = None;
    let mut length = 0;
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        match name.trim().to_ascii_lowercase().as_str() {
            "idempotency-key" => key = Some(value.trim().to_owned()),
            "content-length" => length = value.trim().parse().ok()?,
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(key)
}

fn answer(stream: &mut TcpStream, status: u16, headers: &str, body: &str) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status} Status\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n{headers}\r\n{body}",
        body.len()
    )
}

fn error(message: &str) -> String {
    format!(r#"{{"error":{{"type":"api_error","message":"{message}"}}}}"#)
}

fn session(id: &str) -> String {
    format!(
        r#"{{"client_reference_id":null,"client_secret":null,"created":1722170000,"id":"{id}","last_error":null,"last_verification_report":null,"livemode":false,"metadata":{{}},"object":"identity.verification_session","options":null,"provided_details":null,"redaction":null,"related_customer":null,"related_customer_account":null,"status":"requires_input","type":"document","url":null,"verified_outputs":null}}"#
    )
}

/// A server on a free port of 127.0.0.1, a thread per connection.
fn start() -> (Arc<Server>, String) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = Arc::new(Server::default());
    let accepting = Arc::clone(&server);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let server = Arc::clone(&accepting);
            std::thread::spawn(move || server.serve(stream));
        }
    });
    (server, base)
}

/// Each id a sender got, with the key the server made it under (the keys
/// are the client's own); an id the server never made fails the run.
fn keyed(server: &Server, ids: Vec<String>) -> Vec<(String, String)> {
    let by_id: BTreeMap<String, String> = server
        .keys
        .lock()
        .unwrap()
        .iter()
        .filter_map(|(key, k)| Some((k.applied.clone()?, key.clone())))
        .collect();
    ids.into_iter()
        .map(|id| (by_id.get(&id).expect("an id the server made").clone(), id))
        .collect()
}

/// The waits the retry policy chose, as they were slept.
type Waits = Arc<Mutex<Vec<Duration>>>;

/// Checks the server's record against what the senders got, and prints
/// the run's figures.
fn report(
    name: &str,
    server: &Server,
    results: &[(String, String)],
    waits: &Waits,
    wall: Duration,
) {
    let keys = server.keys.lock().unwrap();
    assert_eq!(results.len(), CREATES, "{name}: every create answered");
    assert_eq!(keys.len(), CREATES, "{name}: one key per logical create");
    let distinct: std::collections::BTreeSet<&String> = results.iter().map(|(k, _)| k).collect();
    assert_eq!(
        distinct.len(),
        CREATES,
        "{name}: no two creates share a key"
    );
    for (key, id) in results {
        let seen = &keys[key];
        assert_eq!(seen.applications, 1, "{name}: {key} applied once");
        assert_eq!(seen.applied.as_deref(), Some(id.as_str()), "{name}: {key}");
        assert!(
            seen.attempts <= MAX_RETRIES + 1,
            "{name}: {key} over budget"
        );
    }
    let attempts: u32 = keys.values().map(|k| k.attempts).sum();
    let most = keys.values().map(|k| k.attempts).max().unwrap_or(0);
    let mut waits = waits.lock().unwrap().clone();
    waits.sort();
    let at = |q: f64| {
        waits
            .get(((waits.len() as f64 - 1.0) * q) as usize)
            .copied()
            .unwrap_or_default()
    };
    let mut buckets: BTreeMap<u64, usize> = BTreeMap::new();
    for wait in &waits {
        *buckets
            .entry(wait.as_millis() as u64 / 250 * 250)
            .or_default() += 1;
    }
    println!(
        "{name}: {CREATES} creates from {SENDERS} senders in {:.2} s: {attempts} attempts \
         ({:.2} per create, at most {most}), each applied once",
        wall.as_secs_f64(),
        f64::from(attempts) / CREATES as f64,
    );
    println!(
        "  {} waits: min {:.1?}, p50 {:.1?}, p90 {:.1?}, max {:.1?}",
        waits.len(),
        at(0.0),
        at(0.5),
        at(0.9),
        at(1.0)
    );
    for (from, count) in buckets {
        println!("  {from:>5}-{:<5} ms: {count}", from + 250);
    }
}

fn run_async() {
    let (server, base) = start();
    let waits: Waits = Arc::default();
    let recorded = Arc::clone(&waits);
    let client = AsyncClient::with_base("sk_test_faults", &base)
        .unwrap()
        .with_max_retries(MAX_RETRIES)
        .with_sleep(move |wait| -> SleepFuture {
            recorded.lock().unwrap().push(wait);
            Box::pin(tokio::time::sleep(wait))
        });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let start = Instant::now();
    let results = runtime.block_on(async {
        let tasks: Vec<_> = (0..SENDERS)
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move {
                    let mut ids = Vec::new();
                    for _ in 0..CREATES / SENDERS {
                        // The client's own key: a new random one per create.
                        let create = CreateIdentityVerificationSession::new();
                        let answer = client.send_with(&create, &RequestOptions::new()).await;
                        ids.push(answer.unwrap().value.id.as_str().to_owned());
                    }
                    ids
                })
            })
            .collect();
        let mut all = Vec::new();
        for task in tasks {
            all.extend(task.await.unwrap());
        }
        all
    });
    report(
        "async",
        &server,
        &keyed(&server, results),
        &waits,
        start.elapsed(),
    );
}

fn run_blocking() {
    let (server, base) = start();
    let waits: Waits = Arc::default();
    let recorded = Arc::clone(&waits);
    let client = Client::with_base("sk_test_faults", &base)
        .unwrap()
        .with_max_retries(MAX_RETRIES)
        .with_sleep(move |wait| {
            recorded.lock().unwrap().push(wait);
            std::thread::sleep(wait);
        });
    let start = Instant::now();
    let threads: Vec<_> = (0..SENDERS)
        .map(|_| {
            let client = client.clone();
            std::thread::spawn(move || {
                (0..CREATES / SENDERS)
                    .map(|_| {
                        let create = CreateIdentityVerificationSession::new();
                        let answer = client.send_with(&create, &RequestOptions::new());
                        answer.unwrap().value.id.as_str().to_owned()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let ids: Vec<String> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    report(
        "blocking",
        &server,
        &keyed(&server, ids),
        &waits,
        start.elapsed(),
    );
}

fn main() {
    run_async();
    run_blocking();
}
