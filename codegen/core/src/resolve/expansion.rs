//! Which component schemas an expandable field can hold.
//!
//! Takes the closure's schemas; gives the names of those that some
//! expandable field (`anyOf` with `x-expansionResources`) holds when
//! expanded, so the resolver gives them an id type.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{ReferenceOr, Schema, SchemaKind};

use crate::error::schema_pointer;
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
