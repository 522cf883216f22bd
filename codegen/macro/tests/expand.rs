//! The expansion outside the compiler: it agrees with the checked-in
//! crates, makes the crate depend on the spec, and applies the options.
//!
//! These read the pinned spec from `spec/cache/` (`cargo xtask
//! fetch-spec` installs it; CI does before the tests).

#[path = "../src/expand.rs"]
mod expand;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use stripe_codegen::Config;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn repo() -> PathBuf {
    manifest_dir().join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The pinned spec, relative to this crate as a user would write it.
fn pinned_spec() -> String {
    let pins: toml::Table =
        toml::from_str(&read(&repo().join("spec/pins.toml"))).expect("spec/pins.toml");
    // The last of `generated`: the version of the checked-in crates.
    let version = pins["generated"]
        .as_array()
        .and_then(|v| v.last())
        .and_then(|v| v.as_str())
        .expect("`generated` lists API versions");
    let relative = format!("../../spec/cache/spec3.{version}.json");
    assert!(
        manifest_dir().join(&relative).is_file(),
        "the pinned spec is not installed: run `cargo xtask fetch-spec`"
    );
    relative
}

/// `spec/codegen.toml`, the xtask's configuration.
fn codegen_toml() -> Config {
    toml::from_str(&read(&repo().join("spec/codegen.toml"))).expect("spec/codegen.toml")
}

/// The macro's arguments that ask for what `config` asks the xtask for.
fn arguments(spec: &str, config: &Config) -> TokenStream {
    let roots = &config.roots;
    let derives = &config.derives;
    let redact = config
        .redact
        .iter()
        .map(|f| format!("{}.{}", f.schema, f.property));
    let requests = &config.requests;
    let missing_refs = match config.missing_refs {
        stripe_codegen::config::MissingRefs::Error => "error",
        stripe_codegen::config::MissingRefs::Raw => "raw",
        stripe_codegen::config::MissingRefs::Id => "id",
    };
    // `[events]`: the envelope and its types (the macro has no `carries`:
    // an event type carries the resource its name less the last part
    // names, which is what spec/codegen.toml's prefix says too).
    let events = config.events.as_ref().map(|events| {
        let schema = &events.schema;
        let types = &events.types;
        quote! { events = #schema, event_types = [#(#types),*], }
    });
    quote! {
        spec = #spec,
        roots = [#(#roots),*],
        derives = [#(#derives),*],
        redact = [#(#redact),*],
        requests = [#(#requests),*],
        missing_refs = #missing_refs,
        #events
    }
}

fn expand_ok(arguments: TokenStream) -> syn::File {
    let tokens = expand::expand(arguments, manifest_dir())
        .unwrap_or_else(|e| panic!("the expansion failed: {e}"));
    syn::parse2(tokens).expect("the expansion parses as items")
}

/// The `const _: &[u8] = include_bytes!("...")` items and their paths.
fn include_bytes_paths(file: &syn::File) -> Vec<String> {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Const(c) if c.ident == "_" => match &*c.expr {
                syn::Expr::Macro(m) if m.mac.path.is_ident("include_bytes") => {
                    Some(m.mac.parse_body::<syn::LitStr>().expect("a path").value())
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn is_include_bytes(item: &syn::Item) -> bool {
    matches!(item, syn::Item::Const(c)
        if matches!(&*c.expr, syn::Expr::Macro(m) if m.mac.path.is_ident("include_bytes")))
}

/// Items as canonical token strings (formatting and comments gone), each
/// with a short name for messages, counted so that duplicates count.
fn normalized(items: impl IntoIterator<Item = syn::Item>) -> BTreeMap<String, (String, usize)> {
    let mut out: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for item in items {
        let name = describe(&item);
        let tokens = canonical(item);
        out.entry(tokens).or_insert((name, 0)).1 += 1;
    }
    out
}

/// An item's tokens in one canonical form: printed by prettyplease (as the
/// xtask prints its files) and read back. Token streams that differ only in
/// what formatting changes (trailing commas in lists broken over lines, a
/// doc comment as `#[doc = r"..."]` or `///`) come out the same; any other
/// difference stays.
fn canonical(item: syn::Item) -> String {
    let printed = prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![item],
    });
    let file = syn::parse_file(&printed).expect("prettyplease prints parseable code");
    file.items
        .iter()
        .map(|item| item.to_token_stream().to_string())
        .collect()
}

fn describe(item: &syn::Item) -> String {
    match item {
        syn::Item::Struct(s) => format!("struct {}", s.ident),
        syn::Item::Enum(e) => format!("enum {}", e.ident),
        syn::Item::Type(t) => format!("type {}", t.ident),
        syn::Item::Impl(i) => {
            let trait_ = i.trait_.as_ref().map(|(_, path, _)| {
                let path = path.to_token_stream().to_string();
                format!("{path} for ")
            });
            format!(
                "impl {}{}",
                trait_.unwrap_or_default(),
                i.self_ty.to_token_stream()
            )
        }
        other => other
            .to_token_stream()
            .to_string()
            .chars()
            .take(80)
            .collect(),
    }
}

/// The items of every `.rs` file of the checked-in crates, without `use`
/// lines, `mod` declarations (the crates' layout, which the one-module
/// expansion does not have) and the `json` entry points.
fn checked_in_items() -> Vec<syn::Item> {
    let mut items = Vec::new();
    let mut files = 0;
    let mut api_version_seen = false;
    let generated = repo().join("generated");
    let mut crates: Vec<PathBuf> = std::fs::read_dir(&generated)
        .expect("generated/")
        .map(|e| e.expect("a directory entry").path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    crates.sort();
    for src in crates {
        for entry in std::fs::read_dir(&src).expect("a src directory") {
            let path = entry.expect("a directory entry").path();
            if path.extension().is_some_and(|e| e == "rs") {
                files += 1;
                let file = syn::parse_file(&read(&path))
                    .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
                items.extend(
                    file.items
                        .into_iter()
                        .filter(|item| {
                            !matches!(item, syn::Item::Use(_))
                                && !matches!(item, syn::Item::Mod(m) if m.content.is_none())
                        })
                        // Every crate says its `API_VERSION`; the one module once.
                        .filter(|item| {
                            let version =
                                matches!(item, syn::Item::Const(c) if c.ident == "API_VERSION");
                            !version || !std::mem::replace(&mut api_version_seen, true)
                        })
                        .filter_map(without_json),
                );
            }
        }
    }
    assert!(files > 3, "found only {files} files under generated/");
    items
}

/// Where the first item both sides have under one name differs.
fn first_difference(
    from_macro: &BTreeMap<String, (String, usize)>,
    checked_in: &BTreeMap<String, (String, usize)>,
) -> String {
    for (a, (name, _)) in from_macro {
        if checked_in.contains_key(a) {
            continue;
        }
        let Some(b) = checked_in
            .iter()
            .find(|(b, (other, _))| other == name && !from_macro.contains_key(*b))
            .map(|(b, _)| b)
        else {
            continue;
        };
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let at = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let around = |s: &[char]| -> String {
            s[at.saturating_sub(80)..(at + 80).min(s.len())]
                .iter()
                .collect()
        };
        return format!(
            "\n  first difference, in `{name}`:\n    macro:      ...{}...\n    generated/: ...{}...",
            around(&a),
            around(&b)
        );
    }
    String::new()
}

/// Whether an item is behind the crates' `json` feature.
fn json_gated(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.meta
                .require_list()
                .is_ok_and(|l| l.tokens.to_string() == "feature = \"json\"")
    })
}

/// Whether an item is `stripe_types::__if_json! { ... }`: items behind
/// `stripe-types`' `json` feature.
fn is_if_json(item: &syn::Item) -> bool {
    matches!(item, syn::Item::Macro(m)
        if m.mac.path.segments.last().is_some_and(|s| s.ident == "__if_json"))
}

/// The item without what the crates put behind their `json` feature (the
/// JSON readers, `from_json`/`to_json`), at the top or inside a `const _`
/// block: the macro leaves them out, since in the user's crate they would
/// save nothing.
fn without_json(item: syn::Item) -> Option<syn::Item> {
    let attrs = match &item {
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Const(c) => &c.attrs,
        syn::Item::Macro(m) => &m.attrs,
        _ => return Some(item),
    };
    if json_gated(attrs) || is_if_json(&item) {
        return None;
    }
    // An operation's `parse` comes twice, through serde without the
    // feature and through the types' readers with it: keep the first,
    // as the macro writes it.
    if let syn::Item::Impl(mut block) = item {
        block
            .items
            .retain(|i| !matches!(i, syn::ImplItem::Fn(f) if json_gated(&f.attrs)));
        for i in &mut block.items {
            if let syn::ImplItem::Fn(f) = i {
                f.attrs.retain(|a| {
                    !(a.path().is_ident("cfg")
                        && a.meta
                            .require_list()
                            .is_ok_and(|l| l.tokens.to_string() == "not (feature = \"json\")"))
                });
            }
        }
        return Some(syn::Item::Impl(block));
    }
    let syn::Item::Const(mut constant) = item else {
        return Some(item);
    };
    if let syn::Expr::Block(block) = &mut *constant.expr {
        block.block.stmts.retain(|stmt| match stmt {
            syn::Stmt::Item(syn::Item::Const(c)) => !json_gated(&c.attrs),
            syn::Stmt::Item(syn::Item::Impl(i)) => !json_gated(&i.attrs),
            _ => true,
        });
    }
    Some(syn::Item::Const(constant))
}

/// A struct's `stripe_types::object!` as the crates call it: the macro
/// asks for the serde impls only (`serde_only`), the crates for the JSON
/// reader and writer too, behind their `json` feature.
fn with_json(item: syn::Item) -> syn::Item {
    let syn::Item::Macro(mut m) = item else {
        return item;
    };
    let mut tokens = m.mac.tokens.clone().into_iter().peekable();
    if tokens
        .peek()
        .is_some_and(|t| matches!(t, proc_macro2::TokenTree::Ident(i) if i == "serde_only"))
    {
        tokens.next();
        m.mac.tokens = tokens.collect();
    }
    syn::Item::Macro(m)
}

#[test]
fn the_expansion_has_the_items_of_the_checked_in_crates() {
    let config = codegen_toml();
    let expansion = expand_ok(arguments(&pinned_spec(), &config));
    assert_eq!(include_bytes_paths(&expansion).len(), 1);
    let from_macro = normalized(
        expansion
            .items
            .into_iter()
            .filter(|item| !is_include_bytes(item))
            .map(with_json),
    );
    let checked_in = normalized(checked_in_items());

    let differ = |a: &BTreeMap<String, (String, usize)>, b: &BTreeMap<String, (String, usize)>| {
        a.iter()
            .filter(|(tokens, (_, n))| b.get(*tokens).map(|(_, m)| m) != Some(n))
            .map(|(_, (name, _))| name.clone())
            .collect::<Vec<_>>()
    };
    let only_macro = differ(&from_macro, &checked_in);
    let only_checked_in = differ(&checked_in, &from_macro);
    assert!(
        only_macro.is_empty() && only_checked_in.is_empty(),
        "the macro and generated/ differ (run `cargo xtask generate` if the generator \
         changed):\n  only from the macro: {only_macro:?}\n  only in generated/: \
         {only_checked_in:?}{}",
        first_difference(&from_macro, &checked_in)
    );
    let count: usize = from_macro.values().map(|(_, n)| n).sum();
    assert!(
        count > 50,
        "only {count} items: the identity roots have more"
    );
}

#[test]
fn the_expansion_includes_the_spec_so_that_editing_it_rebuilds() {
    let spec = pinned_spec();
    let expansion = expand_ok(quote! { spec = #spec, roots = ["address"] });
    let canonical = manifest_dir().join(&spec).canonicalize().expect("the spec");
    assert_eq!(
        include_bytes_paths(&expansion),
        [canonical.to_str().expect("a UTF-8 path")]
    );
    assert!(Path::new(&include_bytes_paths(&expansion)[0]).is_absolute());
}

#[test]
fn extra_derives_and_redactions_reach_the_items() {
    let spec = pinned_spec();
    let plain = expand_ok(quote! { spec = #spec, roots = ["address"] });
    let with = expand_ok(quote! {
        spec = #spec,
        roots = ["address"],
        derives = ["Eq", "Hash"],
        redact = ["address.line1"],
    });
    let derive_of = |file: &syn::File| -> Vec<String> {
        file.items
            .iter()
            .find_map(|item| match item {
                syn::Item::Struct(s) if s.ident == "Address" => Some(
                    s.attrs
                        .iter()
                        .filter(|a| a.path().is_ident("derive"))
                        .flat_map(|a| {
                            a.parse_args_with(
                                syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
                            )
                            .expect("a derive list")
                        })
                        .map(|p| p.to_token_stream().to_string())
                        .collect(),
                ),
                _ => None,
            })
            .expect("struct Address")
    };
    assert!(
        !derive_of(&plain).contains(&"Eq".to_string()),
        "{:?}",
        derive_of(&plain)
    );
    for derive in ["Eq", "Hash"] {
        assert!(
            derive_of(&with).contains(&derive.to_string()),
            "{:?}",
            derive_of(&with)
        );
    }
    // A redacted field gets a hand-written Debug that hides it.
    let debug_impl = |file: &syn::File| {
        file.items.iter().any(|item| {
            matches!(item, syn::Item::Impl(i)
                if i.trait_.as_ref().is_some_and(|(_, p, _)| p.to_token_stream().to_string().ends_with("Debug"))
                && i.self_ty.to_token_stream().to_string() == "Address")
        })
    };
    assert!(!debug_impl(&plain));
    assert!(debug_impl(&with));
}

#[test]
fn root_patterns_select_every_matching_schema() {
    let spec = pinned_spec();
    let expansion = expand_ok(quote! { spec = #spec, roots = ["gelato_*_report"] });
    let structs: Vec<String> = expansion
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            _ => None,
        })
        .collect();
    for name in [
        "GelatoDocumentReport",
        "GelatoIdNumberReport",
        "GelatoSelfieReport",
    ] {
        assert!(structs.iter().any(|s| s == name), "{name} in {structs:?}");
    }
}

#[test]
fn errors_name_what_to_fix() {
    let spec = pinned_spec();
    let error = |arguments: TokenStream| match expand::expand(arguments, manifest_dir()) {
        Ok(_) => panic!("expanded"),
        Err(e) => e.to_string(),
    };
    let e = error(quote! { spec = #spec, roots = ["identity.verification_sesion"] });
    assert!(
        e.contains("no schema `identity.verification_sesion`")
            && e.contains("identity.verification_session"),
        "{e}"
    );
    let e = error(quote! { spec = #spec, roots = ["address"], redact = ["address.postal_cod"] });
    assert!(
        e.contains("no property `postal_cod`") && e.contains("postal_code"),
        "{e}"
    );
    let e = error(quote! { roots = ["address"] });
    assert!(e.starts_with("missing `spec = \"PATH\"`"), "{e}");
    let e = error(quote! { spec = #spec });
    assert!(e.starts_with("missing `roots = ["), "{e}");
    let e = error(quote! { spec = #spec, roots = [] });
    assert!(e.contains("no root schema given"), "{e}");
}
