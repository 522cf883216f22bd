//! Resolved IR (+ placement, for whole crates) -> Rust tokens.
//!
//! Every item refers to other generated types by their bare name; how
//! those names come into scope is [`crates`]' business (`use` lines in a
//! crate, from the placement), or the macro's (one module).

pub mod crates;
pub mod doc;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{
    Discriminator, Field, NullableStyle, Presence, StringEnum, Struct, Ty, TypeDef, TypeId,
    TypeKind, TypeSpace, Union,
};

/// All items of the type space in one token stream, as the macro emits them.
pub fn items(space: &TypeSpace) -> TokenStream {
    let items = space.iter().map(|(id, _)| type_items(space, id));
    quote! { #(#items)* }
}

/// The items of one type: its definition and its trait impls.
pub fn type_items(space: &TypeSpace, id: TypeId) -> TokenStream {
    let def = space.get(id);
    match &def.kind {
        TypeKind::Struct(s) => structure(space, def, s),
        TypeKind::Enum(e) => string_enum(space, def, e),
        TypeKind::Union(u) => union(space, def, u),
        TypeKind::Id(owner) => id_type(def, &space.get(*owner).name),
    }
}

fn ident(name: &str) -> Ident {
    if crate::names::is_keyword(name) {
        // The resolver never hands out keywords; this keeps the emitter total.
        format_ident!("r#{}", name)
    } else {
        Ident::new(name, Span::call_site())
    }
}

fn doc_attrs(doc: Option<&str>) -> TokenStream {
    let lines = doc.map(doc::rustdoc).unwrap_or_default();
    let lines = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

fn derives(space: &TypeSpace, base: &[&str]) -> TokenStream {
    let paths = base
        .iter()
        .map(|d| d.to_string())
        .chain(
            space
                .derives
                .iter()
                .filter(|d| !base.contains(&d.as_str()))
                .cloned(),
        )
        .map(|d| {
            syn::parse_str::<syn::Path>(&d).expect("derives are validated with the configuration")
        });
    quote! { #[derive( #(#paths),* )] }
}

/// The Rust type of a value.
pub fn ty(space: &TypeSpace, ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::Bool => quote!(bool),
        Ty::Integer => quote!(i64),
        Ty::Number => quote!(f64),
        Ty::Timestamp => quote!(stripe_types::Timestamp),
        Ty::Named(id) => {
            let name = ident(&space.get(*id).name);
            quote!(#name)
        }
        Ty::Array(inner) => {
            let inner = self::ty(space, inner);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = self::ty(space, inner);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        Ty::Expandable(id) => {
            let name = ident(&space.get(*id).name);
            quote!(stripe_types::Expandable<#name>)
        }
        Ty::Json => quote!(serde_json::Value),
    }
}

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
pub fn field_type(space: &TypeSpace, field: &Field) -> TokenStream {
    let inner = value_type(space, field);
    match Holder::of(space, field) {
        Holder::Plain => inner,
        Holder::OrNull | Holder::Optional | Holder::Lossy => quote!(Option<#inner>),
        Holder::TriState => quote!(stripe_types::Nullable<#inner>),
    }
}

/// A type as people write it (`Option<Vec<String>>`), from its tokens: the
/// changelog and the code cannot disagree.
pub fn type_text(tokens: &TokenStream) -> String {
    tokens.to_string().replace(' ', "").replace(',', ", ")
}

/// The struct a field holds inline, built in place in its parent's builder
/// (a boxed field, on a cycle, is read as a whole).
fn nested(space: &TypeSpace, field: &Field) -> Option<Ident> {
    match field.ty {
        Ty::Named(id) if !field.boxed => match space.get(id).kind {
            TypeKind::Struct(_) => Some(ident(&space.get(id).name)),
            _ => None,
        },
        _ => None,
    }
}

fn structure(space: &TypeSpace, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let name_str = &def.name;
    let doc = doc_attrs(def.doc.as_deref());
    let redacts = s.fields.iter().any(|f| f.redacted);
    // A struct whose fields may all be left out has an obvious empty value,
    // which users build in tests and update payloads.
    let all_optional = s.fields.iter().all(|f| Holder::of(space, f).omittable());
    let mut base = vec!["Clone"];
    if !redacts {
        base.push("Debug");
    }
    if all_optional {
        base.push("Default");
    }
    base.push("PartialEq");
    let derive = derives(space, &base);
    let field_defs = s.fields.iter().map(|f| {
        let doc = doc_attrs(f.doc.as_deref());
        let n = ident(&f.rust_name);
        let t = field_type(space, f);
        quote! { #doc pub #n: #t, }
    });

    // Wire keys in spec order, the `object` tag in its place.
    let keys = wire_keys(s);
    let tag_index = s.tag.as_ref().map(|t| t.position.min(s.fields.len()));
    let index_of = |field: usize| match tag_index {
        Some(t) if field >= t => field + 1,
        _ => field,
    };

    // The struct each field holds inline, if any: filled in place.
    let children: Vec<Option<Ident>> = s.fields.iter().map(|f| nested(space, f)).collect();

    let slots = s.fields.iter().zip(&children).map(|(f, child)| {
        let n = ident(&f.rust_name);
        if let Some(child) = child {
            return quote! { #n: stripe_types::de::Nested<#child>, };
        }
        let t = field_type(space, f);
        match Holder::of(space, f) {
            Holder::Plain => quote! { #n: Option<#t>, },
            // `None` until the key is seen, then the value or `null`.
            Holder::OrNull | Holder::Lossy => {
                let inner = value_type(space, f);
                quote! { #n: Option<Option<#inner>>, }
            }
            Holder::Optional | Holder::TriState => quote! { #n: #t, },
        }
    });
    let mut arms: Vec<(Literal, TokenStream)> = s
        .fields
        .iter()
        .zip(&children)
        .enumerate()
        .map(|(i, (f, child))| {
            let n = ident(&f.rust_name);
            let index = Literal::usize_unsuffixed(index_of(i));
            if child.is_some() {
                let nullable = f.presence.nullable();
                return (index, quote! { self.#n.read(map, #nullable)? });
            }
            match Holder::of(space, f) {
                Holder::TriState => (index, quote! { self.#n = map.next_value()? }),
                _ => (index, quote! { self.#n = Some(map.next_value()?) }),
            }
        })
        .collect();
    if let (Some(tag), Some(at)) = (&s.tag, tag_index) {
        let value = &tag.value;
        let index = Literal::usize_unsuffixed(at);
        arms.insert(
            at,
            (
                index,
                quote! { map.next_value_seed(stripe_types::de::ExpectTag(#value))? },
            ),
        );
    }
    let finish = s.fields.iter().zip(&children).map(|(f, child)| {
        let n = ident(&f.rust_name);
        let wire = &f.wire_name;
        if child.is_some() {
            return match Holder::of(space, f) {
                Holder::Plain => quote! { #n: self.#n.required(#wire)?, },
                Holder::OrNull => quote! { #n: self.#n.required_nullable(#wire)?, },
                Holder::Optional | Holder::Lossy => quote! { #n: self.#n.optional()?, },
                Holder::TriState => quote! { #n: self.#n.nullable()?, },
            };
        }
        match Holder::of(space, f) {
            Holder::Plain | Holder::OrNull => {
                quote! { #n: self.#n.ok_or_else(|| stripe_types::de::missing(#wire))?, }
            }
            Holder::Lossy => quote! { #n: self.#n.flatten(), },
            Holder::Optional | Holder::TriState => quote! { #n: self.#n, },
        }
    });
    // Required fields, checked where a nested object ends.
    let required: Vec<TokenStream> = s
        .fields
        .iter()
        .zip(&children)
        .filter(|(f, _)| Holder::of(space, f).required())
        .map(|(f, child)| {
            let n = ident(&f.rust_name);
            let wire = &f.wire_name;
            let present = if child.is_some() {
                quote! { self.#n.is_set() }
            } else {
                quote! { self.#n.is_some() }
            };
            quote! { stripe_types::de::require(#present, #wire)?; }
        })
        .collect();
    let check = (!required.is_empty()).then(|| {
        quote! {
            fn check<E: serde::de::Error>(&self) -> Result<(), E> {
                #(#required)*
                Ok(())
            }
        }
    });

    // Serialize: always-present keys plus the optional ones that are set.
    let always = s
        .fields
        .iter()
        .filter(|f| !Holder::of(space, f).omittable())
        .count()
        + usize::from(s.tag.is_some());
    let optional_counts = s
        .fields
        .iter()
        .filter(|f| Holder::of(space, f).omittable())
        .map(|f| {
            let n = ident(&f.rust_name);
            if Holder::of(space, f) == Holder::TriState {
                quote! { + usize::from(!self.#n.is_absent()) }
            } else {
                quote! { + usize::from(self.#n.is_some()) }
            }
        });
    let always = Literal::usize_unsuffixed(always);
    let mut writes: Vec<TokenStream> = s
        .fields
        .iter()
        .map(|f| {
            let n = ident(&f.rust_name);
            let wire = &f.wire_name;
            match Holder::of(space, f) {
                Holder::Optional | Holder::Lossy => quote! {
                    if let Some(value) = &self.#n {
                        state.serialize_field(#wire, value)?;
                    }
                },
                Holder::TriState => quote! {
                    if !self.#n.is_absent() {
                        state.serialize_field(#wire, &self.#n)?;
                    }
                },
                Holder::Plain | Holder::OrNull => {
                    quote! { state.serialize_field(#wire, &self.#n)?; }
                }
            }
        })
        .collect();
    if let (Some(tag), Some(at)) = (&s.tag, tag_index) {
        let value = &tag.value;
        writes.insert(at, quote! { state.serialize_field("object", #value)?; });
    }
    let has_optional = s.fields.iter().any(|f| Holder::of(space, f).omittable());
    let len = match (always.to_string().as_str(), has_optional) {
        (_, false) => quote! { let len = #always; },
        ("0", true) => {
            let mut counts = optional_counts.map(|c| {
                // Drop the leading `+` of the first term.
                c.into_iter().skip(1).collect::<TokenStream>()
            });
            let first = counts.next();
            quote! { let len = #first #(+ #counts)*; }
        }
        (_, true) => quote! { let len = #always #(#optional_counts)*; },
    };
    let state_mut = if writes.is_empty() {
        quote!()
    } else {
        quote!(mut)
    };

    let debug = redacts.then(|| debug_redacted(space, def, s));
    let object = s.id.map(|id| {
        let id_name = ident(&space.get(id).name);
        let holder = s
            .fields
            .iter()
            .find(|f| f.wire_name == "id")
            .map_or(Holder::Plain, |f| Holder::of(space, f));
        // A few resources may lack an id (an upcoming invoice has none);
        // as an expanded object they always have one, so `id()` gives the
        // empty id only for an object that never had one.
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
        quote! {
            impl stripe_types::Object for #name {
                type Id = #id_name;
                fn id(&self) -> &#id_name {
                    #body
                }
            }
        }
    });
    let map_param = if arms.is_empty() {
        quote!(_map)
    } else {
        quote!(map)
    };
    let field_param = if arms.is_empty() {
        quote!(_field)
    } else {
        quote!(field)
    };
    let set_body = match arms.as_slice() {
        [] => quote! { Ok(()) },
        [(index, stmt)] => quote! {
            if field == #index {
                #stmt;
            }
            Ok(())
        },
        _ => {
            let (indexes, stmts): (Vec<_>, Vec<_>) = arms.into_iter().unzip();
            quote! {
                match field {
                    #( #indexes => #stmts, )*
                    _ => {}
                }
                Ok(())
            }
        }
    };

    quote! {
        #doc
        #derive
        pub struct #name {
            #(#field_defs)*
        }

        #debug
        #object

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                #len
                let #state_mut state = serializer.serialize_struct(#name_str, len)?;
                #(#writes)*
                state.end()
            }
        }

        const _: () = {
            #[derive(Default)]
            pub struct Builder {
                #(#slots)*
            }

            // Deserialization plumbing; nothing for the type's readers.
            #[doc(hidden)]
            impl stripe_types::de::Nest for #name {
                type Builder = Builder;
            }

            impl<'de> stripe_types::de::ObjectBuilder<'de> for Builder {
                type Out = #name;
                const NAME: &'static str = #name_str;
                const FIELDS: &'static [&'static str] = &[#(#keys),*];

                fn set<A: serde::de::MapAccess<'de>>(&mut self, #field_param: usize, #map_param: &mut A) -> Result<(), A::Error> {
                    #set_body
                }

                #check

                fn finish<E: serde::de::Error>(self) -> Result<#name, E> {
                    Ok(#name {
                        #(#finish)*
                    })
                }
            }

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    stripe_types::de::deserialize_object::<D, Builder>(deserializer)
                }
            }
        };
    }
}

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
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#name_str)
                    #(#fields)*
                    .finish()
            }
        }
    }
}

/// Whether clippy's `enum_variant_names` would fire on these names: all
/// variants sharing a leading or trailing word (three or more variants), or
/// a variant that starts or ends with the enum's name.
fn variant_names_lint(enum_name: &str, variants: &[&str]) -> bool {
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

fn string_enum(space: &TypeSpace, def: &TypeDef, e: &StringEnum) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_attrs(def.doc.as_deref());
    let derive = derives(space, &["Clone", "Debug", "PartialEq", "Eq", "Hash"]);
    let fallback = ident(&e.fallback);
    let variants: Vec<Ident> = e.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let wires: Vec<&str> = e.variants.iter().map(|v| v.wire_name.as_str()).collect();
    let variant_docs = wires.iter().map(|w| {
        let line = format!(" `{}`", doc::code_text(w));
        quote!(#[doc = #line])
    });
    let mut all_names: Vec<&str> = e.variants.iter().map(|v| v.rust_name.as_str()).collect();
    all_names.push(&e.fallback);
    let allow = variant_names_lint(&def.name, &all_names)
        .then(|| quote!(#[allow(clippy::enum_variant_names)]));
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

        impl #name {
            /// The value as Stripe sends it.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wires, )*
                    Self::#fallback(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #wires => Self::#variants, )*
                    other => Self::#fallback(other.to_owned()),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                stripe_types::de::deserialize_string_enum(deserializer)
            }
        }
    }
}

fn union(space: &TypeSpace, def: &TypeDef, u: &Union) -> TokenStream {
    let name = ident(&def.name);
    let name_str = &def.name;
    let doc = doc_attrs(def.doc.as_deref());
    let derive = derives(space, &["Clone", "Debug", "PartialEq"]);
    let variants: Vec<Ident> = u.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let types: Vec<Ident> = u
        .variants
        .iter()
        .map(|v| ident(&space.get(v.ty).name))
        .collect();
    let variant_docs = u.variants.iter().map(|v| {
        let line = match &v.tag {
            Some(t) => format!(" An object with `object: \"{}\"`.", doc::code_text(t)),
            None => format!(" A [`{}`] object.", space.get(v.ty).name),
        };
        quote!(#[doc = #line])
    });
    let names: Vec<&str> = u.variants.iter().map(|v| v.rust_name.as_str()).collect();
    let allow =
        variant_names_lint(&def.name, &names).then(|| quote!(#[allow(clippy::enum_variant_names)]));
    let indexes: Vec<Literal> = (0..variants.len()).map(Literal::usize_unsuffixed).collect();
    let object = u.has_id.then(|| {
        quote! {
            impl stripe_types::Object for #name {
                type Id = String;
                fn id(&self) -> &String {
                    match self {
                        #( Self::#variants(v) => stripe_types::Object::id(&**v).as_string(), )*
                    }
                }
            }
        }
    });
    let variant_fn = quote! {
        fn variant<'de, D: serde::Deserializer<'de>>(tag: usize, deserializer: D) -> Result<Self, D::Error> {
            Ok(match tag {
                #( #indexes => Self::#variants(Box::new(serde::Deserialize::deserialize(deserializer)?)), )*
                _ => return Err(serde::de::Error::custom("variant index out of range")),
            })
        }
    };
    let de = match u.discriminator {
        Discriminator::Object => {
            let tags = u
                .variants
                .iter()
                .map(|v| v.tag.as_deref().unwrap_or_default());
            quote! {
                impl<'de> serde::Deserialize<'de> for #name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        stripe_types::de::deserialize_union::<D, Self>(deserializer)
                    }
                }

                impl stripe_types::de::TaggedUnion for #name {
                    const NAME: &'static str = #name_str;
                    const TAGS: &'static [&'static str] = &[#(#tags),*];
                    #variant_fn
                }
            }
        }
        Discriminator::Fields => {
            let members = u.variants.iter().map(|v| space.get(v.ty).name.as_str());
            let fields = u.variants.iter().map(|v| {
                let keys = match &space.get(v.ty).kind {
                    TypeKind::Struct(s) => wire_keys(s),
                    _ => Vec::new(),
                };
                quote!(&[#(#keys),*])
            });
            quote! {
                impl<'de> serde::Deserialize<'de> for #name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        stripe_types::de::deserialize_untagged::<D, Self>(deserializer)
                    }
                }

                impl stripe_types::de::UntaggedUnion for #name {
                    const NAME: &'static str = #name_str;
                    const MEMBERS: &'static [&'static str] = &[#(#members),*];
                    const FIELDS: &'static [&'static [&'static str]] = &[#(#fields),*];
                    #variant_fn
                }
            }
        }
    };
    quote! {
        #doc
        #derive
        #allow
        pub enum #name {
            #( #variant_docs #variants(Box<#types>), )*
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #( Self::#variants(v) => v.serialize(serializer), )*
                }
            }
        }

        #de
        #object
    }
}

/// A struct's JSON keys in spec order, the `object` tag in its place.
fn wire_keys(s: &Struct) -> Vec<&str> {
    let mut keys: Vec<&str> = s.fields.iter().map(|f| f.wire_name.as_str()).collect();
    if let Some(tag) = &s.tag {
        keys.insert(tag.position.min(keys.len()), "object");
    }
    keys
}

fn id_type(def: &TypeDef, owner: &str) -> TokenStream {
    let name = ident(&def.name);
    let doc = format!(" The id of [`{owner}`] objects.");
    let owner = ident(owner);
    quote! {
        #[doc = #doc]
        pub type #name = stripe_types::Id<#owner>;
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
