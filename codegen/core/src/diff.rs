//! What changed between two spec versions, in the Rust types users see.
//!
//! Both specs are resolved with the same roots (those of the configuration
//! the crates are generated with, or every schema); the two type spaces
//! are then compared type by type (matched by Rust name) and field by field
//! (matched by JSON key). Field types are shown as they appear in the
//! generated structs, optionality included (`T` -> `Option<T>`), so the
//! changelog says what breaks in user code. A type that only refers to a
//! changed type is not itself listed as changed: the change is reported
//! once, on the type that has it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::config::Config;
use crate::error::{schema_pointer, Error};
use crate::ir::{Field, Presence, Ty, TypeDef, TypeKind, TypeSpace};
use crate::spec::Spec;

/// The changes between two specs. Serialized as is by `cargo xtask diff
/// --json`; the field names and `change` tags are the stable shape.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Diff {
    /// The version of this JSON shape: [`Diff::FORMAT`]. It changes only
    /// when a field is removed or changes meaning (new fields may appear).
    pub format: u32,
    /// `info.version` of the old spec.
    pub old_version: String,
    /// `info.version` of the new spec.
    pub new_version: String,
    /// Component schemas only the new spec has, by name.
    pub schemas_added: Vec<SchemaEntry>,
    /// Component schemas only the old spec has, by name.
    pub schemas_removed: Vec<SchemaEntry>,
    /// Types (inline ones, of schemas both specs have) only the new spec
    /// gives.
    pub types_added: Vec<TypeEntry>,
    /// Types (inline ones, of schemas both specs have) only the old spec
    /// gave.
    pub types_removed: Vec<TypeEntry>,
    /// Types both specs give, with what changed in each.
    pub types_changed: Vec<TypeChanges>,
}

/// A component schema and the Rust types it becomes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SchemaEntry {
    /// The schema's name, such as `customer`.
    pub schema: String,
    /// The Rust types generated for it (empty when it is only another type
    /// under a name), such as `["Customer", "CustomerId", ...]`.
    pub types: Vec<String>,
}

/// One generated type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TypeEntry {
    /// The Rust name.
    pub name: String,
    /// The component schema it is generated in.
    pub schema: String,
    /// JSON pointer of the schema it comes from.
    pub pointer: String,
}

/// The changes to one type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TypeChanges {
    /// The Rust name.
    pub name: String,
    /// The component schema it is generated in.
    pub schema: String,
    /// JSON pointer of the schema it comes from (in the new spec).
    pub pointer: String,
    /// What changed, fields in the new spec's order.
    pub changes: Vec<Change>,
}

/// One change to a type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// A struct field is new.
    FieldAdded {
        /// The Rust field name.
        field: String,
        /// The JSON key.
        json: String,
        /// The field's Rust type.
        #[serde(rename = "type")]
        ty: String,
    },
    /// A struct field is gone.
    FieldRemoved {
        /// The Rust field name.
        field: String,
        /// The JSON key.
        json: String,
        /// The field's Rust type before.
        #[serde(rename = "type")]
        ty: String,
    },
    /// A struct field's Rust type changed.
    FieldChanged {
        /// The Rust field name (in the new spec).
        field: String,
        /// The JSON key.
        json: String,
        /// The Rust type before.
        old_type: String,
        /// The Rust type now.
        new_type: String,
        /// Whether the `Option` layers changed (required or nullable).
        optionality: bool,
        /// Whether the type inside the `Option` layers changed.
        inner_type: bool,
        /// Required and nullable, before.
        old_presence: Presence,
        /// Required and nullable, now.
        new_presence: Presence,
    },
    /// A string enum has a new value.
    ValueAdded {
        /// The value on the wire.
        value: String,
        /// The Rust variant.
        variant: String,
    },
    /// A string enum lost a value (it now lands in the fallback variant).
    ValueRemoved {
        /// The value on the wire.
        value: String,
        /// The Rust variant it had.
        variant: String,
    },
    /// A union has a new member.
    MemberAdded {
        /// The Rust variant.
        variant: String,
        /// The member's type.
        #[serde(rename = "type")]
        ty: String,
    },
    /// A union lost a member.
    MemberRemoved {
        /// The Rust variant.
        variant: String,
        /// The member's type.
        #[serde(rename = "type")]
        ty: String,
    },
    /// The type became another kind of type (a struct became an enum...).
    KindChanged {
        /// `struct`, `enum`, `union` or `id`.
        old: String,
        /// `struct`, `enum`, `union` or `id`.
        new: String,
    },
}

/// Resolves the roots of `config` (and what they reference) in both specs
/// and compares the types: what the crates generated with `config` gain
/// and lose. The specs may be whole files or excerpts; a `$ref` that points
/// outside a spec is an error only where the roots reach it.
pub fn diff_specs(old_json: &str, new_json: &str, config: &Config) -> Result<Diff, Error> {
    let old = Spec::parse(old_json)?;
    let new = Spec::parse(new_json)?;
    let old_space = crate::resolve::resolve(&old, config)?;
    let new_space = crate::resolve::resolve(&new, config)?;
    Ok(diff(&old_space, &new_space))
}

/// [`diff_specs`] over every schema of both specs.
pub fn diff_all(old_json: &str, new_json: &str) -> Result<Diff, Error> {
    diff_specs(
        old_json,
        new_json,
        &Config::single_crate("stripe", vec!["*".into()]),
    )
}

/// Compares two type spaces; schemas are those each resolved.
pub fn diff(old: &TypeSpace, new: &TypeSpace) -> Diff {
    let old_set: BTreeSet<&str> = old.schemas.iter().map(String::as_str).collect();
    let new_set: BTreeSet<&str> = new.schemas.iter().map(String::as_str).collect();
    let schema_entry = |space: &TypeSpace, schema: &str| SchemaEntry {
        schema: schema.to_string(),
        types: space
            .types
            .iter()
            .filter(|t| t.home == schema && t.pointer == schema_pointer(schema))
            .map(|t| t.name.clone())
            .collect(),
    };
    let schemas_added = new_set
        .difference(&old_set)
        .map(|s| schema_entry(new, s))
        .collect();
    let schemas_removed = old_set
        .difference(&new_set)
        .map(|s| schema_entry(old, s))
        .collect();

    let by_name = |space: &TypeSpace, others: &BTreeSet<&str>| -> BTreeMap<String, usize> {
        space
            .types
            .iter()
            .enumerate()
            // Types of schemas one side lacks are listed with the schema.
            .filter(|(_, t)| others.contains(t.home.as_str()))
            .map(|(i, t)| (t.name.clone(), i))
            .collect()
    };
    let old_types = by_name(old, &new_set);
    let new_types = by_name(new, &old_set);
    let entry = |t: &TypeDef| TypeEntry {
        name: t.name.clone(),
        schema: t.home.clone(),
        pointer: t.pointer.clone(),
    };
    let mut out = Diff {
        format: Diff::FORMAT,
        old_version: old.spec_version.clone(),
        new_version: new.spec_version.clone(),
        schemas_added,
        schemas_removed,
        ..Diff::default()
    };
    for (name, &i) in &new_types {
        match old_types.get(name) {
            None => out.types_added.push(entry(&new.types[i])),
            Some(&j) => {
                let changes = type_changes(old, &old.types[j], new, &new.types[i]);
                if !changes.is_empty() {
                    let t = &new.types[i];
                    out.types_changed.push(TypeChanges {
                        name: t.name.clone(),
                        schema: t.home.clone(),
                        pointer: t.pointer.clone(),
                        changes,
                    });
                }
            }
        }
    }
    for (name, &j) in &old_types {
        if !new_types.contains_key(name) {
            out.types_removed.push(entry(&old.types[j]));
        }
    }
    out
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(_) => "union",
        TypeKind::Id(_) => "id",
    }
}

fn type_changes(old: &TypeSpace, a: &TypeDef, new: &TypeSpace, b: &TypeDef) -> Vec<Change> {
    let mut changes = Vec::new();
    match (&a.kind, &b.kind) {
        (TypeKind::Struct(x), TypeKind::Struct(y)) => {
            let before: BTreeMap<&str, &Field> =
                x.fields.iter().map(|f| (f.wire_name.as_str(), f)).collect();
            let after: BTreeSet<&str> = y.fields.iter().map(|f| f.wire_name.as_str()).collect();
            for f in &y.fields {
                let new_type = field_type(new, f);
                match before.get(f.wire_name.as_str()) {
                    None => changes.push(Change::FieldAdded {
                        field: f.rust_name.clone(),
                        json: f.wire_name.clone(),
                        ty: new_type,
                    }),
                    Some(g) => {
                        let old_type = field_type(old, g);
                        if old_type != new_type || g.rust_name != f.rust_name {
                            let inner = render(old, &g.ty) != render(new, &f.ty);
                            changes.push(Change::FieldChanged {
                                field: f.rust_name.clone(),
                                json: f.wire_name.clone(),
                                old_type,
                                new_type,
                                optionality: g.presence != f.presence,
                                inner_type: inner || g.boxed != f.boxed,
                                old_presence: g.presence,
                                new_presence: f.presence,
                            });
                        }
                    }
                }
            }
            for g in &x.fields {
                if !after.contains(g.wire_name.as_str()) {
                    changes.push(Change::FieldRemoved {
                        field: g.rust_name.clone(),
                        json: g.wire_name.clone(),
                        ty: field_type(old, g),
                    });
                }
            }
        }
        (TypeKind::Enum(x), TypeKind::Enum(y)) => {
            let before: BTreeSet<&str> = x.variants.iter().map(|v| v.wire_name.as_str()).collect();
            let after: BTreeSet<&str> = y.variants.iter().map(|v| v.wire_name.as_str()).collect();
            for v in &y.variants {
                if !before.contains(v.wire_name.as_str()) {
                    changes.push(Change::ValueAdded {
                        value: v.wire_name.clone(),
                        variant: v.rust_name.clone(),
                    });
                }
            }
            for v in &x.variants {
                if !after.contains(v.wire_name.as_str()) {
                    changes.push(Change::ValueRemoved {
                        value: v.wire_name.clone(),
                        variant: v.rust_name.clone(),
                    });
                }
            }
        }
        (TypeKind::Union(x), TypeKind::Union(y)) => {
            let member = |space: &TypeSpace, v: &crate::ir::UnionVariant| {
                (v.rust_name.clone(), space.get(v.ty).name.clone())
            };
            let before: BTreeSet<(String, String)> =
                x.variants.iter().map(|v| member(old, v)).collect();
            let after: BTreeSet<(String, String)> =
                y.variants.iter().map(|v| member(new, v)).collect();
            for v in &y.variants {
                let (variant, ty) = member(new, v);
                if !before.contains(&(variant.clone(), ty.clone())) {
                    changes.push(Change::MemberAdded { variant, ty });
                }
            }
            for v in &x.variants {
                let (variant, ty) = member(old, v);
                if !after.contains(&(variant.clone(), ty.clone())) {
                    changes.push(Change::MemberRemoved { variant, ty });
                }
            }
        }
        (TypeKind::Id(x), TypeKind::Id(y)) => {
            if old.get(*x).name != new.get(*y).name {
                changes.push(Change::KindChanged {
                    old: format!("id of {}", old.get(*x).name),
                    new: format!("id of {}", new.get(*y).name),
                });
            }
        }
        (x, y) => changes.push(Change::KindChanged {
            old: kind_name(x).into(),
            new: kind_name(y).into(),
        }),
    }
    changes
}

/// A field's Rust type as the generated struct spells it.
pub fn field_type(space: &TypeSpace, field: &Field) -> String {
    crate::emit::type_text(&crate::emit::field_type(space, field))
}

/// A value's Rust type as the generated code spells it.
pub fn render(space: &TypeSpace, ty: &Ty) -> String {
    crate::emit::type_text(&crate::emit::ty(space, ty))
}

impl Diff {
    /// The current version of the JSON shape.
    pub const FORMAT: u32 = 1;

    /// Whether the two specs give the same types.
    pub fn is_empty(&self) -> bool {
        self.schemas_added.is_empty()
            && self.schemas_removed.is_empty()
            && self.types_added.is_empty()
            && self.types_removed.is_empty()
            && self.types_changed.is_empty()
    }

    /// The changes of the type with this Rust name, if it changed.
    pub fn changes_of(&self, name: &str) -> Option<&[Change]> {
        self.types_changed
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.changes.as_slice())
    }
}

/// The plain-text changelog: one section per kind of change, one line per
/// change, `+` added, `-` removed, `~` changed.
impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Stripe API {} -> {}", self.old_version, self.new_version)?;
        if self.is_empty() {
            return writeln!(f, "\nNo changes to the generated types.");
        }
        let schemas =
            |f: &mut fmt::Formatter<'_>, title: &str, sign: char, list: &[SchemaEntry]| {
                if list.is_empty() {
                    return Ok(());
                }
                writeln!(f, "\n{title} ({}):", list.len())?;
                for s in list {
                    let types = if s.types.is_empty() {
                        "(no type of its own)".to_string()
                    } else {
                        s.types.join(", ")
                    };
                    writeln!(f, "  {sign} {}: {types}", s.schema)?;
                }
                Ok(())
            };
        schemas(f, "Schemas added", '+', &self.schemas_added)?;
        schemas(f, "Schemas removed", '-', &self.schemas_removed)?;
        let types = |f: &mut fmt::Formatter<'_>, title: &str, sign: char, list: &[TypeEntry]| {
            if list.is_empty() {
                return Ok(());
            }
            writeln!(f, "\n{title} ({}):", list.len())?;
            for t in list {
                writeln!(f, "  {sign} {} ({})", t.name, t.pointer)?;
            }
            Ok(())
        };
        types(f, "Types added", '+', &self.types_added)?;
        types(f, "Types removed", '-', &self.types_removed)?;
        if !self.types_changed.is_empty() {
            writeln!(f, "\nTypes changed ({}):", self.types_changed.len())?;
            for t in &self.types_changed {
                writeln!(f, "  {} ({})", t.name, t.pointer)?;
                for c in &t.changes {
                    writeln!(f, "    {}", c)?;
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = |field: &str, json: &str| {
            let mut s = field.to_string();
            if field != json {
                let _ = write!(s, " (\"{json}\")");
            }
            s
        };
        match self {
            Change::FieldAdded { field, json, ty } => write!(f, "+ {}: {ty}", key(field, json)),
            Change::FieldRemoved { field, json, ty } => {
                write!(f, "- {}: {ty}", key(field, json))
            }
            Change::FieldChanged {
                field,
                json,
                old_type,
                new_type,
                ..
            } => {
                write!(
                    f,
                    "~ {}: {old_type} -> {new_type} ({})",
                    key(field, json),
                    self.what_changed().unwrap_or_default()
                )
            }
            Change::ValueAdded { value, variant } => write!(f, "+ value \"{value}\" ({variant})"),
            Change::ValueRemoved { value, variant } => {
                write!(f, "- value \"{value}\" ({variant})")
            }
            Change::MemberAdded { variant, ty } => write!(f, "+ member {variant}({ty})"),
            Change::MemberRemoved { variant, ty } => write!(f, "- member {variant}({ty})"),
            Change::KindChanged { old, new } => write!(f, "~ kind: {old} -> {new}"),
        }
    }
}

impl Change {
    /// For a changed field: what changed, in words (`now required, no
    /// longer nullable`, `type`, ...).
    pub fn what_changed(&self) -> Option<String> {
        let Change::FieldChanged {
            inner_type,
            old_presence,
            new_presence,
            ..
        } = self
        else {
            return None;
        };
        let mut parts = Vec::new();
        match (old_presence.required(), new_presence.required()) {
            (false, true) => parts.push("now required"),
            (true, false) => parts.push("now optional"),
            _ => {}
        }
        match (old_presence.nullable(), new_presence.nullable()) {
            (false, true) => parts.push("now nullable"),
            (true, false) => parts.push("no longer nullable"),
            _ => {}
        }
        if *inner_type {
            parts.push("type");
        }
        if parts.is_empty() {
            parts.push("name");
        }
        Some(parts.join(", "))
    }

    /// One Markdown list item.
    fn markdown(&self) -> String {
        let key = |field: &str, json: &str| {
            if field == json {
                format!("`{field}`")
            } else {
                format!("`{field}` (`\"{json}\"`)")
            }
        };
        match self {
            Change::FieldAdded { field, json, ty } => {
                format!("added field {}: `{ty}`", key(field, json))
            }
            Change::FieldRemoved { field, json, ty } => {
                format!("removed field {}: `{ty}`", key(field, json))
            }
            Change::FieldChanged {
                field,
                json,
                old_type,
                new_type,
                ..
            } => format!(
                "changed field {}: `{old_type}` -> `{new_type}` ({})",
                key(field, json),
                self.what_changed().unwrap_or_default()
            ),
            Change::ValueAdded { value, variant } => {
                format!("added value `\"{value}\"` (`{variant}`)")
            }
            Change::ValueRemoved { value, variant } => format!(
                "removed value `\"{value}\"` (was `{variant}`; it now comes as the fallback variant)"
            ),
            Change::MemberAdded { variant, ty } => format!("added member `{variant}({ty})`"),
            Change::MemberRemoved { variant, ty } => {
                format!("removed member `{variant}({ty})`")
            }
            Change::KindChanged { old, new } => format!("became a {new} (was a {old})"),
        }
    }
}

impl Diff {
    /// The changelog section for the new version, in Markdown: a `##`
    /// heading with the API version, the crate version, then one list per
    /// kind of change, by the Rust names users grep for.
    pub fn changelog_section(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "## {}\n", self.new_version);
        let _ = writeln!(
            out,
            "Crate version {}, generated from Stripe API version {}; the changes since {}.",
            crate::emit::crates::crate_version(&self.new_version),
            self.new_version,
            self.old_version
        );
        if self.is_empty() {
            out.push_str("\nNo changes to the generated types.\n");
            return out;
        }
        let schemas = |out: &mut String, title: &str, list: &[SchemaEntry]| {
            if list.is_empty() {
                return;
            }
            let _ = writeln!(out, "\n### {title} ({})\n", list.len());
            for s in list {
                let types: Vec<String> = s.types.iter().map(|t| format!("`{t}`")).collect();
                let types = if types.is_empty() {
                    "no type of its own".to_string()
                } else {
                    types.join(", ")
                };
                let _ = writeln!(out, "- `{}`: {types}", s.schema);
            }
        };
        schemas(&mut out, "Schemas added", &self.schemas_added);
        schemas(&mut out, "Schemas removed", &self.schemas_removed);
        let types = |out: &mut String, title: &str, list: &[TypeEntry]| {
            if list.is_empty() {
                return;
            }
            let _ = writeln!(out, "\n### {title} ({})\n", list.len());
            for t in list {
                let _ = writeln!(out, "- `{}` (`{}`)", t.name, t.pointer);
            }
        };
        types(&mut out, "Types added", &self.types_added);
        types(&mut out, "Types removed", &self.types_removed);
        if !self.types_changed.is_empty() {
            let _ = writeln!(out, "\n### Types changed ({})", self.types_changed.len());
            for t in &self.types_changed {
                let _ = writeln!(out, "\n#### `{}`\n", t.name);
                let _ = writeln!(out, "`{}`\n", t.pointer);
                for c in &t.changes {
                    let _ = writeln!(out, "- {}", c.markdown());
                }
            }
        }
        out
    }
}
