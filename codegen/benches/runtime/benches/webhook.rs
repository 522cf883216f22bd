//! Checking and reading one webhook delivery, `construct_event`, against
//! its peers in the same run: async-stripe's webhook crate
//! (`async-stripe-webhook` 1.0.0-rc.10, the Rust crate users would take
//! instead) and stripe-node 23.2.0's `constructEvent` (what a Node
//! service runs per request), all on the same body and header.
//!
//! The body is Stripe's `identity.verification_session` fixture as an
//! `identity.verification_session.verified` event, as Stripe sends it
//! (`stripe_model_tests::identity_event_body`, 1,004 bytes); stripe-node
//! builds the same bytes in `xtask/stripe-node/bench.js` and the bench
//! checks that it signs them to the same header. Each round times a batch
//! of each contender one after the other (stripe-node in a child process,
//! timed inside it), so the machine's drift moves every side of a round's
//! ratios alike; the figures are the medians over the rounds.
//!
//! ```sh
//! npm ci --prefix xtask/stripe-node        # once
//! cargo bench --manifest-path codegen/benches/runtime/Cargo.toml --bench webhook
//! ```
//! `ROUNDS=n` (31 by default); `BATCH_MS` (20) is each batch's length.

use std::hint::black_box;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Instant;

use stripe_identity::{Event, EventObject};
use stripe_webhook::{sign, Webhook};

const SECRET: &str = "whsec_bench_0123456789abcdef";
const T: i64 = 1_780_000_000;

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// stripe-node's bench.js in its `--stdin` mode: a line with a count in,
/// the ns per call of that many `constructEvent` calls out.
struct Node {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Node {
    fn start() -> Option<(Node, String)> {
        let script = stripe_runtime_benches::root().join("xtask/stripe-node/bench.js");
        let mut child = Command::new("node")
            .arg(&script)
            .arg("--stdin")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| eprintln!("stripe-node left out: cannot run node: {e}"))
            .ok()?;
        let input = child.stdin.take()?;
        let mut output = BufReader::new(child.stdout.take()?);
        let mut header = String::new();
        output.read_line(&mut header).ok()?;
        if header.is_empty() {
            eprintln!("stripe-node left out: run `npm ci --prefix xtask/stripe-node` first");
            return None;
        }
        Some((
            Node {
                child,
                input,
                output,
            },
            header.trim_end().to_owned(),
        ))
    }

    /// ns per call of `n` calls.
    fn batch(&mut self, n: u64) -> f64 {
        writeln!(self.input, "{n}").unwrap();
        let mut line = String::new();
        self.output.read_line(&mut line).unwrap();
        line.trim().parse().expect("bench.js prints a number")
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// ns per call of `n` calls of `f`.
fn batch<T>(n: u64, mut f: impl FnMut() -> T) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        black_box(f());
    }
    start.elapsed().as_nanos() as f64 / n as f64
}

fn main() {
    let body = stripe_model_tests::identity_event_body(T);
    let header = sign(SECRET, T, &body);
    let hook = Webhook::new(SECRET).unwrap().at(T);
    let text = std::str::from_utf8(&body).unwrap();
    println!("payload: {} bytes; header: {header}", body.len());

    let ours = || {
        let verified = hook
            .construct_event::<Event>(Some(black_box(&header)), black_box(&body))
            .unwrap();
        assert!(matches!(
            verified.event().data.object,
            EventObject::IdentityVerificationSession(_)
        ));
        verified
    };
    let verify = || {
        hook.verify(Some(black_box(&header)), black_box(&body))
            .unwrap()
    };
    let parse = || Event::from_json_slice(black_box(&body)).unwrap();
    // async-stripe takes the body as `&str`: the UTF-8 check is the
    // caller's, and is counted here as ours is.
    let theirs = || {
        let text = std::str::from_utf8(black_box(&body)).unwrap();
        async_stripe_webhook::Webhook::construct_event_with_timestamp(
            text,
            black_box(&header),
            SECRET,
            T,
        )
        .unwrap()
    };
    let event = theirs();
    assert_eq!(event.id.as_str(), ours().event().id.as_str());
    assert!(text.starts_with('{'));

    let mut node = match Node::start() {
        Some((node, node_header)) => {
            assert_eq!(node_header, header, "stripe-node signs other bytes");
            Some(node)
        }
        None => None,
    };

    // Batches of about BATCH_MS each, sized from a first measurement.
    let batch_ns = env("BATCH_MS", 20) as f64 * 1e6;
    let size = |ns_per_call: f64| ((batch_ns / ns_per_call) as u64).max(10);
    let n_ours = size(batch(2000, ours));
    let n_verify = size(batch(2000, verify));
    let n_parse = size(batch(2000, parse));
    let n_theirs = size(batch(2000, theirs));
    let n_node = node.as_mut().map(|node| {
        node.batch(20_000);
        size(node.batch(2000))
    });

    let rounds = env("ROUNDS", 31);
    let mut columns: [Vec<f64>; 5] = Default::default();
    let (mut vs_theirs, mut vs_node) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let o = batch(n_ours, ours);
        let t = batch(n_theirs, theirs);
        columns[0].push(o);
        columns[1].push(batch(n_verify, verify));
        columns[2].push(batch(n_parse, parse));
        columns[3].push(t);
        vs_theirs.push(t / o);
        if let (Some(node), Some(n)) = (node.as_mut(), n_node) {
            let js = node.batch(n);
            columns[4].push(js);
            vs_node.push(js / o);
        }
    }
    let names = [
        "construct_event::<Event> (check and typed read)",
        "  verify alone (HMAC-SHA256, header)",
        "  Event::from_json_slice alone (UTF-8 check, typed read)",
        "async-stripe-webhook construct_event_with_timestamp",
        "stripe-node constructEvent (Buffer)",
    ];
    println!("ns per call over {rounds} rounds, median (fastest):");
    let fastest = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    for (name, column) in names.iter().zip(&columns) {
        if !column.is_empty() {
            println!(
                "  {name}: {:.0} ({:.0})",
                median(column.clone()),
                fastest(column)
            );
        }
    }
    // On a loaded machine the fastest batches are the least disturbed.
    println!(
        "fastest over fastest: async-stripe / ours {:.2}x{}",
        fastest(&columns[3]) / fastest(&columns[0]),
        if columns[4].is_empty() {
            String::new()
        } else {
            format!(
                ", stripe-node / ours {:.2}x",
                fastest(&columns[4]) / fastest(&columns[0])
            )
        }
    );
    println!(
        "async-stripe / ours, median of the rounds' ratios: {:.2}x",
        median(vs_theirs)
    );
    if !vs_node.is_empty() {
        println!(
            "stripe-node / ours, median of the rounds' ratios: {:.2}x",
            median(vs_node)
        );
    }
}
