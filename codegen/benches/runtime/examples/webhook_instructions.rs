//! Checks and parses one signed identity event N times, for instruction
//! counts under `valgrind --tool=callgrind` (deterministic, unlike timings
//! on a shared machine). Usage: `webhook_instructions N WHAT`, WHAT one of
//! `construct` (`construct_event::<Event>`), `verify` (the signature
//! alone), `parse` (`Event::from_json_slice` alone), `async-stripe`
//! (async-stripe-webhook's `construct_event_with_timestamp`). Subtract the
//! count of N = 0 to leave out building the request.

use stripe_webhook::{sign, Webhook};

const SECRET: &str = "whsec_bench_0123456789abcdef";
const T: i64 = 1_780_000_000;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args[1].parse().expect("N");
    let body = stripe_model_tests::identity_event_body(T);
    let header = sign(SECRET, T, &body);
    let hook = Webhook::new(SECRET).unwrap().at(T);
    let mut total = 0usize;
    for _ in 0..n {
        let body = std::hint::black_box(&body[..]);
        let header = std::hint::black_box(header.as_str());
        total += match args[2].as_str() {
            "construct" => {
                let verified = hook
                    .construct_event::<stripe_identity::Event>(Some(header), body)
                    .unwrap();
                verified.event().id.as_str().len()
            }
            "verify" => hook.verify(Some(header), body).map(|()| 1).unwrap(),
            "parse" => stripe_identity::Event::from_json_slice(body)
                .unwrap()
                .id
                .as_str()
                .len(),
            "async-stripe" => {
                let text = std::str::from_utf8(body).unwrap();
                async_stripe_webhook::Webhook::construct_event_with_timestamp(
                    text, header, SECRET, T,
                )
                .unwrap()
                .id
                .as_str()
                .len()
            }
            other => panic!("unknown {other}"),
        };
    }
    println!("{total}");
}
