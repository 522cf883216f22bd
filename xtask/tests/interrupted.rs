//! `cargo xtask generate` killed at random moments: the output folder is
//! always the old tree or the new one, whole, and the next run leaves no
//! temporary folder beside it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common;

use common::stripe_openapi_dir;
use xtask::repo_root;

/// Every file under `dir`, relative, with its contents.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn generate(spec: &Path, out: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("generate")
        .arg("--spec")
        .arg(spec)
        .arg("--config")
        .arg(repo_root().join("spec/codegen.toml"))
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn run_to_end(spec: &Path, out: &Path) {
    assert!(generate(spec, out).wait().unwrap().success());
}

#[test]
fn a_killed_generate_leaves_the_old_tree_or_the_new_one() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("interrupted");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    let specs: [PathBuf; 2] = [
        stripe_openapi_dir().join("spec3.2023-08-16.json"),
        stripe_openapi_dir().join("spec3.identity-ops.2026-07-29.dahlia.json"),
    ];
    // The two trees a run can leave.
    let expected: Vec<BTreeMap<String, Vec<u8>>> = specs
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let out = dir.join(format!("reference-{i}"));
            run_to_end(spec, &out);
            tree(&out)
        })
        .collect();
    assert_ne!(expected[0], expected[1]);

    let out = dir.join("out");
    run_to_end(&specs[0], &out);
    // Delays from a fixed sequence (a linear congruential generator), so a
    // failure reproduces; they spread over the whole run (about 20-60 ms).
    let mut state: u64 = 0x5eed;
    let mut killed_while_running = 0;
    for round in 0..40 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = Duration::from_micros((state >> 33) % 60_000);
        let mut child = generate(&specs[(round + 1) % 2], &out);
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed_while_running += 1;
        }
        let _ = child.kill();
        child.wait().unwrap();
        let now = tree(&out);
        assert!(
            now == expected[0] || now == expected[1],
            "round {round} (killed after {delay:?}): {} is neither tree",
            out.display()
        );
    }
    assert!(
        killed_while_running > 10,
        "only {killed_while_running} kills hit a running process"
    );
    // A run that finishes removes what the killed ones left beside it.
    run_to_end(&specs[1], &out);
    assert_eq!(tree(&out), expected[1]);
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["out", "reference-0", "reference-1"]);
}
