//! Errors of every stage, each with its kind and place: a JSON pointer into
//! the spec, a configuration key, a file, or none for the generator's own
//! faults.

use std::fmt;

/// A generation failure: what went wrong, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// What kind of input (or fault) it is about, with its place.
    pub kind: ErrorKind,
    /// What went wrong, and what to do about it where that is not obvious.
    pub message: String,
}

/// What an [`Error`] is about, and where that is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A place in the spec.
    Spec {
        /// JSON pointer into the spec, such as
        /// `#/components/schemas/address/properties/city`.
        pointer: String,
    },
    /// The configuration (a file's key, or a macro argument).
    Config {
        /// The configuration file, when it was read from one.
        file: Option<String>,
        /// The key, such as `roots` or `redact[0]`.
        key: String,
    },
    /// A file that could not be read or written.
    Io {
        /// The file or folder.
        path: String,
    },
    /// A fault of the generator itself, whatever the input.
    Internal,
}

impl Error {
    /// An error about the spec at `pointer`.
    pub fn at(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Spec {
                pointer: pointer.into(),
            },
            message: message.into(),
        }
    }

    /// An error about configuration key `key`.
    pub fn config(key: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Config {
                file: None,
                key: key.into(),
            },
            message: message.into(),
        }
    }

    /// An error reading or writing `path`.
    pub fn io(path: impl Into<String>, error: &std::io::Error) -> Self {
        Error {
            kind: ErrorKind::Io { path: path.into() },
            message: error.to_string(),
        }
    }

    /// A fault of the generator: output it made that it cannot use.
    pub fn internal(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Internal,
            message: message.into(),
        }
    }

    /// The configuration error, now known to come from `file`.
    pub fn in_file(mut self, path: impl Into<String>) -> Self {
        if let ErrorKind::Config { file, .. } = &mut self.kind {
            *file = Some(path.into());
        }
        self
    }

    /// The JSON pointer of an error about the spec; empty for the others.
    pub fn pointer(&self) -> &str {
        match &self.kind {
            ErrorKind::Spec { pointer } => pointer,
            _ => "",
        }
    }
}

/// One line naming the place first (`POINTER: `, `FILE: KEY: `, `PATH: `,
/// or `internal error: `), whatever the spec put into names and values:
/// control characters (a newline in a schema name, say) are shown escaped,
/// so an error is always a single line and cannot forge output of its own.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Spec { pointer } => {
                write_line(f, pointer)?;
                f.write_str(": ")?;
            }
            ErrorKind::Config { file, key } => {
                if let Some(file) = file {
                    write_line(f, file)?;
                    f.write_str(": ")?;
                }
                write_line(f, key)?;
                f.write_str(": ")?;
            }
            ErrorKind::Io { path } => {
                write_line(f, path)?;
                f.write_str(": ")?;
            }
            ErrorKind::Internal => {
                f.write_str("internal error (a bug in the generator, whatever the input): ")?;
            }
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
        assert_eq!(Error::config("roots", "plain").to_string(), "roots: plain");
        assert_eq!(
            Error::config("roots", "plain")
                .in_file("spec/codegen.toml")
                .to_string(),
            "spec/codegen.toml: roots: plain"
        );
        assert_eq!(
            Error::internal("x").to_string(),
            "internal error (a bug in the generator, whatever the input): x"
        );
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
