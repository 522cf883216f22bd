//! Rust names for spec names: case conversion, keyword escaping and
//! deterministic collision handling.

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names the generated code itself uses without a path, where a
/// generated type of the same name would shadow them: the prelude types it
/// writes (`Option<T>`, `Result<Self, D::Error>`, `Vec<T>`, `Box::new`,
/// `String`, `impl From<&str>`). `Builder` and `E` were the names of a
/// deserializer's builder and of a generic parameter before structs were
/// filled in place; they stay reserved so that no generated type changes
/// its name with this version. (`Some`, `Ok`, the generic parameters and
/// the derive macros do not clash with a braced struct or an enum.)
/// [`NameSet::for_types`] hands out `String2` for a schema called `string`.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Box", "Builder", "E", "From", "Option", "Result", "Self", "String", "Vec",
];

/// Whether `name` is a Rust keyword (strict, reserved or weak in a way that
/// matters for identifiers).
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Keeps ASCII letters and digits, turning everything else into word
/// breaks, so heck sees clean words.
fn words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// `identity.verification_session` -> `IdentityVerificationSession`.
pub fn type_name(name: &str) -> String {
    let camel = words(name).to_upper_camel_case();
    match camel.chars().next() {
        None => "Unnamed".to_string(),
        Some(c) if c.is_ascii_digit() => format!("N{camel}"),
        Some(_) if is_keyword(&camel) => format!("{camel}_"),
        Some(_) => camel,
    }
}

/// The type name of a component schema: [`type_name`], but for `error`,
/// whose type is `StripeError` so that it reads apart from the `Error`
/// types of the user's own code and of `std`.
pub fn schema_type_name(name: &str) -> String {
    if name == "error" {
        "StripeError".to_string()
    } else {
        type_name(name)
    }
}

/// `last_verification_report` -> `last_verification_report`; `type` ->
/// `type_`; `3ds` -> `n3ds`.
pub fn field_name(name: &str) -> String {
    let snake = words(name).to_snake_case();
    match snake.chars().next() {
        None => "field".to_string(),
        Some(c) if c.is_ascii_digit() => format!("n{snake}"),
        Some(_) if is_keyword(&snake) => format!("{snake}_"),
        Some(_) => snake,
    }
}

/// `requires_input` -> `RequiresInput`; `""` -> `Empty`; `3d` -> `V3d`;
/// a value with no ASCII letter or digit (`名前`, `*`) -> `Value`.
pub fn variant_name(value: &str) -> String {
    let camel = words(value).to_upper_camel_case();
    match camel.chars().next() {
        None if value.is_empty() => "Empty".to_string(),
        None => "Value".to_string(),
        Some(c) if c.is_ascii_digit() => format!("V{camel}"),
        Some(_) if is_keyword(&camel) => format!("{camel}_"),
        Some(_) => camel,
    }
}

/// Crates a generated crate's root can refer to by name; a module of the
/// same name would make `pub use NAME::...` in `lib.rs` ambiguous.
const CRATE_NAMES: &[&str] = &[
    "alloc",
    "core",
    "serde",
    "serde_json",
    "std",
    "stripe_types",
];

/// `identity.verification_session` -> `identity_verification_session`;
/// `serde` -> `serde_`.
pub fn module_name(name: &str) -> String {
    let name = field_name(name);
    if CRATE_NAMES.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// Hands out names, never the same one twice: a name already taken gets the
/// smallest free numeric suffix (`Foo`, `Foo2`, `Foo3`, ...).
#[derive(Debug, Default, Clone)]
pub struct NameSet {
    taken: HashSet<String>,
}

impl NameSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// A set for the names of generated types: [`RESERVED_TYPE_NAMES`] are
    /// taken from the start.
    pub fn for_types() -> Self {
        let mut set = Self::new();
        for name in RESERVED_TYPE_NAMES {
            set.reserve(name);
        }
        set
    }

    /// Marks `name` as taken without claiming a variant of it.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// `base` if it is free, else `base` + the smallest free suffix. The
    /// suffix keeps the name in its case style, so no lint fires: `foo_bar_2`
    /// and `type_2` (snake case), `Foo2`, `V3_2` and `Self2` for `Self_`
    /// (camel case: no `_` next to a letter).
    pub fn claim(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        let camel = base.starts_with(|c: char| c.is_ascii_uppercase())
            && !base.trim_end_matches('_').contains('_');
        let stem = if camel {
            base.trim_end_matches('_')
        } else {
            base
        };
        let sep = if stem.ends_with('_') {
            ""
        } else if !camel && stem.contains('_') || stem.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        let mut n = 2;
        loop {
            let candidate = format!("{stem}{sep}{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_spec_names_to_rust_names() {
        assert_eq!(
            type_name("identity.verification_session"),
            "IdentityVerificationSession"
        );
        assert_eq!(
            type_name("gelato_data_verified_outputs_date"),
            "GelatoDataVerifiedOutputsDate"
        );
        assert_eq!(type_name("3d secure"), "N3dSecure");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(type_name("café-au lait"), "CafAuLait");
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("Self"), "self_");
        assert_eq!(field_name("crate"), "crate_");
        assert_eq!(field_name("match"), "match_");
        assert_eq!(field_name("foo-bar"), "foo_bar");
        assert_eq!(field_name("Foo Bar.baz"), "foo_bar_baz");
        assert_eq!(field_name("1st"), "n1st");
        assert_eq!(field_name("✓"), "field");
        assert_eq!(variant_name("requires_input"), "RequiresInput");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("名前"), "Value");
        assert_eq!(variant_name("*"), "Value");
        assert_eq!(variant_name("3d"), "V3d");
        assert_eq!(variant_name("self"), "Self_");
    }

    #[test]
    fn name_set_suffixes_collisions_deterministically() {
        let mut names = NameSet::new();
        assert_eq!(names.claim("foo_bar"), "foo_bar");
        assert_eq!(names.claim("foo_bar"), "foo_bar_2");
        assert_eq!(names.claim("foo_bar"), "foo_bar_3");
        assert_eq!(names.claim("Foo"), "Foo");
        assert_eq!(names.claim("Foo"), "Foo2");
        assert_eq!(names.claim("V3"), "V3");
        assert_eq!(names.claim("V3"), "V3_2");
        // Escaped keywords: no `__`, no `_` beside a letter in camel case.
        assert_eq!(names.claim("type_"), "type_");
        assert_eq!(names.claim("type_"), "type_2");
        assert_eq!(names.claim("Self_"), "Self_");
        assert_eq!(names.claim("Self_"), "Self2");
        assert_eq!(names.claim("Self_"), "Self3");
    }

    #[test]
    fn type_names_never_shadow_what_generated_code_uses() {
        let mut types = NameSet::for_types();
        for reserved in RESERVED_TYPE_NAMES {
            assert_ne!(types.claim(reserved), *reserved);
        }
        assert_eq!(types.claim(&type_name("string")), "String3");
        assert_eq!(types.claim(&type_name("e")), "E3");
        assert_eq!(types.claim(&type_name("builder")), "Builder3");
        assert_eq!(types.claim(&type_name("serde")), "Serde");
    }

    #[test]
    fn module_names_never_shadow_crates_the_code_uses() {
        assert_eq!(module_name("serde"), "serde_");
        assert_eq!(module_name("std"), "std_");
        assert_eq!(module_name("stripe-types"), "stripe_types_");
        assert_eq!(module_name("serde.json"), "serde_json_");
        assert_eq!(module_name("core"), "core_");
        assert_eq!(module_name("alloc"), "alloc_");
        assert_eq!(module_name("address"), "address");
    }
}
