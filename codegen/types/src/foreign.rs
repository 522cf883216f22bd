//! Objects of schemas the types were not generated for (a `$ref` out of an
//! excerpt of the spec): kept as raw JSON, or as their id.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

/// A JSON value kept as the text that came, and written back as it came.
#[derive(Clone)]
pub struct RawObject(pub Box<RawValue>);

impl RawObject {
    /// The JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// Parses the value into a type of the caller's.
    pub fn parse<'a, T: Deserialize<'a>>(&'a self) -> serde_json::Result<T> {
        serde_json::from_str(self.0.get())
    }
}

impl PartialEq for RawObject {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

// Equal texts: a total equivalence, so types holding one can derive `Eq`
// and `Hash`.
impl Eq for RawObject {}

impl std::hash::Hash for RawObject {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.get().hash(state);
    }
}

impl fmt::Debug for RawObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.get())
    }
}

impl Serialize for RawObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RawObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(RawObject)
    }
}

/// Only the id of an object: read from the object's `id` key, or from the
/// id string Stripe sends in its place; written back as the id string.
/// Smaller than [`RawObject`], but the rest of the object is dropped.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ObjectId(pub String);

impl ObjectId {
    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Serialize for ObjectId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ObjectId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;

        impl<'de> Visitor<'de> for IdVisitor {
            type Value = ObjectId;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id, or an object with a string `id`")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<ObjectId, E> {
                Ok(ObjectId(v.to_string()))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ObjectId, A::Error> {
                let mut id = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "id" && id.is_none() {
                        id = Some(map.next_value::<String>()?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                id.map(ObjectId)
                    .ok_or_else(|| de::Error::missing_field("id"))
            }
        }

        deserializer.deserialize_any(IdVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_objects_come_back_as_they_came() {
        let text = r#"{"id":"pi_1","amount":19.50,"nested":{"b":null,"a":[]}}"#;
        let raw: RawObject = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&raw).unwrap(), text);
        assert_eq!(format!("{raw:?}"), text);
    }

    #[test]
    fn ids_are_read_from_objects_and_strings() {
        let id: ObjectId =
            serde_json::from_str(r#"{"object":"card","id":"card_1","x":[1]}"#).unwrap();
        assert_eq!(id.as_str(), "card_1");
        let id: ObjectId = serde_json::from_str(r#""card_2""#).unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), r#""card_2""#);
        let e = serde_json::from_str::<ObjectId>(r#"{"object":"card"}"#).unwrap_err();
        assert!(e.to_string().contains("missing field `id`"), "{e}");
        assert!(serde_json::from_str::<ObjectId>("3").is_err());
    }
}
