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
//!
//! What it reads is bounded ([`Limits`]): a body larger than 1 MiB is
//! answered 413 before any of it is checked (at once when its
//! `Content-Length` says so), and a body that takes more than 10 s to
//! arrive is answered 408, so that a slow or endless request does not hold
//! the endpoint.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use http_body_util::BodyExt;
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

/// How much the endpoint reads of a request, and for how long.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The largest body read, in bytes (1 MiB by default): a larger one
    /// is answered 413 before any signature work. Stripe's events are
    /// a few kilobytes; the largest resources (an invoice or a Checkout
    /// Session with their lines, metadata at its limits of 50 keys of
    /// 500 characters) stay in the tens of kilobytes.
    pub max_body: usize,
    /// How long the whole body may take to arrive (10 s by default);
    /// slower, the request is answered 408 and its connection closed.
    pub read_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body: 1024 * 1024,
            read_timeout: Duration::from_secs(10),
        }
    }
}

/// What every request shares: the verifier, the limits and where handled
/// events go.
struct App<F> {
    webhook: Webhook,
    limits: Limits,
    on_event: F,
}

/// The endpoint, at `POST /webhooks`, with the default [`Limits`].
/// `on_event` is called once per genuine event, with what it means.
pub fn router<F>(webhook: Webhook, on_event: F) -> Router
where
    F: Fn(Handled) + Send + Sync + 'static,
{
    router_with_limits(webhook, Limits::default(), on_event)
}

/// [`router`] with other [`Limits`].
pub fn router_with_limits<F>(webhook: Webhook, limits: Limits, on_event: F) -> Router
where
    F: Fn(Handled) + Send + Sync + 'static,
{
    let app = Arc::new(App {
        webhook,
        limits,
        on_event,
    });
    Router::new()
        .route("/webhooks", post(receive::<F>))
        .with_state(app)
}

/// The body, within the limits, or the answer to give instead.
async fn read_body(
    limits: Limits,
    headers: &HeaderMap,
    body: Body,
) -> Result<Bytes, (StatusCode, String)> {
    let too_large = || {
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the body is larger than {} bytes", limits.max_body),
        )
    };
    let declared = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > limits.max_body as u64) {
        return Err(too_large());
    }
    let limited = http_body_util::Limited::new(body, limits.max_body);
    match tokio::time::timeout(limits.read_timeout, limited.collect()).await {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Ok(Err(e)) => Err((StatusCode::BAD_REQUEST, format!("reading the body: {e}"))),
        Err(_) => Err((
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the body took longer than {} s to arrive",
                limits.read_timeout.as_secs_f64()
            ),
        )),
    }
}

async fn receive<F>(
    State(app): State<Arc<App<F>>>,
    headers: HeaderMap,
    body: Body,
) -> (StatusCode, String)
where
    F: Fn(Handled) + Send + Sync + 'static,
{
    let body = match read_body(app.limits, &headers, body).await {
        Ok(body) => body,
        Err(answer) => return answer,
    };
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
