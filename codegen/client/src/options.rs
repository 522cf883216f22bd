//! What a request may say for itself beyond its operation: its own API key
//! (a restricted key for one request), and the host an operation names
//! (uploads go to the files host, which tests point elsewhere).

use std::fmt;

use crate::send::{Core, FILES_BASE};

/// The most bytes of an answer the clients read unless
/// [`RequestOptions::max_answer_bytes`](crate::RequestOptions::max_answer_bytes)
/// says otherwise: 10 MiB.
pub const DEFAULT_MAX_ANSWER_BYTES: u64 = 10 * 1024 * 1024;

/// An answer longer than the request allows.
#[derive(Debug)]
pub(crate) struct AnswerTooLarge(pub u64);

impl fmt::Display for AnswerTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the answer is longer than the {} bytes this request may read \
             (RequestOptions::max_answer_bytes); nothing more was read",
            self.0
        )
    }
}

impl std::error::Error for AnswerTooLarge {}

/// The failure of an attempt whose answer is too long.
pub(crate) fn too_large(limit: u64) -> crate::send::TransportFailure {
    crate::send::TransportFailure {
        kind: stripe_types::request::retry::TransportErrorKind::Other,
        source: Box::new(AnswerTooLarge(limit)),
    }
}

/// A request's own `Authorization` header, checked like the client's key.
/// Never shown: `Debug` prints `RequestKey(..)`.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct RequestKey(String);

impl RequestKey {
    pub fn new(header: String) -> Self {
        RequestKey(header)
    }

    pub fn header(&self) -> &String {
        &self.0
    }
}

impl fmt::Debug for RequestKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RequestKey(..)")
    }
}

/// The base URL a request goes to: the client's API base, or for an
/// operation that names its own host, the files host (the client's
/// `files_base`) or that host.
pub(crate) fn base_for<'a>(core: &'a Core, host: Option<&'a str>) -> &'a str {
    match host.map(|h| h.trim_end_matches('/')) {
        None => &core.base,
        Some(FILES_BASE) => &core.files_base,
        Some(other) => other,
    }
}

/// The builder method both clients have for the files host.
macro_rules! files_settings {
    () => {
        /// The client sending uploads (and file downloads) to `base`
        /// instead of `https://files.stripe.com`: a test server, say.
        pub fn with_files_base(mut self, base: &str) -> Self {
            self.core.files_base = base.trim_end_matches('/').to_string();
            self
        }
    };
}
pub(crate) use files_settings;

#[cfg(test)]
mod tests {
    use crate::{KeyError, RequestOptions};

    #[test]
    fn a_request_key_is_checked_and_never_shown() {
        let options = RequestOptions::new().api_key("rk_test_SECRET123").unwrap();
        let shown = format!("{options:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(shown.contains("RequestKey(..)"), "{shown}");
        assert_eq!(
            RequestOptions::new().api_key("pk_test_123").unwrap_err(),
            KeyError::Publishable
        );
        assert_eq!(
            RequestOptions::new().api_key("").unwrap_err(),
            KeyError::Empty
        );
        assert_eq!(
            RequestOptions::new()
                .api_key("rk_test_1\r\nX: y")
                .unwrap_err(),
            KeyError::Format
        );
    }
}
