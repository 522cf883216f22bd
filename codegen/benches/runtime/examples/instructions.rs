//! Parses (and writes back) one payload N times, for instruction counts
//! under `valgrind --tool=callgrind` (deterministic, unlike timings on a
//! shared machine). Usage: `instructions fixture|large|batch_1000 N [de|ser]`.

use stripe_runtime_benches::Payloads;

type Ours = stripe_identity::IdentityVerificationSession;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let payloads = Payloads::build();
    let json = match args[1].as_str() {
        "fixture" => payloads.fixture,
        "large" => payloads.large,
        _ => payloads.batch,
    };
    let n: usize = args[2].parse().unwrap();
    let write = args.get(3).is_some_and(|a| a == "ser");
    let batch = args[1] == "batch_1000";
    let mut total = 0;
    for _ in 0..n {
        if batch {
            let parsed: Vec<Ours> = serde_json::from_str(&json).unwrap();
            total += if write {
                serde_json::to_vec(&parsed).unwrap().len()
            } else {
                parsed.len()
            };
        } else {
            let parsed: Ours = serde_json::from_str(&json).unwrap();
            total += if write {
                serde_json::to_vec(&parsed).unwrap().len()
            } else {
                1
            };
        }
    }
    println!("{total}");
}
