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
        events = "event",
        event_types = [
            "identity.verification_session.canceled",
            "identity.verification_session.created",
            "identity.verification_session.processing",
            "identity.verification_session.redacted",
            "identity.verification_session.requires_input",
            "identity.verification_session.verified",
        ],
    }
}

/// The smallest types, for users who never write payloads back:
/// `nullable = "option"` (optional, nullable fields are `Option<T>`, `null`
/// and absent both `None`) and `unknown_fields = "drop"` (keys the spec
/// does not know are skipped).
pub mod identity_as_options {
    stripe_codegen_macro::generate! {
        spec = "../../spec/cache/spec3.2026-07-29.dahlia.json",
        roots = ["identity.verification_session", "identity.verification_report"],
        nullable = "option",
        unknown_fields = "drop",
    }
}

/// What Stripe's spec has none of but other specs have: `or_null`
/// properties, whose key must be there and whose value may be `null`
/// (`small_spec.json`).
pub mod or_null {
    stripe_codegen_macro::generate! {
        spec = "small_spec.json",
        roots = ["holder"],
    }
}

/// Extra derives from the configuration (`derives`): `Eq` on every struct,
/// beside the `Eq` that string enums already implement.
pub mod identity_eq {
    stripe_codegen_macro::generate! {
        spec = "../../spec/cache/spec3.2026-07-29.dahlia.json",
        roots = ["identity.verification_session"],
        derives = ["Eq"],
        events = "event",
    }

    /// Every type here is `Eq`, the open union of an event's object too.
    pub fn assert_eq_types() {
        fn eq<T: Eq>() {}
        eq::<IdentityVerificationSession>();
        eq::<IdentityVerificationSessionStatus>();
        eq::<Event>();
        eq::<EventObject>();
    }
}
