//! A small blocking client: sends an [`Operation`]'s request with
//! [`ureq`], retrying as [`RetryPolicy`] says, and parses the answer. The
//! `blocking` feature has TLS (rustls) for `https://api.stripe.com`;
//! `blocking-http` is plain HTTP only, for a mock server or a local proxy,
//! with no TLS stack to build.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::proxy::ProxySetting;
use crate::send::{Attempt, Attempts, Core, Prepared, RawAnswer, TransportFailure};
use crate::{Answer, ClientError, KeyError, RequestOptions};
use stripe_types::request::retry::{Decision, TransportErrorKind};
use stripe_types::{Method, Operation};

/// Sends operations to Stripe (or to a mock server) with a secret key,
/// retrying as [`RetryPolicy::STRIPE`](stripe_types::request::retry::RetryPolicy::STRIPE) says.
///
/// ```no_run
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let client = stripe_client::Client::new("sk_test_...")?;
/// # let _ = client;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    core: Core,
    sleep: Arc<dyn Fn(Duration) + Send + Sync>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.core.fmt(f)
    }
}

fn agent(core: &Core) -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(core.timeout));
    let config = match &core.proxy {
        // ureq's default: the environment's.
        ProxySetting::Environment => config,
        ProxySetting::Off => config.proxy(None),
        // Checked by `with_proxy` with this same parser.
        ProxySetting::Url(url) => config.proxy(ureq::Proxy::new(url).ok()),
    };
    config.build().into()
}

impl Client {
    /// A client for `https://api.stripe.com` with this secret key
    /// (`sk_...` or `rk_...`); an empty key or another kind is refused.
    pub fn new(secret_key: &str) -> Result<Self, KeyError> {
        Self::with_base(secret_key, crate::API_BASE)
    }

    /// A client for another server, such as a mock server on
    /// `http://127.0.0.1:4010`.
    pub fn with_base(secret_key: &str, base: &str) -> Result<Self, KeyError> {
        let core = Core::new(secret_key, base)?;
        Ok(Client {
            agent: agent(&core),
            core,
            sleep: Arc::new(std::thread::sleep),
        })
    }

    crate::send::retry_settings!();
    crate::options::files_settings!();
    crate::identification::app_info_setting!();
    crate::proxy::proxy_settings!(|url| ureq::Proxy::new(url).map(drop));

    fn rebuild(&mut self) {
        self.agent = agent(&self.core);
    }

    /// The client with this limit on each attempt (default 80 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.core.timeout = timeout;
        self.rebuild();
        self
    }

    /// The client waiting between attempts with `sleep` instead of
    /// `std::thread::sleep` (a test's recorder, a deadline's check).
    pub fn with_sleep(mut self, sleep: impl Fn(Duration) + Send + Sync + 'static) -> Self {
        self.sleep = Arc::new(sleep);
        self
    }

    /// Sends `operation` and parses the answer.
    pub fn send<O: Operation>(&self, operation: &O) -> Result<O::Response, ClientError<O::Error>> {
        self.send_with(operation, &RequestOptions::new())
            .map(|answer| answer.value)
    }

    /// Sends `operation` with `options` (Connect account, idempotency key,
    /// retries); the answer keeps its request id.
    pub fn send_with<O: Operation>(
        &self,
        operation: &O,
        options: &RequestOptions,
    ) -> Result<Answer<O::Response>, ClientError<O::Error>> {
        let prepared = self.core.prepare(operation.request(), options);
        let mut attempts = Attempts::new(&self.core, &prepared);
        loop {
            let attempt = self.attempt(&prepared);
            match attempts.decide(&attempt) {
                Decision::RetryAfter(wait) => (self.sleep)(wait),
                Decision::Stop => return attempts.finish::<O>(attempt),
            }
        }
    }

    /// Every object of the list `first` asks for, page after page, each
    /// page with `first`'s parameters and the next cursor
    /// ([`stripe_types::Pager`]).
    pub fn pages<O: stripe_types::Paginate>(&self, first: O) -> crate::Pages<'_, O> {
        self.pages_with(first, RequestOptions::new())
    }

    /// [`pages`](Self::pages) with `options` on every page's request.
    pub fn pages_with<O: stripe_types::Paginate>(
        &self,
        first: O,
        options: RequestOptions,
    ) -> crate::Pages<'_, O> {
        crate::Pages::new(self, first, options)
    }

    fn attempt(&self, prepared: &Prepared) -> Attempt {
        let url = prepared.url.as_str();
        let answer = match prepared.method {
            Method::Post => {
                let mut request = self.agent.post(url);
                for (name, value) in &prepared.headers {
                    request = request.header(*name, value);
                }
                request
                    .config()
                    .timeout_global(Some(prepared.timeout))
                    .build()
                    .content_type(
                        prepared
                            .content_type
                            .as_deref()
                            .unwrap_or(stripe_types::request::FORM_CONTENT_TYPE),
                    )
                    .send(prepared.body.as_deref().unwrap_or_default())
            }
            Method::Get | Method::Delete => {
                let mut request = match prepared.method {
                    Method::Get => self.agent.get(url),
                    _ => self.agent.delete(url),
                };
                for (name, value) in &prepared.headers {
                    request = request.header(*name, value);
                }
                request
                    .config()
                    .timeout_global(Some(prepared.timeout))
                    .build()
                    .call()
            }
        };
        let mut answer = answer.map_err(failure)?;
        let limit = prepared.max_answer;
        let body = answer
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => crate::options::too_large(limit),
                e => failure(e),
            })?;
        Ok(RawAnswer::new(answer.status().as_u16(), body, |name| {
            answer.headers().get(name).and_then(|v| v.to_str().ok())
        }))
    }
}

/// What the retry policy makes of ureq's error.
fn failure(e: ureq::Error) -> TransportFailure {
    let kind = match &e {
        ureq::Error::Timeout(_) => TransportErrorKind::Timeout,
        ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => TransportErrorKind::Connect,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            TransportErrorKind::Timeout
        }
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            TransportErrorKind::Connect
        }
        ureq::Error::Io(_) | ureq::Error::Protocol(_) | ureq::Error::BodyStalled => {
            TransportErrorKind::Io
        }
        _ => TransportErrorKind::Other,
    };
    TransportFailure {
        kind,
        source: Box::new(e),
    }
}
