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
    /// Install the pinned specs (spec/pins.toml) into spec/cache/, each checked against its pin.
    FetchSpec {
        /// Install local copies instead of downloading: a file, or a folder whose
        /// `.json` files are each installed under the pin they match (repeatable).
        #[arg(long, value_name = "PATH")]
        from: Vec<PathBuf>,
        /// Only the pin of this API version.
        #[arg(long, value_name = "API_VERSION")]
        pin: Option<String>,
        /// Download from this base URL instead of https://raw.githubusercontent.com.
        #[arg(long, value_name = "URL")]
        mirror: Option<String>,
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
    /// Show what changed in the generated types between two spec files (whole files or excerpts).
    Diff {
        /// The older spec file.
        old: PathBuf,
        /// The newer spec file.
        new: PathBuf,
        /// Compare the types this configuration generates (default: spec/codegen.toml).
        #[arg(long, value_name = "PATH", conflicts_with = "all")]
        config: Option<PathBuf>,
        /// Compare every schema of both specs (whole spec files only).
        #[arg(long)]
        all: bool,
        /// Print JSON (for tools) instead of text.
        #[arg(long)]
        json: bool,
        /// Print the changelog section (Markdown) instead of text.
        #[arg(long, conflicts_with = "json")]
        markdown: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = repo_root();
    let result = match cli.task {
        Task::FetchSpec { from, pin, mirror } => {
            let options = fetch::Options { from, pin, mirror };
            fetch::fetch_spec(&root, &options).map(|lines| {
                for line in lines {
                    println!("{line}");
                }
            })
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
        Task::Diff {
            old,
            new,
            config,
            all,
            json,
            markdown,
        } => {
            let config_path = config.unwrap_or_else(|| root.join("spec/codegen.toml"));
            let scope_config = if all {
                None
            } else {
                match generate::load_config(&config_path) {
                    Ok(c) => Some(c),
                    Err(e) => return failure(&e),
                }
            };
            let scope = match &scope_config {
                Some(c) => diff::Scope::Config(c),
                None => diff::Scope::All,
            };
            diff::run(&old, &new, &scope).map(|d| {
                if json {
                    println!("{}", diff::to_json(&d));
                } else if markdown {
                    print!("{}", d.changelog_section());
                } else {
                    println!("{} -> {}", old.display(), new.display());
                    print!("{d}");
                }
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => failure(&e),
    }
}

fn failure(e: &xtask::TaskError) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::FAILURE
}

fn report(outcome: &generate::Outcome, check: bool) -> Result<(), xtask::TaskError> {
    let g = &outcome.generated;
    for d in &g.degraded {
        eprintln!("warning: {}", d.warning());
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
