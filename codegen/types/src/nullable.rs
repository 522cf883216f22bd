use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field that may be absent, `null`, or hold a value: what Stripe's spec
/// calls optional and nullable, and TypeScript writes `field?: T | null`.
///
/// The three stay apart so that a payload is written back as it came: an
/// absent key stays absent, `null` stays `null`.
///
/// ```
/// use stripe_types::Nullable;
///
/// let secret: Nullable<String> = Nullable::Value("vs_secret".into());
/// if let Some(s) = secret.get() {
///     assert_eq!(s, "vs_secret");
/// }
/// assert_eq!(secret.as_deref(), Some("vs_secret"));
///
/// let cleared: Nullable<String> = Nullable::Null;
/// assert!(cleared.is_null() && cleared.get().is_none());
/// assert!(Nullable::<String>::default().is_absent());
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Nullable<T> {
    /// The key was not there.
    #[default]
    Absent,
    /// The key was there with `null`.
    Null,
    /// The key was there with a value.
    Value(T),
}

use Nullable::{Absent, Null, Value};

impl<T> Nullable<T> {
    /// The value, if there is one.
    ///
    /// ```
    /// # use stripe_types::Nullable;
    /// assert_eq!(Nullable::Value(3).get(), Some(&3));
    /// assert_eq!(Nullable::<i32>::Null.get(), None);
    /// ```
    pub fn get(&self) -> Option<&T> {
        match self {
            Value(v) => Some(v),
            Absent | Null => None,
        }
    }

    /// The value, mutably, if there is one.
    pub fn get_mut(&mut self) -> Option<&mut T> {
        match self {
            Value(v) => Some(v),
            Absent | Null => None,
        }
    }

    /// The value, if there is one; `null` and absent both give `None`.
    ///
    /// ```
    /// # use stripe_types::Nullable;
    /// assert_eq!(Nullable::Value(3).into_option(), Some(3));
    /// assert_eq!(Nullable::<i32>::Absent.into_option(), None);
    /// ```
    pub fn into_option(self) -> Option<T> {
        match self {
            Value(v) => Some(v),
            Absent | Null => None,
        }
    }

    /// Whether the key was there with `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Null)
    }

    /// Whether the key was not there.
    pub fn is_absent(&self) -> bool {
        matches!(self, Absent)
    }

    /// Whether there is a value.
    pub fn is_value(&self) -> bool {
        matches!(self, Value(_))
    }

    /// A `Nullable` of a reference to the value, in the same state.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Value(v) => Value(v),
            Null => Null,
            Absent => Absent,
        }
    }

    /// A `Nullable` of a mutable reference to the value, in the same state.
    pub fn as_mut(&mut self) -> Nullable<&mut T> {
        match self {
            Value(v) => Value(v),
            Null => Null,
            Absent => Absent,
        }
    }

    /// The value dereferenced (`&str` for a `Nullable<String>`), if there
    /// is one.
    pub fn as_deref(&self) -> Option<&T::Target>
    where
        T: std::ops::Deref,
    {
        self.get().map(|v| &**v)
    }

    /// Maps the value, keeping `null` and absent as they are.
    ///
    /// ```
    /// # use stripe_types::Nullable;
    /// assert_eq!(Nullable::Value(2).map(|n| n * 10), Nullable::Value(20));
    /// assert_eq!(Nullable::<i32>::Null.map(|n| n * 10), Nullable::Null);
    /// ```
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Value(v) => Value(f(v)),
            Null => Null,
            Absent => Absent,
        }
    }

    /// Takes the value out, leaving the field absent.
    pub fn take(&mut self) -> Nullable<T> {
        std::mem::take(self)
    }
}

/// A value.
impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Value(value)
    }
}

/// `Some` is a value, `None` is `null`: the key is written, saying there is
/// no value (use [`Nullable::Absent`] to leave it out).
///
/// ```
/// # use stripe_types::Nullable;
/// assert_eq!(Nullable::from(Some(1)), Nullable::Value(1));
/// assert_eq!(Nullable::<i32>::from(None), Nullable::Null);
/// ```
impl<T> From<Option<T>> for Nullable<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Null, Value)
    }
}

impl<T: fmt::Debug> fmt::Debug for Nullable<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Absent => f.write_str("Absent"),
            Null => f.write_str("Null"),
            Value(v) => f.debug_tuple("Value").field(v).finish(),
        }
    }
}

/// `null` for [`Nullable::Null`] (and for [`Nullable::Absent`], which a
/// generated struct never writes: it leaves the key out).
impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value(v) => serializer.serialize_some(v),
            Null | Absent => serializer.serialize_none(),
        }
    }
}

/// `null` is [`Nullable::Null`], anything else a value (with `T`'s own
/// error when it is not one); a missing key is left to the struct, which
/// keeps the default, [`Nullable::Absent`].
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NullableVisitor<T>(std::marker::PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for NullableVisitor<T> {
            type Value = Nullable<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or null")
            }

            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Null)
            }

            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Null)
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                T::deserialize(d).map(Value)
            }
        }

        deserializer.deserialize_option(NullableVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize, serde::Serialize)]
    struct Holder {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        n: Nullable<u32>,
    }

    #[test]
    fn null_absent_and_values_round_trip_apart() {
        for text in [r#"{}"#, r#"{"n":null}"#, r#"{"n":7}"#] {
            let h: Holder = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&h).unwrap(), text);
        }
        let h: Holder = serde_json::from_str(r#"{"n":null}"#).unwrap();
        assert_eq!(h.n, Null);
    }

    #[test]
    fn a_wrong_type_inside_is_the_inner_types_error() {
        let e = serde_json::from_str::<Holder>(r#"{"n":"x"}"#).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("invalid type: string \"x\", expected u32"),
            "{e}"
        );
    }

    #[test]
    fn debug_names_the_state() {
        assert_eq!(format!("{:?}", Nullable::Value("a")), r#"Value("a")"#);
        assert_eq!(format!("{:?}", Nullable::<u8>::Null), "Null");
        assert_eq!(format!("{:?}", Nullable::<u8>::Absent), "Absent");
    }
}
