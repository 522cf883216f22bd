use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::ser::SerializeMap;
use serde_json::value::RawValue;

/// The keys of an object that its schema does not know (fields of a newer
/// API version), with their values exactly as sent, in the order they
/// came; written back after the known fields, so that a payload
/// round-trips byte for byte (numbers as written, `null` kept).
///
/// Empty, it holds no allocation. Its `Debug` shows the keys only: a
/// value the spec does not describe may be a secret.
///
/// ```
/// use stripe_types::UnknownFields;
///
/// let mut unknown = UnknownFields::default();
/// assert!(unknown.is_empty());
/// unknown.insert("new_field".into(), serde_json::value::RawValue::from_string("19.50".into()).unwrap());
/// assert_eq!(unknown.get("new_field").map(|v| v.get()), Some("19.50"));
/// assert_eq!(format!("{unknown:?}"), r#"UnknownFields(["new_field"])"#);
/// ```
#[derive(Clone, Default)]
pub struct UnknownFields(Option<Box<Entries>>);

/// The unknown keys with their values' JSON text, in the order they came.
#[derive(Clone, Default)]
struct Entries {
    list: Vec<(String, Box<RawValue>)>,
    /// Where each key is in `list`, once it holds more than a few: a
    /// payload with many unknown keys costs no quadratic search.
    index: HashMap<String, usize>,
}

/// Up to this many entries a key is looked up by scanning.
const SCAN: usize = 16;

impl UnknownFields {
    /// Whether every key was known.
    pub fn is_empty(&self) -> bool {
        self.0.as_ref().map_or(true, |e| e.list.is_empty())
    }

    /// How many keys were not known.
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |e| e.list.len())
    }

    /// The unknown keys and their values as JSON text, in the order they
    /// came.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.0
            .iter()
            .flat_map(|e| e.list.iter())
            .map(|(k, v)| (k.as_str(), &**v))
    }

    /// The value of unknown key `key`, as JSON text.
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        let entries = self.0.as_deref()?;
        let at = entries.position(key)?;
        Some(&entries.list[at].1)
    }

    /// Adds a key; a key seen again replaces its value, keeping its place
    /// (as JSON readers keep the last of repeated keys).
    pub fn insert(&mut self, key: String, value: Box<RawValue>) {
        let entries = self.0.get_or_insert_with(Default::default);
        if let Some(at) = entries.position(&key) {
            entries.list[at].1 = value;
            return;
        }
        let at = entries.list.len();
        if at == SCAN {
            let keys = entries
                .list
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.clone(), i));
            entries.index = keys.collect();
        }
        if at >= SCAN {
            entries.index.insert(key.clone(), at);
        }
        entries.list.push((key, value));
    }

    /// Writes the entries into a map being serialized.
    pub fn serialize_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        for (key, value) in self.iter() {
            map.serialize_entry(key, value)?;
        }
        Ok(())
    }
}

impl Entries {
    fn position(&self, key: &str) -> Option<usize> {
        if self.list.len() <= SCAN {
            self.list.iter().position(|(k, _)| k == key)
        } else {
            self.index.get(key).copied()
        }
    }
}

/// Equal when the same keys hold the same JSON text, in the same order.
impl PartialEq for UnknownFields {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|((a, x), (b, y))| a == b && x.get() == y.get())
    }
}

impl Eq for UnknownFields {}

impl Hash for UnknownFields {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.len().hash(state);
        for (key, value) in self.iter() {
            key.hash(state);
            value.get().hash(state);
        }
    }
}

impl fmt::Debug for UnknownFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("UnknownFields")
            .field(&self.iter().map(|(k, _)| k).collect::<Vec<_>>())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_string()).unwrap()
    }

    #[test]
    fn empty_holds_nothing_and_repeated_keys_replace_in_place() {
        assert_eq!(
            std::mem::size_of::<UnknownFields>(),
            std::mem::size_of::<usize>()
        );
        let mut u = UnknownFields::default();
        u.insert("a".into(), raw("1"));
        u.insert("b".into(), raw("null"));
        u.insert("a".into(), raw("19.50"));
        let keys: Vec<(&str, &str)> = u.iter().map(|(k, v)| (k, v.get())).collect();
        assert_eq!(keys, [("a", "19.50"), ("b", "null")]);
        assert_ne!(u, UnknownFields::default());
    }

    #[test]
    fn many_keys_are_found_without_scanning_and_repeats_still_replace() {
        let mut u = UnknownFields::default();
        for i in 0..1000 {
            u.insert(format!("k{i}"), raw(&i.to_string()));
        }
        u.insert("k3".into(), raw("\"again\""));
        u.insert("k999".into(), raw("null"));
        assert_eq!(u.len(), 1000);
        assert_eq!(u.get("k3").map(RawValue::get), Some("\"again\""));
        assert_eq!(u.get("k999").map(RawValue::get), Some("null"));
        assert_eq!(u.get("k500").map(RawValue::get), Some("500"));
        assert_eq!(
            u.iter().nth(3).map(|(k, v)| (k, v.get())),
            Some(("k3", "\"again\""))
        );
        assert!(u.get("nope").is_none());
    }
}
