//! The operations of the spec's `paths` that the configuration asks for:
//! method, path, parameters, form body and answers, each schema parsed.
//!
//! Takes the spec model and the configured path patterns; gives
//! [`OperationSpec`]s in path order (what [`crate::resolve`] reads). Only
//! what a typed request needs is read; anything malformed is an error
//! naming its JSON pointer.

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::{parse_schema, Spec};
use crate::config::glob_match;
use crate::error::{push_pointer, Error};

/// The methods read from a path item, in the order they are emitted.
const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// One operation of the spec.
#[derive(Clone, Debug)]
pub struct OperationSpec {
    /// The path template, such as `/v1/identity/verification_sessions/{session}`.
    pub path: String,
    /// The method, lowercase as in the spec.
    pub method: String,
    /// JSON pointer of the operation.
    pub pointer: String,
    /// `operationId`.
    pub operation_id: Option<String>,
    /// `description` (or `summary`).
    pub doc: Option<String>,
    /// Path and query parameters, in spec order.
    pub parameters: Vec<ParameterSpec>,
    /// The form body's schema (`application/x-www-form-urlencoded`, or
    /// `multipart/form-data` for a file upload), if any.
    pub form: Option<SchemaAt>,
    /// Whether that body is `multipart/form-data`.
    pub multipart: bool,
    /// The content type of a body the operation takes that is neither.
    pub other_body: Option<String>,
    /// The base URL of the operation's own `servers` entry (uploads go to
    /// `https://files.stripe.com/`), if it has one.
    pub server: Option<String>,
    /// The successful answer (`200`): its content type and schema.
    pub response: Option<(String, Option<SchemaAt>)>,
    /// The schema of error answers (`default`).
    pub error: Option<SchemaAt>,
}

impl OperationSpec {
    /// Every schema of the operation: parameters, form body, answers.
    pub fn schemas(&self) -> impl Iterator<Item = &SchemaAt> {
        self.parameters
            .iter()
            .map(|p| &p.schema)
            .chain(&self.form)
            .chain(self.response.as_ref().and_then(|(_, s)| s.as_ref()))
            .chain(&self.error)
    }
}

/// A schema and where it is.
#[derive(Clone, Debug)]
pub struct SchemaAt {
    /// The schema.
    pub schema: ReferenceOr<Schema>,
    /// Its JSON pointer.
    pub pointer: String,
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamIn {
    /// A segment of the path.
    Path,
    /// The query string.
    Query,
}

/// One path or query parameter.
#[derive(Clone, Debug)]
pub struct ParameterSpec {
    /// The name.
    pub name: String,
    /// Where it goes.
    pub location: ParamIn,
    /// Whether it must be given.
    pub required: bool,
    /// Its description.
    pub doc: Option<String>,
    /// Its schema.
    pub schema: SchemaAt,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawOperation<'a> {
    operation_id: Option<String>,
    description: Option<String>,
    summary: Option<String>,
    #[serde(default, borrow)]
    parameters: Vec<RawParameter<'a>>,
    #[serde(borrow)]
    request_body: Option<RawBody<'a>>,
    #[serde(default, borrow)]
    responses: IndexMap<String, RawBody<'a>>,
    #[serde(default)]
    servers: Vec<RawServer>,
}

#[derive(Deserialize)]
struct RawServer {
    url: String,
}

#[derive(Deserialize)]
struct RawParameter<'a> {
    name: String,
    #[serde(rename = "in")]
    location: String,
    #[serde(default)]
    required: bool,
    description: Option<String>,
    #[serde(borrow)]
    schema: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct RawBody<'a> {
    #[serde(default, borrow)]
    content: IndexMap<String, RawMedia<'a>>,
}

#[derive(Deserialize)]
struct RawMedia<'a> {
    #[serde(borrow)]
    schema: Option<&'a RawValue>,
}

/// The form content type, the only body Stripe's v1 operations read
/// besides file uploads.
pub const FORM: &str = "application/x-www-form-urlencoded";

/// The content type of file uploads.
pub const MULTIPART: &str = "multipart/form-data";

/// The operations whose path matches one of `patterns`, in path order and
/// then in `METHODS` order (get, post, put, patch, delete).
pub fn operations(spec: &Spec<'_>, patterns: &[String]) -> Result<Vec<OperationSpec>, Error> {
    let mut out = Vec::new();
    if patterns.is_empty() {
        return Ok(out);
    }
    let mut paths: Vec<(&String, &&RawValue)> = spec
        .paths
        .iter()
        .filter(|(path, _)| patterns.iter().any(|p| glob_match(p, path)))
        .collect();
    paths.sort_by(|a, b| a.0.cmp(b.0));
    // Paths parse independently: on every core for the whole spec, where
    // this is a third of `resolve`, which runs before anything else can.
    let threads = crate::parallel::threads_for(paths.len());
    for ops in crate::parallel::map(&paths, threads, |(path, raw)| path_item(path, raw)) {
        out.extend(ops?);
    }
    Ok(out)
}

/// The operations of one path item, in the order of [`METHODS`].
fn path_item(path: &str, raw: &RawValue) -> Result<Vec<OperationSpec>, Error> {
    let pointer = push_pointer("#/paths", path);
    let item: IndexMap<String, &RawValue> = serde_json::from_str(raw.get())
        .map_err(|e| Error::at(&pointer, format!("not a path item: {e}")))?;
    let mut out = Vec::new();
    for method in METHODS {
        if let Some(raw) = item.get(method) {
            let pointer = push_pointer(&pointer, method);
            out.push(operation(path, method, raw.get(), pointer)?);
        }
    }
    Ok(out)
}

fn operation(
    path: &str,
    method: &str,
    json: &str,
    pointer: String,
) -> Result<OperationSpec, Error> {
    let raw: RawOperation<'_> = serde_json::from_str(json)
        .map_err(|e| Error::at(&pointer, format!("not an operation: {e}")))?;
    let mut parameters = Vec::new();
    for (i, p) in raw.parameters.iter().enumerate() {
        let at = push_pointer(&push_pointer(&pointer, "parameters"), &i.to_string());
        let location = match p.location.as_str() {
            "path" => ParamIn::Path,
            "query" => ParamIn::Query,
            // Headers and cookies are the client's business.
            _ => continue,
        };
        let Some(schema) = p.schema else {
            return Err(Error::at(
                at,
                format!("parameter `{}` has no schema", p.name),
            ));
        };
        let schema_pointer = push_pointer(&at, "schema");
        parameters.push(ParameterSpec {
            name: p.name.clone(),
            location,
            required: p.required || location == ParamIn::Path,
            doc: p.description.clone().filter(|d| !d.trim().is_empty()),
            schema: SchemaAt {
                schema: parse_schema(schema.get(), &schema_pointer)?,
                pointer: schema_pointer,
            },
        });
    }
    let mut form = None;
    let mut multipart = false;
    let mut other_body = None;
    if let Some(body) = &raw.request_body {
        let at = push_pointer(&push_pointer(&pointer, "requestBody"), "content");
        for (content_type, media) in &body.content {
            let media_pointer = push_pointer(&push_pointer(&at, content_type), "schema");
            match (content_type.as_str(), media.schema) {
                // A form when the operation takes one; else multipart.
                (FORM | MULTIPART, Some(schema)) if form.is_none() || content_type == FORM => {
                    form = Some(SchemaAt {
                        schema: parse_schema(schema.get(), &media_pointer)?,
                        pointer: media_pointer,
                    });
                    multipart = content_type == MULTIPART;
                }
                _ => other_body = Some(content_type.clone()),
            }
        }
    }
    let answer = |code: &str| -> Result<Option<(String, Option<SchemaAt>)>, Error> {
        let Some(response) = raw.responses.get(code) else {
            return Ok(None);
        };
        let at = push_pointer(
            &push_pointer(&push_pointer(&pointer, "responses"), code),
            "content",
        );
        let Some((content_type, media)) = response.content.first() else {
            return Ok(None);
        };
        let schema = match media.schema {
            Some(s) => {
                let schema_pointer = push_pointer(&push_pointer(&at, content_type), "schema");
                Some(SchemaAt {
                    schema: parse_schema(s.get(), &schema_pointer)?,
                    pointer: schema_pointer,
                })
            }
            None => None,
        };
        Ok(Some((content_type.clone(), schema)))
    };
    let response = answer("200")?;
    let error = answer("default")?.and_then(|(_, s)| s);
    Ok(OperationSpec {
        path: path.to_string(),
        method: method.to_string(),
        pointer,
        operation_id: raw.operation_id,
        doc: raw
            .description
            .or(raw.summary)
            .map(|d| super::html::to_markdown(&d))
            .filter(|d| !d.trim().is_empty()),
        parameters,
        form,
        multipart,
        other_body,
        server: raw.servers.into_iter().next().map(|s| s.url),
        response,
        error,
    })
}
