use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The id of a Stripe resource of type `T` (its `x-resourceId`), such as
/// `Id<IdentityVerificationSession>`, which the generated crates name
/// `IdentityVerificationSessionId`.
///
/// It wraps the id string and (de)serializes as a plain JSON string; ids of
/// different resources are different types.
pub struct Id<T> {
    id: String,
    resource: PhantomData<fn() -> T>,
}

impl<T> Id<T> {
    /// Wraps an id string.
    pub fn new(id: impl Into<String>) -> Self {
        Id {
            id: id.into(),
            resource: PhantomData,
        }
    }

    /// The empty id, which no Stripe object has: what
    /// [`Object::id`](crate::Object::id) gives for an object sent without
    /// an id (such as an upcoming invoice).
    pub const fn empty() -> Self {
        Id {
            id: String::new(),
            resource: PhantomData,
        }
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.id
    }

    /// The id as a `String` (a union of resources uses it as its id).
    pub fn as_string(&self) -> &String {
        &self.id
    }

    /// The id string.
    pub fn into_string(self) -> String {
        self.id
    }
}

impl<T> Clone for Id<T> {
    fn clone(&self) -> Self {
        Id::new(self.id.clone())
    }
}

impl<T> fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.id, f)
    }
}

impl<T> fmt::Display for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

impl<T> PartialEq for Id<T> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl<T> Eq for Id<T> {}

impl<T> PartialOrd for Id<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T> Ord for Id<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.id.cmp(&other.id)
    }
}

impl<T> Hash for Id<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

impl<T> AsRef<str> for Id<T> {
    fn as_ref(&self) -> &str {
        &self.id
    }
}

impl<T> From<String> for Id<T> {
    fn from(id: String) -> Self {
        Id::new(id)
    }
}

impl<T> From<&str> for Id<T> {
    fn from(id: &str) -> Self {
        Id::new(id)
    }
}

impl<T> std::str::FromStr for Id<T> {
    type Err = std::convert::Infallible;
    fn from_str(id: &str) -> Result<Self, Self::Err> {
        Ok(Id::new(id))
    }
}

impl<T> Serialize for Id<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.id)
    }
}

impl<'de, T> Deserialize<'de> for Id<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Id::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Thing;

    #[test]
    fn id_is_a_transparent_string() {
        let id: Id<Thing> = serde_json::from_str("\"vs_123\"").unwrap();
        assert_eq!(id.as_str(), "vs_123");
        assert_eq!(id.to_string(), "vs_123");
        assert_eq!(format!("{id:?}"), "\"vs_123\"");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"vs_123\"");
        assert_eq!("vs_123".parse::<Id<Thing>>().unwrap(), id);
        assert!(serde_json::from_str::<Id<Thing>>("12").is_err());
    }
}
