//! `spec/pins.toml`: the Stripe specs this repository generates from, each
//! pinned by API version, source and hash, and which one each output uses.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha1::Sha1;
use sha2::{Digest, Sha256};

use crate::{fail, TaskError};

/// Where pins live, relative to the repository root.
pub const PINS_FILE: &str = "spec/pins.toml";

/// The pin file.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Pins {
    /// The API versions the crates under `generated/` were generated from,
    /// oldest first; the last is the current one. Each step is a section of
    /// `generated/CHANGELOG.md`.
    pub generated: Vec<String>,
    /// The API version of `generate --all`, the whole-spec tests and the
    /// benchmarks.
    pub all: String,
    /// Every pinned spec.
    #[serde(rename = "pin")]
    pub pins: Vec<Pin>,
}

/// One pinned spec.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Pin {
    /// Stripe API version (`info.version`); names the pin.
    pub api_version: String,
    /// Repository it comes from, such as `stripe/openapi`.
    pub repository: String,
    /// Commit of that repository.
    pub commit: String,
    /// Path of the file in the repository.
    pub path: String,
    /// Git blob id of that whole file (`git hash-object`), checked on
    /// download and when a whole file is installed with `--from`.
    pub blob: String,
    /// SHA-256 of the installed file (the excerpt, if the pin has one),
    /// lowercase hex. `None` for a pin being added: `fetch-spec` prints it.
    pub sha256: Option<String>,
    /// Install only this part of the file.
    pub excerpt: Option<Excerpt>,
}

/// The part of a spec file to install.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Excerpt {
    /// Paths to keep (`*` matches any run of characters).
    pub paths: Vec<String>,
    /// Component schemas to keep (`*` matches any run of characters).
    pub schemas: Vec<String>,
}

impl Pins {
    /// Reads `spec/pins.toml` under `root`.
    pub fn load(root: &Path) -> Result<Pins, TaskError> {
        let path = root.join(PINS_FILE);
        let text = std::fs::read_to_string(&path)
            .or_else(|e| fail(format!("cannot read {}: {e}", path.display())))?;
        let pins: Pins = toml::from_str(&text)
            .or_else(|e| fail(format!("{} is not a valid pin file: {e}", path.display())))?;
        pins.validate()
            .map_err(|e| TaskError(format!("{}: {}", path.display(), e.0)))?;
        Ok(pins)
    }

    fn validate(&self) -> Result<(), TaskError> {
        for (i, pin) in self.pins.iter().enumerate() {
            if self.pins[..i]
                .iter()
                .any(|p| p.api_version == pin.api_version)
            {
                return fail(format!("API version {} is pinned twice", pin.api_version));
            }
            // The version names a file in spec/cache/.
            let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
            if pin.api_version.is_empty() || !pin.api_version.chars().all(plain) {
                return fail(format!(
                    "`api_version = {:?}` is not an API version such as \"2026-07-29.dahlia\"",
                    pin.api_version
                ));
            }
            let hex = |s: &str, len: usize| {
                s.len() == len && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
            };
            if !hex(&pin.blob, 40) {
                return fail(format!(
                    "pin {}: `blob` must be a git blob id (40 lowercase hex digits), found {:?}",
                    pin.api_version, pin.blob
                ));
            }
            if let Some(sha) = &pin.sha256 {
                if !hex(sha, 64) {
                    return fail(format!(
                        "pin {}: `sha256` must be 64 lowercase hex digits, found {sha:?}",
                        pin.api_version
                    ));
                }
            }
        }
        if self.generated.is_empty() {
            return fail("`generated` names no API version");
        }
        for version in self.generated.iter().chain([&self.all]) {
            self.pin(version)?;
        }
        Ok(())
    }

    /// The pin of `api_version`.
    pub fn pin(&self, api_version: &str) -> Result<&Pin, TaskError> {
        self.pins
            .iter()
            .find(|p| p.api_version == api_version)
            .ok_or_else(|| {
                TaskError(format!(
                    "{PINS_FILE} has no `[[pin]]` with `api_version = \"{api_version}\"`"
                ))
            })
    }

    /// The pin the crates under `generated/` come from.
    pub fn current(&self) -> &Pin {
        let version = self.generated.last().expect("validated: not empty");
        self.pin(version).expect("validated: pinned")
    }

    /// The pin of `generate --all`.
    pub fn whole_spec(&self) -> &Pin {
        self.pin(&self.all).expect("validated: pinned")
    }
}

impl Pin {
    /// Where the installed copy lives.
    pub fn cache_path(&self, root: &Path) -> PathBuf {
        root.join("spec/cache")
            .join(format!("spec3.{}.json", self.api_version))
    }

    /// Where to download the whole file from, under `mirror` (a base URL
    /// such as `https://raw.githubusercontent.com`).
    pub fn url(&self, mirror: &str) -> String {
        format!(
            "{}/{}/{}/{}",
            mirror.trim_end_matches('/'),
            self.repository,
            self.commit,
            self.path
        )
    }

    /// Where to read the pinned file on the web, for generated docs and
    /// metadata.
    pub fn source(&self) -> String {
        format!(
            "https://github.com/{}/blob/{}/{}",
            self.repository, self.commit, self.path
        )
    }

    /// The installed spec's path, or an error saying how to install it.
    pub fn installed(&self, root: &Path, what: &str) -> Result<PathBuf, TaskError> {
        let path = self.cache_path(root);
        if path.is_file() {
            return Ok(path);
        }
        fail(format!(
            "the spec {what} (API version {}) is not installed at {}: run `cargo xtask fetch-spec` \
             to download it, or `cargo xtask fetch-spec --from PATH` with a local copy \
             (a file or a folder of files)",
            self.api_version,
            path.display()
        ))
    }
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The git blob id of a file with these contents (what `git hash-object`
/// prints): SHA-1 of `blob <length>\0` and the contents.
pub fn git_blob_id(bytes: &[u8]) -> String {
    let mut hasher = Sha1::new();
    hasher.update(format!("blob {}\0", bytes.len()).as_bytes());
    hasher.update(bytes);
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blob_ids_are_gits() {
        // `printf 'hello\n' | git hash-object --stdin`
        assert_eq!(
            git_blob_id(b"hello\n"),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
        assert_eq!(git_blob_id(b""), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    }
}
