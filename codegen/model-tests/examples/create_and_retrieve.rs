//! Creates a verification session, then retrieves it with its verified
//! outputs and last report expanded, with the blocking client
//! (`stripe-types`' `blocking` feature), printing Stripe's request ids.
//!
//! ```sh
//! # against api.stripe.com (TLS: the `blocking` feature):
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-model-tests \
//!     --features stripe-types/blocking --example create_and_retrieve
//! # against a mock server (plain HTTP, as the tests build it):
//! STRIPE_API_BASE=http://127.0.0.1:4010 STRIPE_SECRET_KEY=sk_test_123 \
//!     cargo run -p stripe-model-tests --example create_and_retrieve
//! # acting for a connected account (Connect):
//! STRIPE_ACCOUNT=acct_... STRIPE_SECRET_KEY=sk_test_... cargo run ...
//! ```
//!
//! The mock-server test runs [`report`] against Prism.

use stripe_client::{Answer, Client, ClientError, RequestOptions};
use stripe_identity::{
    CreateIdentityVerificationSession, CreateIdentityVerificationSessionType,
    IdentityVerificationSession, IdentityVerificationSessionExpand,
    RetrieveIdentityVerificationSession,
};

/// Creates a document check for `user` (with an idempotency key of our
/// own: the user's id, so a repeated run cannot make a second session),
/// then reads it back with its verified outputs and last report expanded.
pub fn run(
    client: &Client,
    user: &str,
    options: &RequestOptions,
) -> Result<
    (
        Answer<IdentityVerificationSession>,
        Answer<IdentityVerificationSession>,
    ),
    ClientError<stripe_shared::StripeError>,
> {
    let mut create = CreateIdentityVerificationSession::new();
    create.type_ = Some(CreateIdentityVerificationSessionType::Document);
    create.client_reference_id = Some(user.to_string());
    create.metadata.insert("source".into(), "example".into());
    let created = client.send_with(
        &create,
        &options
            .clone()
            .idempotency_key(format!("verification-session-{user}")),
    )?;

    let mut retrieve = RetrieveIdentityVerificationSession::new(created.value.id.clone());
    retrieve.expand = vec![
        IdentityVerificationSessionExpand::VerifiedOutputs,
        IdentityVerificationSessionExpand::LastVerificationReport,
    ];
    let retrieved = client.send_with(&retrieve, options)?;
    Ok((created, retrieved))
}

/// What the example prints: each step with its request id, then the
/// session's verified outputs.
pub fn report(client: &Client, options: &RequestOptions) -> Result<String, String> {
    let (created, retrieved) = run(client, "user-42", options).map_err(|e| e.to_string())?;
    let id = |answer: &Answer<IdentityVerificationSession>| {
        answer.request_id.clone().unwrap_or_else(|| "none".into())
    };
    let mut out = format!(
        "created {} ({:?}), request id {}\n",
        created.value.id,
        created.value.status,
        id(&created)
    );
    out += &format!(
        "retrieved {} ({:?}), request id {}\n",
        retrieved.value.id,
        retrieved.value.status,
        id(&retrieved)
    );
    match retrieved.value.verified_outputs.get() {
        Some(outputs) => {
            let name = [outputs.first_name.get(), outputs.last_name.get()]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(" ");
            out += &format!(
                "verified: name {:?}, date of birth {}, id number type {:?}\n",
                name,
                outputs
                    .dob
                    .get()
                    .and_then(|d| Some((*d.year.get()?, *d.month.get()?, *d.day.get()?)))
                    .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
                    .unwrap_or_else(|| "not verified".into()),
                outputs.id_number_type.get(),
            );
        }
        None => out += "verified: nothing yet (the user has not finished the check)\n",
    }
    if let Some(url) = created.value.url.get() {
        out += &format!("send the user to {url}\n");
    }
    Ok(out)
}

#[allow(dead_code)] // The test includes this file for `report`.
fn main() {
    let key = std::env::var("STRIPE_SECRET_KEY").unwrap_or_default();
    let client = match std::env::var("STRIPE_API_BASE") {
        Ok(base) => Client::with_base(&key, &base),
        Err(_) => Client::new(&key),
    };
    let client = client.unwrap_or_else(|e| {
        eprintln!(
            "{e}: set STRIPE_SECRET_KEY (a test-mode key) and, for a mock server, STRIPE_API_BASE"
        );
        std::process::exit(2)
    });
    let mut options = RequestOptions::new();
    if let Ok(account) = std::env::var("STRIPE_ACCOUNT") {
        options = options.stripe_account(account);
    }
    match report(&client, &options) {
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1)
        }
    }
}
