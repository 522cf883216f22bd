//! The macro's errors as rustc prints them: message and span, one case per
//! kind of mistake. Regenerate the `.stderr` files after changing a message
//! with `TRYBUILD=overwrite cargo test -p stripe-codegen-macro --test ui`
//! and review the diff.
//!
//! trybuild builds the cases in `target/tests/trybuild/stripe-codegen-macro/`,
//! which is their `CARGO_MANIFEST_DIR`: they reach their spec files with
//! `../../../../codegen/macro/tests/ui/`, which assumes the default target
//! directory (as CI has).

#[test]
fn errors_are_spanned_on_the_argument_at_fault() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
