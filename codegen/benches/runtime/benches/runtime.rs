//! Deserializing and serializing `IdentityVerificationSession` payloads:
//! the generated types, `serde_json::Value` on the same bytes (baseline),
//! and async-stripe's generated type (`async-stripe-misc` 1.0.0-rc.10) on
//! its serde path and its miniserde path.
//!
//! Run with `cargo bench --manifest-path codegen/benches/runtime/Cargo.toml`;
//! see BENCHMARKS.md.

use std::sync::LazyLock;

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use serde_json::Value;
use stripe_runtime_benches::Payloads;

type Ours = stripe_identity::IdentityVerificationSession;
type Theirs = stripe_misc::IdentityVerificationSession;

fn main() {
    check(&PAYLOADS);
    divan::main();
}

static PAYLOADS: LazyLock<Payloads> = LazyLock::new(Payloads::build);

/// Every contender reads every payload; the typed ones keep what they know.
fn check(p: &Payloads) {
    for (name, json) in [("fixture", &p.fixture), ("large", &p.large)] {
        let ours: Ours = serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}"));
        let theirs: Theirs = serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mini: Theirs =
            miniserde::json::from_str(json).unwrap_or_else(|e| panic!("{name} (miniserde): {e}"));
        assert_eq!(ours.id.as_str(), theirs.id.as_str());
        assert_eq!(theirs.id.as_str(), mini.id.as_str());
        assert_eq!(
            ours.last_verification_report
                .get()
                .is_some_and(|r| r.is_object()),
            name == "large"
        );
    }
    let ours: Vec<Ours> = serde_json::from_str(&p.batch).unwrap();
    let ours_json: Vec<Ours> = stripe_types::__private::json::from_str(&p.batch).unwrap();
    assert!(ours == ours_json, "the types' reader and serde read the batch alike");
    let theirs: Vec<Theirs> = miniserde::json::from_str(&p.batch).unwrap();
    assert_eq!(ours.len(), 1000);
    assert_eq!(theirs.len(), 1000);
}

fn payload(which: &str) -> &'static str {
    match which {
        "fixture" => &PAYLOADS.fixture,
        "large" => &PAYLOADS.large,
        _ => &PAYLOADS.batch,
    }
}

const PAYLOAD_NAMES: [&str; 3] = ["fixture", "large", "batch_1000"];

/// Deserializing the same bytes into each, then dropping the result: the
/// timed region covers both, as every program that parses also frees
/// (divan would otherwise drop outside it, which hides most of what a
/// `Value` costs).
mod deserialize {
    use super::*;

    /// Parses with `parse` and drops the result, inside the timed region.
    fn bench_parse<T>(b: Bencher, which: &str, parse: impl Fn(&str) -> T + Sync) {
        let json = payload(which);
        b.counter(BytesCount::of_str(json)).bench(|| {
            let parsed = parse(black_box(json));
            black_box(&parsed);
            drop(parsed);
        });
    }

    /// Reading the JSON and keeping nothing: what no parser can beat.
    #[divan::bench(args = PAYLOAD_NAMES)]
    fn floor_ignored_any(b: Bencher, which: &str) {
        bench_parse(b, which, |j| {
            serde_json::from_str::<serde::de::IgnoredAny>(j).unwrap()
        });
    }

    #[divan::bench(args = PAYLOAD_NAMES)]
    fn value(b: Bencher, which: &str) {
        bench_parse(b, which, |j| serde_json::from_str::<Value>(j).unwrap());
    }

    #[divan::bench(args = PAYLOAD_NAMES)]
    fn generated(b: Bencher, which: &str) {
        if which.starts_with("batch") {
            bench_parse(b, which, |j| serde_json::from_str::<Vec<Ours>>(j).unwrap());
        } else {
            bench_parse(b, which, |j| serde_json::from_str::<Ours>(j).unwrap());
        }
    }

    /// The types' own reader (`from_json`'s), `stripe_types::json`.
    #[divan::bench(args = PAYLOAD_NAMES)]
    fn generated_json(b: Bencher, which: &str) {
        if which.starts_with("batch") {
            bench_parse(b, which, |j| {
                stripe_types::__private::json::from_str::<Vec<Ours>>(j).unwrap()
            });
        } else {
            bench_parse(b, which, |j| Ours::from_json(j).unwrap());
        }
    }

    #[divan::bench(args = PAYLOAD_NAMES)]
    fn async_stripe_serde(b: Bencher, which: &str) {
        if which.starts_with("batch") {
            bench_parse(b, which, |j| {
                serde_json::from_str::<Vec<Theirs>>(j).unwrap()
            });
        } else {
            bench_parse(b, which, |j| serde_json::from_str::<Theirs>(j).unwrap());
        }
    }

    #[divan::bench(args = PAYLOAD_NAMES)]
    fn async_stripe_miniserde(b: Bencher, which: &str) {
        if which.starts_with("batch") {
            bench_parse(b, which, |j| {
                miniserde::json::from_str::<Vec<Theirs>>(j).unwrap()
            });
        } else {
            bench_parse(b, which, |j| {
                miniserde::json::from_str::<Theirs>(j).unwrap()
            });
        }
    }
}

/// Serializing what each deserialized from the same bytes (async-stripe
/// serializes through serde only).
mod serialize {
    use super::*;

    #[divan::bench(args = PAYLOAD_NAMES)]
    fn value(b: Bencher, which: &str) {
        let parsed: Value = serde_json::from_str(payload(which)).unwrap();
        let len = serde_json::to_vec(&parsed).unwrap().len();
        b.counter(BytesCount::new(len))
            .bench(|| serde_json::to_vec(black_box(&parsed)).unwrap());
    }

    #[divan::bench(args = PAYLOAD_NAMES)]
    fn generated(b: Bencher, which: &str) {
        let parsed: Vec<Ours> = parse_many(which);
        bench_to_vec(b, which, &parsed);
    }

    /// The types' own writer (`to_json`'s), `stripe_types::json`.
    #[divan::bench(args = PAYLOAD_NAMES)]
    fn generated_json(b: Bencher, which: &str) {
        let parsed: Vec<Ours> = parse_many(which);
        if which.starts_with("batch") {
            let len = stripe_types::__private::json::to_string(&parsed).len();
            b.counter(BytesCount::new(len))
                .bench(|| stripe_types::__private::json::to_string(black_box(&parsed)));
        } else {
            let one = &parsed[0];
            let len = stripe_types::__private::json::to_string(one).len();
            b.counter(BytesCount::new(len))
                .bench(|| stripe_types::__private::json::to_string(black_box(one)));
        }
    }

    #[divan::bench(args = PAYLOAD_NAMES)]
    fn async_stripe_serde(b: Bencher, which: &str) {
        let parsed: Vec<Theirs> = parse_many(which);
        bench_to_vec(b, which, &parsed);
    }

    /// Serializes the batch as a list, a single payload as itself.
    fn bench_to_vec<T: serde::Serialize + Sync>(b: Bencher, which: &str, parsed: &[T]) {
        if which.starts_with("batch") {
            let len = serde_json::to_vec(parsed).unwrap().len();
            b.counter(BytesCount::new(len))
                .bench(|| serde_json::to_vec(black_box(parsed)).unwrap());
        } else {
            let one = &parsed[0];
            let len = serde_json::to_vec(one).unwrap().len();
            b.counter(BytesCount::new(len))
                .bench(|| serde_json::to_vec(black_box(one)).unwrap());
        }
    }

    /// The payload as a list, one element unless it is the batch.
    fn parse_many<T: serde::de::DeserializeOwned>(which: &str) -> Vec<T> {
        let json = payload(which);
        if which.starts_with("batch") {
            serde_json::from_str(json).unwrap()
        } else {
            vec![serde_json::from_str(json).unwrap()]
        }
    }
}
