//! A string enum: a variant per value the spec lists, a fallback variant
//! that keeps any other value, and the conversions to and from the wire
//! string (`stripe_types::string_enum!`, from the list of values).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{derives, doc, doc_attrs, doc_line, ident};
use crate::ir::{StringEnum, TypeDef, TypeSpace};

/// Whether clippy's `enum_variant_names` would fire on these names: all
/// variants sharing a leading or trailing word (three or more variants), or
/// a variant that starts or ends with the enum's name.
pub(super) fn variant_names_lint(enum_name: &str, variants: &[&str]) -> bool {
    fn words(name: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in name.chars() {
            if c.is_uppercase() || out.is_empty() {
                out.push(c.to_string());
            } else if let Some(last) = out.last_mut() {
                last.push(c);
            }
        }
        out
    }
    if variants
        .iter()
        .any(|v| v.len() > enum_name.len() && (v.starts_with(enum_name) || v.ends_with(enum_name)))
    {
        return true;
    }
    if variants.len() < 3 {
        return false;
    }
    let split: Vec<Vec<String>> = variants.iter().map(|v| words(v)).collect();
    let first = split[0].first();
    let last = split[0].last();
    let shared_first = split.iter().all(|w| w.len() > 1 && w.first() == first);
    let shared_last = split.iter().all(|w| w.len() > 1 && w.last() == last);
    shared_first || shared_last
}

pub(super) fn string_enum(
    space: &TypeSpace,
    def: &TypeDef,
    e: &StringEnum,
    needs_placeholder: bool,
    target: super::Target,
) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_attrs(def.doc.as_deref());
    // `Eq` comes from `string_enum!`.
    let derive = derives(space, &["Clone", "Debug", "PartialEq", "Hash"], &["Eq"]);
    let fallback = ident(&e.fallback);
    let variants: Vec<Ident> = e.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let wires: Vec<&str> = e.variants.iter().map(|v| v.wire_name.as_str()).collect();
    let variant_docs = wires
        .iter()
        .map(|w| doc_line(&format!("`{}`", doc::code_text(w))));
    let mut all_names: Vec<&str> = e.variants.iter().map(|v| v.rust_name.as_str()).collect();
    all_names.push(&e.fallback);
    let allow = variant_names_lint(&def.name, &all_names)
        .then(|| quote!(#[allow(clippy::enum_variant_names)]));
    // The placeholder of a required field while its struct is filled in
    // place.
    let placeholder = needs_placeholder.then(|| quote!(placeholder));
    let serde_only = (target == super::Target::Macro).then(|| quote!(serde_only));
    quote! {
        #doc
        #derive
        #[non_exhaustive]
        #allow
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value this version of the types does not know; it is kept
            /// as sent so that it round-trips.
            #fallback(String),
        }

        stripe_types::string_enum! {
            #serde_only #name {
                #( #variants = #wires, )*
            }
            #fallback
            #placeholder
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spots_what_enum_variant_names_lints() {
        assert!(variant_names_lint(
            "E",
            &["DocumentExpired", "DocumentMissing", "DocumentOther"]
        ));
        assert!(variant_names_lint(
            "E",
            &["ExpiredDocument", "MissingDocument", "OtherDocument"]
        ));
        assert!(!variant_names_lint(
            "E",
            &["DocumentExpired", "DocumentMissing", "Unknown"]
        ));
        assert!(variant_names_lint("Status", &["StatusOk", "Unknown"]));
        assert!(!variant_names_lint("Status", &["Ok", "Unknown"]));
    }
}
