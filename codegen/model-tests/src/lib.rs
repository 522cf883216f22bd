//! Helpers for testing generated types against Stripe's fixtures.
#![forbid(unsafe_code)]

use std::path::PathBuf;

use serde_json::Value;

/// `../shared/stripe-openapi/` beside the repository (or
/// `$STRIPE_OPENAPI_DIR`): Stripe's specs and fixtures, never committed.
pub fn stripe_openapi_dir() -> PathBuf {
    match std::env::var_os("STRIPE_OPENAPI_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/stripe-openapi"),
    }
}

/// One resource of a fixtures file, such as
/// `fixture("fixtures3.2023-08-16.json", "identity.verification_session")`.
pub fn fixture(file: &str, resource: &str) -> Value {
    let path = stripe_openapi_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} (set STRIPE_OPENAPI_DIR?): {e}",
            path.display()
        )
    });
    let all: Value = serde_json::from_str(&text).expect("fixtures are JSON");
    all["resources"][resource].clone()
}

/// JSON pointers of every key in `original` that `round_tripped` lacks or
/// holds a different value for, with the values that differ. Object key
/// order is ignored.
pub fn differences(original: &Value, round_tripped: &Value) -> Vec<String> {
    let mut out = Vec::new();
    diff(original, round_tripped, String::new(), &mut out);
    out
}

fn diff(a: &Value, b: &Value, at: String, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let here = format!("{at}/{k}");
                match y.get(k) {
                    Some(w) => diff(v, w, here, out),
                    None => out.push(format!("missing {here}")),
                }
            }
            for k in y.keys().filter(|k| !x.contains_key(*k)) {
                out.push(format!("added {at}/{k}"));
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                diff(v, w, format!("{at}/{i}"), out);
            }
        }
        _ if a == b => {}
        _ => out.push(format!("changed {at}: {a} -> {b}")),
    }
}
