//! Resolved IR (+ placement, for whole crates) -> Rust tokens.
//!
//! Every item refers to other generated types by their bare name; how
//! those names come into scope is [`crates`]' business (`use` lines in a
//! crate, from the placement), or the macro's (one module).

pub mod crates;
pub mod doc;
mod enums;
mod events;
mod requests;
mod structure;
mod union;

pub use structure::{field_ref, field_type, is_required};

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Ty, TypeDef, TypeId, TypeKind, TypeSpace};

/// Where the items go, which decides what they carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A generated crate: every model also gets its JSON reader
    /// (`stripe_types::__private::json::FromJson`) and resources `from_json` and
    /// `to_json`, behind the crate's `json` feature.
    Crate,
    /// The macro's expansion, in the user's own crate, where non-generic
    /// readers and entry points would be compiled anyway and save nothing.
    Macro,
}

/// All items of the type space in one token stream, as the macro emits them.
pub fn items(space: &TypeSpace) -> TokenStream {
    let api_version = api_version_const(space);
    let items = space
        .iter()
        .map(|(id, _)| type_items(space, id, Target::Macro));
    quote! {
        #api_version
        #(#items)*
    }
}

/// `API_VERSION`: the Stripe API version the types were generated from.
fn api_version_const(space: &TypeSpace) -> TokenStream {
    let version = &space.spec_version;
    let doc = doc_line(&format!(
        "The Stripe API version these types were generated from: `{}`.",
        doc::code_text(version)
    ));
    quote! {
        #doc
        pub const API_VERSION: &str = #version;
    }
}

/// The items of one type: its definition and its trait impls.
pub fn type_items(space: &TypeSpace, id: TypeId, target: Target) -> TokenStream {
    let def = space.get(id);
    let needs_placeholder = space.needs_placeholder.get(id.0).copied().unwrap_or(false);
    let items = match &def.kind {
        TypeKind::Struct(s) => structure::structure(space, def, s, target),
        TypeKind::Enum(e) => enums::string_enum(space, def, e, needs_placeholder, target),
        TypeKind::Union(u) => union::union(space, def, u, needs_placeholder, target),
        TypeKind::Id(owner) => id_type(def, &space.get(*owner).name),
        TypeKind::Operation(op) => requests::operation(space, def, op, target),
        TypeKind::Params(p) => requests::params(space, def, p),
        TypeKind::ParamEnum(v) => requests::param_enum(def, v),
        TypeKind::ParamUnion(v) => requests::param_union(space, def, v),
    };
    match events::items(space, id, target) {
        Some(extra) => quote! { #items #extra },
        None => items,
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
    let lines = doc.map(rustdoc_lines).unwrap_or_default();
    let lines = lines.iter().map(|l| doc_literal(l));
    quote! { #( #[doc = #lines] )* }
}

/// [`doc::rustdoc`], once per description and thread: descriptions repeat
/// (every list operation's `expand`, `limit`, `starting_after`). Lines,
/// not tokens, are kept: a proc macro's tokens are only valid during the
/// call that made them. Bounded, as a long-lived process (an IDE's macro
/// server) keeps its threads.
fn rustdoc_lines(doc: &str) -> Rc<[String]> {
    const CACHED: usize = 4096;
    thread_local! {
        static RENDERED: RefCell<HashMap<String, Rc<[String]>>> = RefCell::default();
    }
    if let Some(lines) = RENDERED.with_borrow(|r| r.get(doc).cloned()) {
        return lines;
    }
    let lines: Rc<[String]> = doc::rustdoc(doc).into();
    RENDERED.with_borrow_mut(|r| {
        if r.len() >= CACHED {
            r.clear();
        }
        r.insert(doc.to_string(), lines.clone());
    });
    lines
}

/// One `///` line, such as a variant's `` `value` ``.
fn doc_line(line: &str) -> TokenStream {
    let line = doc_literal(line);
    quote!(#[doc = #line])
}

/// One line of rustdoc as a raw string literal (`r" text"`): syn and
/// prettyplease read a raw literal back without unescaping it, which for
/// escaped ones was 8% of `generate --all`.
fn doc_literal(line: &str) -> Literal {
    let text = if line.is_empty() {
        String::new()
    } else {
        format!(" {line}")
    };
    // As many `#`s as the longest run after a `"` in the text, plus one.
    let mut hashes = 0;
    for (i, _) in text.match_indices('"') {
        let run = text[i + 1..].bytes().take_while(|&b| b == b'#').count();
        hashes = hashes.max(run + 1);
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
        .parse()
        // A raw string cannot hold a carriage return.
        .unwrap_or_else(|_| Literal::string(&text))
}

/// The `#[derive]` line: `base`, then the configuration's extra derives
/// but those in `base` or `implemented` (traits the type's macro
/// implements, such as `Eq` for enums).
fn derives(space: &TypeSpace, base: &[&str], implemented: &[&str]) -> TokenStream {
    let paths = base
        .iter()
        .map(|d| d.to_string())
        .chain(
            space
                .derives
                .iter()
                .filter(|d| !base.contains(&d.as_str()) && !implemented.contains(&d.as_str()))
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
        Ty::Number => quote!(stripe_types::Number),
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
        Ty::RawObject => quote!(stripe_types::RawObject),
        Ty::File => quote!(stripe_types::FileUpload),
        Ty::ObjectId => quote!(stripe_types::ObjectId),
        Ty::Unsettable(inner) => {
            let inner = self::ty(space, inner);
            quote!(stripe_types::Unsettable<#inner>)
        }
    }
}

/// A type as people write it (`Option<Vec<String>>`), from its tokens: the
/// changelog and the code cannot disagree.
pub fn type_text(tokens: &TokenStream) -> String {
    tokens.to_string().replace(' ', "").replace(',', ", ")
}

fn id_type(def: &TypeDef, owner: &str) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_line(&format!("The id of [`{owner}`] objects."));
    let owner = ident(owner);
    quote! {
        #doc
        pub type #name = stripe_types::Id<#owner>;
    }
}
