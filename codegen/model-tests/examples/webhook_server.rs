//! A webhook endpoint for Stripe Identity, with axum: it checks each
//! delivery's `Stripe-Signature` against the endpoint's secret, reads the
//! body into the generated `Event`, and dispatches the identity events on
//! their typed session.
//!
//! ```sh
//! STRIPE_WEBHOOK_SECRET=whsec_... cargo run -p stripe-model-tests --example webhook_server
//! # then, with the Stripe CLI: stripe listen --forward-to 127.0.0.1:4242/webhooks
//! ```
//!
//! A session becomes `verified`, `requires_input` or `canceled` after the
//! user has left your page: these events are how your system learns it.
//! Stripe retries a delivery that does not get a 2xx, so the endpoint
//! answers 400 only when the request is not a genuine event (a bad
//! signature, a body that is not an event), and 200 once it has handled one.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use stripe_identity::{Event, EventObject, EventType, IdentityVerificationSession};
use stripe_webhook::{ApiVersionCheck, Webhook};

/// What the endpoint made of one event, for the application to act on.
#[derive(Clone, Debug, PartialEq)]
pub enum Handled {
    /// The user's identity is verified: the session's verified outputs and
    /// last report are ready to read.
    Verified {
        /// The session.
        session: String,
        /// The report with the checks' results, if the event carries its id.
        report: Option<String>,
    },
    /// The checks failed or the user left: ask them to try again.
    RequiresInput {
        /// The session.
        session: String,
        /// Why, as Stripe says it (`last_error.reason`).
        reason: Option<String>,
    },
    /// Another identity event about a session (`created`, `processing`,
    /// `canceled`, `redacted`), by its type.
    Session {
        /// The event's type.
        event_type: EventType,
        /// The session.
        session: String,
    },
    /// An event this endpoint does not act on, acknowledged all the same.
    Ignored {
        /// The event's type.
        event_type: EventType,
    },
}

/// Decides what an event means for the application.
pub fn handle(event: &Event) -> Handled {
    let session = match &event.data.object {
        EventObject::IdentityVerificationSession(session) => session,
        _ => {
            return Handled::Ignored {
                event_type: event.type_.clone(),
            }
        }
    };
    match &event.type_ {
        EventType::IdentityVerificationSessionVerified => Handled::Verified {
            session: session.id.to_string(),
            report: last_report(session),
        },
        EventType::IdentityVerificationSessionRequiresInput => Handled::RequiresInput {
            session: session.id.to_string(),
            reason: session
                .last_error
                .get()
                .and_then(|e| e.reason.get().cloned()),
        },
        event_type => Handled::Session {
            event_type: event_type.clone(),
            session: session.id.to_string(),
        },
    }
}

fn last_report(session: &IdentityVerificationSession) -> Option<String> {
    let report = session.last_verification_report.get()?;
    Some(report.id().to_string())
}

/// What every request shares: the verifier and where handled events go.
struct App<F> {
    webhook: Webhook,
    on_event: F,
}

/// The endpoint, at `POST /webhooks`. `on_event` is called once per
/// genuine event, with what it means.
pub fn router<F>(webhook: Webhook, on_event: F) -> Router
where
    F: Fn(Handled) + Send + Sync + 'static,
{
    let app = Arc::new(App { webhook, on_event });
    Router::new()
        .route("/webhooks", post(receive::<F>))
        .with_state(app)
}

async fn receive<F>(
    State(app): State<Arc<App<F>>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String)
where
    F: Fn(Handled) + Send + Sync + 'static,
{
    // The raw bytes as they came: Stripe signed exactly these.
    let signature = headers
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok());
    let verified = match app.webhook.construct_event::<Event>(signature, &body) {
        Ok(verified) => verified,
        Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()),
    };
    let (event, version) = verified.into_parts();
    match version {
        ApiVersionCheck::Matches => {}
        // Parsed all the same: unknown keys are kept, so a newer version's
        // fields are not lost. Pin the endpoint's version (README) to
        // make this never happen.
        ApiVersionCheck::Differs { event: sent, types } => {
            eprintln!(
                "event {} is in API version {sent}, the types are for {types}",
                event.id
            )
        }
        ApiVersionCheck::Unstated => {
            eprintln!("event {} does not say its API version", event.id)
        }
    }
    (app.on_event)(handle(&event));
    (StatusCode::OK, String::new())
}

/// Serves `router` on `address` until the process ends.
pub async fn serve(address: SocketAddr, router: Router) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(address).await?;
    axum::serve(listener, router).await
}

#[allow(dead_code)] // The tests use the items above, not `main`.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var("STRIPE_WEBHOOK_SECRET")
        .map_err(|_| "set STRIPE_WEBHOOK_SECRET to the endpoint's signing secret (whsec_...)")?;
    let webhook = Webhook::new(secret)?;
    let address = SocketAddr::from(([127, 0, 0, 1], 4242));
    println!("listening on http://{address}/webhooks");
    serve(address, router(webhook, |handled| println!("{handled:?}"))).await?;
    Ok(())
}
