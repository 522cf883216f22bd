//! Operations and their parameter types -> Rust: a struct per operation
//! whose fields are its parameters, with `stripe_types::Operation` (the
//! request it makes, the answer it reads); parameter objects, enums and
//! unions with `stripe_types::form::Encode`. Each operation's list names
//! the spec's API version, which its requests send as `Stripe-Version`.
//!
//! The impls of operations, parameter objects and parameter enums are
//! written by the runtime's macros (`operation!`, `form_object!`,
//! `form_enum!`) from a list of keys; unions' are written out. `encode`,
//! `request`, `parse`, `as_str`, `new`, `next_page` and `from` are
//! `#[inline]`: like generics, they are compiled in the crate that calls
//! them, so a user's crate compiles the operations it uses, and the
//! generated crates none (`parse` would otherwise instantiate
//! serde_json's deserializer for every answer type; `new` the drop glue
//! of every field's type).

use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};

use super::{doc, doc_attrs, doc_line, ident, ty};
use crate::ir::{
    Operation, Param, ParamLocation, ParamValue, ParamVariant, Response, Ty, TypeDef, TypeKind,
    TypeSpace, Variant,
};

/// Optional collections are plain: an empty one is sent as nothing, as an
/// absent one would be.
fn param_type(space: &TypeSpace, p: &Param) -> TokenStream {
    let inner = ty(space, &p.ty);
    if p.required || matches!(p.ty, Ty::Array(_) | Ty::Map(_)) {
        inner
    } else {
        quote!(Option<#inner>)
    }
}

/// The fields, the `new` that takes the required ones, and whether the
/// struct can derive `Default` (it has none).
fn fields_and_new(space: &TypeSpace, params: &[Param]) -> (TokenStream, TokenStream, bool) {
    let fields = params.iter().map(|p| {
        let name = ident(&p.rust_name);
        let doc = doc_attrs(p.doc.as_deref());
        let ty = param_type(space, p);
        quote! { #doc pub #name: #ty, }
    });
    let required: Vec<&Param> = params.iter().filter(|p| p.required).collect();
    let args = required.iter().map(|p| {
        let name = ident(&p.rust_name);
        let ty = ty(space, &p.ty);
        quote!(#name: impl Into<#ty>)
    });
    let inits = params.iter().map(|p| {
        let name = ident(&p.rust_name);
        if p.required {
            quote!(#name: #name.into())
        } else {
            quote!(#name: Default::default())
        }
    });
    let new_doc = if required.is_empty() {
        "Parameters with every optional one left out.".to_string()
    } else {
        let names: Vec<String> = required
            .iter()
            .map(|p| format!("`{}`", p.wire_name))
            .collect();
        format!(
            "Parameters with the required {} and every optional one left out.",
            names.join(", ")
        )
    };
    let body = if required.is_empty() {
        quote!(Self::default())
    } else {
        quote!(Self { #(#inits),* })
    };
    let new_doc = doc_line(&new_doc);
    let new = quote! {
        #new_doc
        #[inline]
        pub fn new(#(#args),*) -> Self {
            #body
        }
    };
    (quote!(#(#fields)*), new, required.is_empty())
}

fn derive_line(default: bool) -> TokenStream {
    if default {
        quote!(#[derive(Clone, Debug, Default, PartialEq)])
    } else {
        quote!(#[derive(Clone, Debug, PartialEq)])
    }
}

/// The `field: "key",` entries of the macros' form lists.
fn form_entries<'p>(params: impl Iterator<Item = &'p Param>) -> TokenStream {
    let entries = params.map(|p| {
        let name = ident(&p.rust_name);
        let wire = &p.wire_name;
        quote!(#name: #wire,)
    });
    quote!(#(#entries)*)
}

/// A parameter object.
pub(super) fn params(space: &TypeSpace, def: &TypeDef, params: &[Param]) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_attrs(def.doc.as_deref());
    let (fields, new, default) = fields_and_new(space, params);
    let derive = derive_line(default);
    let entries = form_entries(params.iter());
    quote! {
        #doc
        #derive
        pub struct #name { #fields }

        impl #name { #new }

        stripe_types::form_object! {
            #name { #entries }
        }
    }
}

/// A closed string enum of parameter values.
pub(super) fn param_enum(def: &TypeDef, variants: &[Variant]) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_attrs(def.doc.as_deref());
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.rust_name)).collect();
    let wires: Vec<&str> = variants.iter().map(|v| v.wire_name.as_str()).collect();
    let variant_docs = wires
        .iter()
        .map(|w| doc_line(&format!("`{}`", doc::code_text(w))));
    let names: Vec<&str> = variants.iter().map(|v| v.rust_name.as_str()).collect();
    let allow = super::enums::variant_names_lint(&def.name, &names)
        .then(|| quote!(#[allow(clippy::enum_variant_names)]));
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Hash)]
        #allow
        pub enum #name { #( #variant_docs #idents, )* }

        stripe_types::form_enum! {
            #name { #( #idents = #wires, )* }
        }
    }
}

/// A parameter of several shapes.
pub(super) fn param_union(
    space: &TypeSpace,
    def: &TypeDef,
    variants: &[ParamVariant],
) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_attrs(def.doc.as_deref());
    let decls = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        match &v.value {
            ParamValue::Const(value) => {
                let line = doc_line(&format!("`{}`", doc::code_text(value)));
                quote!(#line #variant,)
            }
            // Parameter objects are boxed, as the members of the models'
            // unions are: one large variant would size them all.
            ParamValue::Of(inner @ Ty::Named(id))
                if matches!(space.get(*id).kind, TypeKind::Params(_)) =>
            {
                let inner = ty(space, inner);
                quote!(#variant(Box<#inner>),)
            }
            ParamValue::Of(inner) => {
                let inner = ty(space, inner);
                quote!(#variant(#inner),)
            }
        }
    });
    let arms = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        match &v.value {
            ParamValue::Const(value) => quote!(Self::#variant => form.value(#value),),
            ParamValue::Of(_) => quote!(Self::#variant(value) => value.encode(form),),
        }
    });
    let names: Vec<&str> = variants.iter().map(|v| v.rust_name.as_str()).collect();
    let allow = super::enums::variant_names_lint(&def.name, &names)
        .then(|| quote!(#[allow(clippy::enum_variant_names)]));
    // `From` for each shape whose type no other shape has.
    let types: Vec<Option<&Ty>> = variants
        .iter()
        .map(|v| match &v.value {
            ParamValue::Of(t) => Some(t),
            ParamValue::Const(_) => None,
        })
        .collect();
    let froms = variants.iter().zip(&types).filter_map(|(v, t)| {
        let t = (*t)?;
        if types.iter().filter(|other| **other == Some(t)).count() > 1 {
            return None;
        }
        let variant = ident(&v.rust_name);
        let inner = ty(space, t);
        let boxed =
            matches!(t, Ty::Named(id) if matches!(space.get(*id).kind, TypeKind::Params(_)));
        let value = if boxed {
            quote!(Box::new(value))
        } else {
            quote!(value)
        };
        Some(quote! {
            impl From<#inner> for #name {
                #[inline]
                fn from(value: #inner) -> Self {
                    Self::#variant(#value)
                }
            }
        })
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #allow
        pub enum #name { #(#decls)* }

        #(#froms)*

        impl stripe_types::form::Encode for #name {
            #[inline]
            fn encode(&self, form: &mut stripe_types::form::Form) {
                match self { #(#arms)* }
            }
        }
    }
}

/// An operation: its parameters as a struct, and the `Operation` impl.
pub(super) fn operation(
    space: &TypeSpace,
    def: &TypeDef,
    op: &Operation,
    target: super::Target,
) -> TokenStream {
    let name = ident(&def.name);
    let mut doc_text = def.doc.clone().unwrap_or_default();
    if !doc_text.is_empty() {
        doc_text.push_str("\n\n");
    }
    doc_text.push_str(&format!("`{} {}`", op.method, op.path));
    let doc = doc_attrs(Some(&doc_text));
    let (fields, new, default) = fields_and_new(space, &op.params);
    let derive = derive_line(default);
    let entries = form_entries(
        op.params
            .iter()
            .filter(|p| p.location != ParamLocation::Path),
    );
    let method = format_ident!(
        "{}",
        match op.method.as_str() {
            method @ ("GET" | "DELETE") => method,
            _ => "POST",
        }
    );
    let (template, args) = path_template(op);
    let args = (!args.is_empty()).then(|| quote!((#(#args),*)));
    let (response, reader) = match &op.response {
        Response::Json(t) => (ty(space, t), "json"),
        Response::List(t) => {
            let item = ty(space, t);
            (quote!(stripe_types::List<#item>), "json")
        }
        Response::Bytes => (quote!(Vec<u8>), "bytes"),
    };
    let reader = format_ident!("{}", reader);
    // The proc macro's expansion is in the user's crate, whose `json`
    // feature is not ours.
    let serde_only = matches!(target, super::Target::Macro).then(|| quote!(serde_only));
    let error = ty(space, &op.error);
    // Every request pins the version the types describe (`Stripe-Version`),
    // or Stripe answers in the account's default version.
    let version = &space.spec_version;
    let pages = next_page(space, op);
    let paging = paging(space, op);
    let body = op.multipart.then(|| quote!(body multipart;));
    let host = op.host.as_ref().map(|h| quote!(host #h;));
    quote! {
        #doc
        #derive
        pub struct #name { #fields }

        impl #name {
            #new
            #pages
        }

        stripe_types::operation! {
            #serde_only #name { #entries }
            #method #template #args;
            #body
            #host
            version #version;
            response #reader #response;
            error #error;
            #paging
        }
    }
}

/// The `pages` line of a list operation whose objects have a plain id and
/// that takes `starting_after` (and `ending_before`): its
/// `stripe_types::Paginate` impl.
fn paging(space: &TypeSpace, op: &Operation) -> Option<TokenStream> {
    let Response::List(Ty::Named(item)) = &op.response else {
        return None;
    };
    let TypeKind::Struct(s) = &space.get(*item).kind else {
        return None;
    };
    let id_field = s.fields.iter().find(|f| f.wire_name == "id")?;
    if !super::is_required(space, id_field) || !matches!(id_field.ty, Ty::String | Ty::Named(_)) {
        return None;
    }
    let cursor = |wire: &str| {
        op.params
            .iter()
            .find(|p| p.wire_name == wire && matches!(p.ty, Ty::String) && !p.required)
            .map(|p| ident(&p.rust_name))
    };
    let after = cursor("starting_after")?;
    let before = cursor("ending_before").map(|b| quote!(, #b));
    let item_ty = ty(space, &Ty::Named(*item));
    let id = ident(&id_field.rust_name);
    Some(quote!(pages (#id, #after #before) #item_ty;))
}

/// The path as a `format!` template (a plain string when it has no
/// parameters), and what fills each `{}`: the field of a path parameter,
/// or the name itself where no parameter has it.
fn path_template(op: &Operation) -> (String, Vec<TokenStream>) {
    let mut template = String::new();
    let mut args = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        template.push_str(&rest[..open].replace('{', "{{").replace('}', "}}"));
        template.push_str("{}");
        let wire = &rest[open + 1..close];
        match op
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.wire_name == wire)
        {
            Some(p) => args.push(ident(&p.rust_name).into_token_stream()),
            None => args.push(quote!(#wire)),
        }
        rest = &rest[close + 1..];
    }
    if args.is_empty() {
        return (op.path.clone(), args);
    }
    template.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    (template, args)
}

/// `next_page` for list operations whose items have ids and that take
/// `starting_after` (and `ending_before`, for paging backwards).
fn next_page(space: &TypeSpace, op: &Operation) -> Option<TokenStream> {
    let Response::List(Ty::Named(item)) = &op.response else {
        return None;
    };
    let TypeKind::Struct(s) = &space.get(*item).kind else {
        return None;
    };
    s.id?;
    let id_field = s.fields.iter().find(|f| f.wire_name == "id")?;
    let first = super::field_ref(space, quote!(page.data.first()?), id_field);
    let last = super::field_ref(space, quote!(page.data.last()?), id_field);
    let find = |wire: &str| {
        op.params
            .iter()
            .find(|p| p.wire_name == wire && matches!(p.ty, Ty::String) && !p.required)
            .map(|p| ident(&p.rust_name))
    };
    let after = find("starting_after")?;
    let item_ty = ident(&space.get(*item).name);
    let backwards = find("ending_before").map(|before| {
        quote! {
            if self.#before.is_some() {
                next.#before = Some(#first.as_str().to_string());
                return Some(next);
            }
        }
    });
    Some(quote! {
        /// The parameters of the page after `page` (before it, when these
        /// page backwards with `ending_before`), or `None` when `page` is
        /// the last.
        #[inline]
        pub fn next_page(&self, page: &stripe_types::List<#item_ty>) -> Option<Self> {
            if !page.has_more {
                return None;
            }
            let mut next = self.clone();
            #backwards
            next.#after = Some(#last.as_str().to_string());
            Some(next)
        }
    })
}
