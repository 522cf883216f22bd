//! The fields to box so that no type contains itself.
//!
//! Takes the finished type space; gives it back with each struct field
//! that closes a cycle of by-value fields marked `boxed`, found by the one
//! cycle search of [`crate::graph`].

use std::ops::ControlFlow;

use crate::graph::back_edges;
use crate::ir::{Ty, TypeKind, TypeSpace};

/// Marks struct fields that would make a type contain itself by value, so
/// the emitter boxes them: each field the search follows back to a type on
/// its path. Arrays, maps, expandables and unions already hold their
/// values behind a pointer.
pub(super) fn box_cycles(space: &mut TypeSpace) {
    let mut closing: Vec<(usize, usize)> = Vec::new();
    back_edges(
        space.types.len(),
        |at| {
            let fields = match &space.types[at].kind {
                TypeKind::Struct(s) => &s.fields[..],
                _ => &[],
            };
            fields.iter().enumerate().filter_map(|(i, f)| match f.ty {
                Ty::Named(target) => Some((i, target.0)),
                _ => None,
            })
        },
        |path, field, _| {
            closing.extend(path.last().map(|&at| (at, field)));
            ControlFlow::<()>::Continue(())
        },
    );
    for (at, field) in closing {
        if let TypeKind::Struct(s) = &mut space.types[at].kind {
            s.fields[field].boxed = true;
        }
    }
}
