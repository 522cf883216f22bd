//! The hostile spec's crate, built with cargo: it compiles, lints and
//! documents without warnings, and round-trips every odd name.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use common::hostile::hostile_files;
use stripe_codegen::LayoutOptions;

// ---- The hostile crate, built.

/// Generates the hostile spec into a crate of its own and runs cargo on it:
/// tests (round trips of every odd name, `Debug` redaction) and doctests,
/// clippy with warnings denied, rustdoc with warnings denied; then looks at
/// the HTML. The crate builds into this workspace's target directory, so
/// serde and the runtime are compiled once, not per run (about a minute
/// from a cold cache, a few seconds warm).
#[test]
fn hostile_crate_builds_lints_documents_and_round_trips() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-crate");
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../types")
        .canonicalize()
        .unwrap();
    let layout = LayoutOptions {
        runtime_path: runtime.to_string_lossy().into_owned(),
        command: "cargo test -p stripe-codegen --test hostile_specs".into(),
        config: "spec/codegen.toml".into(),
        workspace: true,
        source: None,
        manuals: Default::default(),
    };
    let files = hostile_files(&layout);
    for file in &files {
        write_if_changed(&dir.join(&file.path), &file.contents);
    }
    // The workspace's dependency versions and profile, so builds are shared.
    let workspace_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let lock = std::fs::read_to_string(workspace_root.join("Cargo.lock")).unwrap();
    write_if_changed(&dir.join("Cargo.lock"), &lock);
    let mut manifest = files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .unwrap()
        .contents
        .clone();
    manifest.push_str("\n[profile.dev.package.\"*\"]\nopt-level = 1\n");
    write_if_changed(&dir.join("Cargo.toml"), &manifest);
    let mut crate_manifest = files
        .iter()
        .find(|f| f.path == "hostile-names/Cargo.toml")
        .unwrap()
        .contents
        .clone();
    crate_manifest.push_str("\n[dev-dependencies]\nserde_json = \"1\"\n");
    write_if_changed(&dir.join("hostile-names/Cargo.toml"), &crate_manifest);
    write_if_changed(
        &dir.join("hostile-names/tests/round_trip.rs"),
        include_str!("hostile_crate/round_trip.rs"),
    );

    let target = target_dir();
    // `--all-features`: the JSON readers and writers of the `json` feature
    // too, on every odd name and union.
    cargo(
        &dir,
        &target,
        &["test", "--offline", "--all-targets", "--all-features"],
        None,
    );
    // Doctests: the doc comments hold code blocks, but none may run.
    let doc = cargo(&dir, &target, &["test", "--offline", "--doc"], None);
    assert!(
        doc.trim_start().starts_with("running 0 tests"),
        "doctests ran:\n{doc}"
    );
    cargo(
        &dir,
        &target,
        &[
            "clippy",
            "--offline",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
        None,
    );
    cargo(
        &dir,
        &target,
        &["doc", "--offline", "--no-deps", "--all-features"],
        Some("-D warnings"),
    );

    // The rendered pages: no script or image made it through as HTML.
    let mut html = String::new();
    collect_html(&target.join("doc/hostile_names"), &mut html);
    assert!(html.contains("alert(1)"), "the docs were not rendered");
    for forbidden in [
        "<script>alert",
        "<img src=x",
        "<!-- c",
        "href=\"javascript:",
        "href=\"data:",
    ] {
        assert!(
            !html.contains(forbidden),
            "`{forbidden}` in the rendered docs"
        );
    }
    // The deserialization plumbing is not part of the documented API.
    assert!(html.contains("impl-Deserialize"), "trait impls are listed");
    assert!(
        !html.contains("impl-Nest"),
        "`impl Nest` in the rendered docs"
    );
}

fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return;
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// This workspace's target directory: the test binary is `target/debug/deps/NAME`.
fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).unwrap().to_path_buf()
}

/// Runs cargo in `dir`; fails the test with cargo's output if cargo fails.
fn cargo(dir: &Path, target: &Path, args: &[&str], rustdocflags: Option<&str>) -> String {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("RUSTDOCFLAGS");
    if let Some(flags) = rustdocflags {
        command.env("RUSTDOCFLAGS", flags);
    }
    let output = command.output().expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo {} failed in {}:\n{stdout}\n{stderr}",
        args.join(" "),
        dir.display()
    );
    stdout
}

fn collect_html(dir: &Path, out: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_html(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
}
