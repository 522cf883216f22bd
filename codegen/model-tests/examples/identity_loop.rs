//! The Identity loop a production integration runs, with the blocking
//! client: create a verification session, page through the sessions and
//! through the events not delivered to the webhook endpoint, read one
//! event again by id, and make a file link to a report's image with a
//! restricted key.
//!
//! ```sh
//! # against a mock server (plain HTTP, as the tests build it):
//! STRIPE_API_BASE=http://127.0.0.1:4010 STRIPE_SECRET_KEY=sk_test_123 \
//!     STRIPE_IMAGES_KEY=rk_test_123 cargo run -p stripe-model-tests --example identity_loop
//! ```
//!
//! The mock-server test runs [`run`] against Prism.

use stripe_client::{Client, ClientError, ClientErrorKind, RequestOptions};
use stripe_identity::{
    CreateIdentityVerificationSession, CreateIdentityVerificationSessionType, ListEvent,
    ListIdentityVerificationSession, RetrieveEvent,
};
use stripe_shared::{CreateFileLink, RangeQuerySpecs, StripeError};

/// Runs the loop; what it did, a line a step.
pub fn run(
    client: &Client,
    images: &RequestOptions,
    since: i64,
) -> Result<Vec<String>, ClientError<StripeError>> {
    let mut out = Vec::new();
    let mut create = CreateIdentityVerificationSession::new();
    create.type_ = Some(CreateIdentityVerificationSessionType::Document);
    create.client_reference_id = Some("user-42".into());
    let session = client.send(&create)?;
    out.push(format!("created {} ({:?})", session.id, session.status));

    let mut sessions = ListIdentityVerificationSession::new();
    sessions.limit = Some(100);
    let mut count = 0;
    for session in client.pages(sessions) {
        if stopped(session, &mut out)?.is_none() {
            break;
        }
        count += 1;
    }
    out.push(format!("listed {count} sessions"));

    let mut missed = ListEvent::new();
    missed.types = vec!["identity.verification_session.verified".into()];
    missed.created = Some(
        RangeQuerySpecs {
            gte: Some(since),
            ..RangeQuerySpecs::new()
        }
        .into(),
    );
    missed.delivery_success = Some(false);
    let mut last = None;
    for event in client.pages(missed) {
        let Some(event) = stopped(event, &mut out)? else {
            break;
        };
        out.push(format!(
            "missed event {} ({})",
            event.id,
            event.type_.as_str()
        ));
        last = Some(event.id);
    }
    if let Some(id) = last {
        let event = client.send(&RetrieveEvent::new(id))?;
        out.push(format!(
            "read again {} ({})",
            event.id,
            event.type_.as_str()
        ));
    }

    let mut link = CreateFileLink::new("file_1Pgag2B7WZ01zgkWITx3dIQc");
    link.expires_at = Some(stripe_types::Timestamp(since + 600));
    let link = client.send_with(&link, images)?.value;
    out.push(format!(
        "file link {} to {}",
        link.id,
        link.url.into_option().unwrap_or_default()
    ));
    Ok(out)
}

/// An object of a list; `None`, with a line saying why, when the list
/// cannot advance (a mock server answers the same page again and again:
/// paging stops instead of looping); any other error is the caller's.
fn stopped<T>(
    item: Result<T, ClientError<StripeError>>,
    out: &mut Vec<String>,
) -> Result<Option<T>, ClientError<StripeError>> {
    match item {
        Ok(item) => Ok(Some(item)),
        Err(e) if matches!(e.kind(), ClientErrorKind::Paging(_)) => {
            out.push(format!("paging stopped: {e}"));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = std::env::var("STRIPE_API_BASE").unwrap_or_else(|_| stripe_client::API_BASE.into());
    let client = Client::with_base(&std::env::var("STRIPE_SECRET_KEY")?, &base)?;
    let images = RequestOptions::new().api_key(&std::env::var("STRIPE_IMAGES_KEY")?)?;
    for line in run(&client, &images, 1_700_000_000)? {
        println!("{line}");
    }
    Ok(())
}
