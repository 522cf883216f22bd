//! Parameter schemas -> parameter types: closed objects (one type per
//! `title` and schema), enums and unions, named after where they are used.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use super::{description, form_field, object_props};
use crate::error::{push_pointer, Error};
use crate::ir::{ParamValue, ParamVariant, Ty, TypeDef, TypeId, TypeKind, Variant};
use crate::names::{type_name, variant_name, NameSet};
use crate::resolve::schema::is_empty_string_enum;
use crate::resolve::{Place, Resolver, MAX_TYPE_DEPTH};
use crate::spec::closure::{ref_target, Node};

impl Resolver<'_> {
    /// The type of a parameter schema.
    pub(super) fn param(&mut self, node: Node<'_>, place: &Place) -> Result<Ty, Error> {
        if self.depth >= MAX_TYPE_DEPTH {
            return Err(Error::at(
                &place.pointer,
                format!("parameters nest more than {MAX_TYPE_DEPTH} levels deep"),
            ));
        }
        self.depth += 1;
        let result = self.param_inner(node, place);
        self.depth -= 1;
        result
    }

    fn param_inner(&mut self, node: Node<'_>, place: &Place) -> Result<Ty, Error> {
        let schema = match node {
            Node::Schema(s) => s,
            Node::Ref(r) => {
                let target = ref_target(r, &place.pointer)?;
                let schemas = self.schemas;
                return match schemas.get(&target) {
                    Some(ReferenceOr::Item(s)) => self.param(Node::Schema(s), place),
                    _ => Err(Error::at(
                        &place.pointer,
                        format!("parameter `$ref` to `{target}`, which is not a schema here"),
                    )),
                };
            }
        };
        Ok(match &schema.schema_kind {
            SchemaKind::Type(Type::String(s))
                if s.format
                    == openapiv3::VariantOrUnknownOrEmpty::Item(
                        openapiv3::StringFormat::Binary,
                    ) =>
            {
                Ty::File
            }
            SchemaKind::Type(Type::String(s)) => {
                let values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
                if values.is_empty() {
                    Ty::String
                } else {
                    Ty::Named(self.param_enum(&values, schema, place))
                }
            }
            SchemaKind::Type(Type::Integer(i)) => match &i.format {
                openapiv3::VariantOrUnknownOrEmpty::Unknown(f) if f == "unix-time" => Ty::Timestamp,
                _ => Ty::Integer,
            },
            SchemaKind::Type(Type::Number(_)) => Ty::Number,
            SchemaKind::Type(Type::Boolean(_)) => Ty::Bool,
            SchemaKind::Type(Type::Array(a)) => self.param_items(a.items.as_ref(), place)?,
            SchemaKind::Type(Type::Object(o)) if !o.properties.is_empty() => {
                Ty::Named(self.param_object(schema, place)?)
            }
            SchemaKind::Type(Type::Object(o)) => {
                self.param_map(o.additional_properties.as_ref(), place)?
            }
            SchemaKind::AnyOf { any_of: v } | SchemaKind::OneOf { one_of: v } => {
                self.param_any_of(v, place)?
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => self.param(
                Node::from(&all_of[0]),
                &place.child(
                    "",
                    push_pointer(&push_pointer(&place.pointer, "allOf"), "0"),
                ),
            )?,
            SchemaKind::Any(any) if !any.properties.is_empty() => {
                Ty::Named(self.param_object(schema, place)?)
            }
            SchemaKind::Any(any) if !any.any_of.is_empty() => {
                self.param_any_of(&any.any_of, place)?
            }
            SchemaKind::Any(any) if any.typ.as_deref() == Some("object") => {
                self.param_map(any.additional_properties.as_ref(), place)?
            }
            SchemaKind::Any(any) if any.typ.as_deref() == Some("array") => {
                self.param_items(any.items.as_ref(), place)?
            }
            SchemaKind::Any(_) => Ty::Json,
            _ => {
                return Err(Error::at(
                    &place.pointer,
                    "this parameter schema (`allOf` of several, or `not`) is not supported",
                ))
            }
        })
    }

    fn param_items(
        &mut self,
        items: Option<&ReferenceOr<Box<Schema>>>,
        place: &Place,
    ) -> Result<Ty, Error> {
        let inner = match items {
            Some(items) => self.param(
                Node::from(items),
                &place.child("", push_pointer(&place.pointer, "items")),
            )?,
            None => Ty::Json,
        };
        Ok(Ty::Array(Box::new(inner)))
    }

    fn param_map(
        &mut self,
        extra: Option<&AdditionalProperties>,
        place: &Place,
    ) -> Result<Ty, Error> {
        let value = match extra {
            Some(AdditionalProperties::Schema(s)) => self.param(
                Node::from(&**s),
                &place.child(
                    "Value",
                    push_pointer(&place.pointer, "additionalProperties"),
                ),
            )?,
            // Stripe's free-form parameter objects (`metadata` without a
            // value schema) take strings.
            _ => Ty::String,
        };
        Ok(Ty::Map(Box::new(value)))
    }

    /// `anyOf`: `T`, or `Unsettable<T>` with an `enum: [""]` branch; several
    /// shapes make a union.
    fn param_any_of(
        &mut self,
        branches: &[ReferenceOr<Schema>],
        place: &Place,
    ) -> Result<Ty, Error> {
        let key = push_pointer(&place.pointer, "anyOf");
        let unsettable = branches.iter().any(is_empty_string_enum);
        let kept: Vec<(usize, &ReferenceOr<Schema>)> = branches
            .iter()
            .enumerate()
            .filter(|(_, b)| !is_empty_string_enum(b))
            .collect();
        let ty = match kept.as_slice() {
            [] => return Err(Error::at(key, "`anyOf` with no branch but `\"\"`")),
            [(i, only)] => self.param(
                Node::from(*only),
                &place.child("", push_pointer(&key, &i.to_string())),
            )?,
            _ => Ty::Named(self.param_union(&kept, &key, place)?),
        };
        Ok(if unsettable {
            Ty::Unsettable(Box::new(ty))
        } else {
            ty
        })
    }

    fn param_union(
        &mut self,
        branches: &[(usize, &ReferenceOr<Schema>)],
        key: &str,
        place: &Place,
    ) -> Result<TypeId, Error> {
        let name = self.names.claim(&place.parent);
        let id = self.push(TypeDef {
            name,
            home: place.home.clone(),
            pointer: place.pointer.clone(),
            doc: None,
            kind: TypeKind::ParamUnion(Vec::new()),
        });
        let parent = self.space.types[id.0].name.clone();
        let mut names = NameSet::new();
        let mut variants = Vec::new();
        for (i, branch) in branches {
            let pointer = push_pointer(key, &i.to_string());
            let schema = match branch {
                ReferenceOr::Item(s) => Some(s),
                ReferenceOr::Reference { .. } => None,
            };
            if let Some(value) = schema.and_then(single_string) {
                variants.push(ParamVariant {
                    rust_name: names.claim(&variant_name(&value)),
                    value: ParamValue::Const(value),
                });
                continue;
            }
            let label = schema.map_or_else(|| "Object".to_string(), branch_label);
            let child = Place {
                parent: format!("{parent}{label}"),
                home: place.home.clone(),
                pointer,
            };
            let ty = self.param(Node::from(*branch), &child)?;
            variants.push(ParamVariant {
                rust_name: names.claim(&label),
                value: ParamValue::Of(ty),
            });
        }
        self.space.types[id.0].kind = TypeKind::ParamUnion(variants);
        Ok(id)
    }

    fn param_enum(&mut self, values: &[String], schema: &Schema, place: &Place) -> TypeId {
        let mut names = NameSet::new();
        let mut seen = std::collections::BTreeSet::new();
        let variants = values
            .iter()
            .filter(|v| seen.insert(v.as_str()))
            .map(|v| Variant {
                wire_name: v.clone(),
                rust_name: names.claim(&variant_name(v)),
            })
            .collect();
        let name = self.names.claim(&place.parent);
        self.push(TypeDef {
            name,
            home: place.home.clone(),
            pointer: place.pointer.clone(),
            doc: description(schema),
            kind: TypeKind::ParamEnum(variants),
        })
    }

    /// A parameter object: one type per `title` and schema, named after
    /// the title where it is free, else after its place.
    fn param_object(&mut self, schema: &Schema, place: &Place) -> Result<TypeId, Error> {
        let title = schema
            .schema_data
            .title
            .clone()
            .filter(|t| !t.trim().is_empty());
        // Descriptions aside: `provided_details` "might" or "may" be shown
        // is one type.
        let key = title.as_ref().map(|t| {
            let mut bare = schema.clone();
            bare.schema_data.description = None;
            (t.clone(), serde_json::to_string(&bare).unwrap_or_default())
        });
        if let Some(((title, _), &(id, end))) = key
            .as_ref()
            .and_then(|k| self.param_objects.get_key_value(k))
        {
            // Shared by the operations of several resources (`created`'s
            // `range_query_specs`): at home in none of them, it gets a home
            // of its own, named after its title, which goes to the default
            // crate unless a crate names it; so no resource's crate
            // depends on another's for it.
            if self.space.types[id.0].home != place.home {
                for def in &mut self.space.types[id.0..end] {
                    def.home.clone_from(title);
                }
            }
            return Ok(id);
        }
        let name = match title.as_deref().map(type_name) {
            Some(t) if !self.names.contains(&t) => self.names.claim(&t),
            _ => self.names.claim(&place.parent),
        };
        let id = self.push(TypeDef {
            name: name.clone(),
            home: place.home.clone(),
            pointer: place.pointer.clone(),
            doc: schema
                .schema_data
                .description
                .clone()
                .filter(|d| !d.trim().is_empty()),
            kind: TypeKind::Params(Vec::new()),
        });
        if let Some(key) = &key {
            self.param_objects.insert(key.clone(), (id, id.0 + 1));
        }
        let Some((props, required)) = object_props(schema) else {
            return Ok(id);
        };
        let named = Place {
            parent: name,
            ..place.clone()
        };
        let base = push_pointer(&place.pointer, "properties");
        let mut names = NameSet::new();
        let mut params = Vec::new();
        for (wire, prop) in props {
            let ty = self.param(
                Node::from(prop),
                &named.child(wire, push_pointer(&base, wire)),
            )?;
            params.push(form_field(wire, prop, ty, required, &mut names));
        }
        self.space.types[id.0].kind = TypeKind::Params(params);
        if let Some(key) = key {
            // The types made inside it are its to move.
            self.param_objects.insert(key, (id, self.space.types.len()));
        }
        Ok(id)
    }
}

/// The value of a string enum with one value (`now`).
fn single_string(schema: &Schema) -> Option<String> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) if s.enumeration.len() == 1 => s.enumeration[0].clone(),
        _ => None,
    }
}

/// The variant name of one shape of a union parameter.
fn branch_label(schema: &Schema) -> String {
    if let Some(title) = schema
        .schema_data
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        return type_name(title);
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => "Value".into(),
        SchemaKind::Type(Type::String(_)) => "String".into(),
        SchemaKind::Type(Type::Integer(i)) => match &i.format {
            openapiv3::VariantOrUnknownOrEmpty::Unknown(f) if f == "unix-time" => {
                "Timestamp".into()
            }
            _ => "Integer".into(),
        },
        SchemaKind::Type(Type::Number(_)) => "Number".into(),
        SchemaKind::Type(Type::Boolean(_)) => "Bool".into(),
        SchemaKind::Type(Type::Array(_)) => "List".into(),
        _ => "Object".into(),
    }
}
