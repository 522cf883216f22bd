//! Parses (and writes back) one payload N times, for instruction counts
//! under `valgrind --tool=callgrind` (deterministic, unlike timings on a
//! shared machine). Usage:
//! `instructions fixture|large|batch_1000 N [de|ser|json|json-ser|value|miniserde]`
//! (`de`: the serde path; `ser`: parse, then `serde_json::to_vec`; `json`:
//! the types' own reader, `from_json`'s; `json-ser`: parse, then the
//! types' own writer, `to_json`'s;
//! `value`: `serde_json::Value`, the baseline; `miniserde`: async-stripe's
//! miniserde path, for comparison).

use stripe_runtime_benches::Payloads;

type Ours = stripe_identity::IdentityVerificationSession;
type Theirs = stripe_misc::IdentityVerificationSession;

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
    if args.get(3).is_some_and(|a| a == "json-ser") {
        for _ in 0..n {
            total += if batch {
                let parsed: Vec<Ours> = serde_json::from_str(&json).unwrap();
                stripe_types::__private::json::to_string(&parsed).len()
            } else {
                let parsed: Ours = serde_json::from_str(&json).unwrap();
                parsed.to_json().unwrap().len()
            };
        }
        println!("{total}");
        return;
    }
    if args.get(3).is_some_and(|a| a == "json") {
        for _ in 0..n {
            total += if batch {
                stripe_types::__private::json::from_str::<Vec<Ours>>(&json).unwrap().len()
            } else {
                Ours::from_json(&json).map(|_| 1).unwrap()
            };
        }
        println!("{total}");
        return;
    }
    if args.get(3).is_some_and(|a| a == "value") {
        for _ in 0..n {
            let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
            total += usize::from(!parsed.is_null());
        }
        println!("{total}");
        return;
    }
    if args.get(3).is_some_and(|a| a == "miniserde") {
        for _ in 0..n {
            total += if batch {
                miniserde::json::from_str::<Vec<Theirs>>(&json).unwrap().len()
            } else {
                miniserde::json::from_str::<Theirs>(&json).map(|_| 1).unwrap()
            };
        }
        println!("{total}");
        return;
    }
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
