//! Cross-check with stripe-node itself (`xtask/stripe-node`, installed by
//! `npm ci --prefix xtask/stripe-node`): `sign` writes the same headers as
//! its `generateTestHeaderString`, and each side's headers pass the
//! other's check. Skipped with a message when stripe-node is not
//! installed, unless `CI` is set: then a missing install fails.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{json, Value};
use stripe_webhook::{sign, Webhook, WebhookError};

fn stripe_node() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../xtask/stripe-node");
    if dir.join("node_modules/stripe").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "stripe-node is not installed: run `npm ci --prefix xtask/stripe-node --no-audit --no-fund`"
    );
    println!(
        "skipped: stripe-node is not installed (npm ci --prefix xtask/stripe-node --no-audit --no-fund)"
    );
    None
}

/// Runs `script --jsonl` with one JSON line per call; its answers.
fn node(dir: &Path, script: &str, calls: &[Value]) -> Vec<Value> {
    let mut child = Command::new("node")
        .arg(dir.join(script))
        .arg("--jsonl")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    let mut input = String::new();
    for call in calls {
        input.push_str(&call.to_string());
        input.push('\n');
    }
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{script} failed");
    let answers: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(answers.len(), calls.len());
    answers
}

/// `(secret, timestamp, payload)`: compact and pretty JSON, CRLF line
/// ends, non-ASCII text in the body and in the secret, a long body.
/// Timestamps are never 0, which stripe-node reads as "now".
fn cases() -> Vec<(String, i64, String)> {
    let long = json!({
        "id": "evt_long",
        "object": "event",
        "data": {"object": {"metadata": {"note": "x".repeat(3000)}}},
    });
    let payloads = [
        r#"{"id":"evt_1","object":"event"}"#.to_owned(),
        "{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\"\n}".to_owned(),
        "{\r\n  \"id\": \"evt_crlf\",\r\n  \"object\": \"event\"\r\n}\r\n".to_owned(),
        r#"{"id":"evt_é","object":"event","name":"Zoë ✓ 名前 \u00e9"}"#.to_owned(),
        long.to_string(),
    ];
    let secrets = [
        "whsec_test_secret".to_owned(),
        format!("whsec_{}", "Ab9".repeat(20)),
        "whsec_ünïcödé".to_owned(),
    ];
    let timestamps = [1, 1_700_000_000, 1_780_000_123, 9_999_999_999];
    let mut out = Vec::new();
    for (i, payload) in payloads.iter().enumerate() {
        for (j, secret) in secrets.iter().enumerate() {
            let timestamp = timestamps[(i + j) % timestamps.len()];
            out.push((secret.clone(), timestamp, payload.clone()));
        }
    }
    out
}

#[test]
fn sign_writes_stripe_nodes_headers_byte_for_byte() {
    let Some(dir) = stripe_node() else { return };
    let cases = cases();
    let calls: Vec<Value> = cases
        .iter()
        .map(|(secret, timestamp, payload)| {
            json!({"secret": secret, "timestamp": timestamp, "payload": payload})
        })
        .collect();
    let headers = node(&dir, "sign.js", &calls);
    for ((secret, timestamp, payload), header) in cases.iter().zip(&headers) {
        let node_header = header.as_str().unwrap();
        assert_eq!(sign(secret, *timestamp, payload.as_bytes()), node_header);
        // And stripe-node's header passes our check.
        let hook = Webhook::new(secret).unwrap().at(*timestamp);
        assert_eq!(hook.verify(Some(node_header), payload.as_bytes()), Ok(()));
    }
}

#[test]
fn stripe_node_accepts_our_headers_and_refuses_what_we_refuse() {
    let Some(dir) = stripe_node() else { return };
    let mut calls = Vec::new();
    let mut ours = Vec::new();
    for (secret, timestamp, payload) in cases() {
        let header = sign(&secret, timestamp, payload.as_bytes());
        let old = sign(&secret, timestamp - 301, payload.as_bytes());
        let rolled = format!(
            "{},v1={}",
            sign("whsec_old", timestamp, payload.as_bytes()),
            header.split_once(",v1=").unwrap().1
        );
        let mut tampered = payload.clone().into_bytes();
        tampered[payload.len() / 2] ^= 0x01;
        let tampered = String::from_utf8(tampered).unwrap();
        for (header, payload, accepted) in [
            (header.clone(), payload.clone(), true),
            (rolled, payload.clone(), true),
            (old, payload.clone(), false),
            (header, tampered, false),
        ] {
            let hook = Webhook::new(&secret).unwrap().at(timestamp);
            let result = hook.verify(Some(&header), payload.as_bytes());
            assert_eq!(result.is_ok(), accepted, "{header} {result:?}");
            ours.push(accepted);
            calls.push(
                json!({"secret": secret, "header": header, "payload": payload, "now": timestamp}),
            );
        }
    }
    let answers = node(&dir, "verify.js", &calls);
    for ((call, answer), accepted) in calls.iter().zip(&answers).zip(ours) {
        assert_eq!(answer["ok"], json!(accepted), "{call} {answer}");
    }
}

#[test]
fn where_stripe_node_differs_it_is_on_purpose() {
    let Some(dir) = stripe_node() else { return };
    let secret = "whsec_test_secret";
    let payload = r#"{"id":"evt_1","object":"event"}"#;
    let t = 1_700_000_000;
    let header = sign(secret, t, payload.as_bytes());
    let v1 = header.split_once(",v1=").unwrap().1;
    // (header, stripe-node accepts, we accept): see `SignatureHeader`.
    let cases = [
        (format!("t={t}, v1={v1}"), false, true),
        (format!("t={t},v1={}", v1.to_uppercase()), false, true),
        (format!("t=1,t={t},v1={v1}"), true, false),
        (format!("t={t},v1={v1},v1=zz"), true, false),
    ];
    let calls: Vec<Value> = cases
        .iter()
        .map(|(header, ..)| json!({"secret": secret, "header": header, "payload": payload, "now": t}))
        .collect();
    let answers = node(&dir, "verify.js", &calls);
    let hook = Webhook::new(secret).unwrap().at(t);
    for ((header, node_accepts, we_accept), answer) in cases.iter().zip(&answers) {
        assert_eq!(answer["ok"], json!(node_accepts), "{header} {answer}");
        let ours = hook.verify(Some(header), payload.as_bytes());
        assert_eq!(ours.is_ok(), *we_accept, "{header} {ours:?}");
    }
    // Tolerance 0 turns stripe-node's age check off; ours allows no age.
    let old = sign(secret, t - 10, payload.as_bytes());
    let answer = node(
        &dir,
        "verify.js",
        &[json!({"secret": secret, "header": old, "payload": payload, "now": t, "tolerance": 0})],
    );
    assert_eq!(answer[0]["ok"], json!(true));
    assert_eq!(
        hook.tolerance(0).verify(Some(&old), payload.as_bytes()),
        Err(WebhookError::TimestampOutsideTolerance {
            age: 10,
            tolerance: 0
        })
    );
}
