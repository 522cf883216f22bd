//! The macro's errors as rustc prints them: message and span, one case per
//! kind of mistake. Regenerate the `.stderr` files after changing a message
//! with `TRYBUILD=overwrite cargo test -p stripe-codegen-macro --test
//! generate_macro ui` and review the diff.
//!
//! trybuild builds the cases as a crate of its own, in
//! `<target dir>/tests/trybuild/stripe-codegen-macro/`: that folder is the
//! cases' `CARGO_MANIFEST_DIR`, the one `spec = "..."` paths start from.
//! The cases name their specs as this crate would (`tests/ui/small_spec.json`)
//! and the test copies the specs there first, so they resolve wherever
//! `CARGO_TARGET_DIR` points.

use std::path::{Path, PathBuf};

/// trybuild's folder for this crate's cases: `tests/trybuild/<crate>` in
/// the target directory, of which cargo's `CARGO_TARGET_TMPDIR` is `tmp`.
fn trybuild_crate_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is inside the target directory")
        .join("tests/trybuild")
        .join(env!("CARGO_PKG_NAME"))
}

#[test]
fn errors_are_spanned_on_the_argument_at_fault() {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let to = trybuild_crate_dir().join("tests/ui");
    std::fs::create_dir_all(&to).expect("create trybuild's folder");
    for entry in std::fs::read_dir(&from).expect("tests/ui") {
        let path = entry.expect("tests/ui entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).expect("copy a spec");
        }
    }
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
