//! The proxy a client sends its requests through.
//!
//! By default both clients take it from the environment, as their HTTP
//! libraries read it: the blocking client (ureq) the first of `ALL_PROXY`,
//! `HTTPS_PROXY` and `HTTP_PROXY` (or their lowercase forms) that is set
//! and parses, for every request; the async client (reqwest) `HTTPS_PROXY`
//! for `https://` URLs, `HTTP_PROXY` for `http://` ones and `ALL_PROXY` for
//! both. Both skip the proxy for the hosts `NO_PROXY` lists (`example.com`,
//! `.example.com`, `*`), and both ignore a variable whose value does not
//! parse, silently. `with_proxy(url)` sets one explicitly (then the
//! variables are not read, `NO_PROXY` included), refusing a URL that does
//! not parse with a [`ProxyError`]; `without_proxy()` sends directly
//! whatever the environment says.

use std::fmt;

/// Where a client's requests go first. `Debug` shows a URL without the
/// user and password it may hold.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) enum ProxySetting {
    /// As the environment says (see the module docs).
    #[default]
    Environment,
    /// Directly, whatever the environment says.
    Off,
    /// Through this proxy, checked by [`parse`].
    Url(String),
}

impl fmt::Debug for ProxySetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProxySetting::Environment => f.write_str("Environment"),
            ProxySetting::Off => f.write_str("Off"),
            ProxySetting::Url(url) => f.debug_tuple("Url").field(&shown(url)).finish(),
        }
    }
}

/// Why a proxy URL was refused. The URL is shown without the user and
/// password it may hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProxyError {
    shown: String,
    reason: String,
}

impl fmt::Display for ProxyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the proxy URL `{}` cannot be used: {}",
            self.shown, self.reason
        )
    }
}

impl std::error::Error for ProxyError {}

/// `url` without `user:password@`, and without control characters.
fn shown(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let rest = match rest[..authority_end].rfind('@') {
        Some(at) => format!("[credentials]@{}", &rest[at + 1..]),
        None => rest.to_string(),
    };
    let url = if scheme.is_empty() {
        rest
    } else {
        format!("{scheme}://{rest}")
    };
    url.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// Checks a proxy URL: `http://` or `https://`, a host, and what the
/// client's HTTP library accepts (`parse_with`).
pub(crate) fn parse<E: fmt::Display>(
    url: &str,
    parse_with: impl FnOnce(&str) -> Result<(), E>,
) -> Result<ProxySetting, ProxyError> {
    let error = |reason: String| ProxyError {
        shown: shown(url),
        reason,
    };
    let lower = url.to_ascii_lowercase();
    let Some(rest) = ["http://", "https://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme))
    else {
        return Err(error("it must start with http:// or https://".into()));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    if host.is_empty() || host.starts_with(':') {
        return Err(error("it names no host".into()));
    }
    // A port after the host (or after an IPv6 address's `]`).
    let port = match host.rfind([':', ']']) {
        Some(at) if host.as_bytes()[at] == b':' => Some(&host[at + 1..]),
        _ => None,
    };
    if port.is_some_and(|p| !matches!(p.parse::<u16>(), Ok(1..))) {
        return Err(error("its port is not a number from 1 to 65535".into()));
    }
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(error("it holds spaces or control characters".into()));
    }
    parse_with(url).map_err(|e| error(e.to_string()))?;
    Ok(ProxySetting::Url(url.to_string()))
}

/// The builder methods both clients have for their proxy; each client has
/// a `rebuild` that makes its HTTP client again from its `Core`.
macro_rules! proxy_settings {
    ($parse_with:expr) => {
        /// The client sending every request through the proxy at `url`
        /// (`http://host:port`, with `user:password@` if it needs them); a
        /// URL that does not parse is refused, its password not shown.
        ///
        /// Without this, the proxy comes from the environment, as the HTTP
        /// library reads it: the blocking client (ureq) takes the first of
        /// `ALL_PROXY`, `HTTPS_PROXY`, `HTTP_PROXY` (or their lowercase
        /// forms) that is set and parses, for every request; the async
        /// client (reqwest) `HTTPS_PROXY` for `https://` URLs,
        /// `HTTP_PROXY` for `http://` ones, `ALL_PROXY` for both. Both go
        /// directly to the hosts `NO_PROXY` lists, and both ignore a
        /// variable that does not parse, silently. With this, the
        /// variables are not read, `NO_PROXY` included.
        pub fn with_proxy(mut self, url: &str) -> Result<Self, crate::ProxyError> {
            self.core.proxy = crate::proxy::parse(url, $parse_with)?;
            self.rebuild();
            Ok(self)
        }

        /// The client sending directly, whatever proxy the environment
        /// names.
        pub fn without_proxy(mut self) -> Self {
            self.core.proxy = crate::proxy::ProxySetting::Off;
            self.rebuild();
            self
        }
    };
}
pub(crate) use proxy_settings;

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(_: &str) -> Result<(), String> {
        Ok(())
    }

    #[test]
    fn a_proxy_setting_never_shows_its_password() {
        let setting = parse("http://user:hunter2@proxy.internal:3128", accept).unwrap();
        let shown = format!("{setting:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("proxy.internal:3128"), "{shown}");
    }

    #[test]
    fn proxy_urls_that_do_not_parse_are_refused_without_their_password() {
        assert_eq!(
            parse("http://proxy.internal:3128", accept),
            Ok(ProxySetting::Url("http://proxy.internal:3128".into()))
        );
        for (url, says) in [
            ("proxy.internal:3128", "must start with http:// or https://"),
            ("socks5://proxy:1080", "must start with http:// or https://"),
            ("http://", "names no host"),
            ("http://:3128", "names no host"),
            ("http://user:hunter2@", "names no host"),
            ("http://proxy\r\n:3128", "spaces or control characters"),
            ("http://pro xy:3128", "spaces or control characters"),
        ] {
            let e = parse(url, accept).unwrap_err().to_string();
            assert!(e.contains(says), "{url:?}: {e}");
            assert!(!e.contains("hunter2") && !e.contains('\r'), "{e}");
        }
        let e = parse("http://user:hunter2@proxy:99999", accept)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "the proxy URL `http://[credentials]@proxy:99999` cannot be used: \
             its port is not a number from 1 to 65535"
        );
        let e = parse("http://proxy:3128", |_| Err("refused by the library"))
            .unwrap_err()
            .to_string();
        assert!(e.ends_with("refused by the library"), "{e}");
        assert!(parse("http://[::1]:3128", accept).is_ok());
    }
}
