//! `cargo xtask diff OLD NEW [--config PATH | --all] [--json]`: what changed
//! in the generated types between two spec files.

use std::path::Path;

use stripe_codegen::diff::{diff_all, diff_specs, Diff};
use stripe_codegen::Config;

use crate::{read_spec_file, TaskError};

/// Which types to compare.
pub enum Scope<'c> {
    /// Those generated with this configuration (its roots and what they
    /// reference): what the crates gain and lose.
    Config(&'c Config),
    /// Every schema of both specs (whole spec files only).
    All,
}

/// Reads both specs and compares the types they give.
pub fn run(old: &Path, new: &Path, scope: &Scope<'_>) -> Result<Diff, TaskError> {
    let (old_text, new_text) = (read_spec_file(old)?, read_spec_file(new)?);
    let diff = match scope {
        Scope::Config(config) => diff_specs(&old_text, &new_text, config),
        Scope::All => diff_all(&old_text, &new_text),
    };
    diff.map_err(|e| {
        // The error's pointer says where; name the file it is in.
        TaskError(format!("{} or {}: {e}", old.display(), new.display()))
    })
}

/// The diff as `--json` prints it.
pub fn to_json(diff: &Diff) -> String {
    serde_json::to_string_pretty(diff).expect("a diff serializes")
}
