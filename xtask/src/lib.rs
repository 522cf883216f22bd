//! The tasks behind `cargo xtask`: a thin layer of files and flags over
//! `stripe-codegen`.
#![forbid(unsafe_code)]

pub mod changelog;
pub mod diff;
pub mod excerpt;
pub mod fetch;
pub mod generate;
pub mod pin;

use std::path::{Path, PathBuf};

/// The repository root (the workspace this xtask belongs to).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// A task failure: one line for the user, saying what to do.
#[derive(Debug)]
pub struct TaskError(pub String);

impl std::fmt::Display for TaskError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TaskError {}

/// A generator error as one line that names its file: the spec's for an
/// error at a JSON pointer, the configuration's for one about a key.
pub fn placed(e: stripe_codegen::Error, spec: &Path, config: Option<&Path>) -> TaskError {
    use stripe_codegen::error::ErrorKind;
    match (&e.kind, config) {
        (ErrorKind::Spec { .. }, _) => TaskError(format!("{}: {e}", spec.display())),
        (ErrorKind::Config { file: None, .. }, Some(config)) => {
            TaskError(e.in_file(config.display().to_string()).to_string())
        }
        _ => TaskError(e.to_string()),
    }
}

/// Reads a spec file.
pub fn read_spec_file(path: &Path) -> Result<String, TaskError> {
    std::fs::read_to_string(path)
        .or_else(|e| fail(format!("cannot read spec {}: {e}", path.display())))
}

/// Shorthand for building a [`TaskError`].
pub fn fail<T>(message: impl Into<String>) -> Result<T, TaskError> {
    Err(TaskError(message.into()))
}
