//! `cargo xtask diff OLD NEW [--json]`: what changed in the generated types
//! between two spec files.

use std::path::Path;

use stripe_codegen::diff::{diff_specs, Diff};

use crate::{fail, TaskError};

/// Reads both specs and compares the types they give.
pub fn run(old: &Path, new: &Path) -> Result<Diff, TaskError> {
    let read = |path: &Path| {
        std::fs::read_to_string(path)
            .or_else(|e| fail(format!("cannot read spec {}: {e}", path.display())))
    };
    let (old_text, new_text) = (read(old)?, read(new)?);
    diff_specs(&old_text, &new_text).map_err(|e| {
        // The error's pointer says where; name the file it is in.
        TaskError(format!("{} or {}: {e}", old.display(), new.display()))
    })
}

/// The diff as `--json` prints it.
pub fn to_json(diff: &Diff) -> String {
    serde_json::to_string_pretty(diff).expect("a diff serializes")
}
