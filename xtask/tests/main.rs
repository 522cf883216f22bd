//! The xtask's integration tests, one binary (each file below is a
//! module; ARCHITECTURE.md lists what each checks).

mod common;

mod diff;
mod errors;
mod generated;
mod interrupted;
mod pins;
mod whole_spec;

/// With `autotests = false`, cargo runs only the files a crate's
/// `tests/main.rs` declares: a file added beside it must be declared too,
/// or it would never run.
#[test]
fn every_test_file_is_a_module_of_its_crates_test_binary() {
    let root = xtask::repo_root();
    let crates = std::fs::read_dir(root.join("codegen"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .chain([root.join("xtask")]);
    let mut checked = 0;
    for dir in crates {
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
        if !manifest.contains("\nautotests = false") {
            continue;
        }
        let main = std::fs::read_to_string(dir.join("tests/main.rs")).unwrap();
        for entry in std::fs::read_dir(dir.join("tests")).unwrap() {
            let path = entry.unwrap().path();
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if path.extension().is_some_and(|e| e == "rs") && stem != "main" {
                assert!(
                    main.contains(&format!("\nmod {stem};")),
                    "{} is not a module of {}: add `mod {stem};`",
                    path.display(),
                    dir.join("tests/main.rs").display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 20, "only {checked} test files found");
}
