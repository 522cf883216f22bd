//! Spec model -> resolved IR: walks the schemas the configuration asks for,
//! gives every type its Rust name, and decides each field's Rust type.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, ReferenceOr, Schema, SchemaKind, Type,
    VariantOrUnknownOrEmpty,
};

use crate::config::{glob_match, Config};
use crate::error::{push_pointer, schema_pointer, Error};
use crate::ir::{
    Degraded, Discriminator, Field, Presence, StringEnum, Struct, Tag, Ty, TypeDef, TypeId,
    TypeKind, TypeSpace, Union, UnionVariant, Variant,
};
use crate::names::{field_name, type_name, variant_name, NameSet};
use crate::spec::{closest_names, Spec};

const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// How deeply a type may nest, counting through `$ref`s to schemas that are
/// not types of their own (Stripe's deepest is under 10). The resolver,
/// the emitter and rustc all recurse once per level.
const MAX_TYPE_DEPTH: usize = 64;

/// Resolves the schemas named by `config.roots`, and everything they
/// reference, into a type space.
pub fn resolve(spec: &Spec<'_>, config: &Config) -> Result<TypeSpace, Error> {
    config.validate()?;
    config.check_against(spec)?;
    if config.roots.is_empty() {
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
    let schemas = load_closure(spec, &roots)?;
    let mut resolver = Resolver {
        config,
        schemas: &schemas,
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
            ..TypeSpace::default()
        },
    };
    resolver.declare()?;
    resolver.define()?;
    let mut space = resolver.space;
    box_cycles(&mut space);
    Ok(space)
}

/// A schema, or a reference to one, whichever way openapiv3 boxes it.
#[derive(Clone, Copy)]
enum Node<'x> {
    Ref(&'x str),
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
fn ref_target(reference: &str, pointer: &str) -> Result<String, Error> {
    let Some(name) = reference.strip_prefix(SCHEMA_PREFIX) else {
        return Err(Error::at(
            pointer,
            format!("`$ref: {reference}` is not supported: only references to `{SCHEMA_PREFIX}NAME` are"),
        ));
    };
    Ok(name.replace("~1", "/").replace("~0", "~"))
}

/// Every sub-schema of a schema, with its pointer.
fn children<'x>(schema: &'x Schema, pointer: &str) -> Vec<(Node<'x>, String)> {
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

/// Parses the roots and every schema they reach, checking every `$ref`.
fn load_closure(
    spec: &Spec<'_>,
    roots: &[String],
) -> Result<BTreeMap<String, ReferenceOr<Schema>>, Error> {
    let mut schemas = BTreeMap::new();
    let mut queue: Vec<(String, String)> =
        roots.iter().map(|r| (r.clone(), String::new())).collect();
    queue.reverse();
    while let Some((name, from)) = queue.pop() {
        if schemas.contains_key(&name) {
            continue;
        }
        let schema = match spec.schema(&name) {
            Some(parsed) => parsed?,
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
        let mut found = Vec::new();
        collect_refs(Node::from(&schema), &schema_pointer(&name), &mut found)?;
        for (target, pointer) in found.into_iter().rev() {
            if !schemas.contains_key(&target) {
                queue.push((target, pointer));
            }
        }
        schemas.insert(name, schema);
    }
    Ok(schemas)
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
                    })
                }
                _ => continue,
            };
            let rust = self.names.claim(&type_name(name));
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
                    tag = Some(Tag { value, position });
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
                (true, true) => Presence::RequiredNullable,
                (false, false) => Presence::Optional,
                (false, true) => Presence::OptionalNullable,
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

    /// The type of a schema or reference, and whether it is nullable.
    fn node(&mut self, node: Node<'_>, place: &Place) -> Result<(Ty, bool), Error> {
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
                match shape(schema) {
                    // An inline object with no properties and no value type
                    // is free-form (an event's `previous_attributes`): a
                    // map, degraded, rather than an empty struct that would
                    // drop every key.
                    Shape::Struct(props, _) if props.is_empty() => self.map(None, place)?,
                    Shape::Enum(_) | Shape::Struct(..) => Ty::Named(self.inline(schema, place)?),
                    _ => match &schema.schema_kind {
                        SchemaKind::Type(Type::Object(o)) => {
                            self.map(o.additional_properties.as_ref(), place)?
                        }
                        _ => Ty::String,
                    },
                }
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
            SchemaKind::AllOf { .. } => {
                return Err(Error::at(
                    &place.pointer,
                    "`allOf` with more than one member is not supported",
                ))
            }
            SchemaKind::Not { .. } => {
                return Err(Error::at(&place.pointer, "`not` is not supported"))
            }
            SchemaKind::Any(any) => {
                if let Some(t) = any
                    .typ
                    .as_deref()
                    .filter(|t| !matches!(*t, "object" | "array"))
                {
                    return Err(Error::at(
                        &place.pointer,
                        format!("unknown or misused type `{t}` (expected string, number, integer, boolean, object or array, with their usual keywords)"),
                    ));
                }
                if is_object_like(any) && any.properties.is_empty() {
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
                }
            }
        };
        Ok((ty, nullable))
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
        let expandable = schema
            .schema_data
            .extensions
            .contains_key("x-expansionResources");
        if strings == 1 && refs.len() + 1 == kept.len() && (expandable || !refs.is_empty()) {
            // `string | $ref` (or several refs): an id or the expanded object.
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
                return Err(Error::at(
                    base,
                    "expandable field whose target has no `x-resourceId` and `id` to identify it",
                ));
            }
            return Ok((Ty::Expandable(target), false));
        }
        if let Some(members) = union_members(branches) {
            return Ok((Ty::Named(self.inline_union(&members, place)?), false));
        }
        Ok((
            self.degrade(place, "`anyOf` whose branches nothing tells apart"),
            false,
        ))
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

/// The component schemas that expandable fields (`anyOf` with
/// `x-expansionResources`) can hold when expanded.
fn expansion_targets(schemas: &BTreeMap<String, ReferenceOr<Schema>>) -> BTreeSet<String> {
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
fn union_members(branches: &[ReferenceOr<Schema>]) -> Option<Vec<String>> {
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

fn is_plain_string(b: &ReferenceOr<Schema>) -> bool {
    matches!(b, ReferenceOr::Item(s) if matches!(&s.schema_kind, SchemaKind::Type(Type::String(t)) if t.enumeration.is_empty()))
}

fn is_empty_string_enum(b: &ReferenceOr<Schema>) -> bool {
    matches!(b, ReferenceOr::Item(s) if matches!(&s.schema_kind,
        SchemaKind::Type(Type::String(t)) if t.enumeration.len() == 1 && t.enumeration[0].as_deref() == Some("")))
}

/// The value of a string enum with exactly one value.
fn single_value(node: Node<'_>) -> Option<String> {
    let Node::Schema(s) = node else { return None };
    match &s.schema_kind {
        SchemaKind::Type(Type::String(t)) if t.enumeration.len() == 1 => t.enumeration[0].clone(),
        _ => None,
    }
}

fn has_string_id(schema: &Schema) -> bool {
    let props = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => &o.properties,
        SchemaKind::Any(a) => &a.properties,
        _ => return false,
    };
    matches!(props.get("id"), Some(ReferenceOr::Item(s))
        if matches!(&s.schema_kind, SchemaKind::Type(Type::String(t)) if t.enumeration.is_empty()))
}

fn string_enum(values: &[String]) -> StringEnum {
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

fn doc_of(schema: &Schema) -> Option<String> {
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
fn box_cycles(space: &mut TypeSpace) {
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
