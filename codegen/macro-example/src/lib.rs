//! Stripe Identity's types, generated at compile time from the pinned spec
//! (installed by `cargo xtask fetch-spec`) by `stripe_codegen_macro::generate!`:
//! the same items as the checked-in `stripe-identity`, `stripe-gelato` and
//! `stripe-shared` crates, in one module.
#![forbid(unsafe_code)]

/// Verification sessions and reports, and every type they use.
pub mod identity {
    stripe_codegen_macro::generate! {
        spec = "../../spec/cache/spec3.2026-07-29.dahlia.json",
        roots = ["identity.verification_session", "identity.verification_report"],
        redact = [
            "identity.verification_session.client_secret",
            "identity.verification_session.url",
        ],
    }
}
