//! `cargo xtask fetch-spec [--from PATH]`: install the pinned spec into
//! `spec/cache/`, hash checked, all or nothing.

use std::path::Path;
use std::process::Command;

use crate::pin::{sha256_hex, Pin};
use crate::{fail, TaskError};

/// Installs the pinned spec from `from` (a local file) or by download.
/// Returns a line saying what was done.
pub fn fetch_spec(root: &Path, from: Option<&Path>) -> Result<String, TaskError> {
    let pin = Pin::load(root)?;
    let target = pin.cache_path(root);
    let bytes = match from {
        Some(path) => std::fs::read(path).or_else(|e| {
            fail(format!(
                "cannot read {}: {e}; give the path of a copy of {} at commit {}",
                path.display(),
                pin.path,
                pin.commit
            ))
        })?,
        None => {
            if let Ok(existing) = std::fs::read(&target) {
                if sha256_hex(&existing) == pin.sha256 {
                    return Ok(format!(
                        "{} is already installed and matches the pin",
                        target.display()
                    ));
                }
            }
            download(&pin)?
        }
    };
    let source = from.map_or_else(|| pin.url.clone(), |p| p.display().to_string());
    let actual = sha256_hex(&bytes);
    if actual != pin.sha256 {
        return fail(format!(
            "{source} has sha256 {actual}, but spec/pin.toml pins {}: it is not the pinned spec \
             (API version {}); nothing was installed",
            pin.sha256, pin.api_version
        ));
    }
    let dir = target.parent().unwrap_or(root);
    std::fs::create_dir_all(dir)
        .or_else(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
    let partial = dir.join(format!(".partial-{}", std::process::id()));
    let write = std::fs::write(&partial, &bytes).and_then(|()| std::fs::rename(&partial, &target));
    if let Err(e) = write {
        let _ = std::fs::remove_file(&partial);
        return fail(format!("cannot write {}: {e}", target.display()));
    }
    Ok(format!(
        "installed {source} as {} (sha256 {actual}, API version {})",
        target.display(),
        pin.api_version
    ))
}

fn download(pin: &Pin) -> Result<Vec<u8>, TaskError> {
    let output = Command::new("curl")
        .args([
            "--fail",
            "--silent",
            "--show-error",
            "--location",
            "--max-time",
            "120",
            &pin.url,
        ])
        .output();
    match output {
        Ok(out) if out.status.success() => Ok(out.stdout),
        Ok(out) => fail(format!(
            "could not download {}: {}; with no network, install a local copy with \
             `cargo xtask fetch-spec --from PATH`",
            pin.url,
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(e) => fail(format!(
            "could not run curl to download {} ({e}); install a local copy with \
             `cargo xtask fetch-spec --from PATH`",
            pin.url
        )),
    }
}
