//! Values passed over: checked as JSON and skipped, or kept as the text
//! that came.

use super::strings::plain_run;
use super::{Reader, Result};

impl<'a> Reader<'a> {
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
        self.colon()
    }

    /// The value of the plain string key `key` of the object at the cursor
    /// (after whitespace), looked up without reading the object: a quick
    /// scan that keeps track of nesting and strings and checks nothing
    /// else, the cursor left where it is. `None` when it cannot tell
    /// cheaply (no such key, a key or the value with escapes, a value that
    /// is no string, text that is not JSON): the caller then reads the
    /// object key by key, which checks it. What it finds is what that read
    /// finds in valid JSON (the first such key of the object itself); in
    /// text that is not JSON, whoever reads the object next refuses it.
    pub(crate) fn peek_string_key(&mut self, key: &str) -> Option<&'a str> {
        self.skip_whitespace();
        let bytes = self.text.as_bytes();
        if bytes.get(self.pos) != Some(&b'{') {
            return None;
        }
        let mut at = self.pos + 1;
        // How deep inside the object's values the scan is.
        let mut depth = 0usize;
        loop {
            match *bytes.get(at)? {
                b'"' => {
                    let start = at + 1;
                    let end = plain_run(bytes, start);
                    let escaped = match bytes.get(end)? {
                        b'"' => false,
                        b'\\' => true,
                        _ => return None,
                    };
                    at = if escaped {
                        skip_escaped(bytes, end)?
                    } else {
                        end + 1
                    };
                    if depth > 0 {
                        continue;
                    }
                    let colon = skip_blank(bytes, at);
                    if bytes.get(colon) != Some(&b':') {
                        continue;
                    }
                    // A key with escapes may spell `key`: not matched here.
                    if escaped {
                        return None;
                    }
                    at = colon + 1;
                    if &bytes[start..end] == key.as_bytes() {
                        let value = skip_blank(bytes, at);
                        if bytes.get(value) != Some(&b'"') {
                            return None;
                        }
                        let end = plain_run(bytes, value + 1);
                        return (bytes.get(end) == Some(&b'"')).then(|| &self.text[value + 1..end]);
                    }
                }
                b'{' | b'[' => {
                    depth += 1;
                    at += 1;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    at += 1;
                }
                _ => at = structural(bytes, at + 1),
            }
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

/// Past spaces, tabs and line breaks from `at`.
fn skip_blank(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\n' | b'\t' | b'\r')) {
        at += 1;
    }
    at
}

/// Past the closing quote of a string with escapes, from its first
/// backslash (at `at`); `None` at the end of the text or a control
/// character.
fn skip_escaped(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        match bytes.get(at)? {
            b'"' => return Some(at + 1),
            // The escaped byte, whatever it is; the real read checks it.
            b'\\' => at = plain_run(bytes, at + 2),
            _ => return None,
        }
    }
}

/// The first quote, brace or bracket from `at` (or the end of the text),
/// eight bytes at a time; perhaps a byte before it that is none.
fn structural(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Where a byte of `word` is `byte`, the high bit of its lane.
    let is = |word: u64, byte: u8| {
        let x = word ^ (ONES * u64::from(byte));
        x.wrapping_sub(ONES) & !x
    };
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // `{` and `}`, `[` and `]` differ only in bits 1 and 2: one test
        // each, which `y`, `_` and two more also pass (the caller goes on).
        let braces = word & !(ONES * 6);
        let hit = is(word, b'"') | is(braces, b'{' & !6) | is(braces, b'[' & !6);
        if hit & HIGH != 0 {
            return at + (hit & HIGH).trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    while let Some(b) = bytes.get(at) {
        if matches!(b, b'"' | b'{' | b'}' | b'[' | b']') {
            break;
        }
        at += 1;
    }
    at
}
