//! The checked-in crates against what the generator emits from the pinned
//! spec.

use xtask::generate::{load_config, read_spec, run, Options};
use xtask::repo_root;

#[test]
fn checked_in_crates_are_what_the_generator_emits() {
    let root = repo_root();
    let outcome = run(
        &root,
        &Options {
            check: true,
            ..Options::default()
        },
    )
    .expect("generates");
    assert!(
        outcome.drift.is_empty(),
        "generated/ is out of date; run `cargo xtask generate`:\n{}",
        outcome.drift.join("\n")
    );
    assert_eq!(outcome.generated.spec_version, "2026-07-29.dahlia");
    assert!(
        outcome.generated.degraded.is_empty(),
        "{:?}",
        outcome.generated.degraded
    );
    let paths: Vec<&str> = outcome
        .generated
        .files
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    for expected in [
        "stripe-identity/src/identity_verification_session.rs",
        "stripe-gelato/src/gelato_verified_outputs.rs",
        "stripe-shared/src/address.rs",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
}

#[test]
fn headers_name_the_configuration_the_crates_come_from() {
    let root = repo_root();
    let header = |config: Option<std::path::PathBuf>| {
        let outcome = run(
            &root,
            &Options {
                check: true,
                config,
                out: Some(root.join("target/headers-test")),
                ..Options::default()
            },
        )
        .expect("generates");
        let file = &outcome.generated.files[0];
        assert_eq!(file.path, "rustfmt.toml");
        file.contents.lines().nth(1).unwrap().to_string()
    };
    assert_eq!(
        header(None),
        "# Do not edit: change the generator or spec/codegen.toml and generate again."
    );
    // Inside the repository, a configuration is named from its root;
    // outside it, by its whole path.
    // A copy without the manual, whose path is relative to spec/.
    let config: String = std::fs::read_to_string(root.join("spec/codegen.toml"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("manual = "))
        .map(|l| format!("{l}\n"))
        .collect();
    let inside = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("my codegen.toml");
    std::fs::write(&inside, &config).unwrap();
    let relative = inside.strip_prefix(&root).unwrap().display().to_string();
    assert_eq!(
        header(Some(inside)),
        format!("# Do not edit: change the generator or {relative} and generate again.")
    );
    let outside = std::env::temp_dir().join(format!("codegen-{}.toml", std::process::id()));
    std::fs::write(&outside, &config).unwrap();
    let named = header(Some(outside.clone()));
    std::fs::remove_file(&outside).unwrap();
    assert_eq!(
        named,
        format!(
            "# Do not edit: change the generator or {} and generate again.",
            outside.display()
        )
    );
}

#[test]
fn the_same_spec_gives_byte_identical_files() {
    let root = repo_root();
    let config = load_config(&root.join("spec/codegen.toml")).unwrap();
    let (spec, _) = read_spec(&root, None, false).unwrap();
    let options = stripe_codegen::LayoutOptions {
        runtime_path: "../../codegen/types".into(),
        command: "cargo xtask generate".into(),
        config: "spec/codegen.toml".into(),
        workspace: false,
        source: None,
        manuals: Default::default(),
    };
    let first = stripe_codegen::generate_crates(&spec, &config, &options)
        .unwrap()
        .files;
    let second = stripe_codegen::generate_crates(&spec, &config, &options)
        .unwrap()
        .files;
    assert_eq!(first, second);
}

/// A copy of `generated/` in a scratch folder, to be checked against.
fn copy_of_generated(name: &str) -> std::path::PathBuf {
    let to = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    if to.exists() {
        std::fs::remove_dir_all(&to).unwrap();
    }
    let from = repo_root().join("generated");
    let mut stack = vec![from.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.strip_prefix(&from).unwrap());
            if path.is_dir() {
                stack.push(path);
            } else {
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }
    to
}

#[test]
fn check_fails_when_the_changelog_is_stale() {
    let root = repo_root();
    let out = copy_of_generated("stale-changelog");
    let check = || {
        run(
            &root,
            &Options {
                check: true,
                out: Some(out.clone()),
                ..Options::default()
            },
        )
        .expect("generates")
        .drift
    };
    let mentions_changelog = |drift: &[String]| drift.iter().any(|l| l.contains("CHANGELOG.md"));
    assert!(!mentions_changelog(&check()), "{:?}", check());
    let path = out.join("CHANGELOG.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("- added field `client_reference_id`", "- added field `x`"),
    )
    .unwrap();
    assert!(mentions_changelog(&check()), "{:?}", check());
    // An older section is history: kept as it was written, not checked.
    std::fs::write(
        &path,
        text.replace(
            "The first API version these crates were generated from.",
            "Edited by hand.",
        ),
    )
    .unwrap();
    assert!(!mentions_changelog(&check()), "{:?}", check());
}

#[test]
fn every_generated_crate_can_be_packaged() {
    let root = repo_root();
    for krate in ["stripe-identity", "stripe-gelato", "stripe-shared"] {
        let output = std::process::Command::new(env!("CARGO"))
            .args([
                "package",
                "--list",
                "--allow-dirty",
                "--offline",
                "-p",
                krate,
            ])
            .current_dir(&root)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{krate}: {stderr}");
        assert!(
            stdout.lines().any(|l| l == "src/lib.rs"),
            "{krate}: {stdout}"
        );
        // License, description and repository are set: cargo warns of none.
        assert!(!stderr.contains("warning"), "{krate}: {stderr}");
        let manifest =
            std::fs::read_to_string(root.join("generated").join(krate).join("Cargo.toml")).unwrap();
        assert!(
            manifest.contains("\nversion = \"4.20260729.0\"\n"),
            "{manifest}"
        );
        assert!(
            manifest.contains("\n[package.metadata.stripe]\napi-version = \"2026-07-29.dahlia\"\n"),
            "{manifest}"
        );
        let lib =
            std::fs::read_to_string(root.join("generated").join(krate).join("src/lib.rs")).unwrap();
        assert!(
            lib.contains("//! Generated from Stripe API version `2026-07-29.dahlia`, crate version 4.20260729.0.\n"),
            "{lib}"
        );
        assert!(lib.contains("//! The spec: <https://github.com/stripe/openapi/blob/f6c2a48fbac2819d1feba8143d942ffc65e1c0d2/openapi/spec3.json>.\n"), "{lib}");
    }
}

/// Every `.rs` file under `generated/`, with its path.
fn generated_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![repo_root().join("generated")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn doc_paragraphs_are_rewrapped_as_prose() {
    // A doc line under 30 characters is the end of a paragraph, never a
    // stray word left by the spec's hard line breaks.
    let starts_block = |text: &str| {
        text.starts_with(['-', '*', '+', '#', '|', '>'])
            || text.starts_with("```")
            || text
                .split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
    };
    let mut short = Vec::new();
    let mut lines_seen = 0;
    for (path, text) in generated_sources() {
        let docs: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .filter_map(|(i, l)| {
                let l = l.trim_start();
                l.strip_prefix("///")
                    .or_else(|| l.strip_prefix("//!"))
                    .map(|d| (i, d.trim_start()))
            })
            .collect();
        lines_seen += docs.len();
        let mut in_code = false;
        for pair in docs.windows(2) {
            let ((i, this), (j, next)) = (pair[0], pair[1]);
            if this.starts_with("```") {
                in_code = !in_code;
            }
            let continues = j == i + 1 && !next.is_empty() && !starts_block(next);
            if !in_code && !this.is_empty() && this.chars().count() < 30 && continues {
                short.push(format!("{path}:{}: {this}", i + 1));
            }
        }
    }
    assert!(lines_seen > 300, "{lines_seen} doc lines");
    assert!(
        short.is_empty(),
        "short lines inside paragraphs:\n{}",
        short.join("\n")
    );
}
