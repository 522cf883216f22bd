//! The JSON text itself: a cursor over it that reads one value at a time,
//! and the error that names the line and column where reading stopped.
//!
//! What it accepts is what `serde_json` accepts (RFC 8259, 128 levels of
//! nesting at most); strings without escapes are borrowed from the input.

use std::fmt;

/// The most arrays and objects nested in one another, as in `serde_json`:
/// deeper input is refused before it can exhaust the stack.
const MAX_DEPTH: usize = 128;

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
        while let Some(&b) = bytes.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                break;
            }
            self.pos += 1;
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
    fn literal(&mut self, literal: &str) -> Result<()> {
        let end = self.pos + literal.len();
        if self.text.as_bytes().get(self.pos..end) == Some(literal.as_bytes()) {
            self.pos = end;
            Ok(())
        } else {
            // Point at the first byte that differs, as serde_json does.
            let same = self.text.as_bytes()[self.pos..]
                .iter()
                .zip(literal.as_bytes())
                .take_while(|(a, b)| a == b)
                .count();
            self.pos += same + 1;
            if self.pos > self.text.len() {
                self.pos = self.text.len();
                return Err(self.eof());
            }
            Err(self.error("expected ident"))
        }
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

    /// Reads a number's text, checked against JSON's grammar, and whether
    /// it is an integer (no fraction, no exponent).
    pub(crate) fn number(&mut self) -> Result<(&'a str, bool)> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut at = start;
        if bytes.get(at) == Some(&b'-') {
            at += 1;
        }
        match bytes.get(at) {
            Some(b'0') => at += 1,
            Some(b'1'..=b'9') => {
                while bytes.get(at).is_some_and(u8::is_ascii_digit) {
                    at += 1;
                }
            }
            Some(_) => {
                self.pos = at + 1;
                return Err(self.error("invalid number"));
            }
            None => {
                self.pos = at;
                return Err(self.eof());
            }
        }
        let fraction = bytes.get(at) == Some(&b'.');
        if fraction {
            at += 1;
            self.some_digits(&mut at)?;
        }
        let exponent = matches!(bytes.get(at), Some(b'e' | b'E'));
        if exponent {
            at += 1;
            if matches!(bytes.get(at), Some(b'+' | b'-')) {
                at += 1;
            }
            self.some_digits(&mut at)?;
        }
        let integer = !fraction && !exponent;
        self.pos = at;
        Ok((&self.text[start..at], integer))
    }

    /// Moves `at` past the digits there, of which there must be one at
    /// least (after a `.` or an exponent's `e`).
    fn some_digits(&mut self, at: &mut usize) -> Result<()> {
        let bytes = self.text.as_bytes();
        let from = *at;
        while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
            *at += 1;
        }
        if *at > from {
            return Ok(());
        }
        if *at < bytes.len() {
            self.pos = *at + 1;
            Err(self.error("invalid number"))
        } else {
            self.pos = *at;
            Err(self.eof())
        }
    }

    /// Reads an `i64`: an integer in range, as `serde_json` reads one.
    pub fn i64(&mut self) -> Result<i64> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => {}
            _ => return Err(self.invalid_type(&"i64")),
        }
        let (text, integer) = self.number()?;
        // serde_json reads `-0` as the float `-0.0`.
        if !integer || text == "-0" {
            // serde_json parses it as a float first: its range error wins.
            return match text.parse::<f64>() {
                Ok(f) if f.is_finite() => Err(self.error(format_args!(
                    "invalid type: floating point `{}`, expected i64",
                    FloatText(f)
                ))),
                _ => Err(self.error("number out of range")),
            };
        }
        match text.parse::<i64>() {
            Ok(n) => Ok(n),
            Err(_) => match text.parse::<u64>() {
                Ok(n) => {
                    Err(self.error(format_args!("invalid value: integer `{n}`, expected i64")))
                }
                Err(_) => match text.parse::<f64>() {
                    Ok(f) if f.is_finite() => Err(self.error(format_args!(
                        "invalid type: floating point `{}`, expected i64",
                        FloatText(f)
                    ))),
                    _ => Err(self.error("number out of range")),
                },
            },
        }
    }

    /// Reads a string, borrowed from the text where it has no escapes.
    pub fn string(&mut self) -> Result<&str> {
        if self.peek() != Some(b'"') {
            return Err(self.invalid_type(&"a string"));
        }
        self.pos += 1;
        let start = self.pos;
        let end = self.scan_plain();
        if self.text.as_bytes().get(end) == Some(&b'"') {
            self.pos = end + 1;
            return Ok(&self.text[start..end]);
        }
        // Escapes (or an error): decoded into the scratch.
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let decoded = self.string_rest(Some(&mut scratch));
        self.scratch = scratch;
        decoded?;
        Ok(&self.scratch)
    }

    /// Where the plain run of a string that starts at the cursor ends: at
    /// its closing quote, a backslash, a control character or the end of
    /// the text.
    #[inline]
    fn scan_plain(&self) -> usize {
        plain_run(self.text.as_bytes(), self.pos)
    }

    /// Reads the rest of a string up to its closing quote, the cursor
    /// inside it: decoded into `out`, or only checked; leaves the cursor
    /// past the closing quote.
    fn string_rest(&mut self, mut out: Option<&mut String>) -> Result<()> {
        loop {
            let end = self.scan_plain();
            if let Some(out) = out.as_deref_mut() {
                out.push_str(&self.text[self.pos..end]);
            }
            self.pos = end;
            match self.text.as_bytes().get(end) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(out.as_deref_mut())?;
                }
                Some(_) => {
                    self.pos += 1;
                    return Err(self.error(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
                None => return Err(self.error("EOF while parsing a string")),
            }
        }
    }

    /// One escape, the cursor past its backslash: decoded into `out`, or
    /// only checked (surrogates unpaired allowed, as `serde_json` allows
    /// them in what it skips).
    fn escape(&mut self, out: Option<&mut String>) -> Result<()> {
        let Some(&b) = self.text.as_bytes().get(self.pos) else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.pos += 1;
        let simple = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let Some(out) = out else {
                    return Ok(());
                };
                let c = match first {
                    0xD800..=0xDBFF => {
                        if self.text.as_bytes().get(self.pos..self.pos + 2) != Some(b"\\u") {
                            if self.pos + 2 > self.text.len() {
                                self.pos = self.text.len();
                                return Err(self.error("EOF while parsing a string"));
                            }
                            self.pos += 2.min(self.text.len() - self.pos);
                            return Err(self.error("unexpected end of hex escape"));
                        }
                        self.pos += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                        char::from_u32(c)
                    }
                    0xDC00..=0xDFFF => {
                        return Err(self.error("lone leading surrogate in hex escape"));
                    }
                    _ => char::from_u32(first),
                };
                match c {
                    Some(c) => out.push(c),
                    None => return Err(self.error("invalid unicode code point")),
                }
                return Ok(());
            }
            _ => return Err(self.error("invalid escape")),
        };
        if let Some(out) = out {
            out.push(simple);
        }
        Ok(())
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u32> {
        let mut n = 0;
        for _ in 0..4 {
            let Some(&b) = self.text.as_bytes().get(self.pos) else {
                return Err(self.error("EOF while parsing a string"));
            };
            self.pos += 1;
            let digit = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return Err(self.error("invalid escape")),
            };
            n = n * 16 + u32::from(digit);
        }
        Ok(n)
    }

    /// Skips a string, checking it, the cursor on its opening quote.
    fn skip_string(&mut self) -> Result<()> {
        self.pos += 1;
        self.string_rest(None)
    }

    /// Opens an array or object: one level deeper.
    fn descend(&mut self) -> Result<()> {
        if self.depth == 0 {
            return Err(self.error("recursion limit exceeded"));
        }
        self.depth -= 1;
        self.pos += 1;
        Ok(())
    }

    /// Starts reading an object: `expected` names what the caller wanted,
    /// for the error when something else is there.
    #[inline]
    pub fn object(&mut self, expected: &dyn fmt::Display) -> Result<()> {
        if self.peek() != Some(b'{') {
            return Err(self.invalid_type(expected));
        }
        self.descend()
    }

    /// The next key of an object opened with [`Reader::object`], its value
    /// next to read; `None` past the closing brace. `first` is true for
    /// the first call on each object.
    #[inline]
    pub fn key(&mut self, first: &mut bool) -> Result<Option<&str>> {
        if !self.next_entry(first)? {
            return Ok(None);
        }
        self.key_text().map(|(key, _)| Some(key))
    }

    /// The next key of a struct's object, matched against its `fields`
    /// in the text itself, without reading the key first: from the one at
    /// `expected` on (the key after the previous one: Stripe sends keys in
    /// spec order, skipping absent ones), then the ones before it. A key
    /// that matches none (unknown, or written with escapes) is read, then
    /// looked up. `plain` says that no field has a quote, a backslash or a
    /// control character, which a match in the text relies on.
    #[inline]
    pub fn field(
        &mut self,
        first: &mut bool,
        fields: &[&str],
        expected: usize,
        plain: bool,
    ) -> Result<Option<Key<'_>>> {
        if !self.next_entry(first)? {
            return Ok(None);
        }
        if plain {
            let start = self.pos + 1;
            let mut index = expected;
            while index < fields.len() {
                if self.key_at(start, fields[index]) {
                    return self.known(start, fields[index], index);
                }
                index += 1;
            }
            index = 0;
            while index < expected.min(fields.len()) {
                if self.key_at(start, fields[index]) {
                    return self.known(start, fields[index], index);
                }
                index += 1;
            }
        }
        self.field_read(fields, expected, plain)
    }

    /// A key matched in the text: past it and its colon.
    #[inline(always)]
    fn known(&mut self, start: usize, key: &str, index: usize) -> Result<Option<Key<'_>>> {
        self.pos = start + key.len() + 1;
        self.colon()?;
        Ok(Some(Key::Known(index)))
    }

    /// [`Reader::field`] for a key that did not match in the text: read,
    /// then looked up.
    #[inline(never)]
    fn field_read(
        &mut self,
        fields: &[&str],
        expected: usize,
        plain: bool,
    ) -> Result<Option<Key<'_>>> {
        let (key, escaped) = self.key_text()?;
        // A plain key that matched none in the text is not a field.
        if plain && !escaped {
            return Ok(Some(Key::Unknown(key)));
        }
        Ok(Some(match crate::de::find_key(fields, expected, key) {
            Some(index) => Key::Known(index),
            None => Key::Unknown(key),
        }))
    }

    /// Whether the text at `start` is `key` and its closing quote.
    #[inline(always)]
    fn key_at(&self, start: usize, key: &str) -> bool {
        let end = start + key.len();
        self.text.as_bytes().get(end) == Some(&b'"')
            && self
                .text
                .get(start..end)
                .is_some_and(|text| crate::de::same_key(key, text))
    }

    /// Moves to the next entry of an object: `false` past its closing
    /// brace, `true` with the cursor on the next key's opening quote.
    #[inline]
    fn next_entry(&mut self, first: &mut bool) -> Result<bool> {
        match self.peek() {
            Some(b'}') => {
                self.pos += 1;
                self.depth += 1;
                return Ok(false);
            }
            Some(b',') if !*first => {
                self.pos += 1;
                match self.peek() {
                    Some(b'"') => {}
                    Some(b'}') => {
                        self.pos += 1;
                        return Err(self.error("trailing comma"));
                    }
                    _ => return Err(self.key_expected()),
                }
            }
            Some(b'"') if *first => {}
            Some(_) if *first => return Err(self.key_expected()),
            Some(_) => {
                self.pos += 1;
                return Err(self.error("expected `,` or `}`"));
            }
            None => return Err(self.eof()),
        }
        *first = false;
        Ok(true)
    }

    /// Reads the key at the cursor and its colon; `true` if it had
    /// escapes.
    fn key_text(&mut self) -> Result<(&str, bool)> {
        // The key, then its colon; the key is taken again from the text or
        // the scratch, to be returned after the colon is checked.
        let start = self.pos + 1;
        let end = plain_run(self.text.as_bytes(), start);
        let borrowed = self.text.as_bytes().get(end) == Some(&b'"');
        if borrowed {
            self.pos = end + 1;
        } else {
            self.string()?;
        }
        self.colon()?;
        Ok(if borrowed {
            (&self.text[start..end], false)
        } else {
            (&self.scratch, true)
        })
    }

    #[inline]
    fn colon(&mut self) -> Result<()> {
        match self.peek() {
            Some(b':') => {
                self.pos += 1;
                Ok(())
            }
            Some(_) => {
                self.pos += 1;
                Err(self.error("expected `:`"))
            }
            None => Err(self.eof()),
        }
    }

    fn key_expected(&mut self) -> Error {
        match self.peek() {
            None => self.eof(),
            Some(_) => {
                self.pos += 1;
                self.error("key must be a string")
            }
        }
    }

    /// Starts reading an array (see [`Reader::object`]).
    pub fn array(&mut self, expected: &dyn fmt::Display) -> Result<()> {
        if self.peek() != Some(b'[') {
            return Err(self.invalid_type(expected));
        }
        self.descend()
    }

    /// Whether an array opened with [`Reader::array`] has another item,
    /// which is then next to read.
    pub fn item(&mut self, first: &mut bool) -> Result<bool> {
        match self.peek() {
            Some(b']') => {
                self.pos += 1;
                self.depth += 1;
                Ok(false)
            }
            Some(b',') if !*first => {
                self.pos += 1;
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return Err(self.error("trailing comma"));
                }
                Ok(true)
            }
            Some(_) if *first => {
                *first = false;
                Ok(true)
            }
            Some(_) => {
                self.pos += 1;
                Err(self.error("expected `,` or `]`"))
            }
            None => Err(self.eof()),
        }
    }

    /// Skips one value, checking that it is JSON. Without recursion and
    /// without a depth limit, as `serde_json` skips: only values read as
    /// types count towards the limit.
    pub fn skip(&mut self) -> Result<()> {
        // The arrays (`[`) and objects (`{`) the cursor is in.
        let mut open: Vec<u8> = Vec::new();
        loop {
            match self.peek() {
                None => return Err(self.eof()),
                Some(b'"') => self.skip_string()?,
                Some(b'-' | b'0'..=b'9') => drop(self.number()?),
                Some(b't') => self.literal("true")?,
                Some(b'f') => self.literal("false")?,
                Some(b'n') => self.literal("null")?,
                Some(b'[') => {
                    self.pos += 1;
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                    } else {
                        open.push(b'[');
                        continue;
                    }
                }
                Some(b'{') => {
                    self.pos += 1;
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                    } else {
                        self.skip_key()?;
                        open.push(b'{');
                        continue;
                    }
                }
                Some(_) => {
                    self.pos += 1;
                    return Err(self.error("expected value"));
                }
            }
            // A value ended: close what it ends, or go on to the next one.
            loop {
                let Some(&inside) = open.last() else {
                    return Ok(());
                };
                let close = if inside == b'[' { b']' } else { b'}' };
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        if self.peek() == Some(close) {
                            self.pos += 1;
                            return Err(self.error("trailing comma"));
                        }
                        if inside == b'{' {
                            self.skip_key()?;
                        }
                        break;
                    }
                    Some(b) if b == close => {
                        self.pos += 1;
                        open.pop();
                    }
                    Some(_) => {
                        self.pos += 1;
                        return Err(self.error(if inside == b'[' {
                            "expected `,` or `]`"
                        } else {
                            "expected `,` or `}`"
                        }));
                    }
                    None => return Err(self.eof()),
                }
            }
        }
    }

    /// Skips an object's key and its colon.
    fn skip_key(&mut self) -> Result<()> {
        if self.peek() != Some(b'"') {
            return Err(self.key_expected());
        }
        self.skip_string()?;
        match self.peek() {
            Some(b':') => {
                self.pos += 1;
                Ok(())
            }
            Some(_) => {
                self.pos += 1;
                Err(self.error("expected `:`"))
            }
            None => Err(self.eof()),
        }
    }

    /// Skips one value and gives its text as it came (without the
    /// whitespace around it).
    pub fn raw(&mut self) -> Result<&'a str> {
        self.skip_whitespace();
        let start = self.pos;
        self.skip()?;
        Ok(&self.text[start..self.pos])
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

/// Where the run of bytes from `at` that a JSON string holds as they are
/// ends: at a quote, a backslash, a control character or the end. Eight
/// bytes at a time.
#[inline]
pub(super) fn plain_run(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let quote = word ^ (ONES * u64::from(b'"'));
        let slash = word ^ (ONES * u64::from(b'\\'));
        // A byte is zero in `quote`/`slash` where it matched, and below
        // 0x20 where `word - 0x20` borrows.
        let hit = (quote.wrapping_sub(ONES) & !quote)
            | (slash.wrapping_sub(ONES) & !slash)
            | (word.wrapping_sub(ONES * 0x20) & !word);
        if hit & HIGH != 0 {
            break;
        }
        at += 8;
    }
    while let Some(&b) = bytes.get(at) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        at += 1;
    }
    at
}

/// An `f64` as `serde_json` shows it in messages.
struct FloatText(f64);

impl fmt::Display for FloatText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.fract() == 0.0 && self.0.abs() < 1e16 {
            write!(f, "{:.1}", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}
