//! The requests of the event and file operations against stripe-node's
//! (`xtask/stripe-node/requests.js`, stripe-node 23.2.0 installed by `npm
//! ci --prefix xtask/stripe-node`): the form encoding of list and create
//! parameters, the multipart body of an upload (as parts: name, file name,
//! media type, bytes), and the requests an auto-paging iteration makes.
//! Skipped with a message when stripe-node is not installed, unless `CI`
//! is set.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::{json, Value};
use stripe_identity::{Event, ListEvent};
use stripe_shared::{
    CreateFile, CreateFileLink, CreateFilePurpose, FileLinkCreationParams, ListFile,
    ListFilePurpose, RangeQuerySpecs,
};
use stripe_types::request::multipart::{parse, Part};
use stripe_types::{FileUpload, List, Operation, Pager};

fn stripe_node() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../xtask/stripe-node");
    if dir.join("node_modules/stripe").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "stripe-node is not installed: run `npm ci --prefix xtask/stripe-node --no-audit --no-fund`"
    );
    println!("skipped: stripe-node is not installed (npm ci --prefix xtask/stripe-node)");
    None
}

/// stripe-node's answers to `calls`, one each.
fn node(calls: &[Value]) -> Option<Vec<Value>> {
    let dir = stripe_node()?;
    let mut child = Command::new("node")
        .arg(dir.join("requests.js"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    let input: String = calls.iter().map(|c| format!("{c}\n")).collect();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "requests.js failed");
    let answers: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), calls.len());
    Some(answers)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn catch_up() -> ListEvent {
    let mut list = ListEvent::new();
    list.created = Some(
        RangeQuerySpecs {
            gte: Some(1700000000),
            lt: Some(1800000000),
            ..RangeQuerySpecs::new()
        }
        .into(),
    );
    list.delivery_success = Some(false);
    list.limit = Some(100);
    list.types = vec![
        "identity.verification_session.verified".into(),
        "identity.verification_session.requires_input".into(),
    ];
    list
}

#[test]
fn list_and_create_parameters_are_encoded_as_stripe_node_encodes_them() {
    let mut list_files = ListFile::new();
    list_files.created = Some(1700000000.into());
    list_files.purpose = Some(ListFilePurpose::IdentityDocument);
    list_files.limit = Some(3);
    let mut link = CreateFileLink::new("file_1Pgag2B7WZ01zgkW");
    link.expires_at = Some(stripe_types::Timestamp(1900000000));
    link.metadata = Some(
        [
            ("session".to_string(), "vs_123".to_string()),
            ("note".to_string(), "é & = ?/%".to_string()),
        ]
        .into_iter()
        .collect::<std::collections::BTreeMap<_, _>>()
        .into(),
    );
    let ours = [
        catch_up().request().query,
        list_files.request().query,
        link.request().body.unwrap(),
    ];
    // The same parameters, in the order ours writes them.
    let Some(theirs) = node(&[
        json!({"form": {
            "created": {"gte": 1700000000, "lt": 1800000000},
            "delivery_success": false,
            "limit": 100,
            "types": ["identity.verification_session.verified",
                      "identity.verification_session.requires_input"],
        }}),
        json!({"form": {"created": 1700000000, "limit": 3, "purpose": "identity_document"}}),
        json!({"form": {
            "expires_at": 1900000000,
            "file": "file_1Pgag2B7WZ01zgkW",
            "metadata": {"note": "é & = ?/%", "session": "vs_123"},
        }}),
    ]) else {
        return;
    };
    for (ours, theirs) in ours.iter().zip(&theirs) {
        assert_eq!(ours, theirs["text"].as_str().unwrap());
    }
}

#[test]
fn an_upload_has_the_parts_stripe_node_sends() {
    let mut bytes: Vec<u8> = (0..=255u8).collect();
    bytes.extend_from_slice(b"\r\n--\r\nend\r");
    let mut upload = CreateFile::new(
        FileUpload::new(bytes.clone(), "pass\"port\n.png", "image/png"),
        CreateFilePurpose::IdentityDocument,
    );
    let mut link_data = FileLinkCreationParams::new(true);
    link_data.expires_at = Some(stripe_types::Timestamp(1900000000));
    link_data.metadata = Some(
        [
            ("order".to_string(), "6735".to_string()),
            ("x y".to_string(), "é".to_string()),
        ]
        .into_iter()
        .collect::<std::collections::BTreeMap<_, _>>()
        .into(),
    );
    upload.file_link_data = Some(link_data);
    let request = upload.request();
    let body = request.multipart.unwrap();
    let ours = parse(body.bytes(), body.boundary()).unwrap();

    let Some(theirs) = node(&[json!({
        "multipart": {
            "file_link_data": {
                "create": true,
                "expires_at": 1900000000,
                "metadata": {"order": "6735", "x y": "é"},
            },
            "purpose": "identity_document",
        },
        "file": {"key": "file", "data_hex": hex(&bytes), "name": "pass\"port\n.png", "type": "image/png"},
    })]) else {
        return;
    };
    let theirs = parse(
        &unhex(theirs[0]["body_hex"].as_str().unwrap()),
        theirs[0]["boundary"].as_str().unwrap(),
    )
    .unwrap();
    // stripe-node writes the file where its key is (last here); the parts
    // are compared by name.
    let sorted = |mut parts: Vec<Part>| {
        parts.sort_by(|a, b| a.name.cmp(&b.name));
        parts
    };
    let ours = sorted(ours);
    assert_eq!(ours, sorted(theirs));
    let file = ours.iter().find(|p| p.name == "file").unwrap();
    assert_eq!(file.bytes, bytes);
    assert_eq!(
        file.file,
        Some(("pass%22port .png".to_string(), "image/png".to_string()))
    );
}

fn event(id: &str) -> Value {
    json!({
        "id": id, "object": "event", "api_version": "2026-07-29.dahlia", "created": 1700000001,
        "data": {"object": {"id": "vs_1", "object": "identity.verification_session.unknown"}},
        "livemode": false, "pending_webhooks": 1,
        "request": {"id": null, "idempotency_key": null},
        "type": "identity.verification_session.verified",
    })
}

fn page(ids: &[&str], has_more: bool) -> Value {
    json!({
        "object": "list", "url": "/v1/events", "has_more": has_more,
        "data": ids.iter().map(|id| event(id)).collect::<Vec<_>>(),
    })
}

/// The requests (`path?query`, pairs sorted: stripe-node keeps the
/// caller's key order, ours the operation's) and the ids a pager gives,
/// and whether it ended with an error.
fn our_paging(first: ListEvent, pages: &[Value]) -> (Vec<Vec<String>>, Vec<String>, bool) {
    let mut pager = Pager::new(first);
    let mut requests = Vec::new();
    let mut ids = Vec::new();
    let mut pages = pages.iter();
    while let Some(params) = pager.next_request() {
        requests.push(sorted_query(&params.request().path_and_query()));
        let page: List<Event> = serde_json::from_value(pages.next().unwrap().clone()).unwrap();
        match pager.page(page) {
            Ok(items) => ids.extend(items.into_iter().map(|e| e.id.as_str().to_string())),
            Err(_) => return (requests, ids, true),
        }
    }
    (requests, ids, false)
}

fn sorted_query(path_and_query: &str) -> Vec<String> {
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    pairs.sort();
    pairs.insert(0, path.to_string());
    pairs
}

#[test]
fn auto_paging_makes_the_requests_stripe_node_makes() {
    let mut backwards = ListEvent::new();
    backwards.ending_before = Some("evt_2".into());
    backwards.limit = Some(2);
    let cases: Vec<(ListEvent, Value, Vec<Value>)> = vec![
        (
            catch_up(),
            json!({"created": {"gte": 1700000000, "lt": 1800000000}, "delivery_success": false,
                   "limit": 100, "types": ["identity.verification_session.verified",
                                           "identity.verification_session.requires_input"]}),
            vec![
                page(&["evt_9", "evt_8"], true),
                page(&["evt_7", "evt_6"], true),
                page(&["evt_5"], false),
            ],
        ),
        (
            backwards,
            json!({"ending_before": "evt_2", "limit": 2}),
            vec![
                page(&["evt_4", "evt_3"], true),
                page(&["evt_6", "evt_5"], false),
            ],
        ),
        (ListEvent::new(), json!({}), vec![page(&["evt_1"], false)]),
        (ListEvent::new(), json!({}), vec![page(&[], false)]),
        // has_more without objects: both stop with an error.
        (
            ListEvent::new(),
            json!({}),
            vec![page(&["evt_2"], true), page(&[], true)],
        ),
    ];
    let calls: Vec<Value> = cases
        .iter()
        .map(|(_, params, pages)| json!({"paging": params, "pages": pages}))
        .collect();
    let Some(theirs) = node(&calls) else {
        return;
    };
    for ((first, _, pages), theirs) in cases.into_iter().zip(theirs) {
        let (requests, ids, error) = our_paging(first, &pages);
        let their_requests: Vec<Vec<String>> = theirs["requests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| sorted_query(r.as_str().unwrap()))
            .collect();
        assert_eq!(requests, their_requests, "{theirs}");
        let their_ids: Vec<String> = theirs["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids, their_ids, "{theirs}");
        assert_eq!(error, theirs.get("error").is_some(), "{theirs}");
    }
}
