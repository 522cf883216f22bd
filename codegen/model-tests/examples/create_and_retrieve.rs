//! Creates a verification session, then retrieves it, with the blocking
//! client (`stripe-types`' `blocking` feature).
//!
//! ```sh
//! # against api.stripe.com (TLS: the `blocking` feature):
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-model-tests \
//!     --features stripe-types/blocking --example create_and_retrieve
//! # against a mock server (plain HTTP, as the tests build it):
//! STRIPE_API_BASE=http://127.0.0.1:4010 STRIPE_SECRET_KEY=sk_test_123 \
//!     cargo run -p stripe-model-tests --example create_and_retrieve
//! ```
//!
//! The mock-server test runs [`run`] against Prism.

use stripe_identity::{
    CreateIdentityVerificationSession, CreateIdentityVerificationSessionType,
    IdentityVerificationSession, IdentityVerificationSessionExpand,
    RetrieveIdentityVerificationSession,
};
use stripe_types::{Client, ClientError};

/// Creates a document check for `user`, then reads it back with its last
/// report expanded.
pub fn run(
    client: &Client,
    user: &str,
) -> Result<
    (IdentityVerificationSession, IdentityVerificationSession),
    ClientError<stripe_shared::StripeError>,
> {
    let mut create = CreateIdentityVerificationSession::new();
    create.type_ = Some(CreateIdentityVerificationSessionType::Document);
    create.client_reference_id = Some(user.to_string());
    create.metadata.insert("source".into(), "example".into());
    let created = client.send(&create)?;

    let mut retrieve = RetrieveIdentityVerificationSession::new(created.id.clone());
    retrieve.expand = vec![IdentityVerificationSessionExpand::LastVerificationReport];
    let retrieved = client.send(&retrieve)?;
    Ok((created, retrieved))
}

#[allow(dead_code)] // The test includes this file for `run`.
fn main() {
    let key = std::env::var("STRIPE_SECRET_KEY").unwrap_or_else(|_| {
        eprintln!(
            "set STRIPE_SECRET_KEY (a test-mode key) and, for a mock server, STRIPE_API_BASE"
        );
        std::process::exit(2)
    });
    let client = match std::env::var("STRIPE_API_BASE") {
        Ok(base) => Client::with_base(&key, &base),
        Err(_) => Client::new(&key),
    };
    match run(&client, "user-42") {
        Ok((created, retrieved)) => {
            println!("created {} ({:?})", created.id, created.status);
            println!("retrieved {} ({:?})", retrieved.id, retrieved.status);
            if let Some(url) = created.url.as_deref() {
                println!("send the user to {url}");
            }
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1)
        }
    }
}
