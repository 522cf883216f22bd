//! The async client: the blocking client's requests, retries and errors,
//! sent with [`reqwest`] on tokio. The `async` feature has TLS (rustls on
//! `ring`); `async-http` is plain HTTP only.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use crate::proxy::ProxySetting;
use crate::send::{Attempt, Attempts, Core, Prepared, RawAnswer, TransportFailure};
use crate::{Answer, ClientError, KeyError, RequestOptions};
use stripe_types::request::retry::{Decision, TransportErrorKind};
use stripe_types::{Method, Operation};

/// A future that sleeps (the async client's wait between attempts).
pub type SleepFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Sends operations to Stripe (or to a mock server) from async code, with
/// the blocking `Client`'s headers and retry policy (`blocking` feature).
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let client = stripe_client::AsyncClient::new("sk_test_...")?;
/// # let _ = client;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct AsyncClient {
    http: reqwest::Client,
    core: Core,
    sleep: Arc<dyn Fn(Duration) -> SleepFuture + Send + Sync>,
}

impl fmt::Debug for AsyncClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.core.fmt(f)
    }
}

fn http(core: &Core) -> reqwest::Client {
    let builder = reqwest::Client::builder().timeout(core.timeout);
    let builder = match &core.proxy {
        // reqwest's default: the environment's.
        ProxySetting::Environment => builder,
        ProxySetting::Off => builder.no_proxy(),
        // Checked by `with_proxy` with this same parser.
        ProxySetting::Url(url) => match reqwest::Proxy::all(url) {
            Ok(proxy) => builder.proxy(proxy),
            Err(_) => builder.no_proxy(),
        },
    };
    builder
        .build()
        // Fails only when the TLS backend cannot start: nothing to send with.
        .expect("the HTTP client starts")
}

impl AsyncClient {
    /// A client for `https://api.stripe.com` with this secret key
    /// (`sk_...` or `rk_...`); an empty key or another kind is refused.
    pub fn new(secret_key: &str) -> Result<Self, KeyError> {
        Self::with_base(secret_key, crate::API_BASE)
    }

    /// A client for another server, such as a mock server on
    /// `http://127.0.0.1:4010`.
    pub fn with_base(secret_key: &str, base: &str) -> Result<Self, KeyError> {
        let core = Core::new(secret_key, base)?;
        Ok(AsyncClient {
            http: http(&core),
            core,
            sleep: Arc::new(|d| Box::pin(tokio::time::sleep(d))),
        })
    }

    crate::send::retry_settings!();
    crate::options::files_settings!();
    crate::identification::app_info_setting!();
    crate::proxy::proxy_settings!(|url| reqwest::Proxy::all(url).map(drop));

    fn rebuild(&mut self) {
        self.http = http(&self.core);
    }

    /// The client with this limit on each attempt (default 80 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.core.timeout = timeout;
        self.rebuild();
        self
    }

    /// The client waiting between attempts with `sleep` instead of
    /// `tokio::time::sleep`.
    pub fn with_sleep(
        mut self,
        sleep: impl Fn(Duration) -> SleepFuture + Send + Sync + 'static,
    ) -> Self {
        self.sleep = Arc::new(sleep);
        self
    }

    /// Sends `operation` and parses the answer.
    pub async fn send<O: Operation>(
        &self,
        operation: &O,
    ) -> Result<O::Response, ClientError<O::Error>> {
        self.send_with(operation, &RequestOptions::new())
            .await
            .map(|answer| answer.value)
    }

    /// Sends `operation` with `options` (Connect account, idempotency key,
    /// retries); the answer keeps its request id.
    pub async fn send_with<O: Operation>(
        &self,
        operation: &O,
        options: &RequestOptions,
    ) -> Result<Answer<O::Response>, ClientError<O::Error>> {
        let prepared = self.core.prepare(operation.request(), options);
        let mut attempts = Attempts::new(&self.core, &prepared);
        loop {
            let attempt = self.attempt(&prepared).await;
            match attempts.decide(&attempt) {
                Decision::RetryAfter(wait) => (self.sleep)(wait).await,
                Decision::Stop => return attempts.finish::<O>(attempt),
            }
        }
    }

    /// Every object of the list `first` asks for, page after page, as a
    /// stream ([`Client::pages`](crate::Client::pages)'s rules).
    pub fn pages<'c, O: stripe_types::Paginate + 'c>(
        &'c self,
        first: O,
    ) -> impl futures_core::Stream<Item = Result<O::Item, ClientError<O::Error>>> + 'c {
        self.pages_with(first, RequestOptions::new())
    }

    /// [`pages`](Self::pages) with `options` on every page's request.
    pub fn pages_with<'c, O: stripe_types::Paginate + 'c>(
        &'c self,
        first: O,
        options: RequestOptions,
    ) -> impl futures_core::Stream<Item = Result<O::Item, ClientError<O::Error>>> + 'c {
        crate::pages::stream::pages(self, first, options)
    }

    async fn attempt(&self, prepared: &Prepared) -> Attempt {
        let method = match prepared.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut request = self
            .http
            .request(method, &prepared.url)
            .timeout(prepared.timeout);
        for (name, value) in &prepared.headers {
            request = request.header(*name, value);
        }
        if let Some(body) = &prepared.body {
            let content_type = prepared.content_type.as_deref();
            request = request
                .header(
                    "Content-Type",
                    content_type.unwrap_or(stripe_types::request::FORM_CONTENT_TYPE),
                )
                .body(body.clone());
        }
        let mut answer = request.send().await.map_err(failure)?;
        let headers = answer.headers().clone();
        let status = answer.status().as_u16();
        let limit = prepared.max_answer;
        if answer.content_length().is_some_and(|length| length > limit) {
            return Err(crate::options::too_large(limit));
        }
        let mut body = Vec::new();
        while let Some(chunk) = answer.chunk().await.map_err(failure)? {
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(crate::options::too_large(limit));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(RawAnswer::new(status, body, |name| {
            headers.get(name).and_then(|v| v.to_str().ok())
        }))
    }
}

/// What the retry policy makes of reqwest's error.
fn failure(e: reqwest::Error) -> TransportFailure {
    let kind = if e.is_timeout() {
        TransportErrorKind::Timeout
    } else if e.is_connect() {
        TransportErrorKind::Connect
    } else if e.is_request() || e.is_body() || e.is_decode() {
        TransportErrorKind::Io
    } else {
        TransportErrorKind::Other
    };
    TransportFailure {
        kind,
        source: Box::new(e),
    }
}
