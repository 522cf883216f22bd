//! IR + placement -> the crates' files, before formatting: `Cargo.toml`
//! and `rustfmt.toml` as text, `lib.rs` and one module per home schema as
//! Rust tokens (each module's `use` lines bring the types of other modules
//! and crates into scope).
//!
//! Takes the type space and its [`Placement`]; gives a [`Plan`], whose
//! files [`crate::output`] formats.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Ty, TypeId, TypeKind, TypeSpace};
use crate::placement::{crate_ident, Module, Placement};

/// How the crates refer to the world outside them.
#[derive(Clone, Debug, Default)]
pub struct LayoutOptions {
    /// The `stripe-types` runtime crate, as a path dependency relative to
    /// each generated crate's directory (or absolute).
    pub runtime_path: String,
    /// The command that regenerates the files, for their header.
    pub command: String,
    /// The configuration file the crates come from (`spec/codegen.toml`),
    /// for their header.
    pub config: String,
    /// Also write a `Cargo.toml` that makes the output directory a
    /// workspace of its own.
    pub workspace: bool,
    /// Where the spec comes from, for the crates' documentation and
    /// metadata: a URL, such as that of `openapi/spec3.json` at a commit of
    /// stripe/openapi; `None` when it is not known.
    pub source: Option<String>,
    /// The manuals of the crates that have one (`manual` in the
    /// configuration), by crate name: the Markdown text, written into the
    /// crate as `README.md` and included in its docs.
    pub manuals: BTreeMap<String, String>,
}

/// The version of the generated crates for a Stripe API version: the major
/// is the named release (`acacia` 1, `basil` 2, ... `dahlia` 4; Stripe
/// names them in alphabetical order and only they may break the API), the
/// minor the release date, so `2026-07-29.dahlia` gives `4.20260729.0` and
/// the unnamed `2023-08-16` gives `0.20230816.0`. A version of another
/// shape gives `0.0.0`.
pub fn crate_version(api_version: &str) -> String {
    let (date, name) = match api_version.split_once('.') {
        Some((date, name)) => (date, Some(name)),
        None => (api_version, None),
    };
    let digits: String = date.split('-').collect();
    let is_date = date.len() == 10
        && date.split('-').map(str::len).eq([4, 2, 2])
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    let major = match name {
        None => Some(0),
        Some(name) => name
            .bytes()
            .next()
            .filter(|b| b.is_ascii_lowercase() && name.bytes().all(|b| b.is_ascii_lowercase()))
            .map(|b| u32::from(b - b'a') + 1),
    };
    match major {
        Some(major) if is_date => format!("{major}.{digits}.0"),
        _ => "0.0.0".to_string(),
    }
}

/// One file of the plan: its path and how its contents are made.
enum Planned {
    /// Contents known already (`Cargo.toml`, `rustfmt.toml`).
    Text(String),
    /// A crate's `src/lib.rs`: crate number, and whether it has a manual.
    Lib(usize, bool),
    /// A module: crate number and module number in that crate.
    Module(usize, usize),
}

/// The crates' files before their Rust code is emitted.
///
/// Emitting one file needs only the plan, so the files can be made on
/// several threads; emitting ([`Plan::tokens`]) and formatting are apart
/// so that they can be measured apart.
pub struct Plan<'s> {
    space: &'s TypeSpace,
    placement: &'s Placement,
    /// The header of the Rust files.
    header: String,
    /// Where the spec comes from.
    source: Option<String>,
    files: Vec<(String, Planned)>,
}

/// Lays out the crates' files: a workspace `Cargo.toml` if asked for,
/// `rustfmt.toml`, and for each crate that has types its `Cargo.toml`,
/// `src/lib.rs` and one module per home schema.
pub fn plan<'s>(
    space: &'s TypeSpace,
    placement: &'s Placement,
    options: &LayoutOptions,
) -> Plan<'s> {
    let version = &space.spec_version;
    let mut files = Vec::new();
    if options.workspace {
        let mut toml = header(version, options, "#");
        toml.push_str("\n[workspace]\nresolver = \"2\"\nmembers = [\n");
        for (k, krate) in placement.crates.iter().enumerate() {
            if !placement.modules[k].is_empty() {
                let _ = writeln!(toml, "    \"{}\",", krate.name);
            }
        }
        toml.push_str("]\n");
        files.push(("Cargo.toml".to_string(), Planned::Text(toml)));
    }
    files.push((
        "rustfmt.toml".into(),
        Planned::Text(format!(
            "{}\n# The generator formats these files itself (prettyplease); rustfmt leaves\n# them alone so that `generate --check` compares exactly.\ndisable_all_formatting = true\n",
            header(version, options, "#")
        )),
    ));
    for (k, krate) in placement.crates.iter().enumerate() {
        let modules = &placement.modules[k];
        if modules.is_empty() {
            continue;
        }
        let json = modules
            .iter()
            .flat_map(|m| &m.types)
            .any(|&id| uses_json(space, id));
        let manual = options.manuals.get(&krate.name);
        files.push((
            format!("{}/Cargo.toml", krate.name),
            Planned::Text(cargo_toml(
                space,
                placement,
                k,
                json,
                manual.is_some(),
                options,
            )),
        ));
        if let Some(text) = manual {
            let note = format!(
                "<!-- Written by `{}` from the crate's `manual` in {}: edit that file. -->\n\n",
                options.command, options.config
            );
            files.push((
                format!("{}/README.md", krate.name),
                Planned::Text(note + text),
            ));
        }
        files.push((
            format!("{}/src/lib.rs", krate.name),
            Planned::Lib(k, manual.is_some()),
        ));
        for (m, module) in modules.iter().enumerate() {
            files.push((
                format!("{}/src/{}.rs", krate.name, module.name),
                Planned::Module(k, m),
            ));
        }
    }
    Plan {
        space,
        placement,
        header: header(version, options, "//"),
        source: options.source.clone(),
        files,
    }
}

impl Plan<'_> {
    /// How many files the crates have.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are no files (never: there is always `rustfmt.toml`).
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The path of file `i`, relative to the output directory.
    pub fn path(&self, i: usize) -> &str {
        &self.files[i].0
    }

    /// The contents of file `i` if it is not Rust.
    pub fn text(&self, i: usize) -> Option<&str> {
        match &self.files[i].1 {
            Planned::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The comment lines that start every Rust file.
    pub fn header(&self) -> &str {
        &self.header
    }

    /// What file `i` holds, for messages, such as ``crate `stripe-identity` ``.
    pub fn what(&self, i: usize) -> String {
        match self.files[i].1 {
            Planned::Text(_) => self.files[i].0.clone(),
            Planned::Lib(k, _) => format!("crate `{}`", self.placement.crates[k].name),
            Planned::Module(k, m) => format!("module `{}`", self.placement.modules[k][m].name),
        }
    }

    /// The Rust tokens of file `i`; `None` for a file that is not Rust.
    pub fn tokens(&self, i: usize) -> Option<TokenStream> {
        let (space, placement) = (self.space, self.placement);
        match self.files[i].1 {
            Planned::Text(_) => None,
            Planned::Lib(k, manual) => Some(lib_tokens(
                space,
                placement,
                k,
                self.source.as_deref(),
                manual,
            )),
            Planned::Module(k, m) => {
                Some(module_tokens(space, placement, k, &placement.modules[k][m]))
            }
        }
    }
}

fn uses_json(space: &TypeSpace, id: TypeId) -> bool {
    fn json(ty: &Ty) -> bool {
        match ty {
            Ty::Json => true,
            Ty::Array(inner) | Ty::Map(inner) | Ty::Unsettable(inner) => json(inner),
            _ => false,
        }
    }
    match &space.get(id).kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| json(&f.ty)),
        TypeKind::Operation(op) => op.params.iter().any(|p| json(&p.ty)) || json(&op.error),
        TypeKind::Params(params) => params.iter().any(|p| json(&p.ty)),
        TypeKind::ParamUnion(variants) => variants
            .iter()
            .any(|v| matches!(&v.value, crate::ir::ParamValue::Of(t) if json(t))),
        _ => false,
    }
}

fn header(version: &str, options: &LayoutOptions, comment: &str) -> String {
    // A comment line stays one line whatever the path holds.
    let one_line = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect()
    };
    let (command, config) = (one_line(&options.command), one_line(&options.config));
    format!(
        "{comment} Generated by `{command}` from Stripe's OpenAPI spec (API version {version}).\n\
         {comment} Do not edit: change the generator or {config} and generate again.\n"
    )
}

fn cargo_toml(
    space: &TypeSpace,
    placement: &Placement,
    k: usize,
    json: bool,
    manual: bool,
    options: &LayoutOptions,
) -> String {
    let krate = &placement.crates[k];
    let version = crate_version(&space.spec_version);
    let mut out = header(&space.spec_version, options, "#");
    let _ = write!(
        out,
        "\n[package]\nname = \"{}\"\nversion = \"{version}\"\nedition = \"2021\"\n\
         description = {}\nlicense = \"MIT OR Apache-2.0\"\n",
        krate.name,
        toml_string(&krate.description),
    );
    if let Some(repository) = &space.repository {
        let _ = writeln!(out, "repository = {}", toml_string(repository));
    }
    if manual {
        out.push_str("readme = \"README.md\"\n");
    }
    out.push_str("publish = false\n\n[package.metadata.stripe]\n");
    let _ = writeln!(out, "api-version = {}", toml_string(&space.spec_version));
    if let Some(source) = &options.source {
        let _ = writeln!(out, "source = {}", toml_string(source));
    }
    if has_models(space, placement, k) {
        out.push_str(
            "\n[features]\n\
             # A JSON reader and writer per type (stripe-types' `json`), compiled\n\
             # here once, and `from_json`, `from_json_slice` and `to_json` on every\n\
             # resource: calling them compiles no (de)serializer in your crate.\n\
             # Off by default: they lengthen this crate's own build.\n",
        );
        let deps: Vec<String> = std::iter::once("\"stripe-types/json\"".to_string())
            .chain(
                placement.deps[k]
                    .keys()
                    .filter(|&&d| has_models(space, placement, d))
                    .map(|&d| format!("\"{}/json\"", placement.crates[d].name)),
            )
            .collect();
        let _ = writeln!(out, "json = [{}]", deps.join(", "));
    }
    out.push_str("\n[dependencies]\n");
    out.push_str("serde = { version = \"1\", default-features = false, features = [\"std\"] }\n");
    if json {
        out.push_str("serde_json = \"1\"\n");
    }
    for &d in placement.deps[k].keys() {
        let name = &placement.crates[d].name;
        let _ = writeln!(
            out,
            "{name} = {{ path = \"../{name}\", version = \"={version}\" }}"
        );
    }
    let _ = writeln!(
        out,
        "stripe-types = {{ path = {}, version = \"{RUNTIME_VERSION}\" }}",
        toml_string(&options.runtime_path)
    );
    if manual {
        // The manual's examples read JSON as most users do.
        out.push_str("\n[dev-dependencies]\nserde_json = \"1\"\n");
    }
    if has_models(space, placement, k) {
        out.push_str(
            "\n[package.metadata.docs.rs]\nfeatures = [\"json\"]\nrustdoc-args = [\"--cfg\", \"docsrs\"]\n",
        );
    }
    out
}

/// Whether crate `k` holds models (structs, enums, unions) or operations,
/// which read JSON with the types' own readers behind its `json` feature.
fn has_models(space: &TypeSpace, placement: &Placement, k: usize) -> bool {
    placement.modules[k]
        .iter()
        .flat_map(|m| &m.types)
        .any(|&id| {
            matches!(
                space.get(id).kind,
                TypeKind::Struct(_) | TypeKind::Enum(_) | TypeKind::Union(_)
            )
        })
}

/// The version of `stripe-types` the generated crates need.
const RUNTIME_VERSION: &str = "0.1";

/// A TOML basic string.
fn toml_string(value: &str) -> String {
    let mut out = String::from('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn lib_tokens(
    space: &TypeSpace,
    placement: &Placement,
    k: usize,
    source: Option<&str>,
    manual: bool,
) -> TokenStream {
    let krate = &placement.crates[k];
    let modules = &placement.modules[k];
    let title = if krate.description.is_empty() {
        " Stripe API types.".to_string()
    } else {
        format!(" {}.", krate.description.trim_end_matches('.'))
    };
    let version = format!(
        " Generated from Stripe API version `{}`, crate version {}.",
        space.spec_version,
        crate_version(&space.spec_version)
    );
    let from: Vec<String> = source
        .map(|s| format!(" The spec: <{s}>."))
        .into_iter()
        .collect();
    let scheme = [
        " The major version counts Stripe's named releases (`acacia` 1, `basil` 2,",
        " ...), the minor is the API version's date.",
    ];
    let manual = manual.then(|| {
        quote! {
            #![doc = ""]
            #![doc = include_str!("../README.md")]
        }
    });
    let doc = quote! {
        #![doc = #title]
        #![doc = ""]
        #![doc = #version]
        #(#![doc = #from])*
        #(#![doc = #scheme])*
        #manual
    };
    let mods = modules.iter().map(|m| {
        let name = format_ident!("{}", m.name);
        let exports = m
            .types
            .iter()
            .map(|&id| format_ident!("{}", space.get(id).name));
        quote! {
            mod #name;
            pub use #name::{ #(#exports),* };
        }
    });
    let api_version = super::api_version_const(space);
    quote! {
        #doc
        #![forbid(unsafe_code)]
        #![cfg_attr(docsrs, feature(doc_cfg))]
        #api_version
        #(#mods)*
    }
}

fn module_tokens(
    space: &TypeSpace,
    placement: &Placement,
    k: usize,
    module: &Module,
) -> TokenStream {
    let own: BTreeSet<TypeId> = module.types.iter().copied().collect();
    let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for &id in &module.types {
        for target in space.get(id).references() {
            if own.contains(&target) {
                continue;
            }
            let t = space.get(target);
            let owner = placement.crate_of[target.0];
            let path = if owner == k {
                "crate".to_string()
            } else {
                crate_ident(&placement.crates[owner].name)
            };
            imports.entry(path).or_default().insert(t.name.clone());
        }
    }
    let uses = imports.iter().map(|(path, names)| {
        let path = format_ident!("{}", path);
        let names = names.iter().map(|n| format_ident!("{}", n));
        quote! { use #path::{ #(#names),* }; }
    });
    let items = module
        .types
        .iter()
        .map(|&id| super::type_items(space, id, super::Target::Crate));
    quote! {
        #(#uses)*
        #(#items)*
    }
}
