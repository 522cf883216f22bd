//! Strings: borrowed from the text where they have no escapes, decoded
//! into the reader's scratch where they have, or only checked.

use super::{Reader, Result};

impl<'a> Reader<'a> {
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
    pub(super) fn skip_string(&mut self) -> Result<()> {
        self.pos += 1;
        self.string_rest(None)
    }
}

/// Where the run of bytes from `at` that a JSON string holds as they are
/// ends: at a quote, a backslash, a control character or the end. Eight
/// bytes at a time.
#[inline]
pub(in crate::json) fn plain_run(bytes: &[u8], mut at: usize) -> usize {
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
