//! A struct: its definition, `Debug` where it hides secrets, `Object` for
//! resources, and the list of its keys from which `stripe_types::object!`
//! writes `Serialize`, `Deserialize` (filling the struct in place as the
//! JSON object streams past) and the JSON reader and writer.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{derives, doc_attrs, ident, ty};
use crate::ir::{
    Field, NullableStyle, Presence, Struct, Ty, TypeDef, TypeKind, TypeSpace, UnknownFieldsStyle,
};

/// How a struct holds a field, from its [`Presence`] (whose words it
/// keeps) and the configured [`NullableStyle`]: decided here, once, for
/// the field's type, its (de)serialization and its `Debug` output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holder {
    /// [`Presence::Required`]: `T`.
    Required,
    /// [`Presence::OrNull`]: `Option<T>`, `None` written as `null`; a
    /// missing key is an error.
    OrNull,
    /// [`Presence::Optional`]: `Option<T>`, `None` left out.
    Optional,
    /// [`Presence::Nullable`], exactly: `stripe_types::Nullable<T>`.
    Nullable,
    /// [`Presence::Nullable`] under [`NullableStyle::Option`]: `Option<T>`,
    /// `null` read as `None`, which is left out.
    Lossy,
}

impl Holder {
    fn of(space: &TypeSpace, field: &Field) -> Holder {
        match (field.presence, space.nullable) {
            (Presence::Required, _) => Holder::Required,
            (Presence::OrNull, _) => Holder::OrNull,
            (Presence::Optional, _) => Holder::Optional,
            (Presence::Nullable, NullableStyle::Exact) => Holder::Nullable,
            (Presence::Nullable, NullableStyle::Option) => Holder::Lossy,
        }
    }

    /// The holder's name in `stripe_types::object!`.
    fn word(self) -> &'static str {
        match self {
            Holder::Required => "required",
            Holder::OrNull => "or_null",
            Holder::Optional => "optional",
            Holder::Nullable => "nullable",
            Holder::Lossy => "lossy",
        }
    }

    /// Whether the key may be left out when serializing.
    fn omittable(self) -> bool {
        matches!(self, Holder::Optional | Holder::Nullable | Holder::Lossy)
    }
}

/// The type of a field's value, inside whatever holds it.
fn value_type(space: &TypeSpace, field: &Field) -> TokenStream {
    let inner = ty(space, &field.ty);
    if field.boxed {
        quote!(Box<#inner>)
    } else {
        inner
    }
}

/// A field's Rust type, as the struct declares it.
/// An expression reading field `field` of `value` (the field itself, or
/// `&T`), `?` giving up where the field may hold nothing (for code in a
/// function returning `Option`); a method call can follow it.
pub fn field_ref(space: &TypeSpace, value: TokenStream, field: &Field) -> TokenStream {
    let name = ident(&field.rust_name);
    match Holder::of(space, field) {
        Holder::Required => quote!(#value.#name),
        Holder::Nullable => quote!(#value.#name.get()?),
        Holder::OrNull | Holder::Optional | Holder::Lossy => quote!(#value.#name.as_ref()?),
    }
}

/// Whether the field is held as its own type (`required`: not nullable).
pub fn is_required(space: &TypeSpace, field: &Field) -> bool {
    Holder::of(space, field) == Holder::Required
}

pub fn field_type(space: &TypeSpace, field: &Field) -> TokenStream {
    let inner = value_type(space, field);
    match Holder::of(space, field) {
        Holder::Required => inner,
        Holder::OrNull | Holder::Optional | Holder::Lossy => quote!(Option<#inner>),
        Holder::Nullable => quote!(stripe_types::Nullable<#inner>),
    }
}

/// Whether a field holds a struct inline, filled where it stands in its
/// parent (a boxed field, on a cycle, is read as a whole).
fn nested(space: &TypeSpace, field: &Field) -> bool {
    match field.ty {
        Ty::Named(id) if !field.boxed => matches!(space.get(id).kind, TypeKind::Struct(_)),
        _ => false,
    }
}

/// The field that keeps the keys the schema does not know, if the
/// configuration keeps them: `unknown_fields` (with `_` added while a
/// property of the schema has that name).
fn unknown_field(space: &TypeSpace, s: &Struct) -> Option<Ident> {
    if space.unknown_fields == UnknownFieldsStyle::Drop {
        return None;
    }
    let mut name = "unknown_fields".to_string();
    while s.fields.iter().any(|f| f.rust_name == name) {
        name.push('_');
    }
    Some(ident(&name))
}

/// Every item of a struct.
pub(super) fn structure(
    space: &TypeSpace,
    def: &TypeDef,
    s: &Struct,
    target: super::Target,
) -> TokenStream {
    let definition = definition(space, def, s);
    let debug = s
        .fields
        .iter()
        .any(|f| f.redacted)
        .then(|| debug_redacted(space, def, s));
    let object = object_impl(space, def, s);
    let impls = object_macro(space, def, s, target);
    let entry_points =
        (has_entry_points(s) && target == super::Target::Crate).then(|| json_entry_points(def));
    quote! {
        #definition
        #debug
        #object
        #impls
        #entry_points
    }
}

/// Whether a struct gets [`json_entry_points`]: resources, the types users
/// read and write whole.
pub(super) fn has_entry_points(s: &Struct) -> bool {
    s.tag.is_some()
}

/// `from_json` and `to_json` for resources (structs with an `object` tag),
/// behind the crate's `json` feature: not generic, so they are compiled
/// once, in the generated crate, and a user's crate that calls them
/// compiles none of the (de)serializer. `from_json` reads through the
/// types' own readers, each compiled once in the
/// crate that defines its type.
fn json_entry_points(def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    quote! {
        #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
        #[cfg(feature = "json")]
        impl #name {
            /// Reads JSON text, as `serde_json::from_str::<Self>` reads
            /// it, with this crate's own reader: compiled once, here, so
            /// that calling it generates no deserializer code in the
            /// caller's crate.
            pub fn from_json(text: &str) -> Result<Self, stripe_types::JsonError> {
                stripe_types::__private::json::from_str(text)
            }

            /// [`Self::from_json`] from bytes, which must be UTF-8.
            pub fn from_json_slice(bytes: &[u8]) -> Result<Self, stripe_types::JsonError> {
                Self::from_json(stripe_types::__private::json_text(bytes)?)
            }

            /// Writes JSON text, byte for byte as `serde_json::to_string`
            /// writes it, with this crate's own writer, compiled once, here.
            pub fn to_json(&self) -> Result<String, stripe_types::JsonError> {
                Ok(stripe_types::__private::json::to_string(self))
            }
        }
    }
}

/// Whether every field may be left out: then the struct derives `Default`,
/// the obvious empty value, which is also its placeholder.
fn all_omittable(space: &TypeSpace, s: &Struct) -> bool {
    s.fields.iter().all(|f| Holder::of(space, f).omittable())
}

/// The struct itself, with its derives and docs.
fn definition(space: &TypeSpace, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_attrs(def.doc.as_deref());
    let mut base = vec!["Clone"];
    // A hand-written `Debug` hides the secrets.
    if !s.fields.iter().any(|f| f.redacted) {
        base.push("Debug");
    }
    // A struct whose fields may all be left out has an obvious empty value,
    // which users build in tests and update payloads.
    if all_omittable(space, s) {
        base.push("Default");
    }
    base.push("PartialEq");
    let derive = derives(space, &base, &[]);
    let fields = s.fields.iter().map(|f| {
        let doc = doc_attrs(f.doc.as_deref());
        let n = ident(&f.rust_name);
        let t = field_type(space, f);
        quote! { #doc pub #n: #t, }
    });
    let unknown = unknown_field(space, s).map(|n| {
        quote! {
            /// Keys this version of the types does not know (fields of a newer API
            /// version), with their values as sent; written back after the others.
            pub #n: stripe_types::UnknownFields,
        }
    });
    quote! {
        #doc
        #derive
        pub struct #name {
            #(#fields)*
            #unknown
        }
    }
}

/// `Debug` that prints the redacted fields as `[redacted]`, keeping their
/// state (`None`, `Null`...) visible.
fn debug_redacted(space: &TypeSpace, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let name_str = &def.name;
    let fields = s.fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        let key = &f.rust_name;
        if !f.redacted {
            return quote! { .field(#key, &self.#n) };
        }
        // `Option` and `Nullable` both say their state around the value.
        let shown = match Holder::of(space, f) {
            Holder::Required => quote! { &stripe_types::Redacted },
            _ => quote! { &self.#n.as_ref().map(|_| stripe_types::Redacted) },
        };
        quote! { .field(#key, #shown) }
    });
    // The unknown keys' `Debug` shows the keys only.
    let unknown = unknown_field(space, s).map(|n| {
        let key = n.to_string();
        quote! { .field(#key, &self.#n) }
    });
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#name_str)
                    #(#fields)*
                    #unknown
                    .finish()
            }
        }
    }
}

/// `stripe_types::Object` for a resource: its id type and its id.
fn object_impl(space: &TypeSpace, def: &TypeDef, s: &Struct) -> Option<TokenStream> {
    let id = s.id?;
    let name = ident(&def.name);
    let id_name = ident(&space.get(id).name);
    let holder = s
        .fields
        .iter()
        .find(|f| f.wire_name == "id")
        .map_or(Holder::Required, |f| Holder::of(space, f));
    // A few resources may lack an id (an upcoming invoice has none); as an
    // expanded object they always have one, so `id()` gives the empty id
    // only for an object that never had one.
    let body = match holder {
        Holder::Required => quote! { &self.id },
        Holder::OrNull | Holder::Optional | Holder::Lossy => quote! {
            static NONE: #id_name = stripe_types::Id::empty();
            self.id.as_ref().unwrap_or(&NONE)
        },
        Holder::Nullable => quote! {
            static NONE: #id_name = stripe_types::Id::empty();
            self.id.get().unwrap_or(&NONE)
        },
    };
    Some(quote! {
        impl stripe_types::Object for #name {
            type Id = #id_name;
            #[inline]
            fn id(&self) -> &#id_name {
                #body
            }
        }
    })
}

/// `stripe_types::object!`, which writes `Serialize`, the in-place
/// `Deserialize` and (in a crate, behind its `json` feature) the JSON
/// reader and writer from one list: each key in spec order (the `object`
/// tag in its place) with how its field is held, then the field keeping
/// unknown keys.
fn object_macro(
    space: &TypeSpace,
    def: &TypeDef,
    s: &Struct,
    target: super::Target,
) -> TokenStream {
    let name = ident(&def.name);
    let mut entries: Vec<TokenStream> = s
        .fields
        .iter()
        .map(|f| {
            let n = ident(&f.rust_name);
            let key = f.wire_name.as_str();
            let holder = ident(Holder::of(space, f).word());
            let in_place = nested(space, f).then(|| quote!(in_place));
            quote! { #n: #key (#holder #in_place), }
        })
        .collect();
    if let Some(tag) = &s.tag {
        let value = &tag.value;
        let required = tag.required.then(|| quote!(required));
        entries.insert(
            tag.position.min(s.fields.len()),
            quote! { "object": #value (#required), },
        );
    }
    let unknown = unknown_field(space, s);
    let serde_only = (target == super::Target::Macro).then(|| quote!(serde_only));
    quote! {
        stripe_types::object! {
            #serde_only #name {
                #(#entries)*
            }
            #unknown
        }
    }
}
