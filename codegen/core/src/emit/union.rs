//! A union of objects: an enum with one boxed variant per member, and the
//! list from which `stripe_types::union!` writes its (de)serialization:
//! each member with its `object` value, chosen as it streams past, or
//! (when members share or lack one) with its type, the member that knows
//! most of the buffered object's keys chosen.
//!
//! Takes the IR's [`Union`]; gives the enum and its `union!` list.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::enums::variant_names_lint;
use super::{derives, doc, doc_attrs, doc_line, ident};
use crate::ir::{Discriminator, TypeDef, TypeSpace, Union};

/// Every item of a union.
pub(super) fn union(
    space: &TypeSpace,
    def: &TypeDef,
    u: &Union,
    needs_placeholder: bool,
    target: super::Target,
) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_attrs(def.doc.as_deref());
    let derive = derives(space, &["Clone", "Debug", "PartialEq"], &[]);
    let variants: Vec<Ident> = u.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let types: Vec<Ident> = u
        .variants
        .iter()
        .map(|v| ident(&space.get(v.ty).name))
        .collect();
    let variant_docs = u.variants.iter().map(|v| {
        doc_line(&match &v.tag {
            Some(t) => format!("An object with `object: \"{}\"`.", doc::code_text(t)),
            None => format!("A [`{}`] object.", space.get(v.ty).name),
        })
    });
    let other = u.other.as_deref().map(ident);
    let other_variant = other.as_ref().map(|other| {
        quote! {
            /// Any other object, kept exactly as it came.
            #other(stripe_types::RawObject),
        }
    });
    let mut names: Vec<&str> = u.variants.iter().map(|v| v.rust_name.as_str()).collect();
    names.extend(u.other.as_deref());
    let allow =
        variant_names_lint(&def.name, &names).then(|| quote!(#[allow(clippy::enum_variant_names)]));
    // Each member with what picks it: its `object` value, or (told apart
    // by their keys) its type, whose keys the runtime reads from it.
    let members = u
        .variants
        .iter()
        .zip(variants.iter().zip(&types))
        .map(|(v, (variant, ty))| match u.discriminator {
            Discriminator::Object => {
                let tag = v.tag.as_deref().unwrap_or_default();
                quote!(#variant: #tag,)
            }
            Discriminator::Fields => quote!(#variant: #ty,),
        });
    let other_clause = other.as_ref().map(|other| quote!(other: #other,));
    // The placeholder of a required field while its struct is filled in
    // place: an open union's other object (`null`), else the member the
    // resolver picked (one with a finite JSON form).
    let placeholder = other
        .as_ref()
        .or_else(|| variants.get(u.placeholder_member))
        .filter(|_| needs_placeholder)
        .map(|member| quote!(placeholder: #member,));
    let has_id = u.has_id.then(|| quote!(has_id,));
    let serde_only = (target == super::Target::Macro).then(|| quote!(serde_only));
    quote! {
        #doc
        #derive
        #allow
        pub enum #name {
            #( #variant_docs #variants(Box<#types>), )*
            #other_variant
        }

        stripe_types::union! {
            #serde_only #name {
                #(#members)*
            }
            #other_clause
            #placeholder
            #has_id
        }
    }
}
