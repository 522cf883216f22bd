//! Objects and arrays: opening them (one level deeper), their keys (a
//! struct's matched against its fields) and their items.

use std::fmt;

use super::strings::plain_run;
use super::{Error, Key, Reader, Result};

impl<'a> Reader<'a> {
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
    pub(super) fn colon(&mut self) -> Result<()> {
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

    pub(super) fn key_expected(&mut self) -> Error {
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
}
