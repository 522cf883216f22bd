//! Verifying and parsing a webhook request: `Webhook::verify` and
//! `construct_event` on an identity event, the same bytes that
//! `xtask/stripe-node/bench.js` gives stripe-node's `constructEvent`.
//!
//! The payload is Stripe's fixture of `identity.verification_session`
//! (`fixtures3.2026-08-21.json`, read at run time from
//! `../shared/stripe-openapi` or `$STRIPE_OPENAPI_DIR`) wrapped as an
//! `identity.verification_session.verified` event, with sorted keys and
//! two-space indents as Stripe sends bodies, so that both sides build it
//! alike from the fixture. Both print its length and header.
//!
//! ```sh
//! cargo bench -p stripe-model-tests --bench webhook
//! node xtask/stripe-node/bench.js
//! ```

use std::sync::OnceLock;

use divan::{black_box, Bencher};
use serde::Deserialize;
use serde_json::Value;
use stripe_identity::{Event, EventObject};
use stripe_model_tests::identity_event_body;
use stripe_types::WebhookEvent;
use stripe_webhook::{sign, Webhook};

const SECRET: &str = "whsec_bench_0123456789abcdef";
const T: i64 = 1_780_000_000;

fn main() {
    let (header, body) = request();
    println!("payload: {} bytes; header: {header}", body.len());
    divan::main();
}

/// An event whose `data.object` is left as JSON: what stripe-node's
/// `JSON.parse` gives, the baseline for the generated `Event`.
// Fields are parsed to be measured, not read.
#[allow(dead_code)]
#[derive(Deserialize)]
struct ValueEvent {
    id: String,
    api_version: Option<String>,
    data: ValueData,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct ValueData {
    object: Value,
}

impl WebhookEvent for ValueEvent {
    const API_VERSION: &'static str = "2026-07-29.dahlia";
    fn api_version(&self) -> Option<&str> {
        self.api_version.as_deref()
    }
}

/// The `Stripe-Signature` header and the body, built once.
fn request() -> &'static (String, Vec<u8>) {
    static REQUEST: OnceLock<(String, Vec<u8>)> = OnceLock::new();
    REQUEST.get_or_init(|| {
        let body = identity_event_body(T);
        (sign(SECRET, T, &body), body)
    })
}

fn hook() -> Webhook {
    Webhook::new(SECRET).unwrap().at(T)
}

/// The signature check alone: HMAC-SHA256 over the body, compared.
#[divan::bench]
fn verify(b: Bencher) {
    let (header, body) = request();
    let hook = hook();
    b.bench(|| {
        hook.verify(Some(black_box(header)), black_box(body))
            .unwrap()
    });
}

/// Check and parse, as stripe-node's `constructEvent` does.
#[divan::bench]
fn construct_event_value(b: Bencher) {
    let (header, body) = request();
    let hook = hook();
    b.bench(|| {
        hook.construct_event::<ValueEvent>(Some(black_box(header)), black_box(body))
            .unwrap()
    });
}

/// The parse alone, for what the check adds.
#[divan::bench]
fn parse_value(b: Bencher) {
    let (_, body) = request();
    b.bench(|| serde_json::from_slice::<ValueEvent>(black_box(body)).unwrap());
}

/// Check and parse into the generated `Event`: the session typed, field
/// by field.
#[divan::bench]
fn construct_event_typed(b: Bencher) {
    let (header, body) = request();
    let hook = hook();
    b.bench(|| {
        let verified = hook
            .construct_event::<Event>(Some(black_box(header)), black_box(body))
            .unwrap();
        assert!(matches!(
            verified.event().data.object,
            EventObject::IdentityVerificationSession(_)
        ));
        verified
    });
}

/// The typed parse alone, through serde and through the crate's own reader.
#[divan::bench]
fn parse_typed(b: Bencher) {
    let (_, body) = request();
    b.bench(|| serde_json::from_slice::<Event>(black_box(body)).unwrap());
}

#[divan::bench]
fn parse_typed_own_reader(b: Bencher) {
    let (_, body) = request();
    b.bench(|| Event::from_json_slice(black_box(body)).unwrap());
}
