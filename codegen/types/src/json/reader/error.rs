//! The error a [`Reader`](super::Reader) stops with, the line and column
//! it names, and what was found where another type was expected.

use std::fmt;

/// Why reading stopped, and where.
pub struct Error(Box<ErrorInner>);

struct ErrorInner {
    message: String,
    line: usize,
    column: usize,
}

impl Error {
    /// An error at no place in the text (line and column 0), such as one
    /// of writing.
    pub fn custom(message: impl fmt::Display) -> Error {
        Error(Box::new(ErrorInner {
            message: message.to_string(),
            line: 0,
            column: 0,
        }))
    }

    /// An error at line `line`, column `column`.
    pub(crate) fn at(message: impl fmt::Display, line: usize, column: usize) -> Error {
        Error(Box::new(ErrorInner {
            message: message.to_string(),
            line,
            column,
        }))
    }

    /// The error without its place.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The line of the text where reading stopped, from 1 (0 if the error
    /// has no place).
    pub fn line(&self) -> usize {
        self.0.line
    }

    /// The column (in bytes, from 1) where reading stopped.
    pub fn column(&self) -> usize {
        self.0.column
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.line == 0 {
            f.write_str(&self.0.message)
        } else {
            write!(
                f,
                "{} at line {} column {}",
                self.0.message, self.0.line, self.0.column
            )
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({:?})", self.to_string())
    }
}

impl std::error::Error for Error {}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        Error(Box::new(ErrorInner {
            message: e.to_string(),
            line: 0,
            column: 0,
        }))
    }
}

/// The result of reading.
pub type Result<T> = std::result::Result<T, Error>;

/// What a value starts with, for messages about a value of the wrong type.
pub(crate) enum Found<'a> {
    Str(&'a str),
    Integer(&'a str),
    Float(&'a str),
    Bool(bool),
    Null,
    Seq,
    Map,
}

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Str(s) => write!(f, "string {s:?}"),
            Found::Integer(n) => write!(f, "integer `{n}`"),
            Found::Float(n) => write!(f, "floating point `{n}`"),
            Found::Bool(b) => write!(f, "boolean `{b}`"),
            Found::Null => f.write_str("null"),
            Found::Seq => f.write_str("sequence"),
            Found::Map => f.write_str("map"),
        }
    }
}

/// The line (from 1) of the end of `before`, and the column (in bytes,
/// from 1) of its last byte: where reading stopped.
pub(crate) fn line_column(before: &[u8]) -> (usize, usize) {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, before.len() - start)
}
