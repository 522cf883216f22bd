//! How every request says what sent it, in the two headers Stripe's own
//! libraries send, which Stripe's support reads to tell traffic apart:
//!
//! - `User-Agent: Stripe/v1 RustBindings/<version>`, then the application's
//!   `Name/Version (url)` when one is set (`with_app_info` on either
//!   client);
//! - `X-Stripe-Client-User-Agent`, a JSON object:
//!   `{"bindings_version":"<version>","lang":"rust","publisher":"stripe-codegen"}`
//!   with `"application":{"name":…,"version":…,"url":…}` when one is set.
//!
//! The form is stripe-node's and stripe-go's (`Stripe/v1 NodeBindings/…`,
//! `Stripe/v1 GoBindings/…`; the same `Name/Version (url)` suffix, the same
//! `bindings_version`, `lang` and `application` fields). Where they differ
//! this takes the plainer way: stripe-node percent-encodes each value of
//! the JSON and adds `typescript` and `httplib`; stripe-go always sends
//! `application` (`null` without one) and `lang_version`; both add
//! `platform` (the OS) with their telemetry, on by default (stripe-node
//! 23.2.0 also a `telemetry_id`), and an `AIAgent/…` read from the
//! environment. This sends neither the platform nor anything
//! read from the environment, and says in `publisher` who wrote it, as
//! Stripe's older libraries did (`"publisher":"stripe"`), since it is not
//! Stripe's. Neither header holds the key or anything else secret.

use std::fmt;

/// This crate's version, sent as `bindings_version`.
pub const BINDINGS_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why an application's name, version or URL was refused: a header cannot
/// hold it as given. Nothing refused is ever sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppInfoError {
    /// The name is empty (Stripe's libraries require one).
    EmptyName,
    /// The field (`name`, `version` or `url`) holds a control character
    /// (CR and LF among them: they would end the header) or a character
    /// outside ASCII, which HTTP headers do not carry as text.
    NotHeaderText(&'static str),
}

impl fmt::Display for AppInfoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppInfoError::EmptyName => f.write_str("the application's name is empty"),
            AppInfoError::NotHeaderText(field) => write!(
                f,
                "the application's {field} holds a control character (such as CR or LF) \
                 or a character outside ASCII, which a header cannot carry"
            ),
        }
    }
}

impl std::error::Error for AppInfoError {}

/// The two headers, written once per client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Identification {
    pub user_agent: String,
    pub client_user_agent: String,
}

impl Default for Identification {
    fn default() -> Self {
        Identification {
            user_agent: format!("Stripe/v1 RustBindings/{BINDINGS_VERSION}"),
            client_user_agent: format!(
                r#"{{"bindings_version":"{BINDINGS_VERSION}","lang":"rust","publisher":"stripe-codegen"}}"#
            ),
        }
    }
}

impl Identification {
    /// The headers with an application, as Stripe's libraries append it.
    pub fn with_app(name: &str, version: &str, url: &str) -> Result<Self, AppInfoError> {
        if name.is_empty() {
            return Err(AppInfoError::EmptyName);
        }
        for (field, text) in [("name", name), ("version", version), ("url", url)] {
            if !text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
                return Err(AppInfoError::NotHeaderText(field));
            }
        }
        let mut identification = Identification::default();
        let mut app = name.to_string();
        if !version.is_empty() {
            app.push('/');
            app.push_str(version);
        }
        if !url.is_empty() {
            app.push_str(&format!(" ({url})"));
        }
        identification.user_agent.push(' ');
        identification.user_agent.push_str(&app);
        // Before the closing brace: the application's fields, as JSON.
        identification.client_user_agent.pop();
        identification.client_user_agent.push_str(&format!(
            r#","application":{{"name":{},"version":{},"url":{}}}}}"#,
            json_string(name),
            json_string(version),
            json_string(url)
        ));
        Ok(identification)
    }
}

/// `text` as a JSON string; it holds printable ASCII only.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The builder method both clients have for the application's identity.
macro_rules! app_info_setting {
    () => {
        /// The client naming the application that uses it in every
        /// request's `User-Agent` (`Name/Version (url)` after this
        /// library's own) and `X-Stripe-Client-User-Agent`, as Stripe's
        /// libraries do for plugins; `version` and `url` may be empty.
        /// Refused, and never sent, when a field holds a control character
        /// (CR, LF) or non-ASCII text, or the name is empty.
        pub fn with_app_info(
            mut self,
            name: &str,
            version: &str,
            url: &str,
        ) -> Result<Self, crate::AppInfoError> {
            self.core.identification =
                crate::identification::Identification::with_app(name, version, url)?;
            Ok(self)
        }
    };
}
pub(crate) use app_info_setting;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headers_say_this_library_and_the_application() {
        let plain = Identification::default();
        assert_eq!(
            plain.user_agent,
            format!("Stripe/v1 RustBindings/{BINDINGS_VERSION}")
        );
        assert_eq!(
            plain.client_user_agent,
            format!(
                r#"{{"bindings_version":"{BINDINGS_VERSION}","lang":"rust","publisher":"stripe-codegen"}}"#
            )
        );
        let app = Identification::with_app("Shop \"Q\"", "1.2.0", "https://shop.example").unwrap();
        assert_eq!(
            app.user_agent,
            format!(
                "Stripe/v1 RustBindings/{BINDINGS_VERSION} Shop \"Q\"/1.2.0 (https://shop.example)"
            )
        );
        assert!(app.client_user_agent.ends_with(
            r#""application":{"name":"Shop \"Q\"","version":"1.2.0","url":"https://shop.example"}}"#
        ));
        let bare = Identification::with_app("Shop", "", "").unwrap();
        assert!(bare.user_agent.ends_with(" Shop"));
    }

    #[test]
    fn app_info_that_a_header_cannot_carry_is_refused() {
        for (name, version, url, error) in [
            ("", "1", "", AppInfoError::EmptyName),
            (
                "Shop\r\nX-Evil: 1",
                "1",
                "",
                AppInfoError::NotHeaderText("name"),
            ),
            ("Shop", "1\n", "", AppInfoError::NotHeaderText("version")),
            (
                "Shop",
                "1",
                "https://x\r",
                AppInfoError::NotHeaderText("url"),
            ),
            ("Shöp", "1", "", AppInfoError::NotHeaderText("name")),
            ("Shop\0", "1", "", AppInfoError::NotHeaderText("name")),
        ] {
            assert_eq!(Identification::with_app(name, version, url), Err(error));
        }
    }
}
