//! Operations -> IR: each operation of the configured paths becomes a
//! [`TypeKind::Operation`] named after what it does
//! (`CreateIdentityVerificationSession`), its parameter objects, enums and
//! unions becoming parameter types beside it.
//!
//! Parameter types are closed (a value the spec does not allow cannot be
//! built); parameter objects with the same `title` and the same schema
//! are one type (`RangeQuerySpecs`), named after the title.
//!
//! Here: the operations, their names, path and form parameters and
//! answers; `params` has the parameter types (objects, enums, unions).

mod params;

use std::collections::HashMap;

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::{Place, Resolver};
use crate::error::{push_pointer, schema_pointer, Error};
use crate::ir::{Operation, Param, ParamLocation, Response, Ty, TypeDef, TypeKind, Variant};
use crate::names::{field_name, type_name, variant_name, NameSet};
use crate::spec::closure::{ref_target, Node};
use crate::spec::operations::{OperationSpec, ParamIn, SchemaAt};

/// The resource an operation is about: the schema of its answer, and
/// whether the answer is a list of it.
struct Subject {
    schema: String,
    list: bool,
}

impl Resolver<'_> {
    /// Adds every operation, named; an operation whose natural name
    /// (`verb` + resource) another one shares is named after its
    /// `operationId` instead, so that no name depends on the others' order.
    pub(super) fn operations(&mut self, ops: &[OperationSpec]) -> Result<(), Error> {
        let natural: Vec<Option<String>> = ops.iter().map(|op| self.natural_name(op)).collect();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for name in natural.iter().flatten() {
            *counts.entry(name.as_str()).or_default() += 1;
        }
        for (op, name) in ops.iter().zip(&natural) {
            let base = match name {
                Some(n) if counts[n.as_str()] == 1 => n.clone(),
                _ => id_name(op),
            };
            self.operation(op, &base)?;
        }
        Ok(())
    }

    fn subject(&self, op: &OperationSpec) -> Option<Subject> {
        let (_, Some(answer)) = op.response.as_ref()? else {
            return None;
        };
        match &answer.schema {
            ReferenceOr::Reference { reference } => Some(Subject {
                schema: ref_target(reference, "").ok()?,
                list: false,
            }),
            ReferenceOr::Item(s) => list_item(s).map(|schema| Subject { schema, list: true }),
        }
    }

    /// `List`, `Create`, `Retrieve`, `Update`, `Delete` or the action
    /// (`Cancel`), followed by the resource's type name.
    fn natural_name(&self, op: &OperationSpec) -> Option<String> {
        let subject = self.subject(op)?;
        let resource = &self.space.types[self.named.get(&subject.schema)?.0].name;
        let segments: Vec<&str> = op.path.split('/').filter(|s| !s.is_empty()).collect();
        let is_param = |s: &&str| s.starts_with('{');
        let last = segments.last()?;
        let after_param = segments.len() >= 2 && is_param(&segments[segments.len() - 2]);
        let verb = match op.method.as_str() {
            _ if subject.list => "List".to_string(),
            "get" => "Retrieve".to_string(),
            "delete" => "Delete".to_string(),
            "post" if is_param(last) => "Update".to_string(),
            "post" if after_param => type_name(last),
            "post" => "Create".to_string(),
            _ => return None,
        };
        Some(format!("{verb}{resource}"))
    }

    fn operation(&mut self, op: &OperationSpec, base: &str) -> Result<(), Error> {
        let subject = self.subject(op);
        let home = match &subject {
            Some(s) if self.schemas.contains_key(&s.schema) => s.schema.clone(),
            _ => fallback_home(op),
        };
        let name = self.names.claim(base);
        let id = self.push(TypeDef {
            name: name.clone(),
            home: home.clone(),
            pointer: op.pointer.clone(),
            doc: op.doc.clone(),
            kind: TypeKind::ParamEnum(Vec::new()),
        });
        let place = Place {
            parent: name,
            home,
            pointer: op.pointer.clone(),
        };
        let mut names = NameSet::new();
        let mut params = Vec::new();
        let last_path_param = op
            .parameters
            .iter()
            .rposition(|p| p.location == ParamIn::Path);
        // Path parameters first: they identify what the others act on.
        let mut order: Vec<usize> = (0..op.parameters.len()).collect();
        order.sort_by_key(|&i| op.parameters[i].location != ParamIn::Path);
        for i in order {
            let p = &op.parameters[i];
            let (location, ty) = match p.location {
                ParamIn::Path => {
                    let id_of = self.path_id(&p.name, subject.as_ref(), Some(i) == last_path_param);
                    (ParamLocation::Path, id_of.unwrap_or(Ty::String))
                }
                ParamIn::Query => (
                    ParamLocation::Query,
                    self.param_of(&p.name, &p.schema, subject.as_ref(), &place)?,
                ),
            };
            params.push(Param {
                wire_name: p.name.clone(),
                rust_name: names.claim(&field_name(&p.name)),
                doc: p.doc.clone(),
                ty,
                required: p.required,
                location,
            });
        }
        if let Some(form) = &op.form {
            self.form_fields(form, subject.as_ref(), &place, &mut names, &mut params)?;
        }
        let response = self.response(op, &place)?;
        let error = match &op.error {
            Some(e) => {
                self.node(
                    Node::from(&e.schema),
                    &place.child("Error", e.pointer.clone()),
                )?
                .0
            }
            None => Ty::Json,
        };
        self.space.types[id.0].kind = TypeKind::Operation(Operation {
            method: op.method.to_uppercase(),
            path: op.path.clone(),
            params,
            response,
            error,
            multipart: op.multipart,
            host: op.server.clone(),
        });
        Ok(())
    }

    fn form_fields(
        &mut self,
        form: &SchemaAt,
        subject: Option<&Subject>,
        place: &Place,
        names: &mut NameSet,
        params: &mut Vec<Param>,
    ) -> Result<(), Error> {
        let ReferenceOr::Item(schema) = &form.schema else {
            return Err(Error::at(
                &form.pointer,
                "a `$ref` as the form body is not supported: Stripe writes it in place",
            ));
        };
        let Some((props, required)) = object_props(schema) else {
            return Err(Error::at(
                &form.pointer,
                "a form body must be an object schema",
            ));
        };
        let base = push_pointer(&form.pointer, "properties");
        for (wire, prop) in props {
            let pointer = push_pointer(&base, wire);
            if params.iter().any(|p| &p.wire_name == wire) {
                return Err(Error::at(
                    pointer,
                    format!("`{wire}` is both a form field and a path or query parameter"),
                ));
            }
            let at = SchemaAt {
                schema: match prop {
                    ReferenceOr::Item(s) => ReferenceOr::Item((**s).clone()),
                    ReferenceOr::Reference { reference } => ReferenceOr::Reference {
                        reference: reference.clone(),
                    },
                },
                pointer,
            };
            let ty = self.param_of(wire, &at, subject, place)?;
            params.push(form_field(wire, prop, ty, required, names));
        }
        Ok(())
    }

    /// A path parameter's id type: the resource's own for the last one,
    /// else that of the schema it is named after (`{customer}`).
    fn path_id(&self, name: &str, subject: Option<&Subject>, last: bool) -> Option<Ty> {
        let id_of = |schema: &str| match self
            .named
            .get(schema)
            .map(|id| &self.space.types[id.0].kind)
        {
            Some(TypeKind::Struct(s)) => s.id.map(Ty::Named),
            _ => None,
        };
        match subject {
            Some(s) if last && !s.list => id_of(&s.schema).or_else(|| id_of(name)),
            _ => id_of(name),
        }
    }

    /// A query parameter or form field; `expand` gets the resource's
    /// expandable fields as a closed enum.
    fn param_of(
        &mut self,
        wire: &str,
        at: &SchemaAt,
        subject: Option<&Subject>,
        place: &Place,
    ) -> Result<Ty, Error> {
        if wire == "expand" {
            if let Some(ty) = subject.and_then(|s| self.expand_enum(s)) {
                return Ok(ty);
            }
        }
        self.param(
            Node::from(&at.schema),
            &place.child(wire, at.pointer.clone()),
        )
    }

    /// `Vec<ResourceExpand>` from the resource's `x-expandableFields`
    /// (`data.` before each for lists), one enum per resource and shape.
    fn expand_enum(&mut self, subject: &Subject) -> Option<Ty> {
        let ReferenceOr::Item(schema) = self.schemas.get(&subject.schema)? else {
            return None;
        };
        let fields: Vec<String> = schema
            .schema_data
            .extensions
            .get("x-expandableFields")?
            .as_array()?
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        if fields.is_empty() {
            return None;
        }
        let key = (subject.schema.clone(), subject.list);
        if let Some(id) = self.expand_enums.get(&key) {
            return Some(Ty::Array(Box::new(Ty::Named(*id))));
        }
        let resource = self.space.types[self.named.get(&subject.schema)?.0]
            .name
            .clone();
        let suffix = if subject.list { "ListExpand" } else { "Expand" };
        let mut names = NameSet::new();
        let variants = fields
            .iter()
            .map(|f| Variant {
                wire_name: if subject.list {
                    format!("data.{f}")
                } else {
                    f.clone()
                },
                rust_name: names.claim(&variant_name(f)),
            })
            .collect();
        let name = self.names.claim(&format!("{resource}{suffix}"));
        let id = self.push(TypeDef {
            name,
            home: subject.schema.clone(),
            pointer: push_pointer(&schema_pointer(&subject.schema), "x-expandableFields"),
            doc: Some(format!(
                "A field of `{resource}` that `expand` can ask for{}.",
                if subject.list {
                    ", in every object of a list"
                } else {
                    ""
                }
            )),
            kind: TypeKind::ParamEnum(variants),
        });
        self.expand_enums.insert(key, id);
        Some(Ty::Array(Box::new(Ty::Named(id))))
    }

    fn response(&mut self, op: &OperationSpec, place: &Place) -> Result<Response, Error> {
        let Some((content_type, answer)) = &op.response else {
            return Ok(Response::Json(
                self.degrade(place, "the operation documents no `200` answer"),
            ));
        };
        if !content_type.starts_with("application/json") {
            return Ok(Response::Bytes);
        }
        let Some(answer) = answer else {
            return Ok(Response::Json(
                self.degrade(place, "the answer has no schema"),
            ));
        };
        if let ReferenceOr::Item(s) = &answer.schema {
            if list_item(s).is_some() {
                let data = push_pointer(&push_pointer(&answer.pointer, "properties"), "data");
                let items = object_props(s)
                    .and_then(|(props, _)| props.get("data"))
                    .and_then(|d| match d {
                        ReferenceOr::Item(d) => match &d.schema_kind {
                            SchemaKind::Type(Type::Array(a)) => a.items.as_ref(),
                            _ => None,
                        },
                        ReferenceOr::Reference { .. } => None,
                    });
                if let Some(items) = items {
                    let (ty, _) = self.node(
                        Node::from(items),
                        &place.child("Item", push_pointer(&data, "items")),
                    )?;
                    return Ok(Response::List(ty));
                }
            }
        }
        let (ty, _) = self.node(
            Node::from(&answer.schema),
            &place.child("Response", answer.pointer.clone()),
        )?;
        Ok(Response::Json(ty))
    }
}

type Props = indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>;

fn object_props(schema: &Schema) -> Option<(&Props, &[String])> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => Some((&o.properties, &o.required)),
        SchemaKind::Any(a) if a.typ.as_deref().map_or(true, |t| t == "object") => {
            Some((&a.properties, &a.required))
        }
        _ => None,
    }
}

/// The schema a list answer holds (`data` of a `"object": "list"`
/// object), if this is one.
fn list_item(schema: &Schema) -> Option<String> {
    let (props, _) = object_props(schema)?;
    let is_list = matches!(props.get("object"), Some(ReferenceOr::Item(o))
        if matches!(&o.schema_kind, SchemaKind::Type(Type::String(s))
            if s.enumeration.len() == 1 && s.enumeration[0].as_deref() == Some("list")));
    if !is_list || !props.contains_key("has_more") || !props.contains_key("url") {
        return None;
    }
    let ReferenceOr::Item(data) = props.get("data")? else {
        return None;
    };
    let SchemaKind::Type(Type::Array(a)) = &data.schema_kind else {
        return None;
    };
    match a.items.as_ref()? {
        ReferenceOr::Reference { reference } => ref_target(reference, "").ok(),
        // A list of a union (`anyOf` of refs) is still a list; its
        // resource is the union, which has no schema to be named after.
        ReferenceOr::Item(_) => Some(String::new()),
    }
}

/// A field of a form body or of a parameter object, in the form.
fn form_field(
    wire: &str,
    prop: &ReferenceOr<Box<Schema>>,
    ty: Ty,
    required: &[String],
    names: &mut NameSet,
) -> Param {
    Param {
        wire_name: wire.to_string(),
        rust_name: names.claim(&field_name(wire)),
        doc: match prop {
            ReferenceOr::Item(s) => description(s),
            ReferenceOr::Reference { .. } => None,
        },
        ty,
        required: required.iter().any(|r| r == wire),
        location: ParamLocation::Form,
    }
}

/// A parameter's description (not its `title`, which names a type:
/// `session_options_param`).
fn description(schema: &Schema) -> Option<String> {
    schema
        .schema_data
        .description
        .clone()
        .filter(|d| !d.trim().is_empty())
}

/// The name of an operation no natural name fits: its `operationId`
/// (`GetCustomersCustomerSourcesId`), else its method and path.
fn id_name(op: &OperationSpec) -> String {
    match &op.operation_id {
        Some(id) if !id.trim().is_empty() => type_name(id),
        _ => type_name(&format!(
            "{} {}",
            op.method,
            op.path.replace(['{', '}'], "")
        )),
    }
}

/// Where an operation with no resource of its own goes: with the schema
/// named after its path's first segment (`/v1/balance/history` ->
/// `balance`).
fn fallback_home(op: &OperationSpec) -> String {
    op.path
        .split('/')
        .find(|s| !s.is_empty() && *s != "v1" && !s.starts_with('{'))
        .unwrap_or("requests")
        .to_string()
}
