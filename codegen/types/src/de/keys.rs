//! Matching a JSON key to a field without allocating: the key after the
//! previous one first (Stripe sends keys in spec order), compared a word
//! at a time; and the check of a constant `object` value.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};

/// Like [`FieldIndex`], but tries the key after the previous one first:
/// Stripe sends keys in the order of the spec (alphabetical), so the guess
/// is right for nearly every key and no other key is compared.
pub(super) struct FieldCursor<'a> {
    /// The struct's keys.
    pub(super) fields: &'static [&'static str],
    /// The index to try first: the one after the previous key's.
    pub(super) expected: usize,
    /// Where an unknown key is copied, if unknown keys are kept (known
    /// keys never are; the common path returns a bare index).
    pub(super) unknown: Option<&'a mut Option<String>>,
}

impl<'de> DeserializeSeed<'de> for FieldCursor<'_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FieldCursor<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        let index = find_key(self.fields, self.expected, key);
        if let (None, Some(slot)) = (index, self.unknown) {
            *slot = Some(key.to_string());
        }
        Ok(index)
    }
}

/// The index of `key` in `fields`, trying `expected` first.
#[inline(always)]
pub(crate) fn find_key(fields: &[&str], expected: usize, key: &str) -> Option<usize> {
    if fields
        .get(expected)
        .is_some_and(|guess| same_key(guess, key))
    {
        return Some(expected);
    }
    fields.iter().position(|known| same_key(known, key))
}

/// `a == b` for the short strings JSON keys are, compared 8 or 4 bytes at a
/// time in registers instead of through a call to `memcmp`.
#[inline(always)]
pub(crate) fn same_key(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| u64::from_ne_bytes(s[at..at + 8].try_into().unwrap());
    let half = |s: &[u8], at: usize| u32::from_ne_bytes(s[at..at + 4].try_into().unwrap());
    if n >= 8 {
        let mut at = 0;
        while at + 8 < n {
            if word(a, at) != word(b, at) {
                return false;
            }
            at += 8;
        }
        // The last 8 bytes, overlapping the previous word if need be.
        word(a, n - 8) == word(b, n - 8)
    } else if n >= 4 {
        half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4)
    } else {
        a.iter().zip(b).all(|(x, y)| x == y)
    }
}

/// Finds a JSON key in a list of known keys without allocating: `Some(index)`
/// for a known key, `None` for an unknown one.
#[derive(Clone, Copy)]
pub struct FieldIndex(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldIndex {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FieldIndex {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|known| *known == key))
    }
}

/// Reads an object's `object` field and checks that it names the expected
/// resource type.
#[derive(Clone, Copy)]
pub struct ExpectTag(pub &'static str);

impl<'de> DeserializeSeed<'de> for ExpectTag {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for ExpectTag {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the string \"{}\"", self.0)
    }

    fn visit_str<E: de::Error>(self, tag: &str) -> Result<(), E> {
        if tag == self.0 {
            Ok(())
        } else {
            Err(E::invalid_value(de::Unexpected::Str(tag), &self))
        }
    }
}
