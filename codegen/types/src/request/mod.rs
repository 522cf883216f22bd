//! Requests without I/O: what an operation sends, and how its answer is
//! read.
//!
//! A generated operation (such as `CreateIdentityVerificationSession`)
//! implements [`Operation`]: [`Operation::request`] gives a plain
//! [`Request`] (method, path, query, form body) that any HTTP client can
//! send, and [`Operation::parse`] turns the status and body of the answer
//! into the typed resource or a typed Stripe error. [`retry`] is the
//! retry policy, also without I/O. The `blocking` feature adds a small
//! blocking client that does both over HTTPS, the `async` feature an async
//! one; both follow [`retry::RetryPolicy`].

pub mod form;
mod list;
mod macros;
pub mod retry;
mod unsettable;

use std::fmt;

pub use list::List;
pub use unsettable::Unsettable;

/// The names of the headers Stripe reads and sends that the clients use.
pub mod header {
    /// The API version the request is written for, and the answer must be
    /// written in. Every generated operation's [`Request`](super::Request)
    /// carries it.
    pub const STRIPE_VERSION: &str = "Stripe-Version";
    /// Makes a `POST` safe to retry: Stripe answers a second request with
    /// the same key with the first one's answer.
    pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";
    /// The connected account a request acts for (Connect).
    pub const STRIPE_ACCOUNT: &str = "Stripe-Account";
    /// The id Stripe gives each answer, for its support and its logs.
    pub const REQUEST_ID: &str = "Request-Id";
    /// Stripe's advice on retrying: `true` or `false`.
    pub const STRIPE_SHOULD_RETRY: &str = "Stripe-Should-Retry";
    /// How many seconds to wait before retrying.
    pub const RETRY_AFTER: &str = "Retry-After";
}

/// The HTTP methods Stripe's API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: parameters go in the query string.
    Get,
    /// `POST`: parameters go in a form body.
    Post,
    /// `DELETE`: parameters go in the query string.
    Delete,
}

impl Method {
    /// The method's name, such as `"POST"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The content type of every request body Stripe's v1 API reads.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// One HTTP request, ready to send to `https://api.stripe.com` (or a mock
/// server): add the base URL, the `Authorization` header and, for a
/// `POST`, an `Idempotency-Key` (a new random one per logical request), then send
/// [`headers`](Request::headers) as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// The path, path parameters filled in and escaped, such as
    /// `/v1/identity/verification_sessions/vs_123/cancel`.
    pub path: String,
    /// The query string without its `?`; empty when there is none.
    pub query: String,
    /// The form-encoded body of a `POST` (possibly empty); `None` for the
    /// other methods.
    pub body: Option<String>,
    /// Headers to send, in order: a generated operation's carry
    /// `Stripe-Version` ([`header::STRIPE_VERSION`]); the content type is
    /// [`content_type`](Request::content_type).
    pub headers: Vec<(&'static str, String)>,
}

impl Request {
    /// A request whose parameters are `form`: in the body of a `POST`, in
    /// the query string otherwise.
    pub fn new(method: Method, path: String, form: form::Form) -> Self {
        match method {
            Method::Post => Request {
                method,
                path,
                query: String::new(),
                body: Some(form.finish()),
                headers: Vec::new(),
            },
            Method::Get | Method::Delete => Request {
                method,
                path,
                query: form.finish(),
                body: None,
                headers: Vec::new(),
            },
        }
    }

    /// The request with the header `name` set to `value` (replacing the
    /// value it had).
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.set_header(name, value);
        self
    }

    /// Sets the header `name` to `value`, replacing the value it had.
    pub fn set_header(&mut self, name: &'static str, value: impl Into<String>) {
        let value = value.into();
        match self
            .headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some(slot) => *slot = (name, value),
            None => self.headers.push((name, value)),
        }
    }

    /// The value of the header `name` (any case), if the request has it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The content type of the body, if there is one.
    pub fn content_type(&self) -> Option<&'static str> {
        self.body.as_ref().map(|_| FORM_CONTENT_TYPE)
    }

    /// The path and, if there is one, the query string.
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.query)
        }
    }
}

/// Escapes a path parameter (an id) for use as one segment of a path.
pub fn path_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    form::escape(value, &mut out);
    out
}

/// An API operation: a request to build and an answer to read.
pub trait Operation {
    /// What a successful answer holds.
    type Response;
    /// What an error answer holds (the spec's `error` schema).
    type Error;

    /// The request to send.
    fn request(&self) -> Request;

    /// Reads the answer: its HTTP status and its body.
    fn parse(status: u16, body: &[u8]) -> Result<Self::Response, ResponseError<Self::Error>>;
}

/// An answer that is not the resource asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum ResponseError<E> {
    /// Stripe answered with an error object (status 4xx or 5xx).
    Api {
        /// The HTTP status.
        status: u16,
        /// The error, as Stripe sent it (boxed: Stripe's error object is
        /// large, and `Result`s carrying it would be too).
        error: Box<E>,
        /// Its type, code, message and parameter, as a person reads them
        /// (what `Display` shows; boxed as `error` is).
        summary: Box<ApiErrorSummary>,
    },
    /// The body is not what the status promises: not JSON (a proxy's error
    /// page, a cut connection), or JSON of another shape.
    Body {
        /// The HTTP status.
        status: u16,
        /// What is wrong, with the position in the body.
        message: String,
        /// The start of the body, for the log.
        snippet: String,
    },
}

impl<E> ResponseError<E> {
    /// The HTTP status of the answer.
    pub fn status(&self) -> u16 {
        match self {
            ResponseError::Api { status, .. } | ResponseError::Body { status, .. } => *status,
        }
    }
}

impl<E> fmt::Display for ResponseError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Api {
                status, summary, ..
            } => write!(f, "Stripe answered HTTP {status}: {summary}"),
            ResponseError::Body {
                status,
                message,
                snippet,
            } => write!(
                f,
                "HTTP {status}: the body is not the expected JSON ({message}); it starts with {snippet:?}"
            ),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for ResponseError<E> {}

/// The parts of Stripe's error object (`{"error": {"type": ..., ...}}`) a
/// person reads, whatever the operation's error type: the type, code,
/// message and parameter. Read from the body, so it needs nothing of the
/// generated error type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiErrorSummary {
    /// `api_error`, `card_error`, `idempotency_error` or
    /// `invalid_request_error`.
    pub type_: Option<String>,
    /// The [error code](https://docs.stripe.com/error-codes), such as
    /// `resource_missing`.
    pub code: Option<String>,
    /// For a declined card, the issuer's reason.
    pub decline_code: Option<String>,
    /// The message, written for people.
    pub message: Option<String>,
    /// The parameter the error is about.
    pub param: Option<String>,
}

impl ApiErrorSummary {
    /// Reads the summary from an error answer's body; the parts it does
    /// not find are `None`.
    pub fn from_body(body: &[u8]) -> Self {
        let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
        let error = &value["error"];
        let text = |key: &str| error[key].as_str().map(str::to_string);
        ApiErrorSummary {
            type_: text("type"),
            code: text("code"),
            decline_code: text("decline_code"),
            message: text("message"),
            param: text("param"),
        }
    }
}

/// `card_error (card_declined, decline_code insufficient_funds, param
/// number): Your card has insufficient funds.`
impl fmt::Display for ApiErrorSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.type_.as_deref().unwrap_or("error"))?;
        let details: Vec<String> = [
            self.code.as_ref().map(|c| c.to_string()),
            self.decline_code
                .as_ref()
                .map(|c| format!("decline_code {c}")),
            self.param.as_ref().map(|p| format!("param {p}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !details.is_empty() {
            write!(f, " ({})", details.join(", "))?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

/// How much of an unreadable body an error shows.
const SNIPPET: usize = 200;

fn body_error<E>(status: u16, body: &[u8], message: String) -> ResponseError<E> {
    let text = String::from_utf8_lossy(&body[..body.len().min(SNIPPET)]).into_owned();
    ResponseError::Body {
        status,
        message,
        snippet: text,
    }
}

/// Reads a JSON answer: `T` for a 2xx status, the error type `E` otherwise.
pub fn parse_json<T, E>(status: u16, body: &[u8]) -> Result<T, ResponseError<E>>
where
    T: serde::de::DeserializeOwned,
    E: serde::de::DeserializeOwned,
{
    if (200..300).contains(&status) {
        serde_json::from_slice(body).map_err(|e| body_error(status, body, e.to_string()))
    } else {
        match serde_json::from_slice(body) {
            Ok(error) => Err(ResponseError::Api {
                status,
                error: Box::new(error),
                summary: Box::new(ApiErrorSummary::from_body(body)),
            }),
            Err(e) => Err(body_error(status, body, e.to_string())),
        }
    }
}

/// [`parse_json`] through the types' own readers (`stripe_types::json`),
/// for the generated crates built with their `json` feature: the same
/// values and errors, and no deserializer compiled in the caller's crate.
pub fn read_json<T, E>(status: u16, body: &[u8]) -> Result<T, ResponseError<E>>
where
    T: crate::json::FromJson,
    E: crate::json::FromJson,
{
    fn read<V: crate::json::FromJson>(body: &[u8]) -> crate::json::Result<V> {
        crate::__private::json_text(body).and_then(crate::json::from_str)
    }
    if (200..300).contains(&status) {
        read(body).map_err(|e| body_error(status, body, e.to_string()))
    } else {
        match read(body) {
            Ok(error) => Err(ResponseError::Api {
                status,
                error: Box::new(error),
                summary: Box::new(ApiErrorSummary::from_body(body)),
            }),
            Err(e) => Err(body_error(status, body, e.to_string())),
        }
    }
}

/// [`parse_bytes`] through the types' own readers (see [`read_json`]).
pub fn read_bytes<E: crate::json::FromJson>(
    status: u16,
    body: &[u8],
) -> Result<Vec<u8>, ResponseError<E>> {
    if (200..300).contains(&status) {
        Ok(body.to_vec())
    } else {
        read_json::<serde_json::Value, E>(status, body).map(|_| Vec::new())
    }
}

/// Reads a binary answer (such as a PDF): the bytes for a 2xx status, the
/// error type `E` otherwise.
pub fn parse_bytes<E>(status: u16, body: &[u8]) -> Result<Vec<u8>, ResponseError<E>>
where
    E: serde::de::DeserializeOwned,
{
    if (200..300).contains(&status) {
        Ok(body.to_vec())
    } else {
        parse_json::<serde::de::IgnoredAny, E>(status, body).map(|_| Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Thing {
        id: String,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Failure {
        message: String,
    }

    impl crate::json::FromJson for Thing {
        fn read(r: &mut crate::json::Reader<'_>) -> crate::json::Result<Self> {
            let raw = r.raw()?;
            serde_json::from_str(raw).map_err(|e| r.error(e))
        }
    }

    impl crate::json::FromJson for Failure {
        fn read(r: &mut crate::json::Reader<'_>) -> crate::json::Result<Self> {
            let raw = r.raw()?;
            serde_json::from_str(raw).map_err(|e| r.error(e))
        }
    }

    #[test]
    fn the_json_readers_answer_as_serde_does() {
        let ok: Result<Thing, ResponseError<Failure>> = read_json(200, br#"{"id":"x"}"#);
        assert_eq!(ok.unwrap(), Thing { id: "x".into() });
        let api = read_json::<Thing, Failure>(402, br#"{"message":"declined"}"#).unwrap_err();
        assert_eq!(
            api,
            parse_json::<Thing, Failure>(402, br#"{"message":"declined"}"#).unwrap_err()
        );
        for body in [&b"<html>Bad Gateway</html>"[..], b"{\"id\":\"x\"", b"\xff"] {
            let ours = read_json::<Thing, Failure>(502, body)
                .unwrap_err()
                .to_string();
            assert!(
                ours.starts_with("HTTP 502: the body is not the expected JSON ("),
                "{ours}"
            );
        }
        assert_eq!(
            read_json::<Thing, Failure>(502, b"<html>Bad Gateway</html>")
                .unwrap_err()
                .to_string(),
            parse_json::<Thing, Failure>(502, b"<html>Bad Gateway</html>")
                .unwrap_err()
                .to_string()
        );
        assert_eq!(read_bytes::<Failure>(200, b"%PDF").unwrap(), b"%PDF");
        assert!(matches!(
            read_bytes::<Failure>(404, br#"{"message":"gone"}"#),
            Err(ResponseError::Api { status: 404, .. })
        ));
    }

    #[test]
    fn answers_are_read_by_status() {
        let ok: Result<Thing, ResponseError<Failure>> = parse_json(200, br#"{"id":"x"}"#);
        assert_eq!(ok.unwrap(), Thing { id: "x".into() });
        let api = parse_json::<Thing, Failure>(402, br#"{"message":"declined"}"#).unwrap_err();
        assert_eq!(
            api,
            ResponseError::Api {
                status: 402,
                error: Box::new(Failure {
                    message: "declined".into()
                }),
                summary: Box::default(),
            }
        );
    }

    #[test]
    fn api_errors_read_as_a_person_reads_them() {
        let body = br#"{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","param":"number","message":"Your card has insufficient funds.","doc_url":"https://x"}}"#;
        let e = parse_json::<Thing, serde_json::Value>(402, body).unwrap_err();
        assert_eq!(e.status(), 402);
        assert_eq!(
            e.to_string(),
            "Stripe answered HTTP 402: card_error (card_declined, decline_code \
             insufficient_funds, param number): Your card has insufficient funds."
        );
        let bare = parse_json::<Thing, serde_json::Value>(500, br#"{"error":{}}"#).unwrap_err();
        assert_eq!(bare.to_string(), "Stripe answered HTTP 500: error");
    }

    #[test]
    fn headers_are_set_once_and_read_in_any_case() {
        let mut r = Request::new(Method::Get, "/v1/x".into(), form::Form::new())
            .with_header(header::STRIPE_VERSION, "a");
        r.set_header("stripe-version", "b");
        r.set_header(header::STRIPE_ACCOUNT, "acct_1");
        assert_eq!(r.header("STRIPE-VERSION"), Some("b"));
        assert_eq!(r.headers.len(), 2);
        assert_eq!(r.header(header::IDEMPOTENCY_KEY), None);
    }

    #[test]
    fn a_body_that_is_not_json_names_the_status() {
        let e = parse_json::<Thing, Failure>(502, b"<html>Bad Gateway</html>").unwrap_err();
        assert_eq!(
            e.to_string(),
            "HTTP 502: the body is not the expected JSON (expected value at line 1 column 1); \
             it starts with \"<html>Bad Gateway</html>\""
        );
        let e = parse_json::<Thing, Failure>(200, br#"{"id":"#).unwrap_err();
        assert!(matches!(e, ResponseError::Body { status: 200, .. }), "{e}");
        let e = parse_json::<Thing, Failure>(200, &[0xff; 500]).unwrap_err();
        let ResponseError::Body { snippet, .. } = e else {
            panic!("{e}")
        };
        assert_eq!(snippet.chars().count(), SNIPPET);
    }

    #[test]
    fn requests_put_parameters_where_the_method_wants_them() {
        let mut form = form::Form::new();
        form.field("limit", &3_i64);
        let get = Request::new(Method::Get, "/v1/things".into(), form.clone());
        assert_eq!(get.path_and_query(), "/v1/things?limit=3");
        assert_eq!(get.content_type(), None);
        let post = Request::new(Method::Post, "/v1/things".into(), form);
        assert_eq!(post.body.as_deref(), Some("limit=3"));
        assert_eq!(post.content_type(), Some(FORM_CONTENT_TYPE));
        assert_eq!(path_segment("a/b c"), "a%2Fb%20c");
    }
}
