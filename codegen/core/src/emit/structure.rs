//! A struct: its definition, `Debug` where it hides secrets, `Object` for
//! resources, `Serialize`, and `Deserialize` by filling the struct in place
//! as the JSON object streams past.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{derives, doc_attrs, ident, ty};
use crate::ir::{
    Field, NullableStyle, Presence, Struct, Ty, TypeDef, TypeKind, TypeSpace, UnknownFieldsStyle,
};

/// How a struct holds a field, from its presence in the spec and the
/// configured [`NullableStyle`]: decided here, once, for the field's type,
/// its (de)serialization and its `Debug` output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holder {
    /// Required, not nullable: `T`.
    Plain,
    /// Required and nullable: `Option<T>`, `None` written as `null`; a
    /// missing key is an error.
    OrNull,
    /// Not required, not nullable: `Option<T>`, `None` omitted.
    Optional,
    /// Not required and nullable, exactly: `stripe_types::Nullable<T>`.
    TriState,
    /// Not required and nullable, as `Option<T>`: `null` reads as `None`,
    /// which is omitted.
    Lossy,
}

impl Holder {
    fn of(space: &TypeSpace, field: &Field) -> Holder {
        match (field.presence, space.nullable) {
            (Presence::Required, _) => Holder::Plain,
            (Presence::RequiredNullable, _) => Holder::OrNull,
            (Presence::Optional, _) => Holder::Optional,
            (Presence::OptionalNullable, NullableStyle::Exact) => Holder::TriState,
            (Presence::OptionalNullable, NullableStyle::Option) => Holder::Lossy,
        }
    }

    /// Whether the key may be left out when serializing.
    fn omittable(self) -> bool {
        matches!(self, Holder::Optional | Holder::TriState | Holder::Lossy)
    }

    /// Whether the key must be there when deserializing.
    fn required(self) -> bool {
        matches!(self, Holder::Plain | Holder::OrNull)
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
        Holder::Plain => quote!(#value.#name),
        Holder::TriState => quote!(#value.#name.get()?),
        Holder::OrNull | Holder::Optional | Holder::Lossy => quote!(#value.#name.as_ref()?),
    }
}

pub fn field_type(space: &TypeSpace, field: &Field) -> TokenStream {
    let inner = value_type(space, field);
    match Holder::of(space, field) {
        Holder::Plain => inner,
        Holder::OrNull | Holder::Optional | Holder::Lossy => quote!(Option<#inner>),
        Holder::TriState => quote!(stripe_types::Nullable<#inner>),
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

/// A struct's JSON keys in spec order, the `object` tag in its place.
pub(super) fn wire_keys(s: &Struct) -> Vec<&str> {
    let mut keys: Vec<&str> = s.fields.iter().map(|f| f.wire_name.as_str()).collect();
    if let Some(tag) = &s.tag {
        keys.insert(tag.position.min(keys.len()), "object");
    }
    keys
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
    let serialize = serialize_impl(space, def, s);
    let deserialize = deserialize_impls(space, def, s, target);
    let entry_points =
        (has_entry_points(s) && target == super::Target::Crate).then(|| json_entry_points(def));
    quote! {
        #definition
        #debug
        #object
        #serialize
        #deserialize
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
/// types' own readers (`stripe_types::json`), each compiled once in the
/// crate that defines its type.
fn json_entry_points(def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    quote! {
        #[cfg(feature = "json")]
        impl #name {
            /// Reads JSON text, as `serde_json::from_str::<Self>` reads
            /// it, with this crate's reader (`stripe_types::json`):
            /// compiled once, here, so that calling it generates no
            /// deserializer code in the caller's crate.
            pub fn from_json(text: &str) -> Result<Self, stripe_types::JsonError> {
                stripe_types::json::from_str(text)
            }

            /// [`Self::from_json`] from bytes, which must be UTF-8.
            pub fn from_json_slice(bytes: &[u8]) -> Result<Self, stripe_types::JsonError> {
                Self::from_json(stripe_types::json_text(bytes)?)
            }

            /// Writes JSON text, byte for byte as `serde_json::to_string`
            /// writes it, with this crate's writer (`stripe_types::json`),
            /// compiled once, here.
            pub fn to_json(&self) -> Result<String, stripe_types::JsonError> {
                Ok(stripe_types::json::to_string(self))
            }
        }
    }
}

/// Whether every field may be left out: then the struct derives `Default`,
/// the obvious empty value, which is also its stand-in.
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
    let derive = derives(space, &base);
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
            Holder::Plain => quote! { &stripe_types::Redacted },
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
        .map_or(Holder::Plain, |f| Holder::of(space, f));
    // A few resources may lack an id (an upcoming invoice has none); as an
    // expanded object they always have one, so `id()` gives the empty id
    // only for an object that never had one.
    let body = match holder {
        Holder::Plain => quote! { &self.id },
        Holder::OrNull | Holder::Optional | Holder::Lossy => quote! {
            static NONE: #id_name = stripe_types::Id::empty();
            self.id.as_ref().unwrap_or(&NONE)
        },
        Holder::TriState => quote! {
            static NONE: #id_name = stripe_types::Id::empty();
            self.id.get().unwrap_or(&NONE)
        },
    };
    Some(quote! {
        impl stripe_types::Object for #name {
            type Id = #id_name;
            fn id(&self) -> &#id_name {
                #body
            }
        }
    })
}

/// `Serialize`: the keys in spec order (the `object` tag in its place),
/// those that may be left out only when set, then the unknown ones kept.
/// A map rather than a struct, as the unknown keys are not `'static`.
fn serialize_impl(space: &TypeSpace, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let writes = entry_writes(
        space,
        s,
        |key, value| quote! { map.serialize_entry(#key, #value)?; },
        |unknown| quote! { self.#unknown.serialize_entries(&mut map)?; },
    );
    let len = serialized_len(space, s);
    let map_mut = (!writes.is_empty()).then(|| quote!(mut));
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                #len
                let #map_mut map = serializer.serialize_map(Some(len))?;
                #(#writes)*
                map.end()
            }
        }
    }
}

/// The statements writing a struct's entries, for `Serialize` and for
/// `ToJson`: the keys in spec order (the `object` tag in its place), those
/// that may be left out only when set, then the unknown ones kept. `entry`
/// writes one key and value, `unknown` the kept unknown keys.
fn entry_writes(
    space: &TypeSpace,
    s: &Struct,
    entry: impl Fn(&str, TokenStream) -> TokenStream,
    unknown: impl Fn(&Ident) -> TokenStream,
) -> Vec<TokenStream> {
    let mut writes: Vec<TokenStream> = s
        .fields
        .iter()
        .map(|f| {
            let n = ident(&f.rust_name);
            let wire = f.wire_name.as_str();
            match Holder::of(space, f) {
                Holder::Optional | Holder::Lossy => {
                    let write = entry(wire, quote!(value));
                    quote! {
                        if let Some(value) = &self.#n {
                            #write
                        }
                    }
                }
                Holder::TriState => {
                    let write = entry(wire, quote!(&self.#n));
                    quote! {
                        if !self.#n.is_absent() {
                            #write
                        }
                    }
                }
                Holder::Plain | Holder::OrNull => entry(wire, quote!(&self.#n)),
            }
        })
        .collect();
    if let Some(tag) = &s.tag {
        let value = &tag.value;
        let at = tag.position.min(s.fields.len());
        writes.insert(at, entry("object", quote!(#value)));
    }
    if let Some(n) = unknown_field(space, s) {
        writes.push(unknown(&n));
    }
    writes
}

/// `let len = ...;`: the keys always written plus the optional ones set.
fn serialized_len(space: &TypeSpace, s: &Struct) -> TokenStream {
    let always = s
        .fields
        .iter()
        .filter(|f| !Holder::of(space, f).omittable())
        .count()
        + usize::from(s.tag.is_some());
    let set: Vec<TokenStream> = s
        .fields
        .iter()
        .filter(|f| Holder::of(space, f).omittable())
        .map(|f| {
            let n = ident(&f.rust_name);
            if Holder::of(space, f) == Holder::TriState {
                quote! { usize::from(!self.#n.is_absent()) }
            } else {
                quote! { usize::from(self.#n.is_some()) }
            }
        })
        .collect();
    let mut set = set;
    if let Some(n) = unknown_field(space, s) {
        set.push(quote! { self.#n.len() });
    }
    let always = Literal::usize_unsuffixed(always);
    match (set.split_first(), always.to_string() == "0") {
        (None, _) => quote! { let len = #always; },
        (Some((first, rest)), true) => quote! { let len = #first #(+ #rest)*; },
        (Some(_), false) => quote! { let len = #always #(+ #set)*; },
    }
}

/// `Deserialize`, filling the struct in place as the object streams past
/// (`stripe_types::de::Fields`), from a stand-in (`Placeholder`); a field
/// holding a struct is filled where it stands too.
fn deserialize_impls(
    space: &TypeSpace,
    def: &TypeDef,
    s: &Struct,
    target: super::Target,
) -> TokenStream {
    let name = ident(&def.name);
    let name_str = &def.name;
    let keys = wire_keys(s);
    let indexes = key_indexes(s);
    let placeholder = placeholder_fn(space, s);
    let set = set_fn(space, s);
    let required: Vec<Ident> = (0..keys.len())
        .filter(|&i| key_required(space, s, i))
        .map(|i| key_const(s, i))
        .collect();
    let required = (!required.is_empty())
        .then(|| quote! { const REQUIRED: &'static [usize] = &[#(#required),*]; });
    let reader = (target == super::Target::Crate).then(|| json_reader(space, def, s));
    let keep = unknown_field(space, s).map(|n| {
        quote! {
            const KEEP_UNKNOWN: bool = true;

            fn unknown(&mut self, key: String, value: stripe_types::de::RawJson) {
                self.#n.insert(key, value);
            }
        }
    });
    quote! {
        const _: () = {
            #(#indexes)*

            // Deserialization plumbing; nothing for the type's readers.
            #[doc(hidden)]
            impl stripe_types::de::Placeholder for #name {
                #placeholder
            }

            #[doc(hidden)]
            impl<'de> stripe_types::de::Fields<'de> for #name {
                const NAME: &'static str = #name_str;
                const FIELDS: &'static [&'static str] = &[#(#keys),*];
                #required

                #set

                #keep
            }

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    stripe_types::de::deserialize_object(deserializer)
                }
            }

            #reader
        };
    }
}

/// The JSON reader and writer (`stripe_types::json`), behind the crate's
/// `json` feature: `read_field` reads a key's value into its field as
/// `set` does for serde, `write` writes what `Serialize` does, and
/// `json_struct!` adds the rest of `FromJson`; all compiled once, here.
fn json_reader(space: &TypeSpace, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let writer = json_writer(space, def, s);
    let (body, used) = field_dispatch(
        space,
        s,
        &ValueReads {
            fill: quote!(stripe_types::json::fill),
            not_null: quote!(stripe_types::json::NotNull),
            value: quote!(stripe_types::json::FromJson::read(r)),
            source: quote!(r),
            tag: |value| quote! { stripe_types::json::expect_tag(r, #value)? },
        },
    );
    let (field, r) = if used {
        (quote!(field), quote!(r))
    } else {
        (quote!(_field), quote!(_r))
    };
    super::json_block(quote! {
        impl stripe_types::json::ReadFields for #name {
            fn read_field(&mut self, #field: usize, #r: &mut Reader<'_>) -> Result<()> {
                #body
            }
        }

        #writer

        stripe_types::json_struct!(#name);
    })
}

/// `ToJson`: what [`serialize_impl`] writes, through the crate's own
/// writer.
fn json_writer(space: &TypeSpace, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let writes = entry_writes(
        space,
        s,
        |key, value| quote! { o.entry(#key, #value); },
        |unknown| quote! { self.#unknown.write_entries(&mut o); },
    );
    let o_mut = (!writes.is_empty()).then(|| quote!(mut));
    quote! {
        impl stripe_types::json::ToJson for #name {
            fn write(&self, w: &mut stripe_types::json::Writer) {
                let #o_mut o = w.object();
                #(#writes)*
                o.end();
            }
        }
    }
}

/// Whether key `i` of [`wire_keys`] must be in a payload.
fn key_required(space: &TypeSpace, s: &Struct, i: usize) -> bool {
    match key_field(s, i) {
        Some(field) => Holder::of(space, field).required(),
        None => s.tag.as_ref().is_some_and(|t| t.required),
    }
}

/// The stand-in the struct is filled from: nothing in the optional fields,
/// a stand-in in the required ones (never seen: a payload without them is
/// an error).
fn placeholder_fn(space: &TypeSpace, s: &Struct) -> TokenStream {
    if all_omittable(space, s) {
        return quote! {
            fn placeholder() -> Self {
                Self::default()
            }
        };
    }
    let mut fields: Vec<TokenStream> = s
        .fields
        .iter()
        .map(|f| {
            let n = ident(&f.rust_name);
            match Holder::of(space, f) {
                Holder::Plain => quote! { #n: stripe_types::de::Placeholder::placeholder(), },
                Holder::OrNull | Holder::Optional | Holder::Lossy => quote! { #n: None, },
                Holder::TriState => quote! { #n: stripe_types::Nullable::Absent, },
            }
        })
        .collect();
    if let Some(n) = unknown_field(space, s) {
        fields.push(quote! { #n: stripe_types::UnknownFields::default(), });
    }
    quote! {
        fn placeholder() -> Self {
            Self {
                #(#fields)*
            }
        }
    }
}

/// The name of the constant holding key `i`'s index in `FIELDS`: the
/// field's name in capitals (`OBJECT` for the tag), as distinct as the
/// field names are.
fn key_const(s: &Struct, i: usize) -> Ident {
    match key_field(s, i) {
        Some(field) => ident(&field.rust_name.to_ascii_uppercase()),
        None => ident("OBJECT"),
    }
}

/// The field of key `i` of [`wire_keys`]; `None` for the `object` tag.
fn key_field(s: &Struct, i: usize) -> Option<&Field> {
    let tag_at = s.tag.as_ref().map(|t| t.position.min(s.fields.len()));
    match tag_at {
        Some(t) if i == t => None,
        Some(t) if i > t => s.fields.get(i - 1),
        _ => s.fields.get(i),
    }
}

/// `const CLIENT_SECRET: usize = 1;`: a name for each key's index, which
/// the runtime passes to `set`.
fn key_indexes(s: &Struct) -> Vec<TokenStream> {
    (0..wire_keys(s).len())
        .map(|i| {
            let name = key_const(s, i);
            let index = Literal::usize_unsuffixed(i);
            quote! { const #name: usize = #index; }
        })
        .collect()
}

/// How a reader reads one key's value, for [`field_dispatch`]: through
/// serde (`set`) or through the types' own reader (`read_field`).
struct ValueReads {
    /// The function filling a field that holds a struct where it stands.
    fill: TokenStream,
    /// The slot for an optional field that must not be `null`.
    not_null: TokenStream,
    /// An expression reading the value as a whole.
    value: TokenStream,
    /// What the value is read from (`map`, `r`).
    source: TokenStream,
    /// The statement checking the `object` tag's value.
    tag: fn(&str) -> TokenStream,
}

/// The body dispatching key `field` to its field (a `match` on the key
/// constants), and whether it reads anything (else the parameters are
/// unused).
fn field_dispatch(space: &TypeSpace, s: &Struct, reads: &ValueReads) -> (TokenStream, bool) {
    let ValueReads {
        fill,
        not_null,
        value,
        source,
        tag,
    } = reads;
    let mut arms: Vec<TokenStream> = s
        .fields
        .iter()
        .map(|f| {
            let n = ident(&f.rust_name);
            let holder = Holder::of(space, f);
            match (nested(space, f), holder) {
                (true, Holder::Optional) => quote! { #fill(#not_null(&mut self.#n), #source)? },
                (true, _) => quote! { #fill(&mut self.#n, #source)? },
                (false, Holder::Optional) => quote! { self.#n = Some(#value?) },
                (false, _) => quote! { self.#n = #value? },
            }
        })
        .collect();
    if let Some(t) = &s.tag {
        let at = t.position.min(s.fields.len());
        arms.insert(at, tag(&t.value));
    }
    let names: Vec<Ident> = (0..arms.len()).map(|i| key_const(s, i)).collect();
    let body = match (names.as_slice(), arms.as_slice()) {
        ([], _) => quote! { Ok(()) },
        ([name], [arm]) => quote! {
            if field == #name {
                #arm;
            }
            Ok(())
        },
        _ => quote! {
            match field {
                #( #names => #arms, )*
                _ => {}
            }
            Ok(())
        },
    };
    (body, !arms.is_empty())
}

/// `set`: reads the value of the key at `field` into its field; a field
/// holding a struct is filled where it stands.
fn set_fn(space: &TypeSpace, s: &Struct) -> TokenStream {
    let (body, used) = field_dispatch(
        space,
        s,
        &ValueReads {
            fill: quote!(stripe_types::de::read_in_place),
            not_null: quote!(stripe_types::de::NotNull),
            value: quote!(map.next_value()),
            source: quote!(map),
            tag: |value| quote! { map.next_value_seed(stripe_types::de::ExpectTag(#value))? },
        },
    );
    let (field, map) = if used {
        (quote!(field), quote!(map))
    } else {
        (quote!(_field), quote!(_map))
    };
    quote! {
        fn set<A: serde::de::MapAccess<'de>>(&mut self, #field: usize, #map: &mut A) -> Result<(), A::Error> {
            #body
        }
    }
}
