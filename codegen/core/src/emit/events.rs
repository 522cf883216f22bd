//! What the event envelope's types carry beyond their shape: the envelope
//! is a `stripe_types::WebhookEvent` (the API version it was rendered in,
//! against the one the types come from), and each event type says which
//! resource it carries.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{ident, Target};
use crate::ir::{Presence, TypeId, TypeKind, TypeSpace};

/// The extra items of type `id`, if it is the envelope or its type enum.
pub(super) fn items(space: &TypeSpace, id: TypeId, target: Target) -> Option<TokenStream> {
    let events = space.events.as_ref()?;
    if id == events.envelope {
        let name = ident(&space.get(id).name);
        let version = &space.spec_version;
        let presence = match &space.get(id).kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .find(|f| Some(&f.rust_name) == events.api_version_field.as_ref())
                .map(|f| (ident(&f.rust_name), f.presence)),
            _ => None,
        };
        let api_version = match presence {
            Some((field, Presence::Required)) => quote!(Some(self.#field.as_str())),
            Some((field, _)) => quote!(self.#field.as_deref()),
            None => quote!(None),
        };
        // A crate's own reader, behind its `json` feature.
        let read_body = (target == Target::Crate).then(|| {
            quote! {
                #[cfg(feature = "json")]
                #[inline]
                fn read_body(body: &[u8]) -> Option<Self> {
                    Self::from_json_slice(body).ok()
                }
            }
        });
        return Some(quote! {
            impl stripe_types::WebhookEvent for #name {
                const API_VERSION: &'static str = #version;
                #[inline]
                fn api_version(&self) -> Option<&str> {
                    #api_version
                }
                #read_body
            }
        });
    }
    if id != events.types {
        return None;
    }
    let def = space.get(id);
    let TypeKind::Enum(e) = &def.kind else {
        return None;
    };
    let name = ident(&def.name);
    // One arm per resource, its event types in spec order.
    let mut by_resource: Vec<(&str, Vec<Ident>)> = Vec::new();
    for (v, carries) in e.variants.iter().zip(&events.carries) {
        let Some(tag) = carries.as_deref() else {
            continue;
        };
        let variant = ident(&v.rust_name);
        match by_resource.iter_mut().find(|(t, _)| *t == tag) {
            Some((_, variants)) => variants.push(variant),
            None => by_resource.push((tag, vec![variant])),
        }
    }
    let arms: Vec<TokenStream> = by_resource
        .iter()
        .map(|(tag, variants)| {
            let tag = Literal::string(tag);
            quote!(#(Self::#variants)|* => Some(#tag),)
        })
        .collect();
    let body = if arms.is_empty() {
        quote!(None)
    } else {
        quote! {
            match self {
                #(#arms)*
                _ => None,
            }
        }
    };
    let doc =
        super::doc_line("The `object` value of the resource events of this type carry, if known.");
    Some(quote! {
        impl #name {
            #doc
            #[must_use]
            pub fn resource(&self) -> Option<&'static str> {
                #body
            }
        }
    })
}
