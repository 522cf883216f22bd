//! The values structs start from before any key is read: absent for
//! what may be absent, a stand-in for the rest.

use std::collections::BTreeMap;

/// A value to fill in place: for a generated struct, every optional field
/// absent and a stand-in for each required one (an empty string, `0`, a
/// union's stand-in member...). A stand-in never reaches users: a payload
/// without the key is an error.
pub trait Placeholder {
    /// The value before any key is read.
    fn placeholder() -> Self;
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
