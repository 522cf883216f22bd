//! Whole-spec generation as a ratio to the `serde_json::Value` parse of
//! the same spec, each round timing one after the other, so that the
//! machine's drift (±10–15% within minutes on the 2-core machine of
//! BENCHMARKS.md) moves both sides of a ratio alike.
//!
//! Run with `cargo bench -p stripe-codegen --bench ratio` after
//! `cargo xtask fetch-spec` (`ROUNDS=n`, 30 by default); see BENCHMARKS.md.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use common::{options, ALL, ALL_MODELS, SPEC};
use stripe_codegen::Config;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How long `f` takes, what it returns dropped outside the timing.
fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    let out = black_box(f());
    let elapsed = start.elapsed();
    drop(out);
    elapsed
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn run(name: &str, config: &Config, rounds: usize) {
    let text: &str = &SPEC;
    let options = options(true);
    // The baseline of the `generate` bench (`value_parse`): from bytes.
    let parse = || serde_json::from_slice::<serde_json::Value>(black_box(text.as_bytes())).unwrap();
    // The same from a `&str`, which skips checking UTF-8: a lower floor.
    let parse_str = || serde_json::from_str::<serde_json::Value>(black_box(text)).unwrap();
    let generate = || stripe_codegen::generate_crates(black_box(text), config, &options).unwrap();
    // Warm up: caches, the allocator's pages, the threads' first spawn.
    for _ in 0..3 {
        time(parse);
        time(parse_str);
        time(generate);
    }
    let (mut parses, mut parses_str, mut generations) = (Vec::new(), Vec::new(), Vec::new());
    let (mut ratios, mut ratios_str) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let p = ms(time(parse));
        let s = ms(time(parse_str));
        let g = ms(time(generate));
        parses.push(p);
        parses_str.push(s);
        generations.push(g);
        ratios.push(g / p);
        ratios_str.push(g / s);
    }
    let fastest = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    println!(
        "{name} ({rounds} rounds): generation {:.1} ms fastest, {:.1} ms median; \
         Value from bytes {:.2} ms fastest, {:.2} ms median, ratio per round {:.2}x median \
         ({:.2}x fastest over fastest); Value from &str {:.2} ms fastest, ratio per round \
         {:.2}x median",
        fastest(&generations),
        median(generations.clone()),
        fastest(&parses),
        median(parses.clone()),
        median(ratios),
        fastest(&generations) / fastest(&parses),
        fastest(&parses_str),
        median(ratios_str),
    );
}

fn main() {
    let rounds = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(30);
    run("whole_spec (generate --all)", &ALL, rounds);
    run("whole_spec_models", &ALL_MODELS, rounds);
}
