//! A field that holds a generated struct, read into the field itself: the
//! struct is built where it stands rather than moved out of a builder.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use super::{fill, Fields};

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
