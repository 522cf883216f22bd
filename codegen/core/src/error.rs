//! Errors of every stage, each tied to the place in the spec it is about.

use std::fmt;

/// A generation failure: what went wrong and where in the spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// JSON pointer into the spec, such as
    /// `#/components/schemas/address/properties/city`; empty when the error
    /// is not about one place (an unreadable file, a bad option).
    pub pointer: String,
    /// What went wrong, and what to do about it where that is not obvious.
    pub message: String,
}

impl Error {
    /// An error about the spec at `pointer`.
    pub fn at(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            pointer: pointer.into(),
            message: message.into(),
        }
    }

    /// An error about the configuration or the call, not a place in the spec.
    pub fn config(message: impl Into<String>) -> Self {
        Error::at(String::new(), message)
    }
}

/// One line, whatever the spec put into names and values: control
/// characters (a newline in a schema name, say) are shown escaped, so an
/// error is always a single line and cannot forge output of its own.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.pointer.is_empty() {
            write_line(f, &self.pointer)?;
            f.write_str(": ")?;
        }
        write_line(f, &self.message)
    }
}

fn write_line(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    for c in text.chars() {
        if c.is_control() || is_bidi_control(c) {
            write!(f, "{}", c.escape_unicode())?;
        } else {
            fmt::Write::write_char(f, c)?;
        }
    }
    Ok(())
}

/// The Unicode characters that reorder text when displayed (the ones rustc
/// rejects in comments and literals, as in "Trojan Source").
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

impl std::error::Error for Error {}

/// The JSON pointer of a component schema.
pub fn schema_pointer(name: &str) -> String {
    format!("#/components/schemas/{}", escape_pointer(name))
}

/// Appends one reference token to a JSON pointer (RFC 6901 escaping).
pub fn push_pointer(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", escape_pointer(token))
}

fn escape_pointer(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_one_line_whatever_the_spec_contains() {
        let e = Error::at(
            schema_pointer("a\nb"),
            "`$ref` to `x\n\u{202e}error: forged`",
        );
        assert_eq!(
            e.to_string(),
            "#/components/schemas/a\\u{a}b: `$ref` to `x\\u{a}\\u{202e}error: forged`"
        );
        assert_eq!(e.to_string().lines().count(), 1);
        assert_eq!(Error::config("plain").to_string(), "plain");
    }

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        assert_eq!(schema_pointer("a/b~c"), "#/components/schemas/a~1b~0c");
        assert_eq!(
            push_pointer("#/x", "properties"),
            "#/x/properties".to_string()
        );
    }
}
