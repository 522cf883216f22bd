use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use xtask::{diff, fetch, generate, repo_root};

/// See `Cargo.toml`: most of generation is allocating and freeing small
/// strings, which mimalloc does in half the time of glibc's allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Tasks for the Stripe model generator.
#[derive(Parser)]
#[command(name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Install the pinned spec (spec/pin.toml) into spec/cache/, checking its sha256.
    FetchSpec {
        /// Install this local copy instead of downloading.
        #[arg(long, value_name = "PATH")]
        from: Option<PathBuf>,
    },
    /// Generate the model crates from the spec.
    Generate {
        /// Generate from this spec instead of the pinned one.
        #[arg(long, value_name = "PATH")]
        spec: Option<PathBuf>,
        /// Use this configuration instead of spec/codegen.toml (spec/codegen-all.toml with --all).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
        /// Write here instead of generated/.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Every schema of the spec, not only the configured roots (needs --out).
        #[arg(long)]
        all: bool,
        /// Write nothing; list every file that would change and fail if any would.
        #[arg(long)]
        check: bool,
    },
    /// Show what changed in the generated types between two spec files.
    Diff {
        /// The older spec file.
        old: PathBuf,
        /// The newer spec file.
        new: PathBuf,
        /// Print JSON (for tools) instead of text.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = repo_root();
    let result = match cli.task {
        Task::FetchSpec { from } => {
            fetch::fetch_spec(&root, from.as_deref()).map(|line| println!("{line}"))
        }
        Task::Generate {
            spec,
            config,
            out,
            all,
            check,
        } => {
            let options = generate::Options {
                spec,
                config,
                out,
                all,
                check,
            };
            generate::run(&root, &options).and_then(|outcome| report(&outcome, check))
        }
        Task::Diff { old, new, json } => diff::run(&old, &new).map(|d| {
            if json {
                println!("{}", diff::to_json(&d));
            } else {
                println!("{} -> {}", old.display(), new.display());
                print!("{d}");
            }
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn report(outcome: &generate::Outcome, check: bool) -> Result<(), xtask::TaskError> {
    let g = &outcome.generated;
    for d in &g.degraded {
        eprintln!(
            "degraded to serde_json::Value: {} ({}): {}",
            d.pointer, d.schema, d.reason
        );
    }
    if check {
        if outcome.drift.is_empty() {
            println!(
                "{}: up to date ({} files)",
                outcome.out.display(),
                g.files.len()
            );
            return Ok(());
        }
        for line in &outcome.drift {
            println!("{line}");
        }
        return xtask::fail(format!(
            "{} is out of date ({} files differ): run `cargo xtask generate`",
            outcome.out.display(),
            outcome.drift.len()
        ));
    }
    println!(
        "wrote {} files to {} (API version {}; {} places degraded to serde_json::Value)",
        g.files.len(),
        outcome.out.display(),
        g.spec_version,
        g.degraded.len()
    );
    Ok(())
}
