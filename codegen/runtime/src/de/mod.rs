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

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

mod keys;
mod union;

use keys::FieldCursor;
pub(crate) use keys::{find_key, same_key};
pub use keys::{ExpectTag, FieldIndex};
pub(crate) use union::member_order;
pub use union::{deserialize_union, deserialize_untagged, TaggedUnion, UntaggedUnion};

/// A JSON value kept as the text that came.
pub type RawJson = Box<serde_json::value::RawValue>;

/// A value to fill in place: for a generated struct, every optional field
/// absent and a stand-in for each required one (an empty string, `0`, a
/// union's stand-in member...). A stand-in never reaches users: a payload
/// without the key is an error.
pub trait Placeholder {
    /// The value before any key is read.
    fn placeholder() -> Self;
}

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

/// A field that holds a generated struct (itself, in an `Option` or in a
/// [`Nullable`](crate::Nullable)), which [`read_in_place`] fills where it
/// stands.
pub trait Slot<'de> {
    /// Whether `null` is a value of the field.
    const NULLABLE: bool;
    /// The struct inside.
    type Struct: Fields<'de>;
    /// Sets the field to `null`.
    fn set_null(&mut self);
    /// Sets the field to a placeholder struct and gives it, to be filled
    /// (always `Some`).
    fn start(&mut self) -> Option<&mut Self::Struct>;
}

impl<'de, T: Fields<'de>> Slot<'de> for &mut T {
    const NULLABLE: bool = false;
    type Struct = T;
    fn set_null(&mut self) {}
    #[inline]
    fn start(&mut self) -> Option<&mut T> {
        **self = T::placeholder();
        Some(&mut **self)
    }
}

/// An `Option` slot: `null` reads as `None` (a required, nullable field, or
/// an optional one when `Option` stands for nullable too).
impl<'de, T: Fields<'de>> Slot<'de> for &mut Option<T> {
    const NULLABLE: bool = true;
    type Struct = T;
    fn set_null(&mut self) {
        **self = None;
    }
    #[inline]
    fn start(&mut self) -> Option<&mut T> {
        Some(self.insert(T::placeholder()))
    }
}

impl<'de, T: Fields<'de>> Slot<'de> for &mut crate::Nullable<T> {
    const NULLABLE: bool = true;
    type Struct = T;
    fn set_null(&mut self) {
        **self = crate::Nullable::Null;
    }
    #[inline]
    fn start(&mut self) -> Option<&mut T> {
        **self = crate::Nullable::Value(T::placeholder());
        match &mut **self {
            crate::Nullable::Value(value) => Some(value),
            _ => None,
        }
    }
}

/// An `Option` slot for a field that must not be `null`.
pub struct NotNull<'a, T>(pub &'a mut Option<T>);

impl<'de, T: Fields<'de>> Slot<'de> for NotNull<'_, T> {
    const NULLABLE: bool = false;
    type Struct = T;
    fn set_null(&mut self) {}
    #[inline]
    fn start(&mut self) -> Option<&mut T> {
        Some(self.0.insert(T::placeholder()))
    }
}

/// Reads the value of a field holding a generated struct into the field
/// itself: the struct is built where it stands, not moved there. A repeated
/// key starts over, as for every other field.
#[inline]
pub fn read_in_place<'de, S: Slot<'de>, A: MapAccess<'de>>(
    mut slot: S,
    map: &mut A,
) -> Result<(), A::Error> {
    map.next_value_seed(InPlace(&mut slot, PhantomData))
}

struct InPlace<'a, 'de, S>(&'a mut S, PhantomData<&'de ()>);

impl<'de, S: Slot<'de>> DeserializeSeed<'de> for InPlace<'_, 'de, S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        if S::NULLABLE {
            deserializer.deserialize_option(self)
        } else {
            deserializer.deserialize_map(self)
        }
    }
}

impl<'de, S: Slot<'de>> Visitor<'de> for InPlace<'_, 'de, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a `{}` object", S::Struct::NAME)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.set_null();
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        match self.0.start() {
            Some(out) => fill(out, &mut map),
            None => Ok(()),
        }
    }
}

macro_rules! placeholder_default {
    ($($t:ty),*) => {$(
        impl Placeholder for $t {
            #[inline]
            fn placeholder() -> Self {
                Self::default()
            }
        }
    )*};
}

placeholder_default!(
    String,
    bool,
    i64,
    f64,
    crate::Number,
    crate::UnknownFields,
    serde_json::Value
);

impl<T> Placeholder for Vec<T> {
    #[inline]
    fn placeholder() -> Self {
        Vec::new()
    }
}

impl<K, V> Placeholder for BTreeMap<K, V> {
    #[inline]
    fn placeholder() -> Self {
        BTreeMap::new()
    }
}

impl<T> Placeholder for Option<T> {
    #[inline]
    fn placeholder() -> Self {
        None
    }
}

impl<T> Placeholder for crate::Nullable<T> {
    #[inline]
    fn placeholder() -> Self {
        crate::Nullable::Absent
    }
}

impl<T: Placeholder> Placeholder for Box<T> {
    #[inline]
    fn placeholder() -> Self {
        Box::new(T::placeholder())
    }
}

impl<T> Placeholder for crate::Id<T> {
    #[inline]
    fn placeholder() -> Self {
        crate::Id::empty()
    }
}

impl Placeholder for crate::Timestamp {
    #[inline]
    fn placeholder() -> Self {
        crate::Timestamp(0)
    }
}

impl Placeholder for crate::ObjectId {
    #[inline]
    fn placeholder() -> Self {
        crate::ObjectId(String::new())
    }
}

impl Placeholder for crate::RawObject {
    fn placeholder() -> Self {
        crate::RawObject(serde_json::value::RawValue::NULL.to_owned())
    }
}

impl<T: crate::Object> Placeholder for crate::Expandable<T>
where
    T::Id: Placeholder,
{
    #[inline]
    fn placeholder() -> Self {
        crate::Expandable::Id(T::Id::placeholder())
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
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Pair {
        a: String,
        b: Option<i64>,
    }

    impl Placeholder for Pair {
        fn placeholder() -> Self {
            Pair {
                a: String::placeholder(),
                b: None,
            }
        }
    }

    impl<'de> Fields<'de> for Pair {
        const NAME: &'static str = "Pair";
        const FIELDS: &'static [&'static str] = &["a", "b", "object"];
        const REQUIRED: &'static [bool] = &[true];

        fn set<A: MapAccess<'de>>(&mut self, field: usize, map: &mut A) -> Result<(), A::Error> {
            match field {
                0 => self.a = map.next_value()?,
                1 => self.b = Some(map.next_value()?),
                _ => map.next_value_seed(ExpectTag("pair"))?,
            }
            Ok(())
        }
    }

    impl<'de> serde::Deserialize<'de> for Pair {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize_object::<D, Pair>(d)
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

    /// A struct of 130 keys, two of them required: one in the first 128
    /// (checked with a mask), one past them.
    #[derive(Debug, Default, PartialEq)]
    struct Wide {
        values: Vec<(usize, i64)>,
    }

    const WIDE_KEYS: [&str; 130] = [
        "k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10", "k11", "k12", "k13",
        "k14", "k15", "k16", "k17", "k18", "k19", "k20", "k21", "k22", "k23", "k24", "k25", "k26",
        "k27", "k28", "k29", "k30", "k31", "k32", "k33", "k34", "k35", "k36", "k37", "k38", "k39",
        "k40", "k41", "k42", "k43", "k44", "k45", "k46", "k47", "k48", "k49", "k50", "k51", "k52",
        "k53", "k54", "k55", "k56", "k57", "k58", "k59", "k60", "k61", "k62", "k63", "k64", "k65",
        "k66", "k67", "k68", "k69", "k70", "k71", "k72", "k73", "k74", "k75", "k76", "k77", "k78",
        "k79", "k80", "k81", "k82", "k83", "k84", "k85", "k86", "k87", "k88", "k89", "k90", "k91",
        "k92", "k93", "k94", "k95", "k96", "k97", "k98", "k99", "k100", "k101", "k102", "k103",
        "k104", "k105", "k106", "k107", "k108", "k109", "k110", "k111", "k112", "k113", "k114",
        "k115", "k116", "k117", "k118", "k119", "k120", "k121", "k122", "k123", "k124", "k125",
        "k126", "k127", "k128", "k129",
    ];

    impl Placeholder for Wide {
        fn placeholder() -> Self {
            Wide::default()
        }
    }

    impl<'de> Fields<'de> for Wide {
        const NAME: &'static str = "Wide";
        const FIELDS: &'static [&'static str] = &WIDE_KEYS;
        const REQUIRED: &'static [bool] = &{
            let mut required = [false; 130];
            required[3] = true;
            required[129] = true;
            required
        };

        fn set<A: MapAccess<'de>>(&mut self, field: usize, map: &mut A) -> Result<(), A::Error> {
            self.values.push((field, map.next_value()?));
            Ok(())
        }
    }

    impl<'de> serde::Deserialize<'de> for Wide {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize_object::<D, Wide>(d)
        }
    }

    #[test]
    fn required_keys_past_the_first_128_are_checked() {
        let w: Wide = serde_json::from_str(r#"{"k3":1,"k128":2,"k129":3}"#).unwrap();
        assert_eq!(w.values, [(3, 1), (128, 2), (129, 3)]);
        let e = serde_json::from_str::<Wide>(r#"{"k3":1,"k128":2}"#).unwrap_err();
        assert!(e.to_string().starts_with("missing field `k129`"), "{e}");
        let e = serde_json::from_str::<Wide>(r#"{"k129":3}"#).unwrap_err();
        assert!(e.to_string().starts_with("missing field `k3`"), "{e}");
    }

    /// A struct holding `Pair`s in every kind of slot, filled in place.
    #[derive(Debug, PartialEq)]
    struct Outer {
        plain: Pair,
        or_null: Option<Pair>,
        optional: Option<Pair>,
        nullable: crate::Nullable<Pair>,
    }

    impl Placeholder for Outer {
        fn placeholder() -> Self {
            Outer {
                plain: Pair::placeholder(),
                or_null: None,
                optional: None,
                nullable: crate::Nullable::Absent,
            }
        }
    }

    impl<'de> Fields<'de> for Outer {
        const NAME: &'static str = "Outer";
        const FIELDS: &'static [&'static str] = &["plain", "or_null", "optional", "nullable"];
        const REQUIRED: &'static [bool] = &[true, true];

        fn set<A: MapAccess<'de>>(&mut self, field: usize, map: &mut A) -> Result<(), A::Error> {
            match field {
                0 => read_in_place(&mut self.plain, map),
                1 => read_in_place(&mut self.or_null, map),
                2 => read_in_place(NotNull(&mut self.optional), map),
                _ => read_in_place(&mut self.nullable, map),
            }
        }
    }

    impl<'de> serde::Deserialize<'de> for Outer {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize_object::<D, Outer>(d)
        }
    }

    #[test]
    fn nested_structs_are_filled_where_they_stand() {
        let pair = |a: &str, b| Pair { a: a.into(), b };
        let o: Outer = serde_json::from_str(
            r#"{"plain":{"a":"p","b":1},"or_null":null,"optional":{"a":"o"},"nullable":null}"#,
        )
        .unwrap();
        assert_eq!(
            o,
            Outer {
                plain: pair("p", Some(1)),
                or_null: None,
                optional: Some(pair("o", None)),
                nullable: crate::Nullable::Null,
            }
        );
        // A repeated key starts over: nothing of the first object stays.
        let o: Outer =
            serde_json::from_str(r#"{"plain":{"a":"x","b":1},"or_null":{"a":"y"},"plain":{"a":"z"},"nullable":{"a":"n"}}"#)
                .unwrap();
        assert_eq!(o.plain, pair("z", None));
        assert_eq!(o.or_null, Some(pair("y", None)));
        assert_eq!(o.nullable, crate::Nullable::Value(pair("n", None)));
        // `null` where the slot takes none, a missing key inside and outside.
        let e =
            serde_json::from_str::<Outer>(r#"{"plain":{"a":"p"},"or_null":null,"optional":null}"#)
                .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("invalid type: null, expected a `Pair` object"),
            "{e}"
        );
        let e = serde_json::from_str::<Outer>(r#"{"plain":{"b":1},"or_null":null}"#).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("missing field `a` at line 1 column 16"),
            "{e}"
        );
        let e = serde_json::from_str::<Outer>(r#"{"plain":{"a":"p"}}"#).unwrap_err();
        assert!(e.to_string().starts_with("missing field `or_null`"), "{e}");
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
