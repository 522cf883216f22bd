//! Paging, uploads, downloads and per-request keys against a scripted server on
//! 127.0.0.1: the requests each iteration makes (only the cursor moves,
//! `types[]` and `created[gte]` kept), the objects in order, and the end:
//! the list's, or one error then nothing.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use stripe_client::{AsyncClient, Client, ClientErrorKind, RequestOptions};
use stripe_identity::{Event, ListEvent};
use stripe_shared::{CreateFile, CreateFilePurpose, RangeQuerySpecs};
use stripe_types::{FileUpload, PagingError};

/// A request as the server read it.
#[derive(Clone, Debug)]
struct Seen {
    line: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Serves `answers` (status, body) in order, one connection each; stops
/// when done or after 20 s.
struct Server {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start(answers: Vec<(u16, Vec<u8>)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = seen.clone();
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(20);
            for (status, body) in answers {
                let mut stream = loop {
                    match listener.accept() {
                        Ok((stream, _)) => break stream,
                        Err(_) if Instant::now() < deadline => {
                            std::thread::sleep(Duration::from_millis(2))
                        }
                        Err(_) => return,
                    }
                };
                stream.set_nonblocking(false).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .unwrap();
                let mut reader = BufReader::new(&mut stream);
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let mut headers = Vec::new();
                loop {
                    let mut header = String::new();
                    reader.read_line(&mut header).unwrap();
                    let Some((name, value)) = header.trim_end().split_once(':') else {
                        break;
                    };
                    headers.push((name.trim().to_string(), value.trim().to_string()));
                }
                let length = headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                    .map_or(0, |(_, v)| v.parse().unwrap());
                let mut request_body = vec![0; length];
                reader.read_exact(&mut request_body).unwrap();
                record.lock().unwrap().push(Seen {
                    line: line.trim_end().to_string(),
                    headers,
                    body: request_body,
                });
                let head = format!(
                    "HTTP/1.1 {status} S\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                     Request-Id: req_{}\r\nConnection: close\r\n\r\n",
                    body.len(),
                    record.lock().unwrap().len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            }
        });
        Server {
            base,
            seen,
            thread: Some(thread),
        }
    }

    /// The request lines read, once the script is served.
    fn seen(mut self) -> Vec<Seen> {
        self.thread.take().unwrap().join().unwrap();
        self.seen.lock().unwrap().clone()
    }
}

fn event(id: &str) -> String {
    format!(
        r#"{{"id":"{id}","object":"event","api_version":"2026-07-29.dahlia","created":1700000000,
        "data":{{"object":{{"id":"vs_1","object":"some_new_object"}}}},"livemode":false,
        "pending_webhooks":1,"request":{{"id":null,"idempotency_key":null}},
        "type":"identity.verification_session.verified"}}"#
    )
}

fn page(ids: &[&str], has_more: bool) -> (u16, Vec<u8>) {
    let data: Vec<String> = ids.iter().map(|id| event(id)).collect();
    (
        200,
        format!(
            r#"{{"object":"list","data":[{}],"has_more":{has_more},"url":"/v1/events"}}"#,
            data.join(",")
        )
        .into_bytes(),
    )
}

fn client(server: &Server) -> Client {
    Client::with_base("sk_test_123", &server.base)
        .unwrap()
        .with_sleep(|_| {})
        .with_jitter(|| 0.0)
}

fn catch_up() -> ListEvent {
    let mut list = ListEvent::new();
    list.types = vec![
        "identity.verification_session.verified".into(),
        "identity.verification_session.requires_input".into(),
    ];
    list.created = Some(
        RangeQuerySpecs {
            gte: Some(1700000000),
            ..RangeQuerySpecs::new()
        }
        .into(),
    );
    list.delivery_success = Some(false);
    list.limit = Some(2);
    list
}

fn ids(items: Vec<Event>) -> Vec<String> {
    items
        .into_iter()
        .map(|e| e.id.as_str().to_string())
        .collect()
}

/// The request line of [`catch_up`]'s pages: the filters, and the cursor
/// in its place among them.
fn line(cursor: &str) -> String {
    format!(
        "GET /v1/events?created[gte]=1700000000&delivery_success=false&limit=2{cursor}\
         &types[0]=identity.verification_session.verified\
         &types[1]=identity.verification_session.requires_input HTTP/1.1"
    )
}

#[test]
fn three_pages_forward_keep_every_filter_and_move_the_cursor() {
    let server = Server::start(vec![
        page(&["evt_6", "evt_5"], true),
        page(&["evt_4", "evt_3"], true),
        page(&["evt_2"], false),
    ]);
    let items: Vec<Event> = client(&server)
        .pages(catch_up())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ids(items), ["evt_6", "evt_5", "evt_4", "evt_3", "evt_2"]);
    let lines: Vec<String> = server.seen().into_iter().map(|s| s.line).collect();
    assert_eq!(
        lines,
        [
            line(""),
            line("&starting_after=evt_5"),
            line("&starting_after=evt_3"),
        ]
    );
}

#[test]
fn backwards_from_ending_before_yields_each_page_reversed() {
    let server = Server::start(vec![
        page(&["evt_4", "evt_3"], true),
        page(&["evt_6", "evt_5"], false),
    ]);
    let mut first = ListEvent::new();
    first.ending_before = Some("evt_2".into());
    first.limit = Some(2);
    let items: Vec<Event> = client(&server)
        .pages(first)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ids(items), ["evt_3", "evt_4", "evt_5", "evt_6"]);
    let lines: Vec<String> = server.seen().into_iter().map(|s| s.line).collect();
    assert_eq!(
        lines,
        [
            "GET /v1/events?ending_before=evt_2&limit=2 HTTP/1.1",
            "GET /v1/events?ending_before=evt_4&limit=2 HTTP/1.1",
        ]
    );
}

#[test]
fn one_page_and_an_empty_list_make_one_request() {
    let server = Server::start(vec![page(&["evt_1"], false), page(&[], false)]);
    let client = client(&server);
    let one: Vec<Event> = client.pages(ListEvent::new()).map(Result::unwrap).collect();
    assert_eq!(ids(one), ["evt_1"]);
    assert_eq!(client.pages(ListEvent::new()).count(), 0);
    assert_eq!(server.seen().len(), 2);
}

#[test]
fn a_page_that_cannot_advance_ends_with_one_error() {
    // has_more with no object.
    let server = Server::start(vec![page(&["evt_2"], true), page(&[], true)]);
    let client = client(&server);
    let mut pages = client.pages(ListEvent::new());
    assert_eq!(pages.next().unwrap().unwrap().id.as_str(), "evt_2");
    let error = pages.next().unwrap().unwrap_err();
    assert!(matches!(
        error.kind(),
        ClientErrorKind::Paging(PagingError::EmptyPageWithMore { page: 2 })
    ));
    assert_eq!(error.request_id(), Some("req_2"));
    assert!(pages.next().is_none());
    assert_eq!(server.seen().len(), 2);

    // The same page again: its last id was asked for already.
    let server = Server::start(vec![
        page(&["evt_2", "evt_1"], true),
        page(&["evt_2", "evt_1"], true),
    ]);
    let client = self::client(&server);
    let results: Vec<_> = client.pages(ListEvent::new()).collect();
    assert_eq!(results.len(), 3);
    let error = results[2].as_ref().unwrap_err();
    assert_eq!(
        error.to_string(),
        "page 2 of the list ends at `evt_1`, a cursor already asked for: paging stopped rather \
         than ask for the same page again [request id req_2]"
    );
    assert_eq!(server.seen().len(), 2);
}

#[test]
fn a_page_that_fails_for_good_is_retried_then_yielded_once() {
    let error = br#"{"error":{"type":"api_error","message":"down"}}"#.to_vec();
    let server = Server::start(vec![
        page(&["evt_2"], true),
        (500, error.clone()),
        (500, error.clone()),
        (500, error),
    ]);
    let client = client(&server);
    let results: Vec<_> = client.pages(ListEvent::new()).collect();
    assert_eq!(results.len(), 2);
    let error = results[1].as_ref().unwrap_err();
    assert_eq!((error.status(), error.attempts()), (Some(500), 3));
    assert_eq!(server.seen().len(), 4);
}

#[test]
fn the_async_stream_asks_for_the_same_pages() {
    use futures_util::StreamExt;
    let server = Server::start(vec![
        page(&["evt_6", "evt_5"], true),
        page(&["evt_4", "evt_3"], true),
        page(&["evt_2"], false),
    ]);
    let client = AsyncClient::with_base("sk_test_123", &server.base).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let items: Vec<Event> = runtime.block_on(async {
        client
            .pages(catch_up())
            .map(Result::unwrap)
            .collect::<Vec<_>>()
            .await
    });
    assert_eq!(ids(items), ["evt_6", "evt_5", "evt_4", "evt_3", "evt_2"]);
    let lines: Vec<String> = server.seen().into_iter().map(|s| s.line).collect();
    assert_eq!(lines[2], line("&starting_after=evt_3"));
}

#[test]
fn uploads_go_to_the_files_host_as_multipart_with_the_request_key() {
    let file_json = r#"{"id":"file_1","object":"file","created":1,"expires_at":null,"filename":"scan.png",
        "links":null,"purpose":"identity_document","size":258,"title":null,"type":"png","url":null}"#;
    let api = Server::start(vec![]);
    let files = Server::start(vec![(200, file_json.as_bytes().to_vec())]);
    let client = Client::with_base("sk_test_123", &api.base)
        .unwrap()
        .with_files_base(&files.base);
    let mut bytes: Vec<u8> = (0..=255u8).collect();
    bytes.extend_from_slice(b"\r\n");
    let upload = CreateFile::new(
        FileUpload::new(bytes.clone(), "scan.png", "image/png"),
        CreateFilePurpose::IdentityDocument,
    );
    let options = RequestOptions::new().api_key("rk_test_images").unwrap();
    let file = client.send_with(&upload, &options).unwrap().value;
    assert_eq!(file.id.as_str(), "file_1");
    let seen = files.seen();
    assert!(api.seen().is_empty());
    assert_eq!(seen[0].line, "POST /v1/files HTTP/1.1");
    assert_eq!(
        seen[0].header("authorization"),
        Some("Bearer rk_test_images")
    );
    let content_type = seen[0].header("content-type").unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap();
    let parts = stripe_types::request::multipart::parse(&seen[0].body, boundary).unwrap();
    assert_eq!(parts[0].name, "file");
    assert_eq!(parts[0].bytes, bytes);
    assert_eq!(parts[1].name, "purpose");
    assert_eq!(parts[1].bytes, b"identity_document");
}

#[test]
fn a_download_returns_the_bytes_exactly_and_refuses_more_than_allowed() {
    let mut bytes: Vec<u8> = (0..=255u8).collect();
    bytes.extend_from_slice(b"\r\n\x00");
    let files = Server::start(vec![(200, bytes.clone()), (200, vec![7; 2048])]);
    let client = Client::with_base("sk_test_123", "http://127.0.0.1:1")
        .unwrap()
        .with_files_base(&files.base);
    let contents =
        stripe_types::FileContents::new("https://files.stripe.com/v1/files/file_1/contents")
            .unwrap();
    let options = RequestOptions::new().api_key("rk_test_images").unwrap();
    assert_eq!(client.send_with(&contents, &options).unwrap().value, bytes);
    let error = client
        .send_with(&contents, &options.max_answer_bytes(1024))
        .unwrap_err();
    assert!(
        error.to_string().contains(
            "the answer is longer than the 1024 bytes this request may read \
             (RequestOptions::max_answer_bytes)"
        ),
        "{error}"
    );
    let seen = files.seen();
    assert_eq!(seen[0].line, "GET /v1/files/file_1/contents HTTP/1.1");
    assert_eq!(
        seen[0].header("authorization"),
        Some("Bearer rk_test_images")
    );
}

#[test]
fn the_async_client_refuses_an_answer_longer_than_allowed() {
    let files = Server::start(vec![(200, vec![7; 2048])]);
    let client = AsyncClient::with_base("sk_test_123", "http://127.0.0.1:1")
        .unwrap()
        .with_files_base(&files.base);
    let contents =
        stripe_types::FileContents::new("https://files.stripe.com/v1/files/file_1/contents")
            .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let options = RequestOptions::new().max_answer_bytes(1024);
    let error = runtime
        .block_on(client.send_with(&contents, &options))
        .unwrap_err();
    assert!(
        error.to_string().contains("longer than the 1024 bytes"),
        "{error}"
    );
    assert_eq!(files.seen().len(), 1);
}

#[test]
fn a_list_answer_without_data_is_one_clear_error() {
    let server = Server::start(vec![(
        200,
        br#"{"object":"list","has_more":true,"url":"/v1/events"}"#.to_vec(),
    )]);
    let client = client(&server);
    let results: Vec<_> = client.pages(ListEvent::new()).collect();
    assert_eq!(results.len(), 1);
    let error = results[0].as_ref().unwrap_err();
    assert!(
        matches!(error.kind(), ClientErrorKind::Response(_)),
        "{error}"
    );
    assert!(error.to_string().contains("`data`"), "{error}");
    assert_eq!(server.seen().len(), 1);
}
