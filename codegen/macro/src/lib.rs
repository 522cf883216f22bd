//! `generate!`: Stripe model types from the OpenAPI spec, generated when
//! the crate compiles, by the same generator core as `cargo xtask
//! generate`, so they are the very items of the checked-in crates.
//!
//! ```ignore
//! stripe_codegen_macro::generate! {
//!     spec = "../../spec/cache/spec3.2026-07-29.dahlia.json",
//!     roots = ["identity.verification_session", "identity.verification_report"],
//!     redact = ["identity.verification_session.client_secret"],
//! }
//! ```
//!
//! - `spec` (required): the spec file, relative to the calling crate's
//!   directory (`CARGO_MANIFEST_DIR`). The expansion `include_bytes!`es it,
//!   so editing it rebuilds the crate.
//! - `roots` (required): the schemas to generate, by their names under
//!   `components.schemas`, or patterns where `*` matches any run of
//!   characters (`"gelato_*"`); everything they reference comes along.
//! - `derives`: extra derives for every generated struct and enum (such as
//!   `["Eq"]`); every field type must support them.
//! - `redact`: `"SCHEMA.PROPERTY"` fields whose values `Debug` never shows,
//!   on top of those the spec says must not be logged.
//!
//! The items go into the module the macro is called in, each type by its
//! bare name; wrap the call in `mod name { ... }` for a module of their
//! own. They use `serde` and `stripe_types` (and `serde_json` when a field
//! holds arbitrary JSON), so the calling crate depends on `serde` and
//! `stripe-types`.
//!
//! A problem is a compile error on the argument at fault, never a panic.
//! `README.md` beside this crate says when to use the macro rather than the
//! checked-in crates, and how long it takes to expand.
#![forbid(unsafe_code)]

mod expand;

/// Generates the model types of the `roots` schemas of the `spec`; see the
/// [crate documentation](crate) for the options.
#[proc_macro]
pub fn generate(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    expand::expand(input.into(), std::path::Path::new(&manifest_dir))
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
