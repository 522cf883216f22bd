//! Files -> disk, all or nothing.
//!
//! Takes the formatted [`File`]s and the output folder; gives the folder
//! replaced by exactly those files (staged beside it and swapped in, so a
//! failure or a killed run leaves the old tree), what killed runs left
//! behind cleaned up, or the [`Drift`] between the folder and the files
//! (`generate --check`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::File;
use crate::error::Error;

/// How a tree on disk differs from the files that would be written.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files whose contents would change.
    pub changed: Vec<String>,
    /// Files that would be created.
    pub added: Vec<String>,
    /// Files that would be deleted.
    pub removed: Vec<String>,
}

impl Drift {
    /// Whether the tree is up to date.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }

    /// One line per file: `changed: path`, `added: path`, `removed: path`.
    pub fn lines(&self) -> Vec<String> {
        let tagged =
            |tag: &str, v: &[String]| v.iter().map(|p| format!("{tag}: {p}")).collect::<Vec<_>>();
        [
            tagged("changed", &self.changed),
            tagged("added", &self.added),
            tagged("removed", &self.removed),
        ]
        .concat()
    }
}

/// `result`, its error tied to the file or folder it is about.
fn at<T>(path: &Path, result: io::Result<T>) -> Result<T, Error> {
    result.map_err(|e| Error::io(path.display().to_string(), &e))
}

fn list(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), Error> {
    for entry in at(dir, fs::read_dir(dir))? {
        let entry = at(dir, entry)?;
        let path = entry.path();
        if at(&path, entry.file_type())?.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            list(root, &path, out)?;
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// Compares `files` with what is under `root` (which may not exist).
pub fn drift(root: &Path, files: &[File]) -> Result<Drift, Error> {
    let mut on_disk = Vec::new();
    if root.exists() {
        list(root, root, &mut on_disk)?;
    }
    on_disk.sort();
    let mut drift = Drift::default();
    for file in files {
        let path = root.join(&file.path);
        match fs::read(&path) {
            Ok(bytes) if bytes == file.contents.as_bytes() => {}
            Ok(_) => drift.changed.push(file.path.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => drift.added.push(file.path.clone()),
            Err(e) => return Err(Error::io(path.display().to_string(), &e)),
        }
    }
    for path in on_disk {
        if !files.iter().any(|f| f.path == path) {
            drift.removed.push(path);
        }
    }
    Ok(drift)
}

/// Replaces the directory `root` with exactly `files`. Everything is
/// written to a sibling directory first and swapped in (on Linux with one
/// atomic exchange), so `root` is at every moment the old tree or the new
/// one: a failure, or the process killed, leaves it as it was. What a
/// killed run leaves beside it (`.NAME.new-PID`) the next run removes.
pub fn replace_tree(root: &Path, files: &[File]) -> Result<(), Error> {
    let parent = root
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    at(parent, fs::create_dir_all(parent))?;
    let name = root
        .file_name()
        .ok_or_else(|| {
            let e = io::Error::new(io::ErrorKind::InvalidInput, "the output folder has no name");
            Error::io(root.display().to_string(), &e)
        })?
        .to_string_lossy()
        .into_owned();
    recover(root, parent, &name)?;
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let backup = parent.join(format!(".{name}.old-{}", std::process::id()));
    let result = write_all(&staging, files).and_then(|()| swap(root, &staging, &backup));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

/// Cleans up after runs that were killed: their half-written `.NAME.new-*`
/// folders go; a `.NAME.old-*` folder comes back as `root` if `root` is
/// missing (killed between the two renames where there is no atomic
/// exchange), else goes. Folders of a run still going are left alone.
fn recover(root: &Path, parent: &Path, name: &str) -> Result<(), Error> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let (new, old) = (format!(".{name}.new-"), format!(".{name}.old-"));
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file_name
            .strip_prefix(&new)
            .or_else(|| file_name.strip_prefix(&old))
        else {
            continue;
        };
        if running(pid) {
            continue;
        }
        let path = entry.path();
        if file_name.starts_with(&old) && !root.exists() {
            at(root, fs::rename(&path, root))?;
        } else {
            at(&path, fs::remove_dir_all(&path))?;
        }
    }
    Ok(())
}

/// Whether `pid` (a folder's suffix) is a process still running, other
/// than this one; without `/proc`, any other process counts as gone.
fn running(pid: &str) -> bool {
    pid != std::process::id().to_string() && Path::new("/proc").join(pid).exists()
}

fn write_all(dir: &Path, files: &[File]) -> Result<(), Error> {
    if dir.exists() {
        at(dir, fs::remove_dir_all(dir))?;
    }
    for file in files {
        let path: PathBuf = dir.join(&file.path);
        if let Some(p) = path.parent() {
            at(p, fs::create_dir_all(p))?;
        }
        at(&path, fs::write(&path, &file.contents))?;
    }
    at(dir, fs::create_dir_all(dir))
}

/// Puts `staging` where `root` is; the old tree is deleted.
fn swap(root: &Path, staging: &Path, backup: &Path) -> Result<(), Error> {
    if !root.exists() {
        return at(root, fs::rename(staging, root));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        // One step: `root` is the new tree, `staging` the old one.
        if renameat_with(CWD, staging, CWD, root, RenameFlags::EXCHANGE).is_ok() {
            let _ = fs::remove_dir_all(staging);
            return Ok(());
        }
        // A file system without RENAME_EXCHANGE: two renames, as elsewhere.
    }
    at(root, fs::rename(root, backup))?;
    if let Err(e) = fs::rename(staging, root) {
        let _ = fs::rename(backup, root);
        return Err(Error::io(root.display().to_string(), &e));
    }
    let _ = fs::remove_dir_all(backup);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> File {
        File {
            path: path.into(),
            contents: contents.into(),
        }
    }

    #[test]
    fn a_failed_write_names_the_path_and_leaves_nothing() {
        let tmp = std::env::temp_dir().join(format!("stripe-codegen-io-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir_all(&tmp).unwrap();
        // A file where the output folder's parent should be.
        let blocker = tmp.join("not-a-folder");
        fs::write(&blocker, "x").unwrap();
        let e = replace_tree(&blocker.join("generated"), &[file("a/src/lib.rs", "x")]).unwrap_err();
        assert!(
            matches!(e.kind, crate::error::ErrorKind::Io { .. }),
            "{e:?}"
        );
        assert!(
            e.to_string()
                .starts_with(&format!("{}: ", blocker.display())),
            "{e}"
        );
        let names: Vec<_> = fs::read_dir(&tmp)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["not-a-folder"]);
        fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn what_killed_runs_left_is_cleaned_up_or_restored() {
        let tmp = std::env::temp_dir().join(format!("stripe-codegen-kill-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        let root = tmp.join("generated");
        // A run killed mid-write, and one killed between the two renames
        // (the old tree moved aside, the new one not yet in place); no
        // process has these ids.
        let dead = u32::MAX - 1;
        write_all(
            &tmp.join(format!(".generated.new-{dead}")),
            &[file("half", "x")],
        )
        .unwrap();
        write_all(
            &tmp.join(format!(".generated.old-{}", dead - 1)),
            &[file("old", "o")],
        )
        .unwrap();
        recover(&root, &tmp, "generated").unwrap();
        assert_eq!(fs::read_to_string(root.join("old")).unwrap(), "o");
        replace_tree(&root, &[file("new", "n")]).unwrap();
        assert!(drift(&root, &[file("new", "n")]).unwrap().is_empty());
        let names: Vec<_> = fs::read_dir(&tmp)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["generated"]);
        fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn replaces_a_tree_and_reports_drift() {
        let tmp =
            std::env::temp_dir().join(format!("stripe-codegen-output-{}", std::process::id()));
        let root = tmp.join("generated");
        let _ = fs::remove_dir_all(&tmp);
        let v1 = [file("a/Cargo.toml", "1"), file("a/src/lib.rs", "x")];
        assert_eq!(drift(&root, &v1).unwrap().added.len(), 2);
        replace_tree(&root, &v1).unwrap();
        assert!(drift(&root, &v1).unwrap().is_empty());
        let v2 = [file("a/Cargo.toml", "2"), file("b/src/lib.rs", "y")];
        let d = drift(&root, &v2).unwrap();
        assert_eq!(
            d.lines(),
            [
                "changed: a/Cargo.toml",
                "added: b/src/lib.rs",
                "removed: a/src/lib.rs"
            ]
        );
        replace_tree(&root, &v2).unwrap();
        assert!(drift(&root, &v2).unwrap().is_empty());
        assert!(!root.join("a/src/lib.rs").exists());
        let leftovers: Vec<_> = fs::read_dir(&tmp)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["generated"]);
        fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_the_old_tree_alone() {
        let tmp = std::env::temp_dir().join(format!("stripe-codegen-fail-{}", std::process::id()));
        let root = tmp.join("generated");
        let _ = fs::remove_dir_all(&tmp);
        replace_tree(&root, &[file("a/src/lib.rs", "old")]).unwrap();
        // A file and a directory at the same path cannot both be written.
        let bad = [file("a/x", "1"), file("a/x/y", "2")];
        assert!(replace_tree(&root, &bad).is_err());
        assert_eq!(
            fs::read_to_string(root.join("a/src/lib.rs")).unwrap(),
            "old"
        );
        let leftovers: Vec<_> = fs::read_dir(&tmp)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["generated"]);
        fs::remove_dir_all(&tmp).unwrap();
    }
}
