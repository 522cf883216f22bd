//! Building blocks of the generated `Deserialize` implementations.
//!
//! A generated struct is filled in place ([`Fields`]): it starts as a
//! [`Placeholder`] (absent optional fields, stand-ins for the required
//! ones) and each value is written into its field as the JSON object
//! streams past; the required keys are checked where the object ends. No
//! value is buffered, keys are matched without allocating, and unknown keys
//! (fields added to the API after the spec the types were generated from)
//! are kept with their JSON text, or skipped for types generated to drop
//! them. A field holding another generated struct is filled in place too
//! ([`read_in_place`]), so no struct is moved out of a builder into its
//! parent: only the outermost one is moved, once, into serde's `Result`.
//!
//! Here: the traits of a struct filled in place and the `Deserialize`
//! of objects and string enums; `in_place` has the slots a field holding
//! another struct is read into, `placeholder` the values structs start
//! from, `keys` the matching of keys, `union` the unions.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

mod in_place;
mod keys;
mod placeholder;
mod union;

pub use in_place::{read_in_place, NotNull, Slot};
use keys::FieldCursor;
pub(crate) use keys::{find_key, same_key};
pub use keys::{ExpectTag, FieldIndex};
pub use placeholder::Placeholder;
pub(crate) use union::member_order;
pub use union::{deserialize_union, deserialize_untagged, TaggedUnion, UntaggedUnion};

/// A JSON value kept as the text that came.
pub type RawJson = Box<serde_json::value::RawValue>;

/// A generated struct, filled field by field as its JSON object streams
/// past.
pub trait Fields<'de>: Placeholder {
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// The JSON keys the struct knows, in spec order; [`Fields::set`]
    /// receives an index into this list.
    const FIELDS: &'static [&'static str];
    /// Whether a payload must have each key of [`Fields::FIELDS`], a flag
    /// per key in the same order (a shorter list: the rest are optional).
    /// Flags rather than indexes, so that a generated struct lists them
    /// with its keys and nothing is computed where it is compiled.
    const REQUIRED: &'static [bool] = &[];

    /// Reads the value of field number `field` from `map` into its field.
    fn set<A: MapAccess<'de>>(&mut self, field: usize, map: &mut A) -> Result<(), A::Error>;

    /// Whether keys the struct does not know are kept (through
    /// [`Fields::unknown`]) rather than skipped.
    const KEEP_UNKNOWN: bool = false;

    /// Keeps a key the struct does not know, with its value as sent.
    fn unknown(&mut self, key: String, value: RawJson) {
        let _ = (key, value);
    }
}

/// The keys of one object that have been seen, by index: a bit each,
/// in registers for the first 128, which every Stripe schema fits.
#[derive(Default)]
pub(crate) struct Seen {
    low: u128,
    high: Vec<u128>,
}

impl Seen {
    #[inline]
    pub(crate) fn insert(&mut self, index: usize) {
        if index < 128 {
            self.low |= 1 << index;
        } else {
            let (word, bit) = (index / 128 - 1, index % 128);
            if self.high.len() <= word {
                self.high.resize(word + 1, 0);
            }
            self.high[word] |= 1 << bit;
        }
    }

    #[inline]
    pub(crate) fn contains(&self, index: usize) -> bool {
        if index < 128 {
            self.low & (1 << index) != 0
        } else {
            let (word, bit) = (index / 128 - 1, index % 128);
            self.high.get(word).is_some_and(|w| w & (1 << bit) != 0)
        }
    }
}

/// The bits of the required keys below 128, computed at compile time.
const fn low_mask(required: &[bool]) -> u128 {
    let mut mask = 0;
    let mut i = 0;
    while i < required.len() && i < 128 {
        if required[i] {
            mask |= 1 << i;
        }
        i += 1;
    }
    mask
}

/// Whether any key is required.
const fn any(required: &[bool]) -> bool {
    let mut i = 0;
    while i < required.len() {
        if required[i] {
            return true;
        }
        i += 1;
    }
    false
}

/// `T`'s required keys as constants, computed once per type at compile
/// time.
pub(crate) struct Required<T>(PhantomData<T>);

impl<'de, T: Fields<'de>> Required<T> {
    pub(crate) const ANY: bool = any(T::REQUIRED);
    const LOW: u128 = low_mask(T::REQUIRED);
    const ALL_LOW: bool = T::FIELDS.len() <= 128;
}

/// Reads the entries of one JSON object into `out`, then checks that the
/// required keys were there.
fn fill<'de, T: Fields<'de>, A: MapAccess<'de>>(out: &mut T, map: &mut A) -> Result<(), A::Error> {
    let mut expected = 0;
    let mut unknown = None;
    let mut seen = Seen::default();
    while let Some(field) = map.next_key_seed(FieldCursor {
        fields: T::FIELDS,
        expected,
        unknown: T::KEEP_UNKNOWN.then_some(&mut unknown),
    })? {
        match field {
            Some(index) => {
                expected = index + 1;
                if Required::<T>::ANY {
                    seen.insert(index);
                }
                out.set(index, map)?;
            }
            None => match unknown.take() {
                Some(key) => out.unknown(key, map.next_value()?),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            },
        }
    }
    match first_missing::<T>(&seen) {
        Some(field) => Err(missing(field)),
        None => Ok(()),
    }
}

/// The first required key of `T` not in `seen`, for both readers; the
/// common case (every required key among the first 128, all there) is one
/// mask compare.
#[inline]
pub(crate) fn first_missing<'de, T: Fields<'de>>(seen: &Seen) -> Option<&'static str> {
    if !Required::<T>::ANY
        || Required::<T>::ALL_LOW && seen.low & Required::<T>::LOW == Required::<T>::LOW
    {
        return None;
    }
    let i = (0..T::REQUIRED.len()).find(|&i| T::REQUIRED[i] && !seen.contains(i))?;
    Some(T::FIELDS.get(i).copied().unwrap_or("?"))
}

/// Deserializes a generated struct from a JSON object, filled in place.
pub fn deserialize_object<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Fields<'de>,
{
    deserializer.deserialize_map(ObjectVisitor::<T>(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Fields<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a `{}` object", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut out = T::placeholder();
        fill(&mut out, &mut map)?;
        Ok(out)
    }
}

/// Deserializes a string enum: any JSON string is accepted (unknown values
/// land in the enum's fallback variant through `From<&str>`); anything else
/// is an error.
pub fn deserialize_string_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    deserializer.deserialize_str(StringEnumVisitor(PhantomData))
}

struct StringEnumVisitor<T>(PhantomData<T>);

impl<'de, T: for<'a> From<&'a str>> Visitor<'de> for StringEnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a `{}` string", short_type_name::<T>())
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }
}

/// The error for a required field that was absent.
pub fn missing<E: de::Error>(field: &'static str) -> E {
    E::missing_field(field)
}

/// The last path segment of a type's name, for error messages.
pub(crate) fn short_type_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    let base = full.split('<').next().unwrap_or(full);
    base.rsplit("::").next().unwrap_or(base)
}

#[cfg(test)]
mod tests;
