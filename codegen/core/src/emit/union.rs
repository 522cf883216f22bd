//! A union of objects: an enum with one boxed variant per member, chosen
//! by the `object` value as it streams past, or (when members share or
//! lack one) by the member that knows most of the buffered object's keys.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::enums::variant_names_lint;
use super::{derives, doc, doc_attrs, doc_line, ident, structure};
use crate::ir::{Discriminator, TypeDef, TypeKind, TypeSpace, Union};

/// Every item of a union.
pub(super) fn union(
    space: &TypeSpace,
    def: &TypeDef,
    u: &Union,
    stand_in: bool,
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
    let other_arm = other
        .as_ref()
        .map(|other| quote!(Self::#other(v) => v.serialize(serializer),));
    let mut names: Vec<&str> = u.variants.iter().map(|v| v.rust_name.as_str()).collect();
    names.extend(u.other.as_deref());
    let allow =
        variant_names_lint(&def.name, &names).then(|| quote!(#[allow(clippy::enum_variant_names)]));
    let object = u.has_id.then(|| object_impl(&name, &variants));
    let de = deserialize_impls(space, def, u, &variants);
    let reader = super::json_items(target, json_reader(&name, u, &variants, other.as_ref()));
    // The stand-in of a required field while its struct is filled in place:
    // an open union's other object (`null`), else the member
    // the resolver picked (one with a finite JSON form).
    let member = other
        .as_ref()
        .or_else(|| variants.get(u.placeholder))
        .filter(|_| stand_in);
    let placeholder = member.map(|member| {
        quote! {
            #[doc(hidden)]
            impl stripe_types::__private::de::Placeholder for #name {
                fn placeholder() -> Self {
                    Self::#member(stripe_types::__private::de::Placeholder::placeholder())
                }
            }
        }
    });
    quote! {
        #doc
        #derive
        #allow
        pub enum #name {
            #( #variant_docs #variants(Box<#types>), )*
            #other_variant
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #( Self::#variants(v) => v.serialize(serializer), )*
                    #other_arm
                }
            }
        }

        #de
        #object
        #placeholder
        #reader
    }
}

/// The JSON reader (the runtime finds the member, by its tag or by the
/// keys it knows, and this reads the object as that member) and writer.
fn json_reader(name: &Ident, u: &Union, variants: &[Ident], other: Option<&Ident>) -> TokenStream {
    let reader = match u.discriminator {
        Discriminator::Object => quote!(read_tagged),
        Discriminator::Fields => quote!(read_untagged),
    };
    let other_write = other.map(|other| quote!(Self::#other(v) => v.write(w),));
    let body = match other {
        // An open union: the runtime gives the index past the members for
        // any other object.
        // An open union of no resource: any object is the other one.
        Some(other) if variants.is_empty() => {
            quote! { |_, r| Ok(Self::#other(stripe_types::__private::json::FromJson::read(r)?)) }
        }
        Some(other) => {
            let indexes = (0..variants.len()).map(Literal::usize_unsuffixed);
            quote! {
                |member, r| {
                    Ok(match member {
                        #( #indexes => Self::#variants(stripe_types::__private::json::FromJson::read(r)?), )*
                        _ => Self::#other(stripe_types::__private::json::FromJson::read(r)?),
                    })
                }
            }
        }
        None => match variants {
            [only] => {
                quote! { |_, r| Ok(Self::#only(stripe_types::__private::json::FromJson::read(r)?)) }
            }
            [rest @ .., last] => {
                let indexes = (0..rest.len()).map(Literal::usize_unsuffixed);
                quote! {
                    |member, r| {
                        Ok(match member {
                            #( #indexes => Self::#rest(stripe_types::__private::json::FromJson::read(r)?), )*
                            _ => Self::#last(stripe_types::__private::json::FromJson::read(r)?),
                        })
                    }
                }
            }
            [] => quote! { |_, r| Err(r.error("a union without members")) },
        },
    };
    quote! {
        impl stripe_types::__private::json::FromJson for #name {
            fn read(r: &mut Reader<'_>) -> Result<Self> {
                stripe_types::__private::json::#reader(r, #body)
            }
        }

        impl stripe_types::__private::json::ToJson for #name {
            fn write(&self, w: &mut stripe_types::__private::json::Writer) {
                match self {
                    #( Self::#variants(v) => v.write(w), )*
                    #other_write
                }
            }
        }
    }
}

/// A union of resources is a resource: its id is its member's.
fn object_impl(name: &Ident, variants: &[Ident]) -> TokenStream {
    quote! {
        impl stripe_types::Object for #name {
            type Id = String;
            #[inline]
            fn id(&self) -> &String {
                match self {
                    #( Self::#variants(v) => stripe_types::Object::id(&**v).as_string(), )*
                }
            }
        }
    }
}

/// `Deserialize`, through the runtime's tagged or untagged union reader,
/// which picks a member by index and calls `variant`.
fn deserialize_impls(
    space: &TypeSpace,
    def: &TypeDef,
    u: &Union,
    variants: &[Ident],
) -> TokenStream {
    let name = ident(&def.name);
    let name_str = &def.name;
    let indexes: Vec<Literal> = (0..variants.len()).map(Literal::usize_unsuffixed).collect();
    let rest = match u.other.as_deref().map(ident) {
        Some(other) => quote!(_ => Self::#other(serde::Deserialize::deserialize(deserializer)?),),
        None => quote!(_ => return Err(serde::de::Error::custom("variant index out of range")),),
    };
    let open = u.other.is_some().then(|| {
        quote!(
            const OPEN: bool = true;
        )
    });
    let variant_fn = match u.other.as_deref().map(ident) {
        Some(other) if variants.is_empty() => quote! {
            fn variant<'de, D: serde::Deserializer<'de>>(_: usize, deserializer: D) -> Result<Self, D::Error> {
                Ok(Self::#other(serde::Deserialize::deserialize(deserializer)?))
            }
        },
        _ => quote! {
            fn variant<'de, D: serde::Deserializer<'de>>(tag: usize, deserializer: D) -> Result<Self, D::Error> {
                Ok(match tag {
                    #( #indexes => Self::#variants(Box::new(serde::Deserialize::deserialize(deserializer)?)), )*
                    #rest
                })
            }
        },
    };
    let (reader, table) = match u.discriminator {
        Discriminator::Object => {
            let tags = u
                .variants
                .iter()
                .map(|v| v.tag.as_deref().unwrap_or_default());
            (
                quote!(deserialize_union),
                quote! {
                    impl stripe_types::__private::de::TaggedUnion for #name {
                        const NAME: &'static str = #name_str;
                        const TAGS: &'static [&'static str] = &[#(#tags),*];
                        #open
                        #variant_fn
                    }
                },
            )
        }
        Discriminator::Fields => {
            let members = u.variants.iter().map(|v| space.get(v.ty).name.as_str());
            let fields = u.variants.iter().map(|v| {
                let keys = match &space.get(v.ty).kind {
                    TypeKind::Struct(s) => structure::wire_keys(s),
                    _ => Vec::new(),
                };
                quote!(&[#(#keys),*])
            });
            (
                quote!(deserialize_untagged),
                quote! {
                    impl stripe_types::__private::de::UntaggedUnion for #name {
                        const NAME: &'static str = #name_str;
                        const MEMBERS: &'static [&'static str] = &[#(#members),*];
                        const FIELDS: &'static [&'static [&'static str]] = &[#(#fields),*];
                        #variant_fn
                    }
                },
            )
        }
    };
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                stripe_types::__private::de::#reader::<D, Self>(deserializer)
            }
        }

        #table
    }
}
