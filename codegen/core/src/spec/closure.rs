//! The closure of a set of roots: the component schemas they reach
//! through `$ref`, each parsed once, every `$ref` on the way checked.
//!
//! Takes the spec model and the roots; gives the parsed schemas by name
//! (what [`crate::resolve`] reads). A `$ref` that points outside the spec
//! is an error only when the roots reach it, naming its JSON pointer and
//! the missing schema.

use std::collections::{BTreeMap, HashMap, HashSet};

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use super::{closest_names, Spec};
use crate::error::{push_pointer, schema_pointer, Error};

/// How a `$ref` to a component schema starts.
pub const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// A schema, or a reference to one, whichever way openapiv3 boxes it.
#[derive(Clone, Copy)]
pub enum Node<'x> {
    /// A `$ref` to a component schema.
    Ref(&'x str),
    /// A schema written in place.
    Schema(&'x Schema),
}

impl<'x> From<&'x ReferenceOr<Schema>> for Node<'x> {
    fn from(r: &'x ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => Node::Ref(reference),
            ReferenceOr::Item(s) => Node::Schema(s),
        }
    }
}

impl<'x> From<&'x ReferenceOr<Box<Schema>>> for Node<'x> {
    fn from(r: &'x ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => Node::Ref(reference),
            ReferenceOr::Item(s) => Node::Schema(s),
        }
    }
}

/// The component schema a `$ref` names.
pub fn ref_target(reference: &str, pointer: &str) -> Result<String, Error> {
    let Some(name) = reference.strip_prefix(SCHEMA_PREFIX) else {
        return Err(Error::at(
            pointer,
            format!("`$ref: {reference}` is not supported: only references to `{SCHEMA_PREFIX}NAME` are"),
        ));
    };
    Ok(name.replace("~1", "/").replace("~0", "~"))
}

/// Every sub-schema of a schema, with its pointer.
pub fn children<'x>(schema: &'x Schema, pointer: &str) -> Vec<(Node<'x>, String)> {
    let mut out = Vec::new();
    let props = |out: &mut Vec<_>,
                 props: &'x indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>| {
        let base = push_pointer(pointer, "properties");
        out.extend(
            props
                .iter()
                .map(|(k, v)| (Node::from(v), push_pointer(&base, k))),
        );
    };
    let extra = |out: &mut Vec<_>, ap: &'x Option<AdditionalProperties>| {
        if let Some(AdditionalProperties::Schema(s)) = ap {
            out.push((
                Node::from(&**s),
                push_pointer(pointer, "additionalProperties"),
            ));
        }
    };
    let list = |out: &mut Vec<_>, key: &str, items: &'x [ReferenceOr<Schema>]| {
        let base = push_pointer(pointer, key);
        out.extend(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| (Node::from(v), push_pointer(&base, &i.to_string()))),
        );
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => {
            props(&mut out, &o.properties);
            extra(&mut out, &o.additional_properties);
        }
        SchemaKind::Type(Type::Array(a)) => {
            if let Some(items) = &a.items {
                out.push((Node::from(items), push_pointer(pointer, "items")));
            }
        }
        SchemaKind::Type(_) => {}
        SchemaKind::AnyOf { any_of } => list(&mut out, "anyOf", any_of),
        SchemaKind::OneOf { one_of } => list(&mut out, "oneOf", one_of),
        SchemaKind::AllOf { all_of } => list(&mut out, "allOf", all_of),
        SchemaKind::Not { not } => out.push((Node::from(&**not), push_pointer(pointer, "not"))),
        SchemaKind::Any(any) => {
            props(&mut out, &any.properties);
            extra(&mut out, &any.additional_properties);
            if let Some(items) = &any.items {
                out.push((Node::from(items), push_pointer(pointer, "items")));
            }
            list(&mut out, "anyOf", &any.any_of);
            list(&mut out, "oneOf", &any.one_of);
            list(&mut out, "allOf", &any.all_of);
        }
    }
    out
}

/// The schemas a set of roots reaches.
#[derive(Debug, Default)]
pub struct Closure {
    /// The schemas, parsed, by name.
    pub schemas: BTreeMap<String, ReferenceOr<Schema>>,
    /// Schemas referenced but absent from the spec (only when
    /// `missing_refs` allows them), each with the first pointer that
    /// references it.
    pub missing: BTreeMap<String, String>,
}

/// Parses the roots and every schema they reach, checking every `$ref`.
/// Each root comes with the pointer that asks for it (empty for the
/// configuration's roots). A `$ref` to a schema the spec lacks is an error
/// unless `allow_missing`.
pub fn load_closure(
    spec: &Spec<'_>,
    roots: &[(String, String)],
    allow_missing: bool,
) -> Result<Closure, Error> {
    // The roots parse independently: on every core when there are many
    // (`--all`'s are every schema). The walk below takes them from here,
    // so its order, and which error comes first, are the same either way.
    let mut seen = HashSet::new();
    let names: Vec<&str> = roots
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| seen.insert(*name))
        .collect();
    let threads = crate::parallel::threads_for(names.len());
    let schemas = crate::parallel::map(&names, threads, |name| spec.schema(name));
    // Roots the spec lacks (`None`) are the walk's to report.
    let mut parsed: HashMap<&str, Result<ReferenceOr<Schema>, Error>> = names
        .iter()
        .zip(schemas)
        .filter_map(|(name, schema)| Some((*name, schema?)))
        .collect();
    let mut closure = Closure::default();
    let mut queue: Vec<(String, String)> = roots.to_vec();
    queue.reverse();
    while let Some((name, from)) = queue.pop() {
        if closure.schemas.contains_key(&name) || closure.missing.contains_key(&name) {
            continue;
        }
        let schema = match parsed.remove(name.as_str()).or_else(|| spec.schema(&name)) {
            Some(parsed) => parsed?,
            None if allow_missing && !from.is_empty() => {
                closure.missing.insert(name, from);
                continue;
            }
            None => {
                let close = closest_names(spec.schema_names(), &name, 3);
                return Err(Error::at(
                    from,
                    format!(
                        "`$ref` to a schema that does not exist: `{name}` (closest: {})",
                        close.join(", ")
                    ),
                ));
            }
        };
        let found = refs_of(Node::from(&schema), &schema_pointer(&name))?;
        for (target, pointer) in found.into_iter().rev() {
            if !closure.schemas.contains_key(&target) {
                queue.push((target, pointer));
            }
        }
        closure.schemas.insert(name, schema);
    }
    Ok(closure)
}

/// Every `$ref` under a schema, with its pointer, in document order.
pub fn refs_of(node: Node<'_>, pointer: &str) -> Result<Vec<(String, String)>, Error> {
    let mut found = Vec::new();
    collect_refs(node, pointer, &mut found)?;
    Ok(found)
}

fn collect_refs(
    node: Node<'_>,
    pointer: &str,
    out: &mut Vec<(String, String)>,
) -> Result<(), Error> {
    match node {
        Node::Ref(r) => out.push((ref_target(r, pointer)?, pointer.to_string())),
        Node::Schema(s) => {
            for (child, child_pointer) in children(s, pointer) {
                collect_refs(child, &child_pointer, out)?;
            }
        }
    }
    Ok(())
}
