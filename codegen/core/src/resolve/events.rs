//! Stripe's event envelope, typed for webhooks (`[events]` in the
//! configuration). The spec says `data.object` is any object; which
//! resource it is, its own `object` key tells. So `data.object` becomes a
//! union of every generated resource, told apart by that key, with a last
//! variant that keeps any other object exactly; the envelope's `type`
//! becomes a string enum of the event types; `data.previous_attributes`,
//! free-form in the spec, is kept exactly as it came.

use std::collections::BTreeMap;

use super::Resolver;
use crate::config::EventsConfig;
use crate::error::{push_pointer, schema_pointer, Error};
use crate::ir::{Discriminator, Events, Field, Ty, TypeDef, TypeId, TypeKind, Union, UnionVariant};
use crate::names::NameSet;

impl Resolver<'_> {
    /// Types the envelope's `data.object` and `type`; `spec_types` are the
    /// event types the spec lists.
    pub(super) fn events(
        &mut self,
        config: &EventsConfig,
        spec_types: Vec<String>,
    ) -> Result<(), Error> {
        let pointer = schema_pointer(&config.schema);
        let envelope = match self.named.get(&config.schema) {
            Some(&id) if matches!(self.space.types[id.0].kind, TypeKind::Struct(_)) => id,
            _ => {
                return Err(Error::config(
                    "events.schema",
                    format!(
                        "`{}` ({pointer}) is not an object schema, so it cannot be the event \
                         envelope",
                        config.schema
                    ),
                ))
            }
        };
        let data = match self.field(envelope, "data").map(|f| &f.ty) {
            Some(Ty::Named(data)) if self.field(*data, "object").is_some() => *data,
            _ => {
                return Err(Error::config(
                    "events.schema",
                    format!(
                        "the event envelope has no `data` object with an `object` property \
                         ({})",
                        push_pointer(&push_pointer(&pointer, "properties"), "data")
                    ),
                ))
            }
        };
        let object = self.object_union(envelope, data);
        let data_pointer = push_pointer(&self.space.types[data.0].pointer, "properties");
        let mut typed = Vec::new();
        for field in self.fields_mut(data) {
            match field.wire_name.as_str() {
                "object" => field.ty = Ty::Named(object),
                // Free-form in the spec: kept exactly as it came.
                "previous_attributes" => field.ty = Ty::RawObject,
                _ => continue,
            }
            typed.push(push_pointer(&data_pointer, &field.wire_name));
        }
        // No longer degraded places.
        self.space.degraded.retain(|d| {
            !typed
                .iter()
                .any(|at| d.pointer == *at || d.pointer.starts_with(&format!("{at}/")))
        });

        // The configured types, else the spec's: the same list for every
        // spec version the configuration generates from.
        let values = if config.types.is_empty() {
            spec_types
        } else {
            config.types.clone()
        };
        let tags = self.tags_of(object);
        for (i, c) in config.carries.iter().enumerate() {
            if !tags.contains_key(&c.schema) {
                return Err(Error::config(
                    format!("events.carries[{i}].schema"),
                    format!(
                        "`{}` is not a generated resource (a schema with an `object` value), so \
                         no event carries it",
                        c.schema
                    ),
                ));
            }
        }
        let carries = values.iter().map(|v| carried(config, v, &tags)).collect();
        let envelope_name = self.space.types[envelope.0].name.clone();
        let type_field = self.field(envelope, "type");
        if !type_field.is_some_and(|f| f.ty == Ty::String) {
            return Err(Error::config(
                "events.schema",
                format!(
                    "the event envelope has no string `type` property ({})",
                    push_pointer(&push_pointer(&pointer, "properties"), "type")
                ),
            ));
        }
        let name = self.names.claim(&format!("{envelope_name}Type"));
        let types = self.push(TypeDef {
            name,
            home: config.schema.clone(),
            pointer: push_pointer(&push_pointer(&pointer, "properties"), "type"),
            doc: Some(
                "The type of an event, such as `identity.verification_session.verified`.".into(),
            ),
            kind: TypeKind::Enum(super::string_enum::string_enum(&values)),
        });
        let mut api_version_field = None;
        for field in self.fields_mut(envelope) {
            match field.wire_name.as_str() {
                "type" => field.ty = Ty::Named(types),
                "api_version" if field.ty == Ty::String => {
                    api_version_field = Some(field.rust_name.clone())
                }
                _ => {}
            }
        }
        self.space.events = Some(Events {
            envelope,
            object,
            types,
            carries,
            api_version_field,
        });
        Ok(())
    }

    /// The union `data.object` holds: every generated resource (a
    /// component schema with an `object` value, such as `balance`, which
    /// has no id), one per value, and a variant for any other object.
    fn object_union(&mut self, envelope: TypeId, data: TypeId) -> TypeId {
        let mut by_tag: BTreeMap<String, TypeId> = BTreeMap::new();
        for (id, def) in self.space.iter() {
            let TypeKind::Struct(s) = &def.kind else {
                continue;
            };
            let Some(tag) = &s.tag else {
                continue;
            };
            if id == envelope || def.pointer != schema_pointer(&def.home) {
                continue;
            }
            // Where schemas share a value (`customer`, `deleted_customer`),
            // the one named after it is the resource.
            match by_tag.get(&tag.value) {
                Some(&first) if self.space.get(first).home == tag.value => {}
                Some(_) if def.home != tag.value => {}
                _ => {
                    by_tag.insert(tag.value.clone(), id);
                }
            }
        }
        let mut members: Vec<(String, TypeId)> = by_tag.into_iter().collect();
        members.sort_by_key(|(_, id)| *id);
        let mut names = NameSet::new();
        let variants: Vec<UnionVariant> = members
            .into_iter()
            .map(|(tag, ty)| UnionVariant {
                tag: Some(tag),
                rust_name: names.claim(&self.space.get(ty).name),
                ty,
            })
            .collect();
        let other = names.claim("Other");
        let envelope_name = self.space.get(envelope).name.clone();
        let data_def = self.space.get(data);
        let def = TypeDef {
            name: self.names.claim(&format!("{envelope_name}Object")),
            home: data_def.home.clone(),
            pointer: push_pointer(&push_pointer(&data_def.pointer, "properties"), "object"),
            doc: Some(
                "The object an event is about: a resource these types know, chosen by its \
                 `object` value, or any other object, kept exactly as it came."
                    .into(),
            ),
            kind: TypeKind::Union(Union {
                variants,
                has_id: false,
                discriminator: Discriminator::Object,
                placeholder_member: 0,
                other: Some(other),
            }),
        };
        self.push(def)
    }

    /// The union's members: schema name to `object` value.
    fn tags_of(&self, union: TypeId) -> BTreeMap<String, String> {
        let TypeKind::Union(u) = &self.space.get(union).kind else {
            return BTreeMap::new();
        };
        u.variants
            .iter()
            .filter_map(|v| Some((self.space.get(v.ty).home.clone(), v.tag.clone()?)))
            .collect()
    }

    fn field(&self, id: TypeId, wire: &str) -> Option<&Field> {
        match &self.space.get(id).kind {
            TypeKind::Struct(s) => s.fields.iter().find(|f| f.wire_name == wire),
            _ => None,
        }
    }

    fn fields_mut(&mut self, id: TypeId) -> impl Iterator<Item = &mut Field> {
        match &mut self.space.types[id.0].kind {
            TypeKind::Struct(s) => Some(s.fields.iter_mut()),
            _ => None,
        }
        .into_iter()
        .flatten()
    }
}

/// The `object` value of the resource events of type `value` carry: the
/// longest configured prefix that matches says which schema; without one,
/// the type less its last part names it, when that is a member's `object`
/// value (`identity.verification_session.verified`).
fn carried(config: &EventsConfig, value: &str, tags: &BTreeMap<String, String>) -> Option<String> {
    let configured = config
        .carries
        .iter()
        .filter(|c| value.starts_with(&c.prefix))
        .max_by_key(|c| c.prefix.len());
    if let Some(c) = configured {
        return tags.get(&c.schema).cloned();
    }
    let stem = value.rsplit_once('.').map_or("", |(stem, _)| stem);
    tags.values().find(|tag| *tag == stem).cloned()
}
