//! What the resolver asks of one schema or `anyOf` branch.
//!
//! Takes a parsed schema (or branch, or node); gives a fact about it: the
//! members of a union of objects, whether a branch is a plain string or
//! the `enum: [""]` that marks an unsettable value, a one-value enum's
//! value, whether an object has a string `id`, its documentation.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use crate::spec::closure::{ref_target, Node};

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

pub(super) fn doc_of(schema: &Schema) -> Option<String> {
    let data = &schema.schema_data;
    data.description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .or(data.title.as_deref().filter(|t| !t.trim().is_empty()))
        .map(str::to_string)
}
