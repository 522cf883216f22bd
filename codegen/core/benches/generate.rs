//! Generation speed, stage by stage and end to end, for the configured
//! roots (`spec/codegen.toml`: the identity crates) on the whole spec and
//! on the current pin they are generated from (`identity_current`), and
//! for the whole spec (roots `*`, as `cargo xtask generate --all` runs it).
//!
//! Baseline in the same run: `serde_json::from_slice::<Value>` of the same
//! spec bytes, the least any generator must do (read the JSON).
//!
//! Run with `cargo bench -p stripe-codegen --bench generate` after
//! `cargo xtask fetch-spec`; see BENCHMARKS.md.

mod common;

use common::{options, ALL, ALL_MODELS, CURRENT, IDENTITY, SPEC};
use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use stripe_codegen::ir::TypeSpace;
use stripe_codegen::spec::Spec;
use stripe_codegen::{emit, output, placement, resolve, Config};

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn space(text: &str, config: &Config) -> TypeSpace {
    let spec = Spec::parse(text).unwrap();
    resolve::resolve(&spec, config).unwrap()
}

fn bytes() -> BytesCount {
    BytesCount::new(SPEC.len())
}

/// The floor for `identity_current`: the current pin into `Value`.
#[divan::bench(sample_count = 100)]
fn value_parse_current(b: Bencher) {
    let spec = CURRENT.as_bytes();
    b.counter(BytesCount::new(spec.len()))
        .bench(|| serde_json::from_slice::<serde_json::Value>(black_box(spec)).unwrap());
}

/// The floor: the spec's bytes into `serde_json::Value`.
#[divan::bench(sample_count = 30)]
fn value_parse(b: Bencher) {
    let spec = SPEC.as_bytes();
    b.counter(bytes())
        .bench(|| serde_json::from_slice::<serde_json::Value>(black_box(spec)).unwrap());
}

/// Reading the spec's JSON and keeping nothing (`IgnoredAny`): the cost of
/// scanning 5 MB once, below which splitting into raw schemas cannot go.
#[divan::bench(sample_count = 30)]
fn scan_ignored_any(b: Bencher) {
    b.counter(bytes())
        .bench(|| serde_json::from_str::<serde::de::IgnoredAny>(black_box(&SPEC)).unwrap());
}

/// Stage 1, the same for any roots: split the spec into raw schemas.
#[divan::bench(sample_count = 30)]
fn spec_parse(b: Bencher) {
    b.counter(bytes()).bench(|| {
        Spec::parse(black_box(&SPEC))
            .unwrap()
            .schema_names()
            .count()
    });
}

/// The stages for one configuration.
macro_rules! stages {
    ($name:ident, $spec:expr, $config:expr, $all:expr, $samples:expr) => {
        #[divan::bench_group(sample_count = $samples, sample_size = 1)]
        mod $name {
            use super::*;

            fn config() -> &'static Config {
                &$config
            }

            fn text() -> &'static str {
                &$spec
            }

            /// Stage 2: spec -> IR (parses the schemas the roots reach).
            #[divan::bench]
            fn resolve(b: Bencher) {
                let spec = Spec::parse(text()).unwrap();
                b.bench(|| resolve::resolve(black_box(&spec), config()).unwrap());
            }

            /// Stage 3: IR -> the placement of every type.
            #[divan::bench]
            fn place(b: Bencher) {
                let space = space(text(), config());
                b.bench(|| placement::place(black_box(&space), config()));
            }

            /// Stage 4: IR + placement -> tokens of every file (one thread).
            #[divan::bench]
            fn emit(b: Bencher) {
                let space = space(text(), config());
                let placed = placement::place(&space, config());
                let options = options($all);
                b.bench(|| {
                    let plan = emit::crates::plan(&space, &placed, &options);
                    (0..plan.len())
                        .filter_map(|i| plan.tokens(i))
                        .map(|t| t.into_iter().count())
                        .sum::<usize>()
                });
            }

            /// Stage 5: tokens -> formatted files (one thread).
            #[divan::bench]
            fn format(b: Bencher) {
                let space = space(text(), config());
                let placed = placement::place(&space, config());
                let options = options($all);
                let plan = emit::crates::plan(&space, &placed, &options);
                b.with_inputs(|| (0..plan.len()).map(|i| plan.tokens(i)).collect::<Vec<_>>())
                    .bench_local_values(|tokens| {
                        tokens
                            .into_iter()
                            .enumerate()
                            .map(|(i, t)| output::format_file(&plan, i, t).unwrap().contents.len())
                            .sum::<usize>()
                    });
            }

            /// Stages 3 to 5 as `generate` runs them: on every core.
            #[divan::bench]
            fn layout(b: Bencher) {
                let space = space(text(), config());
                let options = options($all);
                let threads = std::thread::available_parallelism().map_or(1, usize::from);
                b.bench(|| {
                    let placed = placement::place(&space, config());
                    let plan = emit::crates::plan(&space, &placed, &options);
                    output::files(&plan, threads).unwrap()
                });
            }

            /// Spec text -> formatted files, as `cargo xtask generate` (less
            /// reading and writing the files).
            #[divan::bench]
            fn end_to_end(b: Bencher) {
                let options = options($all);
                b.counter(BytesCount::new(text().len())).bench(|| {
                    stripe_codegen::generate_crates(black_box(text()), config(), &options).unwrap()
                });
            }
        }
    };
}

stages!(identity, SPEC, IDENTITY, false, 30);
stages!(identity_current, CURRENT, IDENTITY, false, 100);
stages!(whole_spec, SPEC, ALL, true, 10);
stages!(whole_spec_models, SPEC, ALL_MODELS, true, 10);
