//! How long `generate!` takes to expand on the pinned 5 MB spec, outside
//! the compiler (proc_macro2's own token types):
//!
//! ```text
//! cargo run --release -p stripe-codegen-macro --example expansion_time [RUNS]
//! ```
//!
//! Prints the time of whole expansions (read the file, parse, resolve,
//! emit), then of each step, for the identity roots of `spec/codegen.toml`
//! and for every schema of the spec. Needs `cargo xtask fetch-spec` first.

#[path = "../src/expand.rs"]
mod expand;

use std::path::Path;
use std::time::{Duration, Instant};

use quote::quote;
use stripe_codegen::spec::Spec;
use stripe_codegen::Config;

const SPEC: &str = "../../spec/cache/spec3.2023-08-16.json";

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .map_or(10, |n| n.parse().expect("RUNS is a number"));
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec_path = manifest_dir.join(SPEC);
    let size = std::fs::metadata(&spec_path)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e}; install it with `cargo xtask fetch-spec`",
                spec_path.display()
            )
        })
        .len();
    println!(
        "spec: {} ({:.1} MB), {runs} runs each, {} threads available",
        spec_path.display(),
        size as f64 / 1e6,
        std::thread::available_parallelism().map_or(1, usize::from)
    );

    let identity = [
        "identity.verification_session",
        "identity.verification_report",
    ];
    let cases = [
        (
            "identity roots",
            quote! {
                spec = #SPEC,
                roots = [#(#identity),*],
                redact = [
                    "identity.verification_session.client_secret",
                    "identity.verification_session.url",
                ],
            },
            identity.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
        ),
        (
            "every schema (roots = [\"*\"])",
            quote! { spec = #SPEC, roots = ["*"] },
            vec!["*".to_string()],
        ),
    ];
    for (what, input, roots) in cases {
        let tokens = expand::expand(input.clone(), manifest_dir).expect("expands");
        let items = syn::parse2::<syn::File>(tokens)
            .expect("parses")
            .items
            .len();
        let whole = time(runs, || {
            std::hint::black_box(expand::expand(input.clone(), manifest_dir).expect("expands"));
        });
        println!("\n{what}: {items} items");
        println!("  whole expansion        {}", whole.summary());

        let json = std::fs::read_to_string(&spec_path).expect("the spec");
        let read = time(runs, || {
            std::hint::black_box(std::fs::read_to_string(&spec_path).expect("the spec"));
        });
        let parse = time(runs, || {
            std::hint::black_box(Spec::parse(&json).expect("parses"));
        });
        let spec = Spec::parse(&json).expect("parses");
        let config = Config::single_crate("generated", roots);
        let generate = time(runs, || {
            std::hint::black_box(
                stripe_codegen::generate_items_from(&spec, &config).expect("generates"),
            );
        });
        println!("  read the file          {}", read.summary());
        println!("  parse (split schemas)  {}", parse.summary());
        println!("  resolve and emit       {}", generate.summary());
    }
}

struct Times(Vec<Duration>);

impl Times {
    fn summary(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        format!(
            "min {:8.1} ms  median {:8.1} ms  max {:8.1} ms",
            ms(self.0[0]),
            ms(self.0[self.0.len() / 2]),
            ms(self.0[self.0.len() - 1])
        )
    }
}

fn time(runs: usize, mut f: impl FnMut()) -> Times {
    f(); // warm-up: page cache, allocator
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    Times(times)
}
