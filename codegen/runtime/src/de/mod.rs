//! Building blocks of the generated `Deserialize` implementations.
//!
//! Generated structs deserialize through [`ObjectBuilder`]: one slot per
//! field, filled while the JSON object streams past, checked at the end. No
//! value is buffered, keys are matched without allocating, and unknown keys
//! (fields added to the API after the spec the types were generated from)
//! are kept with their JSON text, or skipped for types generated to drop
//! them. A field holding another generated struct is a [`Nested`]
//! slot: the child's builder lives inside the parent's and is filled in
//! place, so a built struct is moved once, into its parent, rather than
//! through every layer of serde's `Result`s.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

mod keys;
mod union;

use keys::FieldCursor;
pub use keys::{ExpectTag, FieldIndex};
pub use union::{deserialize_union, deserialize_untagged, TaggedUnion, UntaggedUnion};

/// A JSON value kept as the text that came.
pub type RawJson = Box<serde_json::value::RawValue>;

/// Collects the fields of one generated struct.
pub trait ObjectBuilder<'de>: Default {
    /// The struct being built.
    type Out;
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// The JSON keys the struct knows, in spec order; [`ObjectBuilder::set`]
    /// receives an index into this list.
    const FIELDS: &'static [&'static str];

    /// Reads the value of field number `field` from `map`.
    fn set<A: MapAccess<'de>>(&mut self, field: usize, map: &mut A) -> Result<(), A::Error>;

    /// Checks that every required field was seen, without building; a
    /// [`Nested`] slot calls it where its object ends, so that the error
    /// points there.
    fn check<E: de::Error>(&self) -> Result<(), E> {
        Ok(())
    }

    /// Checks that every required field was seen and builds the struct.
    fn finish<E: de::Error>(self) -> Result<Self::Out, E>;

    /// Whether keys the struct does not know are kept (through
    /// [`ObjectBuilder::unknown`]) rather than skipped.
    const KEEP_UNKNOWN: bool = false;

    /// Keeps a key the struct does not know, with its value as sent.
    fn unknown(&mut self, key: String, value: RawJson) {
        let _ = (key, value);
    }
}

/// Reads the entries of one JSON object into `builder`.
fn fill<'de, B: ObjectBuilder<'de>, A: MapAccess<'de>>(
    builder: &mut B,
    map: &mut A,
) -> Result<(), A::Error> {
    let mut expected = 0;
    let mut unknown = None;
    while let Some(field) = map.next_key_seed(FieldCursor {
        fields: B::FIELDS,
        expected,
        unknown: B::KEEP_UNKNOWN.then_some(&mut unknown),
    })? {
        match field {
            Some(index) => {
                expected = index + 1;
                builder.set(index, map)?;
            }
            None => match unknown.take() {
                Some(key) => builder.unknown(key, map.next_value()?),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            },
        }
    }
    Ok(())
}

/// Deserializes a generated struct from a JSON object through its builder.
pub fn deserialize_object<'de, D, B>(deserializer: D) -> Result<B::Out, D::Error>
where
    D: Deserializer<'de>,
    B: ObjectBuilder<'de>,
{
    deserializer.deserialize_map(ObjectVisitor::<B>(PhantomData))
}

struct ObjectVisitor<B>(PhantomData<B>);

impl<'de, B: ObjectBuilder<'de>> Visitor<'de> for ObjectVisitor<B> {
    type Value = B::Out;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a `{}` object", B::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<B::Out, A::Error> {
        let mut builder = B::default();
        fill(&mut builder, &mut map)?;
        builder.finish()
    }
}

/// A generated struct whose builder can be nested in another's.
pub trait Nest: Sized {
    /// The struct's builder.
    type Builder: for<'de> ObjectBuilder<'de, Out = Self>;
}

/// The builder slot of a field holding a generated struct: absent, `null`,
/// or the struct's own builder, filled in place.
pub struct Nested<T: Nest>(
    /// `None` while the key has not been seen, `Some(None)` for `null`,
    /// else the builder the object is read into.
    Option<Option<T::Builder>>,
);

impl<T: Nest> Default for Nested<T> {
    fn default() -> Self {
        Nested(None)
    }
}

impl<T: Nest> Nested<T> {
    /// Reads the field's value from `map`: an object, or also `null` when
    /// `nullable`. A repeated key replaces what the first one gave.
    pub fn read<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        nullable: bool,
    ) -> Result<(), A::Error> {
        map.next_value_seed(Fill {
            slot: self,
            nullable,
        })
    }

    /// Whether the key was there (with an object or `null`).
    pub fn is_set(&self) -> bool {
        self.0.is_some()
    }

    /// The struct of a required field; `key` names it if it was absent.
    #[inline]
    pub fn required<E: de::Error>(self, key: &'static str) -> Result<T, E> {
        match self.0 {
            Some(Some(builder)) => builder.finish(),
            Some(None) | None => Err(missing(key)),
        }
    }

    /// The struct, or `None` if the field was absent or `null`.
    #[inline]
    pub fn optional<E: de::Error>(self) -> Result<Option<T>, E> {
        match self.0 {
            Some(Some(builder)) => builder.finish().map(Some),
            Some(None) | None => Ok(None),
        }
    }

    /// The struct of a required, nullable field: `None` if `null`; `key`
    /// names it if it was absent.
    #[inline]
    pub fn required_nullable<E: de::Error>(self, key: &'static str) -> Result<Option<T>, E> {
        match self.0 {
            Some(Some(builder)) => builder.finish().map(Some),
            Some(None) => Ok(None),
            None => Err(missing(key)),
        }
    }

    /// The struct of an optional, nullable field, absent, `null` and an
    /// object kept apart.
    #[inline]
    pub fn nullable<E: de::Error>(self) -> Result<crate::Nullable<T>, E> {
        match self.0 {
            Some(Some(builder)) => builder.finish().map(crate::Nullable::Value),
            Some(None) => Ok(crate::Nullable::Null),
            None => Ok(crate::Nullable::Absent),
        }
    }
}

struct Fill<'a, T: Nest> {
    slot: &'a mut Nested<T>,
    nullable: bool,
}

impl<'de, T: Nest> DeserializeSeed<'de> for Fill<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        if self.nullable {
            deserializer.deserialize_option(self)
        } else {
            deserializer.deserialize_map(self)
        }
    }
}

impl<'de, T: Nest> Visitor<'de> for Fill<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a `{}` object", <T::Builder as ObjectBuilder<'de>>::NAME)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.slot.0 = Some(None);
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // A repeated key starts over, as for every other field.
        let builder = self.slot.0.insert(None).insert(T::Builder::default());
        fill(builder, &mut map)?;
        builder.check()
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

/// `Ok` if a required key was seen, else the missing-field error naming it.
#[inline]
pub fn require<E: de::Error>(present: bool, field: &'static str) -> Result<(), E> {
    if present {
        Ok(())
    } else {
        Err(missing(field))
    }
}

/// The last path segment of a type's name, for error messages.
pub(crate) fn short_type_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    let base = full.split('<').next().unwrap_or(full);
    base.rsplit("::").next().unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Pair {
        a: String,
        b: Option<i64>,
    }

    #[derive(Default)]
    struct PairBuilder {
        a: Option<String>,
        b: Option<i64>,
    }

    impl<'de> ObjectBuilder<'de> for PairBuilder {
        type Out = Pair;
        const NAME: &'static str = "Pair";
        const FIELDS: &'static [&'static str] = &["a", "b", "object"];

        fn set<A: MapAccess<'de>>(&mut self, field: usize, map: &mut A) -> Result<(), A::Error> {
            match field {
                0 => self.a = Some(map.next_value()?),
                1 => self.b = Some(map.next_value()?),
                _ => map.next_value_seed(ExpectTag("pair"))?,
            }
            Ok(())
        }

        fn finish<E: de::Error>(self) -> Result<Pair, E> {
            Ok(Pair {
                a: self.a.ok_or_else(|| missing("a"))?,
                b: self.b,
            })
        }
    }

    impl<'de> serde::Deserialize<'de> for Pair {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize_object::<D, PairBuilder>(d)
        }
    }

    #[test]
    fn builds_from_known_fields_and_skips_unknown_ones() {
        let p: Pair =
            serde_json::from_str(r#"{"x":[1,{"y":2}],"a":"s","object":"pair","b":3}"#).unwrap();
        assert_eq!(
            p,
            Pair {
                a: "s".into(),
                b: Some(3)
            }
        );
    }

    #[test]
    fn reports_missing_fields_wrong_tags_and_wrong_shapes() {
        let err = serde_json::from_str::<Pair>(r#"{"b":3}"#).unwrap_err();
        assert!(err.to_string().starts_with("missing field `a`"), "{err}");
        let err = serde_json::from_str::<Pair>(r#"{"a":"s","object":"card"}"#).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("invalid value: string \"card\", expected the string \"pair\""),
            "{err}"
        );
        let err = serde_json::from_str::<Pair>("[1]").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("invalid type: sequence, expected a `Pair` object"),
            "{err}"
        );
    }

    #[derive(Debug, PartialEq)]
    enum Color {
        Red,
        Unknown(String),
    }

    impl From<&str> for Color {
        fn from(s: &str) -> Self {
            match s {
                "red" => Color::Red,
                other => Color::Unknown(other.to_owned()),
            }
        }
    }

    #[test]
    fn string_enums_keep_unknown_strings_and_reject_other_types() {
        let d = |s: &str| {
            deserialize_string_enum::<_, Color>(&mut serde_json::Deserializer::from_str(s))
        };
        assert_eq!(d("\"red\"").unwrap(), Color::Red);
        assert_eq!(d("\"blue\"").unwrap(), Color::Unknown("blue".into()));
        let err = d("7").unwrap_err().to_string();
        assert!(
            err.starts_with("invalid type: integer `7`, expected a `Color` string"),
            "{err}"
        );
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Full {
        id: String,
        email: Option<String>,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Deleted {
        id: String,
        deleted: bool,
    }

    #[derive(Debug, PartialEq)]
    enum Either {
        Full(Full),
        Deleted(Deleted),
    }

    impl UntaggedUnion for Either {
        const NAME: &'static str = "Either";
        const MEMBERS: &'static [&'static str] = &["Full", "Deleted"];
        const FIELDS: &'static [&'static [&'static str]] =
            &[&["id", "object", "email"], &["id", "object", "deleted"]];

        fn variant<'de, D: Deserializer<'de>>(index: usize, d: D) -> Result<Self, D::Error> {
            use serde::Deserialize;
            Ok(match index {
                0 => Either::Full(Full::deserialize(d)?),
                _ => Either::Deleted(Deleted::deserialize(d)?),
            })
        }
    }

    impl<'de> serde::Deserialize<'de> for Either {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize_untagged(d)
        }
    }

    #[test]
    fn untagged_unions_pick_the_member_that_knows_the_keys() {
        let e: Either =
            serde_json::from_str(r#"{"id":"cus_1","object":"customer","deleted":true}"#).unwrap();
        assert_eq!(
            e,
            Either::Deleted(Deleted {
                id: "cus_1".into(),
                deleted: true
            })
        );
        let e: Either =
            serde_json::from_str(r#"{"id":"cus_1","object":"customer","email":"a@b"}"#).unwrap();
        assert!(matches!(e, Either::Full(f) if f.email.as_deref() == Some("a@b")));
        // Equally good: the first member that accepts it.
        let e: Either = serde_json::from_str(r#"{"id":"cus_1","object":"customer"}"#).unwrap();
        assert!(matches!(e, Either::Full(_)));
        // A member that does not accept it is passed over, even if it fits
        // the keys best.
        let e: Either = serde_json::from_str(r#"{"id":"cus_1","deleted":"yes"}"#).unwrap();
        assert!(matches!(e, Either::Full(_)));
    }

    #[test]
    fn untagged_unions_say_why_no_member_fits() {
        let err = serde_json::from_str::<Either>(r#"{"email":"a@b"}"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("no member of `Either` accepts this object (Full: missing field `id`; Deleted: missing field `id`)"),
            "{err}"
        );
        let err = serde_json::from_str::<Either>("[1]")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(
                "invalid type: sequence, expected a `Either` object (one of: Full, Deleted)"
            ),
            "{err}"
        );
    }
}
