//! Reading and writing JSON without serde: a reader per type that is not generic, so
//! it is compiled once, in the crate that defines the type, and a field
//! holding another generated type calls that type's reader (already
//! compiled) instead of instantiating a deserializer again. The generated
//! crates implement [`FromJson`] and [`ToJson`] behind their `json`
//! feature, and their `from_json` and `to_json` entry points go through
//! them.
//!
//! It reads what the serde path (`serde_json::from_str`) reads, into the
//! same values, with the same kinds of errors: structs are filled in
//! place from their [`Placeholder`](crate::de::Placeholder), required keys
//! are checked where the object ends, unknown keys are kept as the text
//! that came (or skipped), unknown enum values land in the fallback
//! variant. A union of objects finds its member's `object` tag (or the
//! member that knows the most keys), then reads the object again as that
//! member; nothing is buffered.

mod reader;
mod writer;

use std::collections::BTreeMap;
use std::fmt;

pub(crate) use reader::line_column;
pub use reader::{Error, Key, Mark, Reader, Result};
pub use writer::{to_string, ObjectWriter, ToJson, Writer};

use crate::de::{Fields, Seen, TaggedUnion, UntaggedUnion};

/// A type read from JSON by [`Reader`].
pub trait FromJson: Sized {
    /// Reads one value.
    fn read(r: &mut Reader<'_>) -> Result<Self>;

    /// Reads one value onto the end of `out` (an item of an array). A
    /// generated struct is filled where it lands ([`fill_onto`]) instead
    /// of being moved there.
    #[inline]
    fn read_onto(r: &mut Reader<'_>, out: &mut Vec<Self>) -> Result<()> {
        out.push(Self::read(r)?);
        Ok(())
    }

    /// Reads one value into `self`. A generated struct is filled where it
    /// stands, over what it holds (the caller starts it from its
    /// [`Placeholder`](crate::de::Placeholder)).
    #[inline]
    fn read_into(&mut self, r: &mut Reader<'_>) -> Result<()> {
        *self = Self::read(r)?;
        Ok(())
    }
}

/// A generated struct, filled field by field by [`fill_object`].
pub trait ReadFields: Fields<'static> {
    /// Reads the value of field number `field` into its field.
    fn read_field(&mut self, field: usize, r: &mut Reader<'_>) -> Result<()>;
}

/// The [`FromJson`] of a generated struct (which implements
/// [`ReadFields`]): compiled once, in the struct's crate.
#[doc(hidden)]
#[doc(hidden)]
#[macro_export]
macro_rules! json_struct {
    ($name:ident) => {
        impl $crate::__private::json::FromJson for $name {
            fn read(
                r: &mut $crate::__private::json::Reader<'_>,
            ) -> $crate::__private::json::Result<Self> {
                let mut out = <Self as $crate::__private::de::Placeholder>::placeholder();
                $crate::__private::json::fill_object(&mut out, r)?;
                Ok(out)
            }

            fn read_onto(
                r: &mut $crate::__private::json::Reader<'_>,
                out: &mut Vec<Self>,
            ) -> $crate::__private::json::Result<()> {
                $crate::__private::json::fill_onto(r, out)
            }

            fn read_into(
                &mut self,
                r: &mut $crate::__private::json::Reader<'_>,
            ) -> $crate::__private::json::Result<()> {
                $crate::__private::json::fill_object(self, r)
            }
        }
    };
}

/// The [`FromJson`] and [`ToJson`] of a generated string enum (which has
/// `From<&str>` and `as_str`).
#[doc(hidden)]
#[doc(hidden)]
#[macro_export]
macro_rules! json_string_enum {
    ($name:ident) => {
        impl $crate::__private::json::FromJson for $name {
            fn read(
                r: &mut $crate::__private::json::Reader<'_>,
            ) -> $crate::__private::json::Result<Self> {
                $crate::__private::json::read_enum(r, stringify!($name))
            }
        }

        impl $crate::__private::json::ToJson for $name {
            fn write(&self, w: &mut $crate::__private::json::Writer) {
                w.string(self.as_str());
            }
        }
    };
}

/// Reads `text` as a whole: one value, then only whitespace.
pub fn from_str<T: FromJson>(text: &str) -> Result<T> {
    let mut r = Reader::new(text);
    let value = T::read(&mut r)?;
    r.end()?;
    Ok(value)
}

/// What a generated type expects, for messages: "a `Name` object".
struct Expecting<'a>(&'a str, &'a str);

impl fmt::Display for Expecting<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a `{}` {}", self.0, self.1)
    }
}

/// Reads one JSON object into `out`, then checks that the required keys
/// were there: the reader of every generated struct.
pub fn fill_object<T: ReadFields>(out: &mut T, r: &mut Reader<'_>) -> Result<()> {
    r.object(&Expecting(T::NAME, "object"))?;
    let mut first = true;
    let mut expected = 0;
    let mut seen = Seen::default();
    while let Some(key) = r.field(&mut first, T::FIELDS, expected, Plain::<T>::KEYS)? {
        match key {
            Key::Known(index) => {
                expected = index + 1;
                if crate::de::Required::<T>::ANY {
                    seen.insert(index);
                }
                out.read_field(index, r)?;
            }
            Key::Unknown(key) if T::KEEP_UNKNOWN => {
                let key = key.to_owned();
                out.unknown(key, raw_value(r)?);
            }
            Key::Unknown(_) => r.skip()?,
        }
    }
    match crate::de::first_missing::<T>(&seen) {
        Some(field) => Err(r.error(format_args!("missing field `{field}`"))),
        None => Ok(()),
    }
}

/// Whether `T`'s keys can be matched in the text as they are: none has a
/// quote, a backslash or a control character. Computed at compile time.
struct Plain<T>(std::marker::PhantomData<T>);

impl<T: ReadFields> Plain<T> {
    const KEYS: bool = plain_keys(T::FIELDS);
}

const fn plain_keys(fields: &[&str]) -> bool {
    let mut i = 0;
    while i < fields.len() {
        let key = fields[i].as_bytes();
        let mut j = 0;
        while j < key.len() {
            if key[j] < 0x20 || key[j] == b'"' || key[j] == b'\\' {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    true
}

/// The value just skipped by `r`, as the `RawValue` of its text (which
/// `serde_json` checks again: an error there names the place, never a
/// value silently put in its place).
fn raw_value(r: &mut Reader<'_>) -> Result<crate::de::RawJson> {
    let raw = r.raw()?;
    serde_json::value::RawValue::from_string(raw.to_owned()).map_err(|e| r.error(e))
}

/// A field holding a generated struct, filled where it stands (see
/// [`crate::de::Slot`]) through [`FromJson::read_into`]: `T`,
/// `Option<T>` (`null` is `None`), `Nullable<T>`, and [`NotNull`].
pub trait Slot {
    /// Reads the field's value into it.
    fn fill_slot(self, r: &mut Reader<'_>) -> Result<()>;
}

impl<T: ReadFields + FromJson> Slot for &mut T {
    #[inline]
    fn fill_slot(self, r: &mut Reader<'_>) -> Result<()> {
        *self = T::placeholder();
        self.read_into(r)
    }
}

impl<T: ReadFields + FromJson> Slot for &mut Option<T> {
    #[inline]
    fn fill_slot(self, r: &mut Reader<'_>) -> Result<()> {
        if r.null()? {
            *self = None;
            return Ok(());
        }
        self.insert(T::placeholder()).read_into(r)
    }
}

impl<T: ReadFields + FromJson> Slot for &mut crate::Nullable<T> {
    #[inline]
    fn fill_slot(self, r: &mut Reader<'_>) -> Result<()> {
        if r.null()? {
            *self = crate::Nullable::Null;
            return Ok(());
        }
        *self = crate::Nullable::Value(T::placeholder());
        match self {
            crate::Nullable::Value(value) => value.read_into(r),
            _ => Ok(()),
        }
    }
}

/// An optional field that must not be `null`.
pub struct NotNull<'a, T>(pub &'a mut Option<T>);

impl<T: ReadFields + FromJson> Slot for NotNull<'_, T> {
    #[inline]
    fn fill_slot(self, r: &mut Reader<'_>) -> Result<()> {
        self.0.insert(T::placeholder()).read_into(r)
    }
}

/// Reads a field holding a generated struct where it stands.
#[inline]
pub fn fill<S: Slot>(slot: S, r: &mut Reader<'_>) -> Result<()> {
    slot.fill_slot(r)
}

/// Pushes a placeholder struct onto `out` and fills it where it stands: the
/// [`FromJson::read_onto`] of generated structs.
pub fn fill_onto<T: ReadFields>(r: &mut Reader<'_>, out: &mut Vec<T>) -> Result<()> {
    out.push(T::placeholder());
    match out.last_mut() {
        Some(last) => fill_object(last, r),
        None => Ok(()),
    }
}

/// Checks an object's `object` value against the type's.
pub fn expect_tag(r: &mut Reader<'_>, tag: &str) -> Result<()> {
    let found = r.string()?;
    if found == tag {
        return Ok(());
    }
    let found = found.to_owned();
    Err(r.error(format_args!(
        "invalid value: string {found:?}, expected the string \"{tag}\""
    )))
}

/// Reads a string enum: any string, through `From<&str>` (unknown values
/// land in the fallback variant).
pub fn read_enum<T: for<'s> From<&'s str>>(r: &mut Reader<'_>, name: &str) -> Result<T> {
    if r.peek() != Some(b'"') {
        return Err(r.invalid_type(&Expecting(name, "string")));
    }
    r.string().map(T::from)
}

/// Reads a union of objects told apart by their `object` field: finds the
/// tag, then reads the object again from its start as member `member`.
pub fn read_tagged<T: TaggedUnion>(
    r: &mut Reader<'_>,
    member: impl FnOnce(usize, &mut Reader<'_>) -> Result<T>,
) -> Result<T> {
    let start = r.mark();
    // The tag found by a quick scan, as it is when the object is JSON;
    // the member's read checks the whole object. Otherwise, key by key.
    if let Some(tag) = r.peek_string_key("object") {
        if let Some(index) = T::TAGS.iter().position(|t| *t == tag) {
            return member(index, r);
        }
    }
    r.object(&OneOf(T::NAME, T::TAGS))?;
    let mut first = true;
    while let Some(key) = r.key(&mut first)? {
        if key != "object" {
            r.skip()?;
            continue;
        }
        if T::OPEN && r.peek() != Some(b'"') {
            break;
        }
        let tag = r.string()?;
        let index = T::TAGS.iter().position(|t| *t == tag);
        if index.is_none() && T::OPEN {
            break;
        }
        let Some(index) = index else {
            let tag = tag.to_owned();
            return Err(r.error(format_args!(
                "unknown `object` value `{tag}` for `{}`; expected one of: {}",
                T::NAME,
                T::TAGS.join(", ")
            )));
        };
        r.rewind(start);
        return member(index, r);
    }
    if T::OPEN {
        // Any other object: the variant past the members keeps it.
        r.rewind(start);
        return member(T::TAGS.len(), r);
    }
    Err(r.error(format_args!(
        "`{}` object without an `object` field to tell which one it is",
        T::NAME
    )))
}

/// Reads a union of objects that the `object` field cannot tell apart:
/// the members are tried on the object in order of how many of its keys
/// each does not know (fewest first, spec order among equals), as the
/// serde path does; the first that accepts it wins.
pub fn read_untagged<T: UntaggedUnion>(
    r: &mut Reader<'_>,
    mut member: impl FnMut(usize, &mut Reader<'_>) -> Result<T>,
) -> Result<T> {
    let start = r.mark();
    r.object(&OneOf(T::NAME, T::MEMBERS))?;
    let mut keys: Vec<String> = Vec::new();
    let mut first = true;
    while let Some(key) = r.key(&mut first)? {
        if !keys.iter().any(|k| k == key) {
            keys.push(key.to_owned());
        }
        r.skip()?;
    }
    let end = r.mark();
    let mut errors = Vec::new();
    for index in crate::de::member_order(T::FIELDS, keys.iter().map(String::as_str)) {
        r.rewind(start);
        match member(index, r) {
            Ok(found) => return Ok(found),
            Err(e) => errors.push(format!(
                "{}: {}",
                T::MEMBERS.get(index).copied().unwrap_or("?"),
                e.message()
            )),
        }
    }
    r.rewind(end);
    Err(r.error(format_args!(
        "no member of `{}` accepts this object ({})",
        T::NAME,
        errors.join("; ")
    )))
}

/// "a `Name` object (one of: A, B)".
struct OneOf<'a>(&'a str, &'a [&'a str]);

impl fmt::Display for OneOf<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a `{}` object (one of: {})", self.0, self.1.join(", "))
    }
}

impl FromJson for String {
    #[inline]
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        r.string().map(str::to_owned)
    }
}

impl FromJson for bool {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        r.bool()
    }
}

impl FromJson for i64 {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        r.i64()
    }
}

impl FromJson for crate::Timestamp {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        r.i64().map(crate::Timestamp)
    }
}

impl FromJson for crate::Number {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        if !matches!(r.peek(), Some(b'-' | b'0'..=b'9')) {
            return Err(r.invalid_type(&"a number"));
        }
        let (text, _) = r.number()?;
        crate::Number::from_text(text).map_err(|e| r.error(e))
    }
}

impl<T> FromJson for crate::Id<T> {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        r.string().map(crate::Id::new)
    }
}

impl FromJson for crate::RawObject {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        raw_value(r).map(crate::RawObject)
    }
}

/// A free-form value, read as `serde_json` reads one, nesting counted
/// with the rest of the payload.
impl FromJson for serde_json::Value {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        use serde_json::Value;
        match r.peek() {
            Some(b'"') => r.string().map(|s| Value::String(s.to_owned())),
            Some(b'[') => Vec::<Value>::read(r).map(Value::Array),
            Some(b'{') => {
                r.object(&"any valid JSON value")?;
                let mut out = serde_json::Map::new();
                let mut first = true;
                while let Some(key) = r.key(&mut first)? {
                    let key = key.to_owned();
                    out.insert(key, Value::read(r)?);
                }
                Ok(Value::Object(out))
            }
            Some(b'-' | b'0'..=b'9') => {
                // serde_json's own number, as its `Value` reads it.
                let (text, _) = r.number()?;
                text.parse::<serde_json::Number>()
                    .map(Value::Number)
                    .map_err(|_| r.error("number out of range"))
            }
            Some(b't' | b'f') => r.bool().map(Value::Bool),
            Some(b'n') => r.null().map(|_| Value::Null),
            _ => Err(r.invalid_type(&"any valid JSON value")),
        }
    }
}

impl FromJson for crate::ObjectId {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        const EXPECTED: &str = "an id, or an object with a string `id`";
        match r.peek() {
            Some(b'"') => r.string().map(|id| crate::ObjectId(id.to_owned())),
            Some(b'{') => {
                r.object(&EXPECTED)?;
                let mut first = true;
                let mut id = None;
                while let Some(key) = r.key(&mut first)? {
                    if key == "id" && id.is_none() {
                        id = Some(r.string()?.to_owned());
                    } else {
                        r.skip()?;
                    }
                }
                id.map(crate::ObjectId)
                    .ok_or_else(|| r.error("missing field `id`"))
            }
            _ => Err(r.invalid_type(&EXPECTED)),
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    #[inline]
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        if r.null()? {
            Ok(None)
        } else {
            T::read(r).map(Some)
        }
    }
}

impl<T: FromJson> FromJson for crate::Nullable<T> {
    #[inline]
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        if r.null()? {
            Ok(crate::Nullable::Null)
        } else {
            T::read(r).map(crate::Nullable::Value)
        }
    }
}

impl<T: FromJson> FromJson for Box<T> {
    #[inline]
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        T::read(r).map(Box::new)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        r.array(&"a sequence")?;
        let mut out = Vec::new();
        let mut first = true;
        while r.item(&mut first)? {
            T::read_onto(r, &mut out)?;
        }
        Ok(out)
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        r.object(&"a map")?;
        let mut out = BTreeMap::new();
        let mut first = true;
        while let Some(key) = r.key(&mut first)? {
            let key = key.to_owned();
            out.insert(key, T::read(r)?);
        }
        Ok(out)
    }
}

impl<T: crate::Object + FromJson> FromJson for crate::Expandable<T> {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        match r.peek() {
            Some(b'"') => {
                let id = r.string()?.to_owned();
                Ok(crate::Expandable::Id(T::Id::from(id)))
            }
            Some(b'{') => T::read(r).map(|object| crate::Expandable::Object(Box::new(object))),
            _ => Err(r.invalid_type(&format_args!(
                "an id string or an expanded `{}` object",
                crate::de::short_type_name::<T>()
            ))),
        }
    }
}

#[cfg(test)]
mod tests;
