//! `cargo xtask generate`: spec + `spec/codegen.toml` -> crates under
//! `generated/` (or `--out DIR`), written all or nothing; `--check` only
//! compares.

use std::path::{Path, PathBuf};

use stripe_codegen::output::{drift, replace_tree};
use stripe_codegen::{Config, Generated, LayoutOptions};

use crate::pin::pinned_spec;
use crate::{fail, TaskError};

/// What to generate and where.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The spec file; the pinned one when `None`.
    pub spec: Option<PathBuf>,
    /// The configuration; `spec/codegen.toml` when `None`
    /// (`spec/codegen-all.toml` with `all`).
    pub config: Option<PathBuf>,
    /// The output directory; `generated/` when `None`.
    pub out: Option<PathBuf>,
    /// Every schema of the spec, not just the configured roots.
    pub all: bool,
    /// Compare with what is on disk instead of writing.
    pub check: bool,
}

/// The outcome of a run.
#[derive(Debug)]
pub struct Outcome {
    /// What was generated.
    pub generated: Generated,
    /// With `check`: the files that differ (empty when up to date).
    pub drift: Vec<String>,
    /// The output directory.
    pub out: PathBuf,
}

/// Reads a generator configuration file.
pub fn load_config(path: &Path) -> Result<Config, TaskError> {
    let text = std::fs::read_to_string(path)
        .or_else(|e| fail(format!("cannot read {}: {e}", path.display())))?;
    let config: Config = toml::from_str(&text).or_else(|e| {
        fail(format!(
            "{} is not a valid configuration: {e}",
            path.display()
        ))
    })?;
    config
        .validate()
        .map_err(|e| TaskError(format!("{}: {}", path.display(), e.message)))?;
    Ok(config)
}

/// Reads the spec to generate from.
pub fn read_spec(root: &Path, spec: Option<&Path>) -> Result<(String, PathBuf), TaskError> {
    let path = match spec {
        Some(p) => p.to_path_buf(),
        None => pinned_spec(root)?.1,
    };
    let text = std::fs::read_to_string(&path)
        .or_else(|e| fail(format!("cannot read spec {}: {e}", path.display())))?;
    Ok((text, path))
}

/// Generates, then writes or checks.
pub fn run(root: &Path, options: &Options) -> Result<Outcome, TaskError> {
    let default_config = if options.all {
        "spec/codegen-all.toml"
    } else {
        "spec/codegen.toml"
    };
    let config_path = options
        .config
        .clone()
        .unwrap_or_else(|| root.join(default_config));
    let mut config = load_config(&config_path)?;
    if options.all {
        config.roots = vec!["*".to_string()];
    }
    let default_out = root.join("generated");
    let out = options.out.clone().unwrap_or_else(|| default_out.clone());
    if options.all && options.out.is_none() {
        return fail("`--all` needs `--out DIR`: the whole spec does not go into generated/");
    }
    let runtime = root.join("codegen/runtime");
    let runtime_path = if out == default_out {
        "../../codegen/runtime".to_string()
    } else {
        let abs = runtime.canonicalize().unwrap_or(runtime);
        abs.to_string_lossy().replace('\\', "/")
    };
    let layout = LayoutOptions {
        runtime_path,
        command: if options.all {
            "cargo xtask generate --all".into()
        } else {
            "cargo xtask generate".into()
        },
        config: config_path
            .strip_prefix(root)
            .unwrap_or(&config_path)
            .to_string_lossy()
            .replace('\\', "/"),
        workspace: options.all,
    };
    let (spec, spec_path) = read_spec(root, options.spec.as_deref())?;
    let generated = stripe_codegen::generate_crates(&spec, &config, &layout)
        .map_err(|e| TaskError(format!("{}: {e}", spec_path.display())))?;
    let drift = if options.check {
        drift(&out, &generated.files)
            .or_else(|e| fail(format!("cannot read {}: {e}", out.display())))?
            .lines()
    } else {
        replace_tree(&out, &generated.files).or_else(|e| {
            fail(format!(
                "cannot write {} (it was left as it was): {e}",
                out.display()
            ))
        })?;
        Vec::new()
    };
    Ok(Outcome {
        generated,
        drift,
        out,
    })
}
