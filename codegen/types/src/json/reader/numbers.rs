//! Numbers: JSON's grammar checked, integers read as `serde_json` reads
//! them.

use std::fmt;

use super::{Reader, Result};

impl<'a> Reader<'a> {
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
