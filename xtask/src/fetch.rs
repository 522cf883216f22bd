//! `cargo xtask fetch-spec [--from PATH]... [--pin VERSION]`: install pinned
//! specs into `spec/cache/`, each checked against its pin, all or nothing.
//!
//! A file is taken for a pin when its sha256 is the pin's (the installed
//! form: the excerpt, for a pin that has one), or when its git blob id is
//! the pin's `blob` (the whole file at the pinned commit, as a download
//! gives it): then the pin's excerpt is cut from it, and its sha256 must
//! still match.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::excerpt;
use crate::pin::{git_blob_id, sha256_hex, Pin, Pins, PINS_FILE};
use crate::{fail, TaskError};

/// Where `fetch-spec` downloads from unless told otherwise.
pub const DEFAULT_MIRROR: &str = "https://raw.githubusercontent.com";

/// What to install.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Install from these local files (or every file in these folders)
    /// instead of downloading.
    pub from: Vec<PathBuf>,
    /// Only this pin (an API version); every pin when `None`.
    pub pin: Option<String>,
    /// Download from here instead of [`DEFAULT_MIRROR`].
    pub mirror: Option<String>,
}

/// Installs pinned specs; returns one line per thing done.
pub fn fetch_spec(root: &Path, options: &Options) -> Result<Vec<String>, TaskError> {
    let pins = Pins::load(root)?;
    let wanted: Vec<&Pin> = match &options.pin {
        Some(version) => vec![pins.pin(version)?],
        None => pins.pins.iter().collect(),
    };
    if options.from.is_empty() {
        let mirror = options.mirror.as_deref().unwrap_or(DEFAULT_MIRROR);
        let mut lines = Vec::new();
        for pin in wanted {
            lines.extend(download_pin(root, pin, mirror)?);
        }
        return Ok(lines);
    }
    let mut lines = Vec::new();
    let mut installed = Vec::new();
    for from in &options.from {
        if from.is_dir() {
            for file in json_files(from)? {
                let bytes = read(&file)?;
                match matching_pin(&wanted, &bytes) {
                    Some(found) => {
                        lines.extend(install(root, found, &bytes, &file.display().to_string())?);
                        installed.push(found.pin.api_version.clone());
                    }
                    None => lines.push(format!("skipped {}: it matches no pin", file.display())),
                }
            }
        } else {
            let bytes = read(from)?;
            let Some(found) = matching_pin(&wanted, &bytes) else {
                return fail(no_pin_matches(from, &bytes, &wanted));
            };
            lines.extend(install(root, found, &bytes, &from.display().to_string())?);
            installed.push(found.pin.api_version.clone());
        }
    }
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|p| !installed.contains(&p.api_version) && !p.cache_path(root).is_file())
        .map(|p| p.api_version.as_str())
        .collect();
    if !missing.is_empty() {
        lines.push(format!(
            "not installed (no file given matches their pins): {}",
            missing.join(", ")
        ));
    }
    if installed.is_empty() {
        return fail(format!(
            "none of {} matches a pin in {PINS_FILE}; nothing was installed",
            options
                .from
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(lines)
}

/// How a file matches a pin.
#[derive(Clone, Copy)]
struct Found<'p> {
    pin: &'p Pin,
    /// The whole file at the pinned commit (its blob id matches), not the
    /// installed form.
    whole: bool,
}

fn matching_pin<'p>(pins: &[&'p Pin], bytes: &[u8]) -> Option<Found<'p>> {
    let sha = sha256_hex(bytes);
    if let Some(pin) = pins.iter().find(|p| p.sha256.as_deref() == Some(&sha)) {
        return Some(Found { pin, whole: false });
    }
    let blob = git_blob_id(bytes);
    pins.iter()
        .find(|p| p.blob == blob)
        .map(|pin| Found { pin, whole: true })
}

fn no_pin_matches(path: &Path, bytes: &[u8], pins: &[&Pin]) -> String {
    let known: Vec<String> = pins
        .iter()
        .map(|p| {
            format!(
                "{} (sha256 {}, blob {})",
                p.api_version,
                p.sha256.as_deref().unwrap_or("not set"),
                p.blob
            )
        })
        .collect();
    format!(
        "{} has sha256 {} and git blob id {}, which match no pin in {PINS_FILE}: {}; \
         nothing was installed",
        path.display(),
        sha256_hex(bytes),
        git_blob_id(bytes),
        known.join("; ")
    )
}

/// Checks `bytes` against the pin it matched, cuts the excerpt if they are
/// the whole file, and installs the result.
fn install(
    root: &Path,
    found: Found<'_>,
    bytes: &[u8],
    source: &str,
) -> Result<Vec<String>, TaskError> {
    let pin = found.pin;
    let installed = if found.whole {
        installed_form(pin, bytes, source)?
    } else {
        bytes.to_vec()
    };
    let sha = sha256_hex(&installed);
    let mut lines = Vec::new();
    match &pin.sha256 {
        Some(expected) if *expected != sha => {
            return fail(format!(
                "the excerpt cut from {source} has sha256 {sha}, but {PINS_FILE} pins {expected} \
                 for API version {}: the file or the excerpt's definition changed; \
                 nothing was installed",
                pin.api_version
            ))
        }
        Some(_) => {}
        None => lines.push(format!(
            "the pin of API version {} has no sha256: add `sha256 = \"{sha}\"` to it in \
             {PINS_FILE}, so that `--from` can install this file",
            pin.api_version
        )),
    }
    check_version(pin, &installed, source)?;
    let target = pin.cache_path(root);
    write_atomically(&target, &installed)?;
    let what = if found.whole && pin.excerpt.is_some() {
        "the excerpt of "
    } else {
        ""
    };
    lines.insert(
        0,
        format!(
            "installed {what}{source} as {} (API version {}, sha256 {sha})",
            target.display(),
            pin.api_version
        ),
    );
    Ok(lines)
}

/// The whole file -> what is installed for `pin`.
fn installed_form(pin: &Pin, whole: &[u8], source: &str) -> Result<Vec<u8>, TaskError> {
    let Some(part) = &pin.excerpt else {
        return Ok(whole.to_vec());
    };
    let text =
        std::str::from_utf8(whole).or_else(|e| fail(format!("{source} is not UTF-8: {e}")))?;
    excerpt::cut(text, part)
        .map(String::into_bytes)
        .map_err(|e| TaskError(format!("{source}: {}", e.0)))
}

/// The file's `info.version` must be the pin's API version.
fn check_version(pin: &Pin, bytes: &[u8], source: &str) -> Result<(), TaskError> {
    #[derive(serde::Deserialize)]
    struct Document {
        info: Info,
    }
    #[derive(serde::Deserialize)]
    struct Info {
        version: String,
    }
    let version = serde_json::from_slice::<Document>(bytes)
        .map(|d| d.info.version)
        .or_else(|e| fail(format!("{source}: no `info.version`: {e}")))?;
    if version != pin.api_version {
        return fail(format!(
            "{source} is API version {version}, but its pin says {}; nothing was installed",
            pin.api_version
        ));
    }
    Ok(())
}

fn download_pin(root: &Path, pin: &Pin, mirror: &str) -> Result<Vec<String>, TaskError> {
    let target = pin.cache_path(root);
    if let (Ok(existing), Some(sha)) = (std::fs::read(&target), &pin.sha256) {
        if sha256_hex(&existing) == *sha {
            return Ok(vec![format!(
                "{} is installed already and matches its pin (API version {})",
                target.display(),
                pin.api_version
            )]);
        }
    }
    let url = pin.url(mirror);
    let bytes = download(&url)?;
    let blob = git_blob_id(&bytes);
    if blob != pin.blob {
        return fail(format!(
            "{url} has git blob id {blob} ({} bytes), but {PINS_FILE} pins {} for API version {}: \
             the download is incomplete or not the pinned file; nothing was installed",
            bytes.len(),
            pin.blob,
            pin.api_version
        ));
    }
    install(root, Found { pin, whole: true }, &bytes, &url)
}

fn download(url: &str) -> Result<Vec<u8>, TaskError> {
    let output = Command::new("curl")
        .args([
            "--fail",
            "--silent",
            "--show-error",
            "--location",
            "--max-time",
            "300",
            url,
        ])
        .output();
    match output {
        Ok(out) if out.status.success() => Ok(out.stdout),
        Ok(out) => fail(format!(
            "could not download {url}: {}; with no network, install a local copy with \
             `cargo xtask fetch-spec --from PATH`",
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(e) => fail(format!(
            "could not run curl to download {url} ({e}); install a local copy with \
             `cargo xtask fetch-spec --from PATH`"
        )),
    }
}

fn read(path: &Path) -> Result<Vec<u8>, TaskError> {
    std::fs::read(path).or_else(|e| fail(format!("cannot read {}: {e}", path.display())))
}

/// The `.json` files directly in `dir`, sorted.
fn json_files(dir: &Path) -> Result<Vec<PathBuf>, TaskError> {
    let entries =
        std::fs::read_dir(dir).or_else(|e| fail(format!("cannot read {}: {e}", dir.display())))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

/// Writes `bytes` to `target` through a temporary file in the same folder
/// and a rename: `target` is either what it was or the whole new file.
fn write_atomically(target: &Path, bytes: &[u8]) -> Result<(), TaskError> {
    use std::io::Write;

    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .or_else(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
    let partial = dir.join(format!(".partial-{}", std::process::id()));
    let write = std::fs::File::create(&partial)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&partial, target));
    if let Err(e) = write {
        let _ = std::fs::remove_file(&partial);
        return fail(format!("cannot write {}: {e}", target.display()));
    }
    Ok(())
}
