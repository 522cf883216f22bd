//! What the blocking and the async client share: the checked secret key,
//! the headers of each attempt, the per-request options, and how the last
//! attempt's outcome becomes the caller's answer or error. Each client
//! only sends bytes and sleeps; [`RetryPolicy`] decides.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use stripe_types::request::header;
use stripe_types::request::retry::{Decision, Outcome, RetryPolicy, TransportErrorKind};
use stripe_types::{Method, Operation, Request, ResponseError};

/// Where Stripe's API lives.
pub const API_BASE: &str = "https://api.stripe.com";

/// Where file uploads go (`POST /v1/files` names it in its `servers`).
pub const FILES_BASE: &str = "https://files.stripe.com";

/// How long one attempt may take, as Stripe's libraries allow (80 s).
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(80);

/// Why a secret key was refused. The key itself is never shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// The key is empty (an unset environment variable, often).
    Empty,
    /// A publishable key (`pk_...`): it is for browsers and apps, and
    /// cannot call the API from a server.
    Publishable,
    /// Not a Stripe secret or restricted key: those are `sk_live_`,
    /// `sk_test_`, `rk_live_` or `rk_test_` followed by letters and digits.
    Format,
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyError::Empty => "the Stripe secret key is empty",
            KeyError::Publishable => {
                "a publishable key (pk_...) was given where a secret key (sk_... or rk_...) is needed"
            }
            KeyError::Format => {
                "the Stripe secret key is not in Stripe's format (sk_live_..., sk_test_..., \
                 rk_live_... or rk_test_..., then letters and digits)"
            }
        })
    }
}

impl std::error::Error for KeyError {}

/// The `Authorization` header's value for `key`, once the key is checked.
fn authorization(key: &str) -> Result<String, KeyError> {
    if key.is_empty() {
        return Err(KeyError::Empty);
    }
    if key.starts_with("pk_") {
        return Err(KeyError::Publishable);
    }
    let rest = ["sk_live_", "sk_test_", "rk_live_", "rk_test_"]
        .iter()
        .find_map(|prefix| key.strip_prefix(prefix))
        .ok_or(KeyError::Format)?;
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(KeyError::Format);
    }
    Ok(format!("Bearer {key}"))
}

/// Options of one request: the connected account it acts for, its
/// idempotency key, how often it may be retried.
///
/// ```
/// let options = stripe_client::RequestOptions::new()
///     .stripe_account("acct_1032D82eZvKYlo2C")
///     .idempotency_key("order-6735-session")
///     .max_retries(5);
/// # let _ = options;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestOptions {
    stripe_account: Option<String>,
    idempotency_key: Option<String>,
    max_retries: Option<u32>,
    api_key: Option<crate::options::RequestKey>,
    max_answer_bytes: Option<u64>,
    timeout: Option<Duration>,
}

impl RequestOptions {
    /// No options: the client's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Acts for this connected account (Connect): sends `Stripe-Account`.
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.stripe_account = Some(account.into());
        self
    }

    /// Sends this `Idempotency-Key` (on every attempt) instead of a new
    /// random one. A key from the caller's own records (an order id) makes
    /// a request safe to repeat even after the process restarts.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// At most this many retries for this request, instead of the
    /// client's policy's `max_retries`.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Reads at most this many bytes of the answer (default 10 MiB,
    /// [`DEFAULT_MAX_ANSWER_BYTES`](crate::DEFAULT_MAX_ANSWER_BYTES)); a
    /// longer one is an error, not read into memory. Answers are held in
    /// memory whole: raise this for large file downloads.
    pub fn max_answer_bytes(mut self, bytes: u64) -> Self {
        self.max_answer_bytes = Some(bytes);
        self
    }

    /// Sends this request with `key` instead of the client's: a restricted
    /// key (`rk_...`) that may do only what this request needs, such as
    /// reading a verification's images. Checked as the client's key is;
    /// never shown (`Debug` prints `RequestKey(..)`).
    pub fn api_key(mut self, key: &str) -> Result<Self, KeyError> {
        self.api_key = Some(crate::options::RequestKey::new(authorization(key)?));
        Ok(self)
    }
    /// At most this long for each attempt of this request (connecting,
    /// sending, the answer and its body), instead of the client's
    /// `with_timeout` (80 s by default). It applies to every attempt, so
    /// the whole call takes at most `(retries + 1) × timeout` plus the
    /// waits between attempts, each at most the retry policy's
    /// `max_delay` or, after a `Retry-After`, its `max_retry_after`: with
    /// the default policy and 2 retries, `3 × timeout + 2 × 60 s` at
    /// worst. For a deadline on the whole call, set `max_retries(0)` or
    /// wrap the call in one (`tokio::time::timeout`).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}

/// A successful answer, with what is known about how it came.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer<T> {
    /// The resource.
    pub value: T,
    /// The HTTP status.
    pub status: u16,
    /// Stripe's id of the answer (`Request-Id`), for its support.
    pub request_id: Option<String>,
    /// The attempts made, the last one answered (`1` without retries).
    pub attempts: u32,
}

/// Why an operation did not give its resource: the last attempt's failure,
/// with Stripe's request id and the number of attempts.
#[derive(Debug)]
pub struct ClientError<E> {
    kind: ClientErrorKind<E>,
    request_id: Option<String>,
    status: Option<u16>,
    attempts: u32,
}

/// What failed.
#[derive(Debug)]
pub enum ClientErrorKind<E> {
    /// The secret key was refused before anything was sent.
    Key(KeyError),
    /// The last attempt got no answer.
    Transport {
        /// Why, as the retry policy sees it.
        kind: TransportErrorKind,
        /// The HTTP client's error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The answer is an error, or not readable.
    Response(ResponseError<E>),
    /// A page of a list cannot advance (paging stopped rather than ask
    /// for the same page again).
    Paging(stripe_types::PagingError),
}

impl<E> ClientError<E> {
    /// What failed.
    pub fn kind(&self) -> &ClientErrorKind<E> {
        &self.kind
    }

    /// What failed, owned.
    pub fn into_kind(self) -> ClientErrorKind<E> {
        self.kind
    }

    /// Stripe's error object, if Stripe answered with one.
    pub fn api_error(&self) -> Option<&E> {
        match &self.kind {
            ClientErrorKind::Response(ResponseError::Api { error, .. }) => Some(error),
            _ => None,
        }
    }

    /// Stripe's id (`Request-Id`) of the last answer, to quote to its
    /// support; `None` when no attempt was answered, or the answer had none.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The HTTP status of the last answer any attempt got; `None` when no
    /// attempt was answered.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The attempts made (`0` when the key was refused).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl<E> ClientError<E> {
    /// A page that cannot advance, from the answer that brought it.
    pub(crate) fn paging(
        e: stripe_types::PagingError,
        status: u16,
        request_id: Option<String>,
        attempts: u32,
    ) -> Self {
        ClientError {
            kind: ClientErrorKind::Paging(e),
            request_id,
            status: Some(status),
            attempts,
        }
    }
}

impl<E> From<KeyError> for ClientError<E> {
    fn from(e: KeyError) -> Self {
        ClientError {
            kind: ClientErrorKind::Key(e),
            request_id: None,
            status: None,
            attempts: 0,
        }
    }
}

impl<E> fmt::Display for ClientError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ClientErrorKind::Key(e) => return e.fmt(f),
            ClientErrorKind::Transport { kind, source } => {
                write!(f, "the request failed ({}): {source}", kind.as_str())?;
                if let Some(status) = self.status {
                    write!(f, "; an earlier attempt got HTTP {status}")?;
                }
            }
            ClientErrorKind::Response(e) => e.fmt(f)?,
            ClientErrorKind::Paging(e) => e.fmt(f)?,
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        if self.attempts > 1 {
            write!(f, " (after {} attempts)", self.attempts)?;
        }
        Ok(())
    }
}

impl<E: fmt::Debug + 'static> std::error::Error for ClientError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ClientErrorKind::Key(e) => Some(e),
            ClientErrorKind::Transport { source, .. } => Some(source.as_ref()),
            ClientErrorKind::Response(e) => Some(e),
            ClientErrorKind::Paging(e) => Some(e),
        }
    }
}

/// The jitter source: a value in `[0, 1)` per retry.
pub(crate) type Jitter = Arc<dyn Fn() -> f64 + Send + Sync>;

/// What both clients hold besides their HTTP client.
#[derive(Clone)]
pub(crate) struct Core {
    pub base: String,
    /// Where uploads go ([`FILES_BASE`], or a test server).
    pub files_base: String,
    authorization: String,
    pub policy: RetryPolicy,
    pub jitter: Jitter,
    pub timeout: Duration,
    pub identification: crate::identification::Identification,
    pub proxy: crate::proxy::ProxySetting,
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the key.
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("policy", &self.policy)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Core {
    pub fn new(secret_key: &str, base: &str) -> Result<Core, KeyError> {
        Ok(Core {
            base: base.trim_end_matches('/').to_string(),
            files_base: FILES_BASE.to_string(),
            authorization: authorization(secret_key)?,
            policy: RetryPolicy::STRIPE,
            jitter: Arc::new(crate::random::random_jitter),
            timeout: DEFAULT_TIMEOUT,
            identification: Default::default(),
            proxy: Default::default(),
        })
    }

    /// The request as every attempt sends it.
    pub fn prepare(&self, mut request: Request, options: &RequestOptions) -> Prepared {
        let content_type = request.content_type().map(|c| c.into_owned());
        let mut headers = std::mem::take(&mut request.headers);
        let mut set = |name: &'static str, value: String| {
            headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            headers.push((name, value));
        };
        let authorization = options
            .api_key
            .as_ref()
            .map_or(&self.authorization, |k| k.header());
        set("Authorization", authorization.clone());
        set("User-Agent", self.identification.user_agent.clone());
        set(
            "X-Stripe-Client-User-Agent",
            self.identification.client_user_agent.clone(),
        );
        if let Some(account) = &options.stripe_account {
            set(header::STRIPE_ACCOUNT, account.clone());
        }
        if let Some(key) = &options.idempotency_key {
            set(header::IDEMPOTENCY_KEY, key.clone());
        }
        if request.method == Method::Post
            && !headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case(header::IDEMPOTENCY_KEY))
        {
            headers.push((
                header::IDEMPOTENCY_KEY,
                crate::random::new_idempotency_key(),
            ));
        }
        let base = crate::options::base_for(self, request.host);
        let url = if request.query.is_empty() {
            format!("{base}{}", request.path)
        } else {
            format!("{base}{}?{}", request.path, request.query)
        };
        let body = match request.multipart {
            Some(multipart) => Some(multipart.into_bytes()),
            None => request.body.map(String::into_bytes),
        };
        Prepared {
            method: request.method,
            url,
            headers,
            content_type,
            body,
            max_answer: options
                .max_answer_bytes
                .unwrap_or(crate::options::DEFAULT_MAX_ANSWER_BYTES),
            timeout: options.timeout.unwrap_or(self.timeout),
            policy: RetryPolicy {
                max_retries: options.max_retries.unwrap_or(self.policy.max_retries),
                ..self.policy
            },
        }
    }
}

/// One request as its attempts send it.
pub(crate) struct Prepared {
    pub method: Method,
    pub url: String,
    /// With `Authorization`, and for a `POST` its `Idempotency-Key`.
    pub headers: Vec<(&'static str, String)>,
    /// The body's content type (a form's, or multipart with its boundary).
    pub content_type: Option<String>,
    pub body: Option<Vec<u8>>,
    /// The most bytes of an answer read.
    pub max_answer: u64,
    /// The limit on each attempt.
    pub timeout: Duration,
    pub policy: RetryPolicy,
}

/// An answer as read off the wire.
pub(crate) struct RawAnswer {
    pub status: u16,
    pub request_id: Option<String>,
    pub should_retry: Option<String>,
    pub retry_after: Option<String>,
    pub body: Vec<u8>,
}

impl RawAnswer {
    /// The answer with the headers the clients keep, read by `header`.
    pub fn new<'h>(status: u16, body: Vec<u8>, header: impl Fn(&str) -> Option<&'h str>) -> Self {
        let text = |name| header(name).map(str::to_string);
        RawAnswer {
            status,
            request_id: text(header::REQUEST_ID),
            should_retry: text(header::STRIPE_SHOULD_RETRY),
            retry_after: text(header::RETRY_AFTER),
            body,
        }
    }
}

/// The builder methods both clients have for their [`Core`]'s retry
/// settings.
macro_rules! retry_settings {
    () => {
        /// The client with this retry policy (default
        /// [`RetryPolicy::STRIPE`](stripe_types::request::retry::RetryPolicy::STRIPE)).
        pub fn with_retry_policy(
            mut self,
            policy: stripe_types::request::retry::RetryPolicy,
        ) -> Self {
            self.core.policy = policy;
            self
        }

        /// The client with at most this many retries per request (default 2).
        pub fn with_max_retries(mut self, retries: u32) -> Self {
            self.core.policy.max_retries = retries;
            self
        }

        /// The client drawing the retry policy's jitter (in `[0, 1)`) from
        /// `jitter` instead of the operating system's random source.
        pub fn with_jitter(mut self, jitter: impl Fn() -> f64 + Send + Sync + 'static) -> Self {
            self.core.jitter = ::std::sync::Arc::new(jitter);
            self
        }
    };
}
pub(crate) use retry_settings;

/// An attempt that got no answer.
pub(crate) struct TransportFailure {
    pub kind: TransportErrorKind,
    pub source: Box<dyn std::error::Error + Send + Sync>,
}

pub(crate) type Attempt = Result<RawAnswer, TransportFailure>;

/// Follows an attempt: what the policy decides, and the request id and
/// status seen so far.
pub(crate) struct Attempts {
    policy: RetryPolicy,
    jitter: Jitter,
    retries: u32,
    request_id: Option<String>,
    status: Option<u16>,
}

impl Attempts {
    pub fn new(core: &Core, prepared: &Prepared) -> Self {
        Attempts {
            policy: prepared.policy,
            jitter: core.jitter.clone(),
            retries: 0,
            request_id: None,
            status: None,
        }
    }

    /// What to do after `attempt`.
    pub fn decide(&mut self, attempt: &Attempt) -> Decision {
        let outcome = match attempt {
            Ok(answer) => {
                self.status = Some(answer.status);
                self.request_id = answer.request_id.clone();
                Outcome::Answer {
                    status: answer.status,
                    should_retry: answer.should_retry.as_deref(),
                    retry_after: answer.retry_after.as_deref(),
                }
            }
            Err(failure) => {
                // An earlier answer's id would name another attempt.
                self.request_id = None;
                Outcome::Transport(failure.kind)
            }
        };
        let decision = self.policy.decide(self.retries, &outcome, (self.jitter)());
        if matches!(decision, Decision::RetryAfter(_)) {
            self.retries += 1;
        }
        decision
    }

    /// The caller's answer from the last attempt.
    pub fn finish<O: Operation>(
        self,
        attempt: Attempt,
    ) -> Result<Answer<O::Response>, ClientError<O::Error>> {
        let attempts = self.retries + 1;
        let fail = |kind| ClientError {
            kind,
            request_id: self.request_id.clone(),
            status: self.status,
            attempts,
        };
        match attempt {
            Ok(answer) => match O::parse(answer.status, &answer.body) {
                Ok(value) => Ok(Answer {
                    value,
                    status: answer.status,
                    request_id: answer.request_id,
                    attempts,
                }),
                Err(e) => Err(fail(ClientErrorKind::Response(e))),
            },
            Err(failure) => Err(fail(ClientErrorKind::Transport {
                kind: failure.kind,
                source: failure.source,
            })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_checked_and_never_shown() {
        for good in ["sk_test_123", "sk_live_51HxYz", "rk_test_abc_DEF"] {
            assert!(authorization(good).is_ok(), "{good}");
        }
        assert_eq!(authorization(""), Err(KeyError::Empty));
        assert_eq!(authorization("pk_test_123"), Err(KeyError::Publishable));
        for bad in [
            "sk_test_",
            "sk_123",
            "secret",
            "sk_test_12 3",
            "sk_test_123\r\nX: y",
            " sk_test_123",
        ] {
            assert_eq!(authorization(bad), Err(KeyError::Format), "{bad:?}");
        }
        let core = Core::new("sk_test_SECRET", "http://127.0.0.1:1/").unwrap();
        let shown = format!("{core:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
        assert_eq!(core.base, "http://127.0.0.1:1");
    }

    #[test]
    fn attempts_carry_the_operation_headers_and_the_options() {
        let core = Core::new("sk_test_123", "http://x").unwrap();
        let post = Request::new(
            Method::Post,
            "/v1/things".into(),
            stripe_types::form::Form::new(),
        )
        .with_header(header::STRIPE_VERSION, "2026-07-29.dahlia");
        let plain = core.prepare(post.clone(), &RequestOptions::new());
        let key = plain
            .headers
            .iter()
            .find(|(n, _)| *n == header::IDEMPOTENCY_KEY);
        assert_eq!(key.map(|(_, v)| v.len()), Some(36));
        let names: Vec<&str> = plain.headers.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "Stripe-Version",
                "Authorization",
                "User-Agent",
                "X-Stripe-Client-User-Agent",
                "Idempotency-Key"
            ]
        );
        let options = RequestOptions::new()
            .stripe_account("acct_1")
            .idempotency_key("mine")
            .max_retries(7);
        let set = core.prepare(post, &options);
        let find = |name| {
            set.headers
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(find(header::IDEMPOTENCY_KEY), Some("mine"));
        assert_eq!(find(header::STRIPE_ACCOUNT), Some("acct_1"));
        assert_eq!(set.policy.max_retries, 7);
        let get = Request::new(
            Method::Get,
            "/v1/things".into(),
            stripe_types::form::Form::new(),
        );
        let get = core.prepare(get, &RequestOptions::new());
        assert!(get
            .headers
            .iter()
            .all(|(n, _)| *n != header::IDEMPOTENCY_KEY));
        assert_eq!(get.url, "http://x/v1/things");
    }

    #[test]
    fn attempts_say_what_sent_them_and_nothing_secret() {
        let core = Core::new("sk_test_SECRET", "http://x").unwrap();
        let get = Request::new(Method::Get, "/v1/x".into(), stripe_types::form::Form::new());
        let prepared = core.prepare(get, &RequestOptions::new());
        let find = |name: &str| {
            prepared
                .headers
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
        };
        let agent = find("User-Agent").unwrap();
        let client = find("X-Stripe-Client-User-Agent").unwrap();
        assert!(agent.starts_with("Stripe/v1 RustBindings/"), "{agent}");
        assert!(client.contains(r#""lang":"rust""#), "{client}");
        assert!(!agent.contains("SECRET") && !client.contains("SECRET"));
    }
}
