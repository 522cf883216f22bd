//! The checked-in crates against what the generator emits from the pinned
//! spec.

use stripe_codegen::{generate_items, layout};
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
    assert_eq!(outcome.generated.spec_version, "2023-08-16");
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
fn identity_closure_emits_the_snapshot() {
    let root = repo_root();
    let config = load_config(&root.join("spec/codegen.toml")).unwrap();
    let (spec, _) = read_spec(&root, None).unwrap();
    let items = generate_items(&spec, &config).unwrap();
    let formatted = layout::format(items, "the identity closure").unwrap();
    insta::assert_snapshot!("identity_closure", formatted);
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
    let inside = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("my codegen.toml");
    std::fs::copy(root.join("spec/codegen.toml"), &inside).unwrap();
    let relative = inside.strip_prefix(&root).unwrap().display().to_string();
    assert_eq!(
        header(Some(inside)),
        format!("# Do not edit: change the generator or {relative} and generate again.")
    );
    let outside = std::env::temp_dir().join(format!("codegen-{}.toml", std::process::id()));
    std::fs::copy(root.join("spec/codegen.toml"), &outside).unwrap();
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
    let (spec, _) = read_spec(&root, None).unwrap();
    let options = stripe_codegen::LayoutOptions {
        runtime_path: "../../codegen/runtime".into(),
        command: "cargo xtask generate".into(),
        config: "spec/codegen.toml".into(),
        workspace: false,
    };
    let first = stripe_codegen::generate_crates(&spec, &config, &options)
        .unwrap()
        .files;
    let second = stripe_codegen::generate_crates(&spec, &config, &options)
        .unwrap()
        .files;
    assert_eq!(first, second);
}
