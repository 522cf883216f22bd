//! The spec model: Stripe's OpenAPI document, read lazily.
//!
//! Parsing only splits the document into its component schemas, each kept
//! as raw JSON text borrowed from the input. A schema becomes an
//! `openapiv3::Schema` when the resolver asks for it, so generating 23
//! schemas does not pay for the other 800.
//!
//! Takes the spec's JSON text; gives a [`Spec`] (and, in [`closure`], the
//! parsed schemas a set of roots reaches).

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::error::{push_pointer, schema_pointer, Error};

pub mod closure;
mod html;
pub mod operations;

/// A parsed spec: its version and its component schemas.
#[derive(Debug)]
pub struct Spec<'a> {
    /// `info.version`: the Stripe API version, such as `2023-08-16`.
    pub version: String,
    schemas: IndexMap<String, &'a RawValue>,
    /// The path items, each kept as raw JSON until an operation is read.
    paths: IndexMap<String, &'a RawValue>,
}

#[derive(Deserialize)]
struct RawDocument<'a> {
    #[serde(borrow)]
    openapi: Option<&'a RawValue>,
    #[serde(borrow)]
    info: Option<&'a RawValue>,
    #[serde(borrow)]
    components: Option<RawComponents<'a>>,
    #[serde(borrow)]
    paths: Option<IndexMap<String, &'a RawValue>>,
}

#[derive(Deserialize)]
struct RawComponents<'a> {
    #[serde(borrow)]
    schemas: Option<IndexMap<String, &'a RawValue>>,
}

#[derive(Deserialize)]
struct Info {
    version: String,
}

impl<'a> Spec<'a> {
    /// Splits a spec into its schemas; checks that it is OpenAPI 3.0.
    pub fn parse(json: &'a str) -> Result<Self, Error> {
        let document: RawDocument<'a> = serde_json::from_str(json).map_err(|e| {
            if e.is_data() && !json.trim_start().starts_with('{') {
                Error::at(
                    "#",
                    "the spec is not an OpenAPI document: it is JSON, but not an object",
                )
            } else if e.is_data() {
                Error::at("#", format!("the spec is not an OpenAPI document: {e}"))
            } else {
                Error::at("#", format!("the spec is not valid JSON: {e}"))
            }
        })?;
        let openapi = document
            .openapi
            .ok_or_else(|| Error::at("#/openapi", "missing: this is not an OpenAPI 3 document"))?;
        match serde_json::from_str::<String>(openapi.get()) {
            Ok(v) if v.starts_with("3.0") => {}
            Ok(v) => {
                return Err(Error::at(
                    "#/openapi",
                    format!("version `{v}` is not supported: only OpenAPI 3.0 documents are"),
                ))
            }
            Err(_) => return Err(Error::at("#/openapi", "must be a string such as \"3.0.0\"")),
        }
        let info = document.info.ok_or_else(|| {
            Error::at(
                "#/info",
                "missing: an OpenAPI document needs `info.version`",
            )
        })?;
        let version = serde_json::from_str::<Info>(info.get())
            .map_err(|e| Error::at("#/info/version", format!("must be a string: {e}")))?
            .version;
        check_version(&version)?;
        let schemas = document.components.and_then(|c| c.schemas).ok_or_else(|| {
            Error::at(
                "#/components/schemas",
                "missing: the spec defines no schemas",
            )
        })?;
        Ok(Spec {
            version,
            schemas,
            paths: document.paths.unwrap_or_default(),
        })
    }

    /// The names of all component schemas, in spec order.
    pub fn schema_names(&self) -> impl Iterator<Item = &str> {
        self.schemas.keys().map(String::as_str)
    }

    /// The same spec with only the component schemas `keep` accepts.
    pub fn only(self, keep: impl Fn(&str) -> bool) -> Self {
        Spec {
            schemas: self.schemas.into_iter().filter(|(n, _)| keep(n)).collect(),
            ..self
        }
    }

    /// The paths of the spec, in spec order.
    pub fn path_names(&self) -> impl Iterator<Item = &str> {
        self.paths.keys().map(String::as_str)
    }

    /// Whether the spec has a component schema of this name.
    pub fn contains(&self, name: &str) -> bool {
        self.schemas.contains_key(name)
    }

    /// The event types the spec lists: the values of `enabled_events` in
    /// `POST /v1/webhook_endpoints` (but `*`), in spec order; none when
    /// the spec lacks that path (an excerpt) or it has another shape.
    pub fn event_types(&self) -> Vec<String> {
        let Some(raw) = self.paths.get("/v1/webhook_endpoints") else {
            return Vec::new();
        };
        let Ok(item) = serde_json::from_str::<serde_json::Value>(raw.get()) else {
            return Vec::new();
        };
        let values = item
            .pointer(
                "/post/requestBody/content/application~1x-www-form-urlencoded/schema\
                 /properties/enabled_events/items/enum",
            )
            .and_then(serde_json::Value::as_array);
        values
            .into_iter()
            .flatten()
            .filter_map(serde_json::Value::as_str)
            .filter(|t| *t != "*")
            .map(str::to_string)
            .collect()
    }

    /// The component schema `name`, parsed; `None` if there is none.
    pub fn schema(&self, name: &str) -> Option<Result<ReferenceOr<Schema>, Error>> {
        let raw = self.schemas.get(name)?;
        Some(parse_schema(raw.get(), &schema_pointer(name)))
    }
}

/// How deeply one component schema may nest (objects and arrays, the
/// schema itself being level 1). Stripe's deepest is 8. Parsing, resolving
/// and formatting all recurse once per level; this bound keeps them far
/// from the end of the stack (a 2 MiB test thread in a debug build, the
/// smallest they run on, holds about 70).
pub const MAX_SCHEMA_DEPTH: usize = 32;

/// `info.version` goes into a comment at the top of every generated file,
/// into `Cargo.toml` and into the crate documentation: it must be one short
/// line that cannot end the comment or carry markup.
fn check_version(version: &str) -> Result<(), Error> {
    let ok = !version.is_empty()
        && version.len() <= 64
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'));
    if ok {
        Ok(())
    } else {
        Err(Error::at(
            "#/info/version",
            format!(
                "{version:?} is not an API version such as \"2023-08-16\": at most 64 letters, digits, `.`, `-`, `_` or `+`"
            ),
        ))
    }
}

/// Parses one schema; on failure, finds the innermost sub-schema that does
/// not parse, so the error points at it rather than at the whole schema.
pub(crate) fn parse_schema(json: &str, pointer: &str) -> Result<ReferenceOr<Schema>, Error> {
    if depth(json) > MAX_SCHEMA_DEPTH {
        return Err(too_deep(json, pointer));
    }
    match serde_json::from_str(json) {
        Ok(schema) => Ok(schema),
        Err(e) => {
            let value: Value = serde_json::from_str(json)
                .map_err(|_| Error::at(pointer, format!("not a valid schema: {e}")))?;
            Err(locate(&value, pointer))
        }
    }
}

/// The nesting depth of a JSON text, counted without recursion (so that
/// any depth can be measured).
fn depth(json: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut in_string = false;
    let mut escaped = false;
    for b in json.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// The error for a schema nested deeper than [`MAX_SCHEMA_DEPTH`], at the
/// first place that is one level too deep.
fn too_deep(json: &str, pointer: &str) -> Error {
    let message = format!(
        "nested more than {MAX_SCHEMA_DEPTH} levels deep (objects and arrays); \
         this generator supports at most {MAX_SCHEMA_DEPTH}"
    );
    // serde_json stops at 128 levels; past that, the schema itself is named.
    let Ok(value) = serde_json::from_str::<Value>(json) else {
        return Error::at(pointer, message);
    };
    // Walk down a path that goes too deep, to the first container on it
    // that lies past the limit.
    let mut at = &value;
    let mut path = pointer.to_string();
    for level in 1..=MAX_SCHEMA_DEPTH {
        let too_deep = |v: &&Value| depth_of(v) + level > MAX_SCHEMA_DEPTH;
        let next = match at {
            Value::Object(map) => map
                .iter()
                .find(|(_, v)| too_deep(v))
                .map(|(k, v)| (k.clone(), v)),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .find(|(_, v)| too_deep(v))
                .map(|(i, v)| (i.to_string(), v)),
            _ => None,
        };
        let Some((token, child)) = next else { break };
        path = push_pointer(&path, &token);
        at = child;
    }
    Error::at(path, message)
}

fn depth_of(value: &Value) -> usize {
    match value {
        Value::Object(map) => 1 + map.values().map(depth_of).max().unwrap_or(0),
        Value::Array(items) => 1 + items.iter().map(depth_of).max().unwrap_or(0),
        _ => 0,
    }
}

fn locate(value: &Value, pointer: &str) -> Error {
    for (child_pointer, child) in children(value, pointer) {
        if serde_json::from_value::<ReferenceOr<Schema>>(child.clone()).is_err() {
            return locate(child, &child_pointer);
        }
    }
    let detail = match value {
        Value::Object(map) => describe_invalid(map),
        _ => format!("expected a schema object, found {}", kind(value)),
    };
    Error::at(pointer, format!("not a valid schema: {detail}"))
}

fn describe_invalid(map: &serde_json::Map<String, Value>) -> String {
    const TYPES: &[&str] = &["string", "number", "integer", "boolean", "object", "array"];
    match map.get("type") {
        Some(Value::String(t)) if !TYPES.contains(&t.as_str()) => {
            format!("unknown type `{t}` (expected one of {})", TYPES.join(", "))
        }
        Some(
            t @ (Value::Number(_)
            | Value::Bool(_)
            | Value::Array(_)
            | Value::Object(_)
            | Value::Null),
        ) => {
            format!("`type` must be a string, found {}", kind(t))
        }
        _ => match map.get("$ref") {
            Some(r) if !r.is_string() => format!("`$ref` must be a string, found {}", kind(r)),
            _ => "its keywords do not form a valid OpenAPI 3.0 schema".to_string(),
        },
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The sub-schemas of a schema, with their pointers.
fn children<'v>(value: &'v Value, pointer: &str) -> Vec<(String, &'v Value)> {
    let mut out = Vec::new();
    let Value::Object(map) = value else {
        return out;
    };
    if let Some(Value::Object(props)) = map.get("properties") {
        let base = push_pointer(pointer, "properties");
        out.extend(props.iter().map(|(k, v)| (push_pointer(&base, k), v)));
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(v @ Value::Object(_)) = map.get(key) {
            out.push((push_pointer(pointer, key), v));
        }
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(Value::Array(items)) = map.get(key) {
            let base = push_pointer(pointer, key);
            out.extend(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (push_pointer(&base, &i.to_string()), v)),
            );
        }
    }
    out
}

/// Schema names closest to `name`, best first, for "did you mean" hints.
pub fn closest_names<'s>(
    names: impl Iterator<Item = &'s str>,
    name: &str,
    n: usize,
) -> Vec<&'s str> {
    let mut scored: BTreeMap<(usize, &'s str), ()> = BTreeMap::new();
    for candidate in names {
        scored.insert((edit_distance(candidate, name), candidate), ());
    }
    scored.into_keys().take(n).map(|(_, c)| c).collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(json: &str) -> Result<Spec<'_>, Error> {
        Spec::parse(json)
    }

    #[test]
    fn reads_version_and_schemas_lazily() {
        let json = r#"{"openapi":"3.0.0","info":{"version":"2023-08-16","title":"x"},
            "paths":{"/v1/x":{"get":{}}},
            "components":{"schemas":{"b":{"type":"string"},"a":{"type":"object"}}}}"#;
        let s = spec(json).unwrap();
        assert_eq!(s.version, "2023-08-16");
        assert_eq!(s.schema_names().collect::<Vec<_>>(), ["b", "a"]);
        assert!(s.schema("a").unwrap().is_ok());
        assert!(s.schema("zzz").is_none());
    }

    #[test]
    fn rejects_what_is_not_an_openapi_3_document() {
        assert!(spec("{nope")
            .unwrap_err()
            .message
            .starts_with("the spec is not valid JSON"));
        let e = spec(r#"{"swagger":"2.0"}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "#/openapi: missing: this is not an OpenAPI 3 document"
        );
        let e = spec(r#"{"openapi":"3.1.0","info":{"version":"1"}}"#).unwrap_err();
        assert_eq!(e.pointer(), "#/openapi");
        assert!(e.message.contains("3.1.0"));
        let e = spec(r#"{"openapi":"3.0.0","info":{"version":"1"}}"#).unwrap_err();
        assert_eq!(e.pointer(), "#/components/schemas");
        assert_eq!(
            spec("[1,2]").unwrap_err().to_string(),
            "#: the spec is not an OpenAPI document: it is JSON, but not an object"
        );
    }

    #[test]
    fn points_at_the_innermost_broken_schema() {
        let json = r#"{"openapi":"3.0.0","info":{"version":"1"},"components":{"schemas":{
            "x":{"type":"object","properties":{"ok":{"type":"string"},
                 "y":{"anyOf":[{"type":"string"},{"type":5}]}}}}}}"#;
        let s = spec(json).unwrap();
        let e = s.schema("x").unwrap().unwrap_err();
        assert_eq!(e.pointer(), "#/components/schemas/x/properties/y/anyOf/1");
        assert!(
            e.message
                .contains("`type` must be a string, found a number"),
            "{e}"
        );
    }

    #[test]
    fn the_version_must_be_one_plain_line() {
        let with = |v: &str| {
            json_spec(&format!(
                r#"{{"openapi":"3.0.0","info":{{"version":{}}},"components":{{"schemas":{{}}}}}}"#,
                serde_json::to_string(v).unwrap()
            ))
        };
        assert!(with("2023-08-16").is_ok());
        assert!(with("2024-09-30.acacia").is_ok());
        let e = with("1\npub fn evil() {}").unwrap_err();
        assert_eq!(e.pointer(), "#/info/version");
        assert!(
            e.message
                .starts_with(r#""1\npub fn evil() {}" is not an API version"#),
            "{e}"
        );
        assert!(with("<script>").is_err());
        assert!(with("").is_err());
        assert!(with(&"9".repeat(65)).is_err());
    }

    fn json_spec(json: &str) -> Result<String, Error> {
        Spec::parse(json).map(|s| s.version)
    }

    #[test]
    fn schemas_nested_too_deeply_are_errors_at_the_first_level_too_deep() {
        let nested = |levels: usize| {
            let schema = format!(
                r#"{}{{"type":"string"}}{}"#,
                r#"{"type":"array","items":"#.repeat(levels - 1),
                "}".repeat(levels - 1)
            );
            format!(
                r#"{{"openapi":"3.0.0","info":{{"version":"1"}},"components":{{"schemas":{{"deep":{schema}}}}}}}"#
            )
        };
        let ok = nested(MAX_SCHEMA_DEPTH);
        assert!(spec(&ok).unwrap().schema("deep").unwrap().is_ok());
        let deep = nested(MAX_SCHEMA_DEPTH + 1);
        let e = spec(&deep).unwrap().schema("deep").unwrap().unwrap_err();
        let items = "/items".repeat(MAX_SCHEMA_DEPTH);
        assert_eq!(e.pointer(), format!("#/components/schemas/deep{items}"));
        assert!(
            e.message.starts_with("nested more than 32 levels deep"),
            "{e}"
        );
        // Far past serde_json's own limit of 128 the schema itself is named.
        let e = spec(&nested(100_000))
            .unwrap()
            .schema("deep")
            .unwrap()
            .unwrap_err();
        assert_eq!(e.pointer(), "#/components/schemas/deep");
        // Brackets inside strings do not count.
        assert_eq!(depth(r#"{"a":"[[[[\"]]"}"#), 1);
    }

    #[test]
    fn suggests_close_names() {
        let names = [
            "identity.verification_session",
            "identity.verification_report",
            "address",
        ];
        assert_eq!(
            closest_names(names.into_iter(), "identity.verification_sesion", 2),
            [
                "identity.verification_session",
                "identity.verification_report"
            ]
        );
    }
}
