//! Unions of generated objects: chosen by the `object` value as it
//! streams past (keys before it are replayed), or, when members share or
//! lack one, by buffering the object and trying the members that know most
//! of its keys.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

/// A generated union of objects told apart by their `object` field.
pub trait TaggedUnion: Sized {
    /// The union's name, for error messages.
    const NAME: &'static str;
    /// The `object` value of each member, in variant order.
    const TAGS: &'static [&'static str];
    /// Whether the union is open: any other object (another `object`
    /// value, or none) is the variant past the members, kept as it came.
    const OPEN: bool = false;

    /// Deserializes member number `tag` from `deserializer`.
    fn variant<'de, D: Deserializer<'de>>(tag: usize, deserializer: D) -> Result<Self, D::Error>;
}

/// Deserializes a union of objects by their `object` field.
///
/// Keys before `object` (in Stripe's payloads, usually just `id`) are held
/// back; once the tag is read, the member deserializes from those keys and
/// then straight from the input, so the object as a whole is never
/// buffered.
pub fn deserialize_union<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TaggedUnion,
{
    if T::OPEN {
        return deserialize_open(deserializer);
    }
    deserializer.deserialize_map(UnionVisitor::<T>(PhantomData))
}

/// An open union: the object is read whole as text first, so that one the
/// union does not know is kept exactly; a member reads it from that text.
fn deserialize_open<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TaggedUnion,
{
    let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
    let tag = serde_json::from_str::<ObjectTag>(raw.get())
        .map_err(|e| de::Error::custom(format_args!("a `{}` object: {e}", T::NAME)))?;
    let index = tag
        .0
        .and_then(|tag| T::TAGS.iter().position(|t| *t == tag))
        .unwrap_or(T::TAGS.len());
    let mut member = serde_json::Deserializer::from_str(raw.get());
    T::variant(index, &mut member).map_err(|e| match T::TAGS.get(index) {
        Some(tag) => de::Error::custom(format_args!("`{}` as `{tag}`: {e}", T::NAME)),
        None => de::Error::custom(e),
    })
}

/// The value of an object's first `object` key, if it is a string (the
/// JSON reader's `read_tagged` decides the same way).
struct ObjectTag(Option<String>);

impl<'de> Deserialize<'de> for ObjectTag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TagVisitor;

        impl<'de> Visitor<'de> for TagVisitor {
            type Value = ObjectTag;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ObjectTag, A::Error> {
                let (mut tag, mut seen) = (None, false);
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "object" && !seen {
                        seen = true;
                        tag = map
                            .next_value::<serde_json::Value>()?
                            .as_str()
                            .map(str::to_owned);
                    } else {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                Ok(ObjectTag(tag))
            }
        }

        deserializer.deserialize_map(TagVisitor)
    }
}

struct UnionVisitor<T>(PhantomData<T>);

impl<'de, T: TaggedUnion> Visitor<'de> for UnionVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a `{}` object (one of: {})", T::NAME, T::TAGS.join(", "))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut held: Vec<(String, serde_json::Value)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "object" {
                let tag: String = map.next_value()?;
                let Some(index) = T::TAGS.iter().position(|t| *t == tag) else {
                    return Err(de::Error::custom(format_args!(
                        "unknown `object` value `{tag}` for `{}`; expected one of: {}",
                        T::NAME,
                        T::TAGS.join(", ")
                    )));
                };
                let replay = Replay {
                    held: held.into_iter(),
                    tag: Some(tag),
                    pending: None,
                    rest: map,
                };
                return T::variant(index, de::value::MapAccessDeserializer::new(replay));
            }
            let value: serde_json::Value = map.next_value()?;
            held.push((key, value));
        }
        Err(de::Error::custom(format_args!(
            "`{}` object without an `object` field to tell which one it is",
            T::NAME
        )))
    }
}

/// A map that yields the held-back entries, then the `object` entry, then
/// the rest of the input.
struct Replay<A> {
    held: std::vec::IntoIter<(String, serde_json::Value)>,
    tag: Option<String>,
    pending: Option<serde_json::Value>,
    rest: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if let Some((key, value)) = self.held.next() {
            self.pending = Some(value);
            return seed
                .deserialize(de::value::StringDeserializer::new(key))
                .map(Some);
        }
        if let Some(tag) = self.tag.take() {
            self.pending = Some(serde_json::Value::String(tag));
            return seed
                .deserialize(de::value::StrDeserializer::new("object"))
                .map(Some);
        }
        self.rest.next_key_seed(seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            Some(value) => seed.deserialize(value).map_err(de::Error::custom),
            None => self.rest.next_value_seed(seed),
        }
    }
}

/// A generated union whose members cannot be told apart by their `object`
/// field alone: they share a value (`customer` and `deleted_customer` both
/// say `customer`) or have none.
pub trait UntaggedUnion: Sized {
    /// The union's name, for error messages.
    const NAME: &'static str;
    /// Each member's type name, in variant order, for error messages.
    const MEMBERS: &'static [&'static str];
    /// The JSON keys each member knows, in variant order.
    const FIELDS: &'static [&'static [&'static str]];

    /// Deserializes member number `index` from `deserializer`.
    fn variant<'de, D: Deserializer<'de>>(index: usize, deserializer: D) -> Result<Self, D::Error>;
}

/// Deserializes a union of objects by the keys the object has.
///
/// The object is buffered, then offered to the members in order of how
/// many of its keys each one does not know (fewest first, spec order among
/// equals); the first member that accepts it (every required field there,
/// every value of the right type) wins. A deleted object
/// (`{"id": .., "object": "customer", "deleted": true}`) goes to the
/// deleted member, which knows `deleted` and requires it; a full object to
/// the member that knows its keys.
pub fn deserialize_untagged<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: UntaggedUnion,
{
    let map = deserializer.deserialize_map(BufferVisitor::<T>(PhantomData))?;
    let order = member_order(T::FIELDS, map.keys().map(String::as_str));
    let value = serde_json::Value::Object(map);
    let mut errors = Vec::new();
    for index in order {
        match T::variant(index, &value) {
            Ok(found) => return Ok(found),
            Err(e) => errors.push(format!("{}: {e}", T::MEMBERS[index])),
        }
    }
    Err(de::Error::custom(format_args!(
        "no member of `{}` accepts this object ({})",
        T::NAME,
        errors.join("; ")
    )))
}

/// The order in which an untagged union tries its members on an object
/// with `keys` (distinct): fewest keys the member does not know first,
/// spec order among equals. For both readers.
pub(crate) fn member_order<'k>(
    fields: &[&[&str]],
    keys: impl Iterator<Item = &'k str> + Clone,
) -> Vec<usize> {
    let mut order: Vec<(usize, usize)> = fields
        .iter()
        .enumerate()
        .map(|(i, known)| (keys.clone().filter(|k| !known.contains(k)).count(), i))
        .collect();
    order.sort_unstable();
    order.into_iter().map(|(_, i)| i).collect()
}

struct BufferVisitor<T>(PhantomData<T>);

impl<'de, T: UntaggedUnion> Visitor<'de> for BufferVisitor<T> {
    type Value = serde_json::Map<String, serde_json::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a `{}` object (one of: {})",
            T::NAME,
            T::MEMBERS.join(", ")
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some((key, value)) = map.next_entry::<String, serde_json::Value>()? {
            out.insert(key, value);
        }
        Ok(out)
    }
}
