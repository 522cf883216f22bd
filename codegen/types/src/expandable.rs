use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A Stripe resource with an id: a type generated from a schema that has an
/// `x-resourceId`.
pub trait Object {
    /// The resource's id type, such as `IdentityVerificationReportId`.
    type Id: Clone + fmt::Debug + PartialEq + From<String> + Serialize;

    /// The resource's id.
    fn id(&self) -> &Self::Id;
}

/// A field that Stripe sends as an id unless the request asked to
/// [expand](https://stripe.com/docs/api/expanding_objects) it, in which case
/// it holds the whole object.
///
/// It deserializes from either form without buffering: a JSON string becomes
/// [`Expandable::Id`], a JSON object becomes [`Expandable::Object`].
pub enum Expandable<T: Object> {
    /// The field was not expanded: only the id is known.
    Id(T::Id),
    /// The field was expanded into the whole object.
    Object(Box<T>),
}

impl<T: Object> Expandable<T> {
    /// The id, whichever form the field came in.
    pub fn id(&self) -> &T::Id {
        match self {
            Expandable::Id(id) => id,
            Expandable::Object(object) => object.id(),
        }
    }

    /// The object, if the field was expanded.
    pub fn as_object(&self) -> Option<&T> {
        match self {
            Expandable::Id(_) => None,
            Expandable::Object(object) => Some(object),
        }
    }

    /// The object, if the field was expanded.
    pub fn into_object(self) -> Option<T> {
        match self {
            Expandable::Id(_) => None,
            Expandable::Object(object) => Some(*object),
        }
    }

    /// Whether the field was expanded.
    pub fn is_object(&self) -> bool {
        matches!(self, Expandable::Object(_))
    }
}

impl<T: Object + Clone> Clone for Expandable<T> {
    fn clone(&self) -> Self {
        match self {
            Expandable::Id(id) => Expandable::Id(id.clone()),
            Expandable::Object(object) => Expandable::Object(object.clone()),
        }
    }
}

impl<T: Object + fmt::Debug> fmt::Debug for Expandable<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expandable::Id(id) => f.debug_tuple("Id").field(id).finish(),
            Expandable::Object(object) => f.debug_tuple("Object").field(object).finish(),
        }
    }
}

impl<T: Object + PartialEq> PartialEq for Expandable<T> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Expandable::Id(a), Expandable::Id(b)) => a == b,
            (Expandable::Object(a), Expandable::Object(b)) => a == b,
            _ => false,
        }
    }
}

impl<T: Object + Eq> Eq for Expandable<T> where T::Id: Eq {}

impl<T: Object + std::hash::Hash> std::hash::Hash for Expandable<T>
where
    T::Id: std::hash::Hash,
{
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self {
            Expandable::Id(id) => (0u8, id).hash(state),
            Expandable::Object(object) => (1u8, object).hash(state),
        }
    }
}

impl<T: Object + Serialize> Serialize for Expandable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Expandable::Id(id) => id.serialize(serializer),
            Expandable::Object(object) => object.serialize(serializer),
        }
    }
}

impl<'de, T: Object + Deserialize<'de>> Deserialize<'de> for Expandable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ExpandableVisitor(PhantomData))
    }
}

struct ExpandableVisitor<T>(PhantomData<T>);

impl<'de, T: Object + Deserialize<'de>> Visitor<'de> for ExpandableVisitor<T> {
    type Value = Expandable<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "an id string or an expanded `{}` object",
            crate::de::short_type_name::<T>()
        )
    }

    fn visit_str<E: de::Error>(self, id: &str) -> Result<Self::Value, E> {
        Ok(Expandable::Id(T::Id::from(id.to_owned())))
    }

    fn visit_string<E: de::Error>(self, id: String) -> Result<Self::Value, E> {
        Ok(Expandable::Id(T::Id::from(id)))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map))
            .map(|object| Expandable::Object(Box::new(object)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type ThingId = crate::Id<Thing>;

    #[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
    struct Thing {
        id: ThingId,
        size: i64,
    }

    impl Object for Thing {
        type Id = ThingId;
        fn id(&self) -> &ThingId {
            &self.id
        }
    }

    #[test]
    fn is_eq_and_hash_when_its_parts_are() {
        fn assert_eq_hash<T: Eq + std::hash::Hash>() {}
        #[derive(Debug, PartialEq, Eq, Hash)]
        struct Plain {
            id: crate::Id<Plain>,
        }
        impl Object for Plain {
            type Id = crate::Id<Plain>;
            fn id(&self) -> &Self::Id {
                &self.id
            }
        }
        assert_eq_hash::<Expandable<Plain>>();
        let a: Expandable<Plain> = Expandable::Id("x".into());
        assert_eq!(a, Expandable::Id("x".into()));
    }

    #[test]
    fn deserializes_an_id() {
        let e: Expandable<Thing> = serde_json::from_str("\"th_1\"").unwrap();
        assert_eq!(e.id().as_str(), "th_1");
        assert!(!e.is_object());
        assert_eq!(serde_json::to_string(&e).unwrap(), "\"th_1\"");
    }

    #[test]
    fn deserializes_an_expanded_object() {
        let json = r#"{"id":"th_2","size":3}"#;
        let e: Expandable<Thing> = serde_json::from_str(json).unwrap();
        assert_eq!(e.id().as_str(), "th_2");
        assert_eq!(e.as_object().map(|t| t.size), Some(3));
        assert_eq!(serde_json::to_string(&e).unwrap(), json);
    }

    #[test]
    fn rejects_other_shapes_with_a_clear_message() {
        let err = serde_json::from_str::<Expandable<Thing>>("12").unwrap_err();
        assert!(
            err.to_string()
                .contains("expected an id string or an expanded `Thing` object"),
            "{err}"
        );
        let err = serde_json::from_str::<Expandable<Thing>>(r#"{"id":"th_3"}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `size`"), "{err}");
    }
}
