//! The placeholders structs are filled in place from.
//!
//! Takes the finished type space (cycles boxed); gives it back with each
//! union's placeholder member picked, the types a required field needs a
//! placeholder of marked, and each required field that no finite JSON
//! object can fill degraded to `serde_json::Value` (with a warning).

use crate::error::push_pointer;
use crate::ir::{Degraded, Presence, Ty, TypeKind, TypeSpace};

/// Picks each union's placeholder member
/// ([`Union::placeholder_member`](crate::ir::Union::placeholder_member))
/// and makes sure every struct has a finite placeholder: a struct is
/// filled in place from one, so each required field needs a value to
/// start from. A struct whose required fields lead back to it through
/// required fields alone has no finite JSON form, and no finite
/// placeholder; such a field (only a broken spec has one) is degraded to a
/// `serde_json::Value`, with a warning naming it.
pub(super) fn placeholders(space: &mut TypeSpace) {
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
    let mut needs_placeholder = vec![false; space.types.len()];
    for def in &mut space.types {
        match &mut def.kind {
            // The member that was found finite first: its placeholder
            // never leads back to the union.
            TypeKind::Union(u) => {
                u.placeholder_member = (0..u.variants.len())
                    .min_by_key(|&m| finite[u.variants[m].ty.0].unwrap_or(usize::MAX))
                    .unwrap_or(0);
            }
            TypeKind::Struct(s) => {
                for field in &s.fields {
                    if let (Ty::Named(target), Presence::Required) = (&field.ty, field.presence) {
                        needs_placeholder[target.0] = true;
                    }
                }
            }
            _ => {}
        }
    }
    space.needs_placeholder = needs_placeholder;
}

/// For each type, whether it has a finite JSON form, numbered in the order
/// it was found to: every type but structs and unions first; then a struct
/// once all its required fields' types are, a union once one of its
/// members is (an open union at once). What is never found (a cycle of
/// required fields) is `None`. A placeholder built from types found
/// earlier always ends.
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
