//! `spec/pin.toml`: which spec the checked-in crates come from.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::{fail, TaskError};

/// The pinned spec.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Pin {
    /// Stripe API version (`info.version`).
    pub api_version: String,
    /// GitHub repository it comes from.
    pub repository: String,
    /// Commit of that repository.
    pub commit: String,
    /// Path of the file in the repository.
    pub path: String,
    /// Where to download it.
    pub url: String,
    /// SHA-256 of the file, lowercase hex.
    pub sha256: String,
}

impl Pin {
    /// Reads `spec/pin.toml` under `root`.
    pub fn load(root: &Path) -> Result<Pin, TaskError> {
        let path = root.join("spec/pin.toml");
        let text = std::fs::read_to_string(&path)
            .or_else(|e| fail(format!("cannot read {}: {e}", path.display())))?;
        toml::from_str(&text)
            .or_else(|e| fail(format!("{} is not a valid pin: {e}", path.display())))
    }

    /// Where the installed copy lives.
    pub fn cache_path(&self, root: &Path) -> PathBuf {
        root.join("spec/cache")
            .join(format!("spec3.{}.json", self.api_version))
    }
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The pinned spec's text, if it is installed.
pub fn pinned_spec(root: &Path) -> Result<(Pin, PathBuf), TaskError> {
    let pin = Pin::load(root)?;
    let path = pin.cache_path(root);
    if !path.is_file() {
        return fail(format!(
            "the pinned spec (API version {}) is not installed at {}: run `cargo xtask fetch-spec` \
             (or `cargo xtask fetch-spec --from PATH` with a local copy)",
            pin.api_version,
            path.display()
        ));
    }
    Ok((pin, path))
}
