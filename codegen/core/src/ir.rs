//! The resolved intermediate representation: every type the output will
//! contain, with Rust names chosen, references resolved to type ids, and
//! nothing left to look up in the spec. [`crate::resolve`] makes it;
//! placement, emit and diff read it.
//!
//! Types refer to each other by [`TypeId`], never by nesting, so recursion
//! and sharing need no special shape, and iterating `types` in order gives
//! the same output every run.

/// Index of a type in [`TypeSpace::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// Everything the emitter needs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TypeSpace {
    /// The Stripe API version of the spec (`info.version`).
    pub spec_version: String,
    /// All types, in a deterministic order.
    pub types: Vec<TypeDef>,
    /// Places where no precise type could be given (the value is kept as
    /// `serde_json::Value`).
    pub degraded: Vec<Degraded>,
    /// Extra derives for every struct and enum.
    pub derives: Vec<String>,
    /// The component schemas the types come from: the configured roots and
    /// every schema they reference, sorted.
    pub schemas: Vec<String>,
    /// Where the generated crates' source lives, for their metadata.
    pub repository: Option<String>,
    /// How optional, nullable fields are typed.
    pub nullable: NullableStyle,
    /// Whether structs keep the keys their schema does not know.
    pub unknown_fields: UnknownFieldsStyle,
    /// By [`TypeId`]: whether a struct field requires the type, so that it
    /// needs a placeholder while the struct is filled in place (every
    /// struct has one; enums and unions only where this says).
    pub needs_placeholder: Vec<bool>,
    /// Stripe's event envelope, when the configuration names it and the
    /// closure has it.
    pub events: Option<Events>,
}

/// The event envelope (`events` in the configuration): the struct whose
/// values Stripe sends to webhook endpoints, with its `data.object` a union
/// of every generated resource and its `type` a string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct Events {
    /// The envelope struct (Stripe's `event` schema).
    pub envelope: TypeId,
    /// The union of resources `data.object` holds.
    pub object: TypeId,
    /// The enum of event types.
    pub types: TypeId,
    /// The `object` value of the resource each event type carries, by the
    /// enum's variants in order (`None` where no prefix says).
    pub carries: Vec<Option<String>>,
    /// The Rust name of the envelope's `api_version` field, if it has one.
    pub api_version_field: Option<String>,
}

/// What a `$ref` to a schema the spec does not have becomes
/// (`missing_refs` in the configuration), as in an excerpt of the spec.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingRefs {
    /// An error naming the `$ref`'s pointer.
    #[default]
    Error,
    /// `stripe_types::RawObject`: the JSON as it came, written back
    /// exactly.
    Raw,
    /// `stripe_types::ObjectId`: only the object's `id` (or the id string
    /// Stripe sends when the object is not expanded).
    Id,
}

/// What structs do with keys their schema does not know (`unknown_fields`
/// in the configuration; the macro's `unknown_fields` argument).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnknownFieldsStyle {
    /// Keep them, with their values as sent, in a
    /// `stripe_types::UnknownFields` field, and write them back.
    #[default]
    Keep,
    /// Skip them: the smallest types, for users who never write payloads
    /// back.
    Drop,
}

/// How optional, nullable properties are typed (`nullable` in the
/// configuration; the macro's `nullable` argument).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NullableStyle {
    /// `stripe_types::Nullable<T>`: absent, `null` and a value stay apart
    /// and each is written back as it came.
    #[default]
    Exact,
    /// `Option<T>`: `null` and absent both read as `None`, which is written
    /// as an absent key. For users who never write payloads back.
    Option,
}

/// A place where the generator fell back to `serde_json::Value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Degraded {
    /// The component schema it is in.
    pub schema: String,
    /// JSON pointer to the sub-schema.
    pub pointer: String,
    /// Why no precise type was possible.
    pub reason: String,
}

impl Degraded {
    /// The line `generate` warns with: where, why, and what the value is.
    pub fn warning(&self) -> String {
        format!(
            "{}: {}; that value is a serde_json::Value (in `{}`)",
            self.pointer, self.reason, self.schema
        )
    }
}

/// One generated type.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// The Rust name, unique in the whole type space.
    pub name: String,
    /// The component schema the type belongs to (its own, or the one it
    /// is inline in): its crate and module follow that schema's.
    pub home: String,
    /// JSON pointer of the schema the type comes from.
    pub pointer: String,
    /// Documentation text (Markdown, as in the spec).
    pub doc: Option<String>,
    /// What the type is.
    pub kind: TypeKind,
}

/// The shapes a generated type can take.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// A JSON object with known fields.
    Struct(Struct),
    /// A string with a known set of values (and a fallback for new ones).
    Enum(StringEnum),
    /// One of several objects, told apart by their `object` field.
    Union(Union),
    /// The id type of a resource (`x-resourceId`), the struct given.
    Id(TypeId),
    /// An API operation: its parameters, and the request and answer.
    Operation(Operation),
    /// An object inside an operation's parameters.
    Params(Vec<Param>),
    /// A string parameter with a closed set of values.
    ParamEnum(Vec<Variant>),
    /// A parameter that takes one of several shapes (`anyOf`).
    ParamUnion(Vec<ParamVariant>),
}

/// An API operation (one method of one path).
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The HTTP method, uppercase.
    pub method: String,
    /// The path template, such as `/v1/identity/verification_sessions/{session}`.
    pub path: String,
    /// Path, query and form parameters, path parameters first.
    pub params: Vec<Param>,
    /// What a successful answer holds.
    pub response: Response,
    /// What an error answer holds (the spec's `error` schema).
    pub error: Ty,
    /// Whether the body is `multipart/form-data` (a file upload) rather
    /// than a form.
    pub multipart: bool,
    /// The base URL the operation goes to, when it names its own
    /// (`https://files.stripe.com/`).
    pub host: Option<String>,
}

/// What an operation answers with.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    /// A JSON value of this type.
    Json(Ty),
    /// A page of a list of this type (`stripe_types::List<T>`), which the
    /// next page can be asked for.
    List(Ty),
    /// Bytes (such as a PDF).
    Bytes,
}

/// One parameter of an operation or of a parameter object.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The name on the wire.
    pub wire_name: String,
    /// The Rust field name.
    pub rust_name: String,
    /// Documentation text.
    pub doc: Option<String>,
    /// The value's type.
    pub ty: Ty,
    /// Whether it must be given (`T` rather than `Option<T>`).
    pub required: bool,
    /// Where it goes.
    pub location: ParamLocation,
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamLocation {
    /// A segment of the path.
    Path,
    /// The query string.
    Query,
    /// The form body (and, inside parameter objects, their fields).
    Form,
}

/// One shape of a [`TypeKind::ParamUnion`].
#[derive(Clone, Debug, PartialEq)]
pub struct ParamVariant {
    /// The Rust variant name.
    pub rust_name: String,
    /// A constant string (a unit variant), or a value of a type.
    pub value: ParamValue,
}

/// What a [`ParamVariant`] holds.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamValue {
    /// This string, such as `now`.
    Const(String),
    /// A value of this type.
    Of(Ty),
}

/// A JSON object with known fields.
#[derive(Clone, Debug, PartialEq)]
pub struct Struct {
    /// The fields, in spec order.
    pub fields: Vec<Field>,
    /// The constant `object` field, if the schema has one; not a Rust field.
    pub tag: Option<Tag>,
    /// The id type, if this is a resource whose `id` field has one.
    pub id: Option<TypeId>,
}

/// The constant value of an object's `object` field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    /// The value, such as `identity.verification_session`.
    pub value: String,
    /// Where the field stands among the object's JSON keys (spec order), so
    /// it is serialized in its place.
    pub position: usize,
    /// Whether the spec requires the key: then a payload without it is an
    /// error (it would come back with it).
    pub required: bool,
}

/// One field of a struct.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The JSON key.
    pub wire_name: String,
    /// The Rust field name.
    pub rust_name: String,
    /// Documentation text.
    pub doc: Option<String>,
    /// The value's type, before optionality.
    pub ty: Ty,
    /// Whether the key may be absent and the value `null`.
    pub presence: Presence,
    /// Whether `Debug` must hide the value.
    pub redacted: bool,
    /// Whether the value is boxed (it is part of a cycle of types).
    pub boxed: bool,
}

/// Whether a field's key must be there and whether its value may be
/// `null`. The same words name how a struct holds the field (emit's
/// `Holder`, the holders of `stripe_types::object!`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// The key must be there, its value not `null`: `T`.
    Required,
    /// The key must be there, its value may be `null`: `Option<T>`, `None`
    /// written as `null`.
    OrNull,
    /// The key may be absent, its value not `null`: `Option<T>`, `None`
    /// left out.
    Optional,
    /// The key may be absent, its value `null`: absent, `null` or a value
    /// (`stripe_types::Nullable<T>`, each written back as it came, or
    /// `Option<T>` under [`NullableStyle::Option`]).
    Nullable,
}

/// A string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct StringEnum {
    /// The known values, in spec order.
    pub variants: Vec<Variant>,
    /// The name of the variant that keeps values not in the spec.
    pub fallback: String,
}

/// One value of a string enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// The value on the wire.
    pub wire_name: String,
    /// The Rust variant name.
    pub rust_name: String,
}

/// A polymorphic union of objects (`anyOf` of several object schemas).
#[derive(Clone, Debug, PartialEq)]
pub struct Union {
    /// The members, in spec order.
    pub variants: Vec<UnionVariant>,
    /// Whether every member is a resource with an id, so the union is one
    /// too (and can be the target of an `Expandable`).
    pub has_id: bool,
    /// How a JSON object is matched to a member.
    pub discriminator: Discriminator,
    /// The member whose placeholder is the union's while a struct holding
    /// it is filled in place: the one found to have a finite JSON form
    /// first, so that its placeholder never leads back to the union.
    pub placeholder_member: usize,
    /// The name of a last variant that keeps any other object exactly as
    /// it came (`stripe_types::RawObject`), if the union is open: an
    /// event's `data.object` may be a resource the types do not know.
    pub other: Option<String>,
}

/// How a union tells its members apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Discriminator {
    /// Every member has its own constant `object` value: the member is
    /// chosen when the `object` key streams past.
    Object,
    /// Members share `object` values (`customer` and `deleted_customer`
    /// both say `customer`) or have none: the object is buffered and goes
    /// to the first member, in order of fewest keys it does not know, that
    /// accepts it (required fields present, values of the right types).
    Fields,
}

/// One member of a union.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnionVariant {
    /// The member's constant `object` value, if it has one.
    pub tag: Option<String>,
    /// The Rust variant name.
    pub rust_name: String,
    /// The member's type.
    pub ty: TypeId,
}

/// The type of a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i64`.
    Integer,
    /// `stripe_types::Number`: an `f64`, written back as it came.
    Number,
    /// `stripe_types::Timestamp` (`format: unix-time`).
    Timestamp,
    /// A generated type.
    Named(TypeId),
    /// `Vec<T>`.
    Array(Box<Ty>),
    /// `BTreeMap<String, T>` (`additionalProperties`).
    Map(Box<Ty>),
    /// `stripe_types::Expandable<T>`: an id, or the object if expanded.
    Expandable(TypeId),
    /// `serde_json::Value`: no precise type was possible (see
    /// [`TypeSpace::degraded`]).
    Json,
    /// `stripe_types::RawObject`: a schema the spec lacks, kept as JSON
    /// ([`MissingRefs::Raw`]).
    RawObject,
    /// `stripe_types::ObjectId`: a schema the spec lacks, kept as its id
    /// ([`MissingRefs::Id`]).
    ObjectId,
    /// `stripe_types::Unsettable<T>`: a parameter that an empty string
    /// unsets.
    Unsettable(Box<Ty>),
    /// `stripe_types::FileUpload`: a file's bytes, name and media type, in
    /// a multipart body (`format: binary`).
    File,
}

impl Presence {
    /// Whether the key must be there.
    pub fn key_required(self) -> bool {
        matches!(self, Presence::Required | Presence::OrNull)
    }

    /// Whether the value may be `null`.
    pub fn takes_null(self) -> bool {
        matches!(self, Presence::OrNull | Presence::Nullable)
    }
}

impl TypeSpace {
    /// The type with this id.
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// Ids and types, in order.
    pub fn iter(&self) -> impl Iterator<Item = (TypeId, &TypeDef)> {
        self.types.iter().enumerate().map(|(i, t)| (TypeId(i), t))
    }
}

impl TypeDef {
    /// The generated types this type's items mention.
    pub fn references(&self) -> Vec<TypeId> {
        let mut out = Vec::new();
        match &self.kind {
            TypeKind::Struct(s) => {
                for f in &s.fields {
                    f.ty.named(&mut out);
                }
                out.extend(s.id);
            }
            TypeKind::Union(u) => out.extend(u.variants.iter().map(|v| v.ty)),
            TypeKind::Id(owner) => out.push(*owner),
            TypeKind::Enum(_) | TypeKind::ParamEnum(_) => {}
            TypeKind::Operation(op) => {
                for p in &op.params {
                    p.ty.named(&mut out);
                }
                match &op.response {
                    Response::Json(ty) | Response::List(ty) => ty.named(&mut out),
                    Response::Bytes => {}
                }
                op.error.named(&mut out);
            }
            TypeKind::Params(params) => {
                for p in params {
                    p.ty.named(&mut out);
                }
            }
            TypeKind::ParamUnion(variants) => {
                for v in variants {
                    if let ParamValue::Of(ty) = &v.value {
                        ty.named(&mut out);
                    }
                }
            }
        }
        out
    }
}

impl Ty {
    /// Every generated type this type mentions.
    pub fn named(&self, out: &mut Vec<TypeId>) {
        match self {
            Ty::Named(id) | Ty::Expandable(id) => out.push(*id),
            Ty::Array(inner) | Ty::Map(inner) | Ty::Unsettable(inner) => inner.named(out),
            _ => {}
        }
    }
}
