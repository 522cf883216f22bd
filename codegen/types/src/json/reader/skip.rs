//! Values passed over: checked as JSON and skipped, or kept as the text
//! that came.

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

    /// Skips one value and gives its text as it came (without the
    /// whitespace around it).
    pub fn raw(&mut self) -> Result<&'a str> {
        self.skip_whitespace();
        let start = self.pos;
        self.skip()?;
        Ok(&self.text[start..self.pos])
    }
}
