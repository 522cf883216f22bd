//! The JSON text itself: a cursor over it that reads one value at a time,
//! and the error that names the line and column where reading stopped.
//!
//! What it accepts is what `serde_json` accepts (RFC 8259, 128 levels of
//! nesting at most); strings without escapes are borrowed from the input.
//!
//! The cursor, its marks and the scalars `null` and `bool` are here; the
//! rest of [`Reader`] is spread by what it reads: `numbers`, `strings`,
//! `containers` (objects and arrays, their keys and items) and `skip`
//! (values passed over or kept as text); `error` has the error and the
//! line and column it names.

mod containers;
mod error;
mod numbers;
mod skip;
mod strings;

use std::fmt;

pub(crate) use error::line_column;
use error::Found;
pub use error::{Error, Result};
pub(super) use strings::plain_run;

/// The most arrays and objects nested in one another, as in `serde_json`:
/// deeper input is refused before it can exhaust the stack.
const MAX_DEPTH: usize = 128;

/// A cursor over JSON text.
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    /// How many more arrays and objects may open.
    depth: usize,
    /// Where a string with escapes is decoded.
    scratch: String,
}

/// A struct's key: the index of a field it knows, or a key it does not.
pub enum Key<'k> {
    /// The index of the key in the struct's fields.
    Known(usize),
    /// A key the struct does not know.
    Unknown(&'k str),
}

/// A place in the text, with the nesting there.
#[derive(Clone, Copy)]
pub struct Mark {
    pos: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader {
            text,
            pos: 0,
            depth: MAX_DEPTH,
            scratch: String::new(),
        }
    }

    /// Where the reader is, to come back to with [`Reader::rewind`].
    pub fn mark(&self) -> Mark {
        Mark {
            pos: self.pos,
            depth: self.depth,
        }
    }

    /// Goes back to a [`Reader::mark`] (a union reads an object again as
    /// the member it picked).
    pub fn rewind(&mut self, mark: Mark) {
        self.pos = mark.pos.min(self.text.len());
        self.depth = mark.depth;
    }

    /// An error at the current place.
    pub fn error(&self, message: impl fmt::Display) -> Error {
        let (line, column) = line_column(&self.text.as_bytes()[..self.pos.min(self.text.len())]);
        Error::at(message, line, column)
    }

    /// Checks that only whitespace follows the value read.
    pub fn end(&mut self) -> Result<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => {
                self.pos += 1;
                Err(self.error("trailing characters"))
            }
        }
    }

    fn skip_whitespace(&mut self) {
        let bytes = self.text.as_bytes();
        loop {
            // Runs of spaces (the indents of pretty-printed JSON, which
            // Stripe sends) eight bytes at a time: the count of low bytes
            // that are spaces.
            if let Some(chunk) = bytes.get(self.pos..self.pos + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                let spaces = (word ^ 0x2020_2020_2020_2020).trailing_zeros() / 8;
                self.pos += spaces as usize;
                if spaces == 8 {
                    continue;
                }
            }
            match bytes.get(self.pos) {
                Some(b' ' | b'\n' | b'\t' | b'\r') => self.pos += 1,
                _ => return,
            }
        }
    }

    /// The first byte of the next value, after whitespace.
    #[inline]
    pub(crate) fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.text.as_bytes().get(self.pos).copied()
    }

    fn eof(&self) -> Error {
        self.error("EOF while parsing a value")
    }

    /// The error for a value that is not of the expected type, naming what
    /// was found (`invalid type: string "x", expected a number`).
    pub fn invalid_type(&mut self, expected: &dyn fmt::Display) -> Error {
        let found = match self.peek() {
            None => return self.eof(),
            Some(b'"') => match self.string() {
                Ok(s) => {
                    let s = s.to_owned();
                    return self.error(format_args!(
                        "invalid type: {}, expected {expected}",
                        Found::Str(&s)
                    ));
                }
                Err(e) => return e,
            },
            Some(b'-' | b'0'..=b'9') => match self.number() {
                Ok((text, true)) => Found::Integer(text),
                Ok((text, false)) => Found::Float(text),
                Err(e) => return e,
            },
            Some(b't') => Found::Bool(true),
            Some(b'f') => Found::Bool(false),
            Some(b'n') => Found::Null,
            Some(b'[') => Found::Seq,
            Some(b'{') => Found::Map,
            Some(_) => return self.error("expected value"),
        };
        if matches!(found, Found::Bool(_) | Found::Null) {
            if let Err(e) = self.skip() {
                return e;
            }
        } else if matches!(found, Found::Seq | Found::Map) {
            self.pos += 1;
        }
        self.error(format_args!("invalid type: {found}, expected {expected}"))
    }

    /// Consumes `literal` (`true`, `false`, `null`) at the cursor.
    /// Inlined, so that the comparison is of a known length, without a call.
    #[inline(always)]
    fn literal(&mut self, literal: &'static str) -> Result<()> {
        let end = self.pos + literal.len();
        if self.text.as_bytes().get(self.pos..end) == Some(literal.as_bytes()) {
            self.pos = end;
            Ok(())
        } else {
            Err(self.literal_error(literal))
        }
    }

    /// Where and why `literal` is not at the cursor.
    #[cold]
    fn literal_error(&mut self, literal: &str) -> Error {
        // Point at the first byte that differs, as serde_json does.
        let same = self.text.as_bytes()[self.pos..]
            .iter()
            .zip(literal.as_bytes())
            .take_while(|(a, b)| a == b)
            .count();
        self.pos += same + 1;
        if self.pos > self.text.len() {
            self.pos = self.text.len();
            return self.eof();
        }
        self.error("expected ident")
    }

    /// Reads `null` if it is next: `true` if it was.
    #[inline]
    pub fn null(&mut self) -> Result<bool> {
        if self.peek() == Some(b'n') {
            self.literal("null")?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Reads a boolean.
    pub fn bool(&mut self) -> Result<bool> {
        match self.peek() {
            Some(b't') => self.literal("true").map(|()| true),
            Some(b'f') => self.literal("false").map(|()| false),
            _ => Err(self.invalid_type(&"a boolean")),
        }
    }
}
