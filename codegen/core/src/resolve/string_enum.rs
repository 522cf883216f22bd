//! A string enum's variants.
//!
//! Takes the enum's values, in spec order; gives the IR's [`StringEnum`]:
//! each value once, with its Rust name, and the name of the variant that
//! keeps values the spec does not list.

use std::collections::BTreeSet;

use crate::ir::{StringEnum, Variant};
use crate::names::{variant_name, NameSet};

pub(super) fn string_enum(values: &[String]) -> StringEnum {
    let mut names = NameSet::new();
    let mut variants = Vec::new();
    let mut seen = BTreeSet::new();
    for value in values {
        if seen.insert(value.as_str()) {
            variants.push(Variant {
                wire_name: value.clone(),
                rust_name: names.claim(&variant_name(value)),
            });
        }
    }
    // Where `unknown` is a value of its own, `Unknown2` would read as a
    // second kind of unknown: the fallback says what it holds instead.
    let fallback = if names.contains("Unknown") {
        names.claim("UnknownValue")
    } else {
        names.claim("Unknown")
    };
    StringEnum { variants, fallback }
}
