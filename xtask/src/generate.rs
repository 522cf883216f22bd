//! `cargo xtask generate`: spec + `spec/codegen.toml` -> crates under
//! `generated/` (or `--out DIR`) and their changelog, written all or
//! nothing; `--check` only compares.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use stripe_codegen::output::{drift, replace_tree};
use stripe_codegen::{Config, File, Generated, LayoutOptions};

use crate::changelog;
use crate::pin::Pins;
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
        .map_err(|e| TaskError(e.in_file(path.display().to_string()).to_string()))?;
    Ok(config)
}

/// The text of each crate's `manual`, by crate name; a file that cannot
/// be read is an error naming the configuration key.
fn manuals(config: &Config, config_path: &Path) -> Result<BTreeMap<String, String>, TaskError> {
    let dir = config_path.parent().unwrap_or(Path::new("."));
    let mut out = BTreeMap::new();
    for (i, krate) in config.crates.iter().enumerate() {
        let Some(manual) = &krate.manual else {
            continue;
        };
        let path = dir.join(manual);
        let text = std::fs::read_to_string(&path).or_else(|e| {
            fail(format!(
                "{}: crate[{i}].manual: cannot read {}: {e}",
                config_path.display(),
                path.display()
            ))
        })?;
        out.insert(krate.name.clone(), text);
    }
    Ok(out)
}

/// The spec to generate from: `spec`, or the pinned one (that of `--all`
/// when `all`), with a line naming its source when it is pinned.
pub fn spec_path(
    root: &Path,
    spec: Option<&Path>,
    all: bool,
) -> Result<(PathBuf, Option<String>), TaskError> {
    if let Some(path) = spec {
        return Ok((path.to_path_buf(), None));
    }
    let pins = Pins::load(root)?;
    let (pin, what) = if all {
        (pins.whole_spec(), "for `generate --all`")
    } else {
        (pins.current(), "the crates in generated/ come from")
    };
    Ok((pin.installed(root, what)?, Some(pin.source())))
}

/// Reads the spec to generate from (see [`spec_path`]).
pub fn read_spec(
    root: &Path,
    spec: Option<&Path>,
    all: bool,
) -> Result<(String, PathBuf), TaskError> {
    let (path, _) = spec_path(root, spec, all)?;
    let text = crate::read_spec_file(&path)?;
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
    let runtime = root.join("codegen/types");
    let runtime_path = if out == default_out {
        "../../codegen/types".to_string()
    } else {
        let abs = runtime.canonicalize().unwrap_or(runtime);
        abs.to_string_lossy().replace('\\', "/")
    };
    let (spec_path, source) = spec_path(root, options.spec.as_deref(), options.all)?;
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
        source,
        manuals: manuals(&config, &config_path)?,
    };
    let spec = crate::read_spec_file(&spec_path)?;
    let mut generated = stripe_codegen::generate_crates(&spec, &config, &layout)
        .map_err(|e| crate::placed(e, &spec_path, Some(&config_path)))?;
    if let Some(changelog) = changelog_file(root, options, &config, &out)? {
        generated.files.push(changelog);
    }
    let drift = if options.check {
        drift(&out, &generated.files)
            .or_else(|e| fail(format!("cannot read what is in {}: {e}", out.display())))?
            .lines()
    } else {
        replace_tree(&out, &generated.files)
            .or_else(|e| fail(format!("{e} ({} was left as it was)", out.display())))?;
        Vec::new()
    };
    Ok(Outcome {
        generated,
        drift,
        out,
    })
}

/// The changelog beside the crates: written from the pins when they come
/// from the pinned spec, carried over as it is when `--spec` names another
/// file, none for `--all`.
fn changelog_file(
    root: &Path,
    options: &Options,
    config: &Config,
    out: &Path,
) -> Result<Option<File>, TaskError> {
    if options.all {
        return Ok(None);
    }
    let existing = std::fs::read_to_string(out.join(changelog::FILE)).ok();
    let contents = if options.spec.is_some() {
        match existing {
            Some(text) => text,
            None => return Ok(None),
        }
    } else {
        changelog::build(root, &Pins::load(root)?, config, existing.as_deref())?
    };
    Ok(Some(File {
        path: changelog::FILE.to_string(),
        contents,
    }))
}
