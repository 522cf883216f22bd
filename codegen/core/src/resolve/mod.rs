//! Spec model -> resolved IR: every type of the schemas the configuration's
//! roots reach, named (component schemas first, sorted, so that their names
//! never change), with each field's Rust type decided.
//!
//! Takes the spec model (its closure of the roots) and the configuration;
//! gives the [`TypeSpace`]. Where a type goes (crate and module) is not
//! decided here but in [`crate::placement`].

mod cycles;
mod events;
mod expansion;
mod nodes;
mod placeholders;
mod requests;
mod schema;
mod secrets;
mod string_enum;

pub use secrets::says_secret;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use openapiv3::{AnySchema, ReferenceOr, Schema, SchemaKind, Type};

use crate::config::{glob_match, Config};
use crate::error::{push_pointer, schema_pointer, Error};
use crate::ir::{
    Degraded, Discriminator, Field, MissingRefs, Presence, StringEnum, Struct, Tag, Ty, TypeDef,
    TypeId, TypeKind, TypeSpace, Union, UnionVariant,
};
use crate::names::{field_name, schema_type_name, type_name, NameSet};
use crate::spec::closure::{load_closure, refs_of, Node};
use crate::spec::operations::operations;
use crate::spec::{closest_names, Spec};
use cycles::box_cycles;
use expansion::expansion_targets;
use placeholders::placeholders;
use schema::{doc_of, has_string_id, single_value, union_members};
use string_enum::string_enum;

/// How deeply a type may nest, counting through `$ref`s to schemas that are
/// not types of their own (Stripe's deepest is under 10). The resolver,
/// the emitter and rustc all recurse once per level.
const MAX_TYPE_DEPTH: usize = 64;

/// Resolves the schemas named by `config.roots`, and everything they
/// reference, into a type space.
pub fn resolve(spec: &Spec<'_>, config: &Config) -> Result<TypeSpace, Error> {
    config.validate()?;
    config.check_against(spec)?;
    if config.roots.is_empty() && config.requests.is_empty() && config.events.is_none() {
        return Err(Error::config(
            "roots",
            "no root schema given: name at least one",
        ));
    }
    let mut roots = Vec::new();
    for (i, root) in config.roots.iter().enumerate() {
        if root.contains('*') {
            let before = roots.len();
            roots.extend(
                spec.schema_names()
                    .filter(|n| glob_match(root, n))
                    .map(str::to_string),
            );
            if roots.len() == before {
                return Err(Error::config(
                    format!("roots[{i}]"),
                    format!("no schema matches the root pattern `{root}`"),
                ));
            }
        } else if spec.contains(root) {
            roots.push(root.clone());
        } else {
            let close = closest_names(spec.schema_names(), root, 3);
            return Err(Error::config(
                format!("roots[{i}]"),
                format!(
                    "the spec has no schema `{root}`; the closest names are: {}",
                    close.join(", ")
                ),
            ));
        }
    }
    let ops = operations(spec, &config.requests)?;
    for (i, pattern) in config.requests.iter().enumerate() {
        if !spec.path_names().any(|p| glob_match(pattern, p)) {
            return Err(Error::config(
                format!("requests[{i}]"),
                format!("no path of the spec matches `{pattern}`"),
            ));
        }
    }
    if let Some(events) = &config.events {
        roots.push(events.schema.clone());
    }
    let mut wanted: Vec<(String, String)> = roots.into_iter().map(|r| (r, String::new())).collect();
    for op in &ops {
        for at in op.schemas() {
            wanted.extend(refs_of(Node::from(&at.schema), &at.pointer)?);
        }
    }
    let closure = load_closure(spec, &wanted, config.missing_refs != MissingRefs::Error)?;
    let schemas = closure.schemas;
    let mut resolver = Resolver {
        config,
        schemas: &schemas,
        missing: closure.missing,
        param_objects: BTreeMap::new(),
        expand_enums: BTreeMap::new(),
        named: HashMap::new(),
        aliases: HashMap::new(),
        resolving: Vec::new(),
        depth: 0,
        names: NameSet::for_types(),
        space: TypeSpace {
            spec_version: spec.version.clone(),
            derives: config.derives.clone(),
            schemas: schemas.keys().cloned().collect(),
            repository: config.repository.clone(),
            nullable: config.nullable,
            unknown_fields: config.unknown_fields,
            ..TypeSpace::default()
        },
    };
    resolver.declare()?;
    resolver.define()?;
    resolver.operations(&ops)?;
    if let Some(events) = &config.events {
        resolver.events(events, spec.event_types())?;
    }
    let mut space = resolver.space;
    box_cycles(&mut space);
    placeholders(&mut space);
    Ok(space)
}

/// Where a type being resolved will live and what it is named after.
#[derive(Clone)]
struct Place {
    /// The Rust name of the enclosing type, for naming inline types.
    parent: String,
    /// The component schema whose file the types go into.
    home: String,
    pointer: String,
}

impl Place {
    /// The place of a sub-schema, named `suffix` under this one (an empty
    /// suffix, for array items and `anyOf` branches, keeps the name: the
    /// items of `allowed_types` are `...AllowedTypes`).
    fn child(&self, suffix: &str, pointer: String) -> Place {
        if suffix.is_empty() {
            return Place {
                pointer,
                ..self.clone()
            };
        }
        Place {
            // `Self_` + `X` is `SelfX`: no `_` inside a camel-case name.
            parent: format!("{}{}", self.parent.trim_end_matches('_'), type_name(suffix)),
            home: self.home.clone(),
            pointer,
        }
    }
}

struct Resolver<'c> {
    config: &'c Config,
    schemas: &'c BTreeMap<String, ReferenceOr<Schema>>,
    /// Component schemas that are types of their own.
    named: HashMap<String, TypeId>,
    /// Component schemas that are only another type under a name.
    aliases: HashMap<String, (Ty, bool)>,
    /// Schemas the spec lacks, which `missing_refs` allows, each with the
    /// first pointer that references it.
    missing: BTreeMap<String, String>,
    /// Parameter objects by `title` and schema text, so each is one type:
    /// its id, and the end of the ids of the types made inside it.
    param_objects: BTreeMap<(String, String), (TypeId, usize)>,
    /// `expand` enums by resource schema and whether it is for a list.
    expand_enums: BTreeMap<(String, bool), TypeId>,
    /// Aliases being resolved, to catch `$ref` loops.
    resolving: Vec<String>,
    names: NameSet,
    /// How many `node` calls are under way: bounds the recursion, which
    /// nesting and `$ref` chains could otherwise make arbitrarily deep.
    depth: usize,
    space: TypeSpace,
}

/// What shape a schema takes, before anything is resolved.
enum Shape<'x> {
    Struct(
        &'x indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        &'x [String],
    ),
    Enum(Vec<String>),
    AnyOf(&'x [ReferenceOr<Schema>]),
    Other,
}

fn shape(schema: &Schema) -> Shape<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o))
            if o.additional_properties.is_none() || !o.properties.is_empty() =>
        {
            Shape::Struct(&o.properties, &o.required)
        }
        SchemaKind::Type(Type::String(s)) if s.enumeration.iter().any(Option::is_some) => {
            Shape::Enum(s.enumeration.iter().flatten().cloned().collect())
        }
        SchemaKind::AnyOf { any_of: v } | SchemaKind::OneOf { one_of: v } if v.len() > 1 => {
            Shape::AnyOf(v)
        }
        SchemaKind::Any(any) if is_object_like(any) => {
            Shape::Struct(&any.properties, &any.required)
        }
        _ => Shape::Other,
    }
}

fn is_object_like(any: &AnySchema) -> bool {
    !any.properties.is_empty()
        || (any.typ.as_deref() == Some("object") && any.additional_properties.is_none())
}

impl Resolver<'_> {
    fn push(&mut self, def: TypeDef) -> TypeId {
        self.space.types.push(def);
        TypeId(self.space.types.len() - 1)
    }

    /// Names every component schema that becomes a type (sorted by schema
    /// name, so adding a schema to the spec does not rename others).
    fn declare(&mut self) -> Result<(), Error> {
        let mut declared = Vec::new();
        for (name, schema) in self.schemas {
            let ReferenceOr::Item(schema) = schema else {
                continue;
            };
            let kind = match shape(schema) {
                Shape::Struct(..) => TypeKind::Struct(Struct {
                    fields: vec![],
                    tag: None,
                    id: None,
                }),
                Shape::Enum(_) => TypeKind::Enum(StringEnum {
                    variants: vec![],
                    fallback: String::new(),
                }),
                Shape::AnyOf(branches) if union_members(branches).is_some() => {
                    TypeKind::Union(Union {
                        variants: vec![],
                        has_id: false,
                        discriminator: Discriminator::Object,
                        placeholder_member: 0,
                        other: None,
                    })
                }
                _ => continue,
            };
            let rust = self.names.claim(&schema_type_name(name));
            let def = TypeDef {
                name: rust,
                home: name.clone(),
                pointer: schema_pointer(name),
                doc: doc_of(schema),
                kind,
            };
            let id = self.push(def);
            self.named.insert(name.clone(), id);
            declared.push(name.clone());
        }
        // Resource ids come after every schema name is taken. Expansion
        // targets get one too, with or without `x-resourceId` (such as
        // `application`), so `Expandable<T>` always has an id type.
        let targets = expansion_targets(self.schemas);
        for name in declared {
            let id = self.named[&name];
            let ReferenceOr::Item(schema) = &self.schemas[&name] else {
                continue;
            };
            let resource = schema.schema_data.extensions.contains_key("x-resourceId")
                || targets.contains(&name);
            if resource && has_string_id(schema) {
                let owner = self.space.types[id.0].name.clone();
                let def = TypeDef {
                    name: self.names.claim(&format!("{owner}Id")),
                    home: name.clone(),
                    pointer: schema_pointer(&name),
                    doc: None,
                    kind: TypeKind::Id(id),
                };
                let id_type = self.push(def);
                if let TypeKind::Struct(s) = &mut self.space.types[id.0].kind {
                    s.id = Some(id_type);
                }
            }
        }
        Ok(())
    }

    /// Fills in every declared type.
    fn define(&mut self) -> Result<(), Error> {
        let schemas = self.schemas;
        for (name, schema) in schemas {
            let Some(&id) = self.named.get(name) else {
                // Not a type of its own: resolve it once so errors and
                // degradations in it are reported.
                self.alias(name, &schema_pointer(name))?;
                continue;
            };
            let ReferenceOr::Item(schema) = schema else {
                continue;
            };
            let place = Place {
                parent: self.space.types[id.0].name.clone(),
                home: name.clone(),
                pointer: schema_pointer(name),
            };
            let kind = self.kind_of(schema, &place, Some(id))?;
            self.space.types[id.0].kind = kind;
        }
        Ok(())
    }

    /// The kind of a type-producing schema.
    fn kind_of(
        &mut self,
        schema: &Schema,
        place: &Place,
        existing: Option<TypeId>,
    ) -> Result<TypeKind, Error> {
        Ok(match shape(schema) {
            Shape::Struct(props, required) => {
                let id = existing.and_then(|id| match &self.space.types[id.0].kind {
                    TypeKind::Struct(s) => s.id,
                    _ => None,
                });
                TypeKind::Struct(self.structure(props, required, place, id)?)
            }
            Shape::Enum(values) => TypeKind::Enum(string_enum(&values)),
            Shape::AnyOf(branches) => {
                let members = union_members(branches).unwrap_or_default();
                TypeKind::Union(self.union(&members, place)?)
            }
            Shape::Other => unreachable!("only type-producing schemas get here"),
        })
    }

    fn structure(
        &mut self,
        props: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        place: &Place,
        id_type: Option<TypeId>,
    ) -> Result<Struct, Error> {
        let mut fields = Vec::new();
        let mut tag = None;
        let mut field_names = NameSet::new();
        let props_pointer = push_pointer(&place.pointer, "properties");
        for (position, (wire, prop)) in props.iter().enumerate() {
            let pointer = push_pointer(&props_pointer, wire);
            if wire == "object" {
                if let Some(value) = single_value(Node::from(prop)) {
                    let required = required.iter().any(|r| r == "object");
                    tag = Some(Tag {
                        value,
                        position,
                        required,
                    });
                    continue;
                }
            }
            let (mut ty, nullable) = self.node(Node::from(prop), &place.child(wire, pointer))?;
            if wire == "id" && ty == Ty::String {
                if let Some(id) = id_type {
                    ty = Ty::Named(id);
                }
            }
            let presence = match (required.contains(wire), nullable) {
                (true, false) => Presence::Required,
                (true, true) => Presence::OrNull,
                (false, false) => Presence::Optional,
                (false, true) => Presence::Nullable,
            };
            let description = match prop {
                ReferenceOr::Item(s) => doc_of(s),
                ReferenceOr::Reference { .. } => None,
            };
            let top_level = place.pointer == schema_pointer(&place.home);
            let redacted = (top_level && self.config.redacts(&place.home, wire))
                || description.as_deref().is_some_and(says_secret);
            fields.push(Field {
                wire_name: wire.clone(),
                rust_name: field_names.claim(&field_name(wire)),
                doc: description,
                ty,
                presence,
                redacted,
                boxed: false,
            });
        }
        Ok(Struct {
            fields,
            tag,
            id: id_type,
        })
    }

    fn union(&mut self, members: &[String], place: &Place) -> Result<Union, Error> {
        let mut variants = Vec::new();
        let mut variant_names = NameSet::new();
        let mut has_id = true;
        let mut seen_tags = BTreeSet::new();
        let mut discriminator = Discriminator::Object;
        for (i, member) in members.iter().enumerate() {
            let pointer = push_pointer(&place.pointer, &i.to_string());
            // A member that is a union itself (`payment_source` in an
            // answer's `payment_source | deleted_payment_source`) gives its
            // own members.
            if let Some(TypeKind::Union(inner)) = self
                .named
                .get(member)
                .map(|id| &self.space.types[id.0].kind)
            {
                if !inner.variants.is_empty() {
                    for v in inner.variants.clone() {
                        if v.tag.as_ref().is_some_and(|t| !seen_tags.insert(t.clone()))
                            || v.tag.is_none()
                        {
                            discriminator = Discriminator::Fields;
                        }
                        has_id &= self.id_of(v.ty).is_some();
                        let rust_name = variant_names.claim(&v.rust_name);
                        variants.push(UnionVariant { rust_name, ..v });
                    }
                    continue;
                }
            }
            let is_struct = self
                .named
                .get(member)
                .is_some_and(|id| matches!(self.space.types[id.0].kind, TypeKind::Struct(_)));
            let Some(&ty) = self.named.get(member).filter(|_| is_struct) else {
                return Err(Error::at(
                    pointer,
                    format!("union member `{member}` is not an object schema"),
                ));
            };
            let tag = self.tag_of(member);
            match &tag {
                Some(tag) if seen_tags.insert(tag.clone()) => {}
                _ => discriminator = Discriminator::Fields,
            }
            has_id &= self.id_of(ty).is_some();
            let rust_name = variant_names.claim(&self.space.types[ty.0].name);
            variants.push(UnionVariant { tag, rust_name, ty });
        }
        Ok(Union {
            variants,
            has_id,
            discriminator,
            placeholder_member: 0,
            other: None,
        })
    }

    fn tag_of(&self, schema: &str) -> Option<String> {
        let ReferenceOr::Item(s) = self.schemas.get(schema)? else {
            return None;
        };
        let props = match &s.schema_kind {
            SchemaKind::Type(Type::Object(o)) => &o.properties,
            SchemaKind::Any(a) => &a.properties,
            _ => return None,
        };
        single_value(Node::from(props.get("object")?))
    }

    fn id_of(&self, ty: TypeId) -> Option<TypeId> {
        match &self.space.types[ty.0].kind {
            TypeKind::Struct(s) => s.id,
            _ => None,
        }
    }

    /// The type of a component schema used by reference.
    fn reference(&mut self, name: &str, pointer: &str) -> Result<(Ty, bool), Error> {
        if let Some(&id) = self.named.get(name) {
            return Ok((Ty::Named(id), false));
        }
        if self.missing.contains_key(name) {
            let ty = match self.config.missing_refs {
                MissingRefs::Id => Ty::ObjectId,
                _ => Ty::RawObject,
            };
            return Ok((ty, false));
        }
        self.alias(name, pointer)
    }

    /// The type of a component schema that is not a type of its own.
    fn alias(&mut self, name: &str, pointer: &str) -> Result<(Ty, bool), Error> {
        if let Some(found) = self.aliases.get(name) {
            return Ok(found.clone());
        }
        if let Some(at) = self.resolving.iter().position(|n| n == name) {
            let mut cycle: Vec<&str> = self.resolving[at..].iter().map(String::as_str).collect();
            cycle.push(name);
            return Err(Error::at(
                pointer,
                format!(
                    "`$ref` loop with no object in between: {}",
                    cycle.join(" -> ")
                ),
            ));
        }
        let schemas = self.schemas;
        let schema = &schemas[name];
        self.resolving.push(name.to_string());
        let place = Place {
            parent: type_name(name),
            home: name.to_string(),
            pointer: schema_pointer(name),
        };
        let result = self.node(Node::from(schema), &place);
        self.resolving.pop();
        let result = result?;
        self.aliases.insert(name.to_string(), result.clone());
        Ok(result)
    }

    fn degrade(&mut self, place: &Place, reason: &str) -> Ty {
        self.space.degraded.push(Degraded {
            schema: place.home.clone(),
            pointer: place.pointer.clone(),
            reason: reason.to_string(),
        });
        Ty::Json
    }

    /// A new inline type, named after where it is used.
    fn inline(&mut self, schema: &Schema, place: &Place) -> Result<TypeId, Error> {
        let def = TypeDef {
            name: self.names.claim(&place.parent),
            home: place.home.clone(),
            pointer: place.pointer.clone(),
            doc: doc_of(schema),
            kind: TypeKind::Struct(Struct {
                fields: vec![],
                tag: None,
                id: None,
            }),
        };
        let id = self.push(def);
        let named_place = Place {
            parent: self.space.types[id.0].name.clone(),
            ..place.clone()
        };
        let kind = self.kind_of(schema, &named_place, None)?;
        self.space.types[id.0].kind = kind;
        Ok(id)
    }
}
