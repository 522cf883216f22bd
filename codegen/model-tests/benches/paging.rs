//! Paging 10 pages of 100 identity events through `stripe_types::Pager`
//! (what both clients' `pages` do with each answer: read the page, decide
//! the next request, give the objects), beside `Event::from_json` of the
//! same 1,000 events one by one: what paging adds per event, the HTTP
//! aside. Each event carries Stripe's 2026 `identity.verification_session`
//! fixture (read at run time from `../shared/stripe-openapi` or
//! `$STRIPE_OPENAPI_DIR`). Times are per event (divan's item counter).
//!
//! ```sh
//! cargo bench -p stripe-model-tests --bench paging
//! ```

use std::sync::OnceLock;

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use serde_json::{json, Value};
use stripe_identity::{Event, ListEvent};
use stripe_model_tests::fixture;
use stripe_types::{Operation, Pager};

const PAGES: usize = 10;
const PER_PAGE: usize = 100;

fn main() {
    let (pages, events) = data();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    println!(
        "{PAGES} pages of {PER_PAGE} events, {bytes} bytes; {} events alone",
        events.len()
    );
    divan::main();
}

fn event(n: usize, session: &Value) -> Value {
    json!({
        "id": format!("evt_{:06}", 999_999 - n),
        "object": "event",
        "api_version": "2026-07-29.dahlia",
        "created": 1_780_000_000 - n as i64,
        "data": {"object": session},
        "livemode": false,
        "pending_webhooks": 1,
        "request": {"id": null, "idempotency_key": null},
        "type": "identity.verification_session.verified",
    })
}

/// The pages as Stripe would send them, and each event's own text.
fn data() -> &'static (Vec<Vec<u8>>, Vec<String>) {
    static DATA: OnceLock<(Vec<Vec<u8>>, Vec<String>)> = OnceLock::new();
    DATA.get_or_init(|| {
        let session = fixture("fixtures3.2026-08-21.json", "identity.verification_session");
        let events: Vec<Value> = (0..PAGES * PER_PAGE).map(|n| event(n, &session)).collect();
        let pages = events
            .chunks(PER_PAGE)
            .enumerate()
            .map(|(i, chunk)| {
                serde_json::to_vec(&json!({
                    "object": "list",
                    "data": chunk,
                    "has_more": i + 1 < PAGES,
                    "url": "/v1/events",
                }))
                .unwrap()
            })
            .collect();
        let texts = events.iter().map(|e| e.to_string()).collect();
        (pages, texts)
    })
}

/// Each page read by `ListEvent`'s own reader, handed to the pager, the
/// next request built, every event taken.
#[divan::bench]
fn pager(b: Bencher) {
    let (pages, _) = data();
    b.counter(ItemsCount::new(PAGES * PER_PAGE)).bench(|| {
        let mut first = ListEvent::new();
        first.limit = Some(PER_PAGE as i64);
        let mut pager = Pager::new(first);
        let mut pages = pages.iter();
        let mut count = 0;
        while let Some(params) = pager.next_request() {
            black_box(params.request());
            let page = ListEvent::parse(200, black_box(pages.next().unwrap())).unwrap();
            for event in pager.page(page).unwrap() {
                black_box(&event);
                count += 1;
            }
        }
        assert_eq!(count, PAGES * PER_PAGE);
    });
}

/// The baseline: the same events, each read alone with `Event::from_json`.
#[divan::bench]
fn from_json(b: Bencher) {
    let (_, events) = data();
    b.counter(ItemsCount::new(PAGES * PER_PAGE)).bench(|| {
        for text in events {
            black_box(Event::from_json(black_box(text)).unwrap());
        }
    });
}
