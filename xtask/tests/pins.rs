//! `spec/pins.toml` and `cargo xtask fetch-spec`: installing from local
//! files and folders, cutting excerpts, refusing what matches no pin, and
//! never leaving a half-written spec; `generate` naming what to install.

use crate::common;

use common::stripe_openapi_dir;
use std::path::{Path, PathBuf};

use xtask::fetch::{fetch_spec, Options};
use xtask::pin::{git_blob_id, sha256_hex, Pins};
use xtask::repo_root;

const SPEC_2023: &str = "spec3.2023-08-16.json";
const EXCERPT_2026: &str = "spec3.identity-ops.2026-07-29.dahlia.json";
/// The excerpt the 2026 pin named before the event and file operations.
const IDENTITY_EVENTS_2026: &str = "spec3.identity-events.2026-07-29.dahlia.json";

/// A scratch repository root holding this repository's `spec/` files
/// (`pins` replacing `spec/pins.toml` when given), and nothing installed.
fn scratch_root(name: &str, pins: Option<&str>) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("pins")
        .join(name);
    if root.exists() {
        std::fs::remove_dir_all(&root).unwrap();
    }
    std::fs::create_dir_all(root.join("spec")).unwrap();
    for file in ["pins.toml", "codegen.toml", "codegen-all.toml"] {
        std::fs::copy(
            repo_root().join("spec").join(file),
            root.join("spec").join(file),
        )
        .unwrap();
    }
    if let Some(pins) = pins {
        std::fs::write(root.join("spec/pins.toml"), pins).unwrap();
    }
    root
}

fn from(paths: &[PathBuf]) -> Options {
    Options {
        from: paths.to_vec(),
        ..Options::default()
    }
}

fn cache_files(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("spec/cache"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_folder_installs_every_file_that_matches_a_pin() {
    let root = scratch_root("folder", None);
    let lines = fetch_spec(&root, &from(&[stripe_openapi_dir()])).unwrap();
    assert_eq!(
        cache_files(&root),
        ["spec3.2023-08-16.json", "spec3.2026-07-29.dahlia.json"]
    );
    let pins = Pins::load(&root).unwrap();
    for pin in &pins.pins {
        let bytes = std::fs::read(pin.cache_path(&root)).unwrap();
        assert_eq!(Some(sha256_hex(&bytes)), pin.sha256);
    }
    assert!(
        lines
            .iter()
            .any(|l| l.contains("skipped") && l.contains("spec3.2022-04-12.json")),
        "{lines:?}"
    );
    // Installing again changes nothing.
    fetch_spec(&root, &from(&[stripe_openapi_dir().join(EXCERPT_2026)])).unwrap();
    assert_eq!(cache_files(&root).len(), 2);
}

#[test]
fn a_file_that_matches_no_pin_is_refused_with_both_hashes() {
    let root = scratch_root("no-pin", None);
    let file = stripe_openapi_dir().join("spec3.2022-04-12.json");
    let bytes = std::fs::read(&file).unwrap();
    let err = fetch_spec(&root, &from(std::slice::from_ref(&file)))
        .unwrap_err()
        .0;
    assert!(
        err.starts_with(&format!(
            "{} has sha256 {} and git blob id {}, which match no pin in spec/pins.toml: \
             2023-08-16 (sha256 fee07599637a1d1b2a49cf5ca3d3b0ab5f161ef24d49b40b5b2970e96ba3ab2b, \
             blob 2f5250a7c802f2458d1668732b5635afc610d226); 2026-07-29.dahlia (sha256 \
             71e3de5761b878d178dfe941e8c176b0229d0b510116033e8661c027a4c87453",
            file.display(),
            sha256_hex(&bytes),
            git_blob_id(&bytes)
        )),
        "{err}"
    );
    assert!(err.ends_with("; nothing was installed"), "{err}");
    assert!(cache_files(&root).is_empty());
}

#[test]
fn a_truncated_copy_never_replaces_an_installed_spec() {
    let root = scratch_root("truncated", None);
    let good = stripe_openapi_dir().join(EXCERPT_2026);
    fetch_spec(&root, &from(std::slice::from_ref(&good))).unwrap();
    let installed = std::fs::read(root.join("spec/cache/spec3.2026-07-29.dahlia.json")).unwrap();

    let bytes = std::fs::read(&good).unwrap();
    let truncated = root.join("truncated.json");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let err = fetch_spec(&root, &from(&[truncated])).unwrap_err().0;
    assert!(err.contains("match no pin"), "{err}");
    assert_eq!(
        std::fs::read(root.join("spec/cache/spec3.2026-07-29.dahlia.json")).unwrap(),
        installed
    );
    assert_eq!(cache_files(&root), ["spec3.2026-07-29.dahlia.json"]);
}

#[test]
fn the_current_excerpt_is_cut_again_byte_for_byte() {
    // The excerpt holds everything its pin names, so cutting it again must
    // give its own bytes: the layout is Stripe's (Python's json.dumps).
    let pins = Pins::load(&repo_root()).unwrap();
    let pin = pins.pin("2026-07-29.dahlia").unwrap();
    let text = std::fs::read_to_string(stripe_openapi_dir().join(EXCERPT_2026)).unwrap();
    let cut = xtask::excerpt::cut(&text, pin.excerpt.as_ref().unwrap()).unwrap();
    assert!(cut == text, "the cut differs from the excerpt");
    assert_eq!(Some(sha256_hex(cut.as_bytes())), pin.sha256);

    // Without the event and file paths and schemas, it is the identity
    // events excerpt the pin named before, byte for byte: the new paths and
    // schemas were added verbatim, nothing else changed.
    let identity_events = xtask::pin::Excerpt {
        paths: vec!["/v1/identity/*".into()],
        schemas: pin
            .excerpt
            .as_ref()
            .unwrap()
            .schemas
            .iter()
            .filter(|s| !s.starts_with("file"))
            .cloned()
            .collect(),
    };
    let before = std::fs::read_to_string(stripe_openapi_dir().join(IDENTITY_EVENTS_2026)).unwrap();
    assert!(
        xtask::excerpt::cut(&text, &identity_events).unwrap() == before,
        "the identity part of the excerpt differs from the identity events excerpt"
    );
}

/// Pins of the whole 2023 file, cut to the identity excerpt, without the
/// excerpt's sha256 (a pin being added): as a download would find it.
fn excerpt_pin_of_2023(sha256: Option<&str>) -> String {
    let pins = std::fs::read_to_string(repo_root().join("spec/pins.toml")).unwrap();
    let excerpt = &pins[pins.rfind("\n[pin.excerpt]").unwrap() + 1..];
    let sha = sha256.map_or_else(String::new, |s| format!("sha256 = \"{s}\"\n"));
    format!(
        "generated = [\"2023-08-16\"]\nall = \"2023-08-16\"\n\n[[pin]]\napi_version = \"2023-08-16\"\n\
         repository = \"stripe/openapi\"\ncommit = \"63a674638635c68de26b9f3add13e58198f4df44\"\n\
         path = \"openapi/spec3.json\"\nblob = \"2f5250a7c802f2458d1668732b5635afc610d226\"\n{sha}\n{excerpt}"
    )
}

/// A folder laid out as raw.githubusercontent.com is, serving `bytes` as the
/// pinned 2023 file.
fn mirror(root: &Path, bytes: &[u8]) -> String {
    let dir = root.join("mirror/stripe/openapi/63a674638635c68de26b9f3add13e58198f4df44/openapi");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("spec3.json"), bytes).unwrap();
    format!("file://{}", root.join("mirror").display())
}

#[test]
fn a_download_is_checked_against_the_blob_id_then_cut() {
    let root = scratch_root("download", Some(&excerpt_pin_of_2023(None)));
    let whole = std::fs::read(stripe_openapi_dir().join(SPEC_2023)).unwrap();

    // Half a download: refused, nothing installed.
    let options = Options {
        mirror: Some(mirror(&root, &whole[..whole.len() / 2])),
        ..Options::default()
    };
    let err = fetch_spec(&root, &options).unwrap_err().0;
    assert!(
        err.contains("but spec/pins.toml pins 2f5250a7c802f2458d1668732b5635afc610d226")
            && err.contains("the download is incomplete or not the pinned file"),
        "{err}"
    );
    assert!(cache_files(&root).is_empty());

    // The whole file: cut, installed, and the sha256 to pin is printed.
    let options = Options {
        mirror: Some(mirror(&root, &whole)),
        ..Options::default()
    };
    let lines = fetch_spec(&root, &options).unwrap();
    let installed = std::fs::read(root.join("spec/cache/spec3.2023-08-16.json")).unwrap();
    let sha = sha256_hex(&installed);
    assert!(
        lines
            .iter()
            .any(|l| l.contains(&format!("add `sha256 = \"{sha}\"`"))),
        "{lines:?}"
    );
    assert!(installed.len() < whole.len() / 10);

    // With that sha256 pinned, the whole file installs offline through
    // `--from` too, giving the same bytes.
    let root = scratch_root("download-pinned", Some(&excerpt_pin_of_2023(Some(&sha))));
    fetch_spec(&root, &from(&[stripe_openapi_dir().join(SPEC_2023)])).unwrap();
    assert_eq!(
        std::fs::read(root.join("spec/cache/spec3.2023-08-16.json")).unwrap(),
        installed
    );
    // And it is what the crates need: the same files as from the whole file.
    // (The models only: with requests, the excerpt keeps the error's refs
    // out of it as raw JSON, which the whole file types in full.)
    let mut config = xtask::generate::load_config(&repo_root().join("spec/codegen.toml")).unwrap();
    config.requests.clear();
    config.missing_refs = stripe_codegen::config::MissingRefs::Error;
    let layout = stripe_codegen::LayoutOptions::default();
    let from_excerpt =
        stripe_codegen::generate_crates(std::str::from_utf8(&installed).unwrap(), &config, &layout)
            .unwrap();
    let from_whole =
        stripe_codegen::generate_crates(std::str::from_utf8(&whole).unwrap(), &config, &layout)
            .unwrap();
    assert_eq!(from_excerpt.files, from_whole.files);
}

#[test]
fn a_pinned_sha256_the_cut_does_not_give_is_an_error() {
    let wrong = "0".repeat(64);
    let root = scratch_root("wrong-sha", Some(&excerpt_pin_of_2023(Some(&wrong))));
    let err = fetch_spec(&root, &from(&[stripe_openapi_dir().join(SPEC_2023)]))
        .unwrap_err()
        .0;
    assert!(
        err.contains(&format!(
            "but spec/pins.toml pins {wrong} for API version 2023-08-16"
        )),
        "{err}"
    );
    assert!(cache_files(&root).is_empty());
}

#[test]
fn generate_without_the_spec_says_which_command_installs_it() {
    let root = scratch_root("not-installed", None);
    let err = xtask::generate::run(&root, &xtask::generate::Options::default())
        .unwrap_err()
        .0;
    assert!(
        err.starts_with(
            "the spec the crates in generated/ come from (API version 2026-07-29.dahlia) is not installed"
        ) && err.contains("run `cargo xtask fetch-spec`")
            && err.contains("`cargo xtask fetch-spec --from PATH`"),
        "{err}"
    );
}

#[test]
fn refs_out_of_an_excerpt_are_errors_only_where_the_roots_reach_them() {
    let root = repo_root();
    let excerpt = stripe_openapi_dir().join(EXCERPT_2026);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pins-dangling");
    std::fs::create_dir_all(&dir).unwrap();
    let generate = |roots: &str| {
        let config = dir.join("codegen.toml");
        std::fs::write(
            &config,
            format!("roots = [{roots}]\n\n[[crate]]\nname = \"out\"\ndefault = true\n"),
        )
        .unwrap();
        xtask::generate::run(
            &root,
            &xtask::generate::Options {
                spec: Some(excerpt.clone()),
                config: Some(config),
                out: Some(dir.join("out")),
                check: true,
                ..Default::default()
            },
        )
    };
    // The identity roots never reach `api_errors`.
    generate("\"identity.verification_session\", \"identity.verification_report\"").unwrap();
    // `error` does, and its first ref out of the excerpt is named.
    let err = generate("\"error\"").unwrap_err().0;
    assert!(
        err.ends_with(
            "#/components/schemas/api_errors/properties/payment_intent: `$ref` to a schema that \
             does not exist: `payment_intent` (closest: event, file_link, address)"
        ),
        "{err}"
    );
}

#[test]
fn pin_files_with_mistakes_are_refused() {
    let check = |pins: &str| {
        let root = scratch_root("bad-pins", Some(pins));
        Pins::load(&root).unwrap_err().0
    };
    let good = std::fs::read_to_string(repo_root().join("spec/pins.toml")).unwrap();
    let err = check(&good.replace("generated = [", "generated = [\"2024-01-01\", "));
    assert!(
        err.ends_with("spec/pins.toml has no `[[pin]]` with `api_version = \"2024-01-01\"`"),
        "{err}"
    );
    let err = check(&good.replace("blob = \"2f52", "blob = \"XX52"));
    assert!(err.contains("`blob` must be a git blob id"), "{err}");
    let err = check(&good.replace(
        "api_version = \"2023-08-16\"",
        "api_versoin = \"2023-08-16\"",
    ));
    assert!(err.contains("unknown field `api_versoin`"), "{err}");
}
