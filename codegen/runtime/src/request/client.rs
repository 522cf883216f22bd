//! A small blocking client: sends an [`Operation`]'s request with
//! [`ureq`] and parses the answer. The `blocking` feature has TLS (rustls)
//! for `https://api.stripe.com`; `blocking-http` is plain HTTP only, for a
//! mock server or a local proxy, with no TLS stack to build.

use std::fmt;
use std::time::Duration;

use super::{Method, Operation, ResponseError};

/// Where Stripe's API lives.
pub const API_BASE: &str = "https://api.stripe.com";

/// Sends operations to Stripe (or to a mock server) with a secret key.
///
/// ```no_run
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let client = stripe_types::Client::new("sk_test_...");
/// # let _ = client;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    base: String,
    authorization: String,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the key.
        f.debug_struct("Client")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

/// Why an operation did not give its resource.
#[derive(Debug)]
pub enum ClientError<E> {
    /// The request did not get an answer (DNS, TLS, timeout, ...).
    Transport(ureq::Error),
    /// The answer is an error, or not readable.
    Response(ResponseError<E>),
}

impl<E: fmt::Debug> fmt::Display for ClientError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Transport(e) => write!(f, "the request failed: {e}"),
            ClientError::Response(e) => e.fmt(f),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for ClientError<E> {}

impl Client {
    /// A client for `https://api.stripe.com` with this secret key.
    pub fn new(secret_key: &str) -> Self {
        Self::with_base(secret_key, API_BASE)
    }

    /// A client for another server, such as a mock server on
    /// `http://127.0.0.1:4010`.
    pub fn with_base(secret_key: &str, base: &str) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(80)))
            .build();
        Client {
            agent: config.into(),
            base: base.trim_end_matches('/').to_string(),
            authorization: format!("Bearer {secret_key}"),
        }
    }

    /// Sends `operation` and parses the answer.
    pub fn send<O: Operation>(&self, operation: &O) -> Result<O::Response, ClientError<O::Error>> {
        let request = operation.request();
        let url = format!("{}{}", self.base, request.path_and_query());
        let auth = self.authorization.as_str();
        let answer = match (request.method, request.body) {
            (Method::Post, body) => self
                .agent
                .post(&url)
                .header("Authorization", auth)
                .content_type(super::FORM_CONTENT_TYPE)
                .send(body.unwrap_or_default()),
            (Method::Get, _) => self.agent.get(&url).header("Authorization", auth).call(),
            (Method::Delete, _) => self.agent.delete(&url).header("Authorization", auth).call(),
        };
        let mut answer = answer.map_err(ClientError::Transport)?;
        let status = answer.status().as_u16();
        let body = answer
            .body_mut()
            .read_to_vec()
            .map_err(ClientError::Transport)?;
        O::parse(status, &body).map_err(ClientError::Response)
    }
}
