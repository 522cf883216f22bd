//! The type of a schema or a reference where it is used: scalars, arrays,
//! maps, inline objects and enums (named after their place), and `anyOf`
//! (nullable refs, expandable fields, unions).

use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, ReferenceOr, Schema, SchemaKind, Type,
    VariantOrUnknownOrEmpty,
};

use super::schema::{is_empty_string_enum, is_plain_string, union_members};
use super::{is_object_like, shape, Place, Resolver, Shape, MAX_TYPE_DEPTH};
use crate::error::{push_pointer, Error};
use crate::ir::{Struct, Ty, TypeDef, TypeId, TypeKind};
use crate::spec::closure::{ref_target, Node};

impl Resolver<'_> {
    /// The type of a schema or reference, and whether it is nullable.
    pub(super) fn node(&mut self, node: Node<'_>, place: &Place) -> Result<(Ty, bool), Error> {
        if self.depth >= MAX_TYPE_DEPTH {
            return Err(Error::at(
                &place.pointer,
                match self.resolving.as_slice() {
                    [] => format!("types nest more than {MAX_TYPE_DEPTH} levels deep"),
                    [one] => format!("types nest more than {MAX_TYPE_DEPTH} levels deep (in `{one}`)"),
                    [first, .., last] => format!(
                        "types nest more than {MAX_TYPE_DEPTH} levels deep (through a `$ref` chain of {} schemas, `{first}` -> ... -> `{last}`)",
                        self.resolving.len()
                    ),
                },
            ));
        }
        self.depth += 1;
        let result = self.node_inner(node, place);
        self.depth -= 1;
        result
    }

    fn node_inner(&mut self, node: Node<'_>, place: &Place) -> Result<(Ty, bool), Error> {
        let schema = match node {
            Node::Ref(r) => {
                let target = ref_target(r, &place.pointer)?;
                return self.reference(&target, &place.pointer);
            }
            Node::Schema(s) => s,
        };
        let nullable = schema.schema_data.nullable;
        let ty = match &schema.schema_kind {
            SchemaKind::Type(Type::String(_)) | SchemaKind::Type(Type::Object(_)) => {
                self.object_or_string(schema, place)?
            }
            SchemaKind::Type(Type::Integer(i)) => match &i.format {
                VariantOrUnknownOrEmpty::Unknown(f) if f == "unix-time" => Ty::Timestamp,
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32 | IntegerFormat::Int64)
                | VariantOrUnknownOrEmpty::Unknown(_)
                | VariantOrUnknownOrEmpty::Empty => Ty::Integer,
            },
            SchemaKind::Type(Type::Number(_)) => Ty::Number,
            SchemaKind::Type(Type::Boolean(_)) => Ty::Bool,
            SchemaKind::Type(Type::Array(a)) => self.items(a.items.as_ref(), place)?,
            SchemaKind::AnyOf { any_of: branches } | SchemaKind::OneOf { one_of: branches } => {
                let (ty, inner_nullable) = self.any_of(schema, branches, place)?;
                return Ok((ty, nullable || inner_nullable));
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                let (ty, inner) = self.node(
                    Node::from(&all_of[0]),
                    &place.child(
                        "",
                        push_pointer(&push_pointer(&place.pointer, "allOf"), "0"),
                    ),
                )?;
                return Ok((ty, nullable || inner));
            }
            // Well-formed, but no Rust type says it: this field alone is
            // kept as JSON, with a warning naming it.
            SchemaKind::AllOf { .. } => {
                self.degrade(place, "`allOf` with more than one member is not supported")
            }
            SchemaKind::Not { .. } => self.degrade(place, "`not` is not supported"),
            SchemaKind::Any(any) => return self.untyped(schema, any, place),
        };
        Ok((ty, nullable))
    }

    /// A schema without `type` (or with `type` and keywords openapiv3
    /// cannot place): an object, a map, an array or a union by its
    /// keywords.
    fn untyped(
        &mut self,
        schema: &Schema,
        any: &AnySchema,
        place: &Place,
    ) -> Result<(Ty, bool), Error> {
        let nullable = schema.schema_data.nullable;
        if let Some(t) = any
            .typ
            .as_deref()
            .filter(|t| !matches!(*t, "object" | "array"))
        {
            let reason = format!(
                "unknown or misused type `{t}` (expected string, number, integer, boolean, \
                 object or array, with their usual keywords)"
            );
            return Ok((self.degrade(place, &reason), nullable));
        }
        let ty = if is_object_like(any) && any.properties.is_empty() {
            self.map(None, place)?
        } else if is_object_like(any) {
            Ty::Named(self.inline(schema, place)?)
        } else if any.typ.as_deref() == Some("object") {
            self.map(any.additional_properties.as_ref(), place)?
        } else if any.typ.as_deref() == Some("array") {
            self.items(any.items.as_ref(), place)?
        } else if !any.any_of.is_empty() || !any.one_of.is_empty() {
            let branches = if any.any_of.is_empty() {
                &any.one_of
            } else {
                &any.any_of
            };
            let (ty, inner) = self.any_of(schema, branches, place)?;
            return Ok((ty, nullable || inner));
        } else {
            self.degrade(place, "the schema gives no type")
        };
        Ok((ty, nullable))
    }

    /// A string or object schema: an inline enum or struct (named after
    /// its place), a map, or a plain string.
    fn object_or_string(&mut self, schema: &Schema, place: &Place) -> Result<Ty, Error> {
        Ok(match shape(schema) {
            // An inline object with no properties and no value type is
            // free-form (an event's `previous_attributes`): a map, degraded,
            // rather than an empty struct that would drop every key.
            Shape::Struct(props, _) if props.is_empty() => self.map(None, place)?,
            Shape::Enum(_) | Shape::Struct(..) => Ty::Named(self.inline(schema, place)?),
            _ => match &schema.schema_kind {
                SchemaKind::Type(Type::Object(o)) => {
                    self.map(o.additional_properties.as_ref(), place)?
                }
                _ => Ty::String,
            },
        })
    }

    fn items(
        &mut self,
        items: Option<&ReferenceOr<Box<Schema>>>,
        place: &Place,
    ) -> Result<Ty, Error> {
        Ok(match items {
            Some(items) => {
                let inner = self
                    .node(
                        Node::from(items),
                        &place.child("", push_pointer(&place.pointer, "items")),
                    )?
                    .0;
                Ty::Array(Box::new(inner))
            }
            None => Ty::Array(Box::new(self.degrade(place, "an array without `items`"))),
        })
    }

    fn map(&mut self, extra: Option<&AdditionalProperties>, place: &Place) -> Result<Ty, Error> {
        Ok(match extra {
            Some(AdditionalProperties::Schema(s)) => {
                let value_place = place.child(
                    "Value",
                    push_pointer(&place.pointer, "additionalProperties"),
                );
                let (ty, _) = self.node(Node::from(&**s), &value_place)?;
                Ty::Map(Box::new(ty))
            }
            Some(AdditionalProperties::Any(true)) => Ty::Map(Box::new(
                self.degrade(place, "`additionalProperties: true` gives no value type"),
            )),
            Some(AdditionalProperties::Any(false)) | None => Ty::Map(Box::new(self.degrade(
                place,
                "a free-form object: the spec gives neither properties nor a value type",
            ))),
        })
    }

    /// `anyOf` / `oneOf`: a nullable single type, an expandable id, a union
    /// of objects, or (when nothing tells the branches apart) a degraded
    /// value.
    fn any_of(
        &mut self,
        schema: &Schema,
        branches: &[ReferenceOr<Schema>],
        place: &Place,
    ) -> Result<(Ty, bool), Error> {
        // (A `oneOf` beside keywords openapiv3 does not expect there, such
        // as `required`, comes as `SchemaKind::Any`.)
        let key = match &schema.schema_kind {
            SchemaKind::OneOf { .. } => "oneOf",
            SchemaKind::Any(any) if any.any_of.is_empty() && !any.one_of.is_empty() => "oneOf",
            _ => "anyOf",
        };
        let base = push_pointer(&place.pointer, key);
        // Stripe marks "may be unset" with an extra `enum: [""]` branch in
        // request bodies; it carries no type of its own.
        let kept: Vec<(usize, &ReferenceOr<Schema>)> = branches
            .iter()
            .enumerate()
            .filter(|(_, b)| !is_empty_string_enum(b))
            .collect();
        match kept.as_slice() {
            [] => return Err(Error::at(base, "`anyOf` with no branch")),
            [(i, only)] => {
                return self.node(
                    Node::from(*only),
                    &place.child("", push_pointer(&base, &i.to_string())),
                )
            }
            _ => {}
        }
        let strings = kept.iter().filter(|(_, b)| is_plain_string(b)).count();
        let refs: Vec<String> = kept
            .iter()
            .filter_map(|(_, b)| match b {
                ReferenceOr::Reference { reference } => ref_target(reference, &base).ok(),
                ReferenceOr::Item(_) => None,
            })
            .collect();
        // A branch the spec lacks (`missing_refs`): the value is kept
        // whole, as that schema's own references are.
        if let Some(missing) = refs.iter().find(|r| self.missing.contains_key(*r)) {
            return self.reference(&missing.clone(), &base);
        }
        let expandable = schema
            .schema_data
            .extensions
            .contains_key("x-expansionResources");
        if strings == 1 && refs.len() + 1 == kept.len() && (expandable || !refs.is_empty()) {
            // `string | $ref` (or several refs): an id or the expanded object.
            // `Expandable` reads the id back from the expanded object, so a
            // target without an `id` leaves this one field as JSON.
            let without_id = "expandable field whose target has no `id` to identify it";
            let ids: Option<Vec<bool>> = refs.iter().map(|r| self.has_id(r)).collect();
            if ids.is_some_and(|ids| ids.contains(&false)) {
                return Ok((self.degrade(place, without_id), false));
            }
            let target = if let [one] = refs.as_slice() {
                match self.reference(one, &base)?.0 {
                    Ty::Named(id) => id,
                    _ => {
                        return Err(Error::at(
                            base,
                            format!("expansion target `{one}` is not an object schema"),
                        ))
                    }
                }
            } else {
                self.inline_union(&refs, place)?
            };
            let has_id = match &self.space.types[target.0].kind {
                TypeKind::Struct(s) => s.id.is_some(),
                TypeKind::Union(u) => u.has_id,
                _ => false,
            };
            if !has_id {
                return Ok((self.degrade(place, without_id), false));
            }
            return Ok((Ty::Expandable(target), false));
        }
        if let Some(members) = union_members(branches) {
            // A member that is no object (a string enum, say) makes the
            // union unmappable: this field is kept as JSON instead.
            if let Some(odd) = members.iter().find(|m| !self.is_object_type(m)) {
                let reason = format!("union member `{odd}` is not an object schema");
                return Ok((self.degrade(place, &reason), false));
            }
            return Ok((Ty::Named(self.inline_union(&members, place)?), false));
        }
        Ok((
            self.degrade(place, "`anyOf` whose branches nothing tells apart"),
            false,
        ))
    }

    /// Whether the values of a component schema carry an id: `Some` for
    /// a struct (with an `id` field or not) or a union (all of whose
    /// members have one), `None` for any other schema.
    fn has_id(&self, schema: &str) -> Option<bool> {
        let id = self.named.get(schema)?;
        match &self.space.types[id.0].kind {
            TypeKind::Struct(s) => Some(s.id.is_some()),
            TypeKind::Union(u) => Some(u.has_id),
            _ => None,
        }
    }

    /// Whether a component schema is an object type (a struct, or a union
    /// of them), so that it can be a union's member.
    fn is_object_type(&self, schema: &str) -> bool {
        self.missing.contains_key(schema)
            || self.named.get(schema).is_some_and(|id| {
                matches!(
                    self.space.types[id.0].kind,
                    TypeKind::Struct(_) | TypeKind::Union(_)
                )
            })
    }

    fn inline_union(&mut self, members: &[String], place: &Place) -> Result<TypeId, Error> {
        let def = TypeDef {
            name: self.names.claim(&place.parent),
            home: place.home.clone(),
            pointer: place.pointer.clone(),
            doc: None,
            kind: TypeKind::Struct(Struct {
                fields: vec![],
                tag: None,
                id: None,
            }),
        };
        let id = self.push(def);
        let union = self.union(members, place)?;
        self.space.types[id.0].kind = TypeKind::Union(union);
        Ok(id)
    }
}
