//! What the resolver asks of schemas and of the finished type space: which
//! schemas expandable fields can hold, union members, string enums, docs,
//! secrets, the fields to box so that no type contains itself, and the
//! stand-ins structs are filled in place from.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use crate::error::{push_pointer, schema_pointer};
use crate::ir::{Degraded, Presence, StringEnum, Ty, TypeId, TypeKind, TypeSpace, Variant};
use crate::names::{variant_name, NameSet};
use crate::spec::closure::{children, ref_target, Node};

/// The component schemas that expandable fields (`anyOf` with
/// `x-expansionResources`) can hold when expanded.
pub(super) fn expansion_targets(
    schemas: &BTreeMap<String, ReferenceOr<Schema>>,
) -> BTreeSet<String> {
    fn walk(node: Node<'_>, pointer: &str, out: &mut BTreeSet<String>) {
        let Node::Schema(schema) = node else { return };
        if schema
            .schema_data
            .extensions
            .contains_key("x-expansionResources")
        {
            if let SchemaKind::AnyOf { any_of: v } | SchemaKind::OneOf { one_of: v } =
                &schema.schema_kind
            {
                for branch in v {
                    if let ReferenceOr::Reference { reference } = branch {
                        if let Ok(name) = ref_target(reference, pointer) {
                            out.insert(name);
                        }
                    }
                }
            }
        }
        for (child, child_pointer) in children(schema, pointer) {
            walk(child, &child_pointer, out);
        }
    }
    let mut out = BTreeSet::new();
    for (name, schema) in schemas {
        walk(Node::from(schema), &schema_pointer(name), &mut out);
    }
    out
}

/// The members of a union of objects: every branch a `$ref` (ignoring
/// `enum: [""]` branches).
pub(super) fn union_members(branches: &[ReferenceOr<Schema>]) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for b in branches {
        match b {
            ReferenceOr::Reference { reference } => out.push(ref_target(reference, "").ok()?),
            ReferenceOr::Item(_) if is_empty_string_enum(b) => {}
            ReferenceOr::Item(_) => return None,
        }
    }
    (out.len() > 1).then_some(out)
}

pub(super) fn is_plain_string(b: &ReferenceOr<Schema>) -> bool {
    matches!(b, ReferenceOr::Item(s) if matches!(&s.schema_kind, SchemaKind::Type(Type::String(t)) if t.enumeration.is_empty()))
}

pub(super) fn is_empty_string_enum(b: &ReferenceOr<Schema>) -> bool {
    matches!(b, ReferenceOr::Item(s) if matches!(&s.schema_kind,
        SchemaKind::Type(Type::String(t)) if t.enumeration.len() == 1 && t.enumeration[0].as_deref() == Some("")))
}

/// The value of a string enum with exactly one value.
pub(super) fn single_value(node: Node<'_>) -> Option<String> {
    let Node::Schema(s) = node else { return None };
    match &s.schema_kind {
        SchemaKind::Type(Type::String(t)) if t.enumeration.len() == 1 => t.enumeration[0].clone(),
        _ => None,
    }
}

pub(super) fn has_string_id(schema: &Schema) -> bool {
    let props = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => &o.properties,
        SchemaKind::Any(a) => &a.properties,
        _ => return false,
    };
    matches!(props.get("id"), Some(ReferenceOr::Item(s))
        if matches!(&s.schema_kind, SchemaKind::Type(Type::String(t)) if t.enumeration.is_empty()))
}

pub(super) fn string_enum(values: &[String]) -> StringEnum {
    let mut names = NameSet::new();
    let mut variants = Vec::new();
    let mut seen = BTreeSet::new();
    for value in values {
        if seen.insert(value.as_str()) {
            variants.push(Variant {
                wire_name: value.clone(),
                rust_name: names.claim(&variant_name(value)),
            });
        }
    }
    // Where `unknown` is a value of its own, `Unknown2` would read as a
    // second kind of unknown: the fallback says what it holds instead.
    let fallback = if names.contains("Unknown") {
        names.claim("UnknownValue")
    } else {
        names.claim("Unknown")
    };
    StringEnum { variants, fallback }
}

pub(super) fn doc_of(schema: &Schema) -> Option<String> {
    let data = &schema.schema_data;
    data.description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .or(data.title.as_deref().filter(|t| !t.trim().is_empty()))
        .map(str::to_string)
}

/// Whether a description says the value must not be logged, as Stripe's do
/// for client secrets and one-time URLs.
pub fn says_secret(description: &str) -> bool {
    let d = description.to_lowercase().replace('\u{2019}', "'");
    [
        "don't store it, log it",
        "do not store it, log it",
        "don't log it",
        "do not log it",
        "never log",
    ]
    .iter()
    .any(|p| d.contains(p))
}

/// Marks struct fields that would make a type contain itself by value, so
/// the emitter boxes them. Arrays, maps, expandables and unions already
/// hold their values behind a pointer.
pub(super) fn box_cycles(space: &mut TypeSpace) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    fn by_value(ty: &Ty) -> Option<TypeId> {
        match ty {
            Ty::Named(id) => Some(*id),
            _ => None,
        }
    }
    // Depth first, with a stack of (type, next field to look at) instead of
    // recursion: a spec can chain any number of types.
    let mut marks = vec![Mark::New; space.types.len()];
    let mut stack: Vec<(TypeId, usize)> = Vec::new();
    for i in 0..space.types.len() {
        if marks[i] != Mark::New {
            continue;
        }
        marks[i] = Mark::Active;
        stack.push((TypeId(i), 0));
        while let Some(top) = stack.last_mut() {
            let (at, field) = *top;
            let target = match &space.types[at.0].kind {
                TypeKind::Struct(s) if field < s.fields.len() => by_value(&s.fields[field].ty),
                _ => {
                    marks[at.0] = Mark::Done;
                    stack.pop();
                    continue;
                }
            };
            top.1 += 1;
            let Some(target) = target else { continue };
            match marks[target.0] {
                Mark::Active => {
                    if let TypeKind::Struct(s) = &mut space.types[at.0].kind {
                        s.fields[field].boxed = true;
                    }
                }
                Mark::New => {
                    marks[target.0] = Mark::Active;
                    stack.push((target, 0));
                }
                Mark::Done => {}
            }
        }
    }
}

/// Picks each union's stand-in member (see [`Union::placeholder`]) and
/// makes sure every struct has a finite stand-in: a struct is filled in
/// place from one, so each required field needs a value to start from. A
/// struct whose required fields lead back to it through required fields
/// alone has no finite JSON form, and no finite stand-in; such a field
/// (only a broken spec has one) is degraded to a `serde_json::Value`, with
/// a warning naming it.
pub(super) fn stand_ins(space: &mut TypeSpace) {
    const REQUIRED_CYCLE: &str = "required, and leads back to its own object through required \
        fields only: no finite JSON object has it";
    let finite = finite_order(space);
    for i in 0..space.types.len() {
        if finite[i].is_some() {
            continue;
        }
        let def = &mut space.types[i];
        let TypeKind::Struct(s) = &mut def.kind else {
            continue;
        };
        for field in &mut s.fields {
            let Ty::Named(target) = field.ty else {
                continue;
            };
            if field.presence == Presence::Required && finite[target.0].is_none() {
                field.ty = Ty::Json;
                field.boxed = false;
                let properties = push_pointer(&def.pointer, "properties");
                space.degraded.push(Degraded {
                    schema: def.home.clone(),
                    pointer: push_pointer(&properties, &field.wire_name),
                    reason: REQUIRED_CYCLE.to_string(),
                });
            }
        }
    }
    let finite = finite_order(space);
    let mut stand_in = vec![false; space.types.len()];
    for def in &mut space.types {
        match &mut def.kind {
            // The member that was found finite first: its stand-in never
            // leads back to the union.
            TypeKind::Union(u) => {
                u.placeholder = (0..u.variants.len())
                    .min_by_key(|&m| finite[u.variants[m].ty.0].unwrap_or(usize::MAX))
                    .unwrap_or(0);
            }
            TypeKind::Struct(s) => {
                for field in &s.fields {
                    if let (Ty::Named(target), Presence::Required) = (&field.ty, field.presence) {
                        stand_in[target.0] = true;
                    }
                }
            }
            _ => {}
        }
    }
    space.stand_in = stand_in;
}

/// For each type, whether it has a finite JSON form, numbered in the order
/// it was found to: every type but structs and unions first; then a struct
/// once all its required fields' types are, a union once one of its
/// members is (an open union at once). What is never found (a cycle of required fields) is `None`.
/// A stand-in built from types found earlier always ends.
fn finite_order(space: &TypeSpace) -> Vec<Option<usize>> {
    let mut finite: Vec<Option<usize>> = space
        .types
        .iter()
        .map(|def| (!matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_))).then_some(0))
        .collect();
    let mut next = 1;
    loop {
        let mut changed = false;
        for (i, def) in space.types.iter().enumerate() {
            if finite[i].is_some() {
                continue;
            }
            let now = match &def.kind {
                TypeKind::Struct(s) => s.fields.iter().all(|f| match f.ty {
                    Ty::Named(target) if f.presence == Presence::Required => {
                        finite[target.0].is_some()
                    }
                    _ => true,
                }),
                // An open union's other object can be any object, `{}`.
                TypeKind::Union(u) => {
                    u.other.is_some() || u.variants.iter().any(|v| finite[v.ty.0].is_some())
                }
                _ => true,
            };
            if now {
                finite[i] = Some(next);
                next += 1;
                changed = true;
            }
        }
        if !changed {
            return finite;
        }
    }
}
