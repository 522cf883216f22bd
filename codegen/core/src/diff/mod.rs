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

use serde::Serialize;

use crate::config::Config;
use crate::error::{schema_pointer, Error};
use crate::ir::{
    Field, Presence, StringEnum, Struct, Ty, TypeDef, TypeKind, TypeSpace, Union, UnionVariant,
};

mod render;
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
    let mut old = Spec::parse(old_json)?;
    let new = Spec::parse(new_json)?;
    if config.missing_refs != crate::config::MissingRefs::Error {
        // The new spec is an excerpt: the old one is compared as cut the
        // same way, so schemas the excerpt leaves out do not read as
        // removed.
        old = old.only(|name| new.contains(name));
    }
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
        TypeKind::Operation(_) => "operation",
        TypeKind::Params(_) => "parameters",
        TypeKind::ParamEnum(_) => "parameter enum",
        TypeKind::ParamUnion(_) => "parameter union",
    }
}

/// Parameters added and removed (by wire name), for operations and
/// parameter objects.
fn param_changes(
    old: &TypeSpace,
    x: &[crate::ir::Param],
    new: &TypeSpace,
    y: &[crate::ir::Param],
) -> Vec<Change> {
    let text = |space: &TypeSpace, p: &crate::ir::Param| {
        let t = crate::emit::type_text(&crate::emit::ty(space, &p.ty));
        if p.required {
            t
        } else {
            format!("Option<{t}>")
        }
    };
    let mut changes = Vec::new();
    for p in y {
        if !x.iter().any(|q| q.wire_name == p.wire_name) {
            changes.push(Change::FieldAdded {
                field: p.rust_name.clone(),
                json: p.wire_name.clone(),
                ty: text(new, p),
            });
        }
    }
    for q in x {
        if !y.iter().any(|p| p.wire_name == q.wire_name) {
            changes.push(Change::FieldRemoved {
                field: q.rust_name.clone(),
                json: q.wire_name.clone(),
                ty: text(old, q),
            });
        }
    }
    changes
}

fn type_changes(old: &TypeSpace, a: &TypeDef, new: &TypeSpace, b: &TypeDef) -> Vec<Change> {
    match (&a.kind, &b.kind) {
        (TypeKind::Struct(x), TypeKind::Struct(y)) => field_changes(old, x, new, y),
        (TypeKind::Enum(x), TypeKind::Enum(y)) => value_changes(x, y),
        (TypeKind::Union(x), TypeKind::Union(y)) => member_changes(old, x, new, y),
        (TypeKind::Id(x), TypeKind::Id(y)) if old.get(*x).name != new.get(*y).name => {
            vec![Change::KindChanged {
                old: format!("id of {}", old.get(*x).name),
                new: format!("id of {}", new.get(*y).name),
            }]
        }
        (TypeKind::Id(_), TypeKind::Id(_)) => Vec::new(),
        (TypeKind::Operation(x), TypeKind::Operation(y)) => {
            param_changes(old, &x.params, new, &y.params)
        }
        (TypeKind::Params(x), TypeKind::Params(y)) => param_changes(old, x, new, y),
        (TypeKind::ParamEnum(x), TypeKind::ParamEnum(y)) => {
            let wrap = |v: &[crate::ir::Variant]| StringEnum {
                variants: v.to_vec(),
                fallback: String::new(),
            };
            value_changes(&wrap(x), &wrap(y))
        }
        (TypeKind::ParamUnion(_), TypeKind::ParamUnion(_)) => Vec::new(),
        (x, y) => vec![Change::KindChanged {
            old: kind_name(x).into(),
            new: kind_name(y).into(),
        }],
    }
}

/// Fields added, changed (in the new spec's order), then removed.
fn field_changes(old: &TypeSpace, x: &Struct, new: &TypeSpace, y: &Struct) -> Vec<Change> {
    let mut changes = Vec::new();
    let before: BTreeMap<&str, &Field> =
        x.fields.iter().map(|f| (f.wire_name.as_str(), f)).collect();
    let after: BTreeSet<&str> = y.fields.iter().map(|f| f.wire_name.as_str()).collect();
    for f in &y.fields {
        let new_type = field_type(new, f);
        let Some(g) = before.get(f.wire_name.as_str()) else {
            changes.push(Change::FieldAdded {
                field: f.rust_name.clone(),
                json: f.wire_name.clone(),
                ty: new_type,
            });
            continue;
        };
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
    for g in x
        .fields
        .iter()
        .filter(|g| !after.contains(g.wire_name.as_str()))
    {
        changes.push(Change::FieldRemoved {
            field: g.rust_name.clone(),
            json: g.wire_name.clone(),
            ty: field_type(old, g),
        });
    }
    changes
}

/// Enum values added, then removed.
fn value_changes(x: &StringEnum, y: &StringEnum) -> Vec<Change> {
    let before: BTreeSet<&str> = x.variants.iter().map(|v| v.wire_name.as_str()).collect();
    let after: BTreeSet<&str> = y.variants.iter().map(|v| v.wire_name.as_str()).collect();
    let added = y
        .variants
        .iter()
        .filter(|v| !before.contains(v.wire_name.as_str()))
        .map(|v| Change::ValueAdded {
            value: v.wire_name.clone(),
            variant: v.rust_name.clone(),
        });
    let removed = x
        .variants
        .iter()
        .filter(|v| !after.contains(v.wire_name.as_str()))
        .map(|v| Change::ValueRemoved {
            value: v.wire_name.clone(),
            variant: v.rust_name.clone(),
        });
    added.chain(removed).collect()
}

/// Union members added, then removed.
fn member_changes(old: &TypeSpace, x: &Union, new: &TypeSpace, y: &Union) -> Vec<Change> {
    let member =
        |space: &TypeSpace, v: &UnionVariant| (v.rust_name.clone(), space.get(v.ty).name.clone());
    let before: BTreeSet<(String, String)> = x.variants.iter().map(|v| member(old, v)).collect();
    let after: BTreeSet<(String, String)> = y.variants.iter().map(|v| member(new, v)).collect();
    let added = y
        .variants
        .iter()
        .map(|v| member(new, v))
        .filter(|m| !before.contains(m))
        .map(|(variant, ty)| Change::MemberAdded { variant, ty });
    let removed = x
        .variants
        .iter()
        .map(|v| member(old, v))
        .filter(|m| !after.contains(m))
        .map(|(variant, ty)| Change::MemberRemoved { variant, ty });
    added.chain(removed).collect()
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
