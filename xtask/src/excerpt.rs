//! Cutting a pin's excerpt out of a whole spec file: `openapi`, `info`,
//! the paths and the component schemas the pin names, keys in source order,
//! laid out as Stripe's `spec3.json` is (Python's `json.dumps(indent=2,
//! ensure_ascii=False)`), so that the same file always gives the same bytes.

use indexmap::IndexMap;
use serde_json::value::RawValue;
use stripe_codegen::config::glob_match;

use crate::pin::Excerpt;
use crate::{fail, TaskError};

/// A JSON value to write: kept from the source, or an object of some of
/// the source's members.
enum Node<'a> {
    Raw(&'a str),
    Object(Vec<(&'a str, Node<'a>)>),
}

type Members<'a> = IndexMap<&'a str, &'a RawValue>;

/// The excerpt of `full` (a whole spec file's text) that `excerpt` names.
pub fn cut(full: &str, excerpt: &Excerpt) -> Result<String, TaskError> {
    let document: IndexMap<String, &RawValue> = serde_json::from_str(full)
        .or_else(|e| fail(format!("the file is not a JSON object: {e}")))?;
    let mut top = Vec::new();
    for (key, raw) in &document {
        let node = match key.as_str() {
            "openapi" | "info" => Node::Raw(raw.get()),
            "paths" => Node::Object(select(raw, &excerpt.paths, "#/paths", "path")?),
            "components" => {
                let components: Members<'_> = members(raw, "#/components")?;
                let Some(schemas) = components.get("schemas") else {
                    return fail("#/components/schemas: missing: the file defines no schemas");
                };
                let schemas = select(schemas, &excerpt.schemas, "#/components/schemas", "schema")?;
                Node::Object(vec![("schemas", Node::Object(schemas))])
            }
            _ => continue,
        };
        top.push((key.as_str(), node));
    }
    let mut out = String::with_capacity(full.len() / 32);
    write(&Node::Object(top), 0, &mut out)?;
    Ok(out)
}

fn members<'a>(raw: &'a RawValue, pointer: &str) -> Result<Members<'a>, TaskError> {
    serde_json::from_str(raw.get()).or_else(|e| fail(format!("{pointer}: not an object: {e}")))
}

/// The members of object `raw` whose names match one of `patterns`, in
/// source order; every pattern must match something.
fn select<'a>(
    raw: &'a RawValue,
    patterns: &[String],
    pointer: &str,
    what: &str,
) -> Result<Vec<(&'a str, Node<'a>)>, TaskError> {
    let all = members(raw, pointer)?;
    if let Some(p) = patterns
        .iter()
        .find(|p| !all.keys().any(|name| glob_match(p, name)))
    {
        return fail(format!(
            "{pointer}: no {what} matches `{p}`, which the pin's excerpt names"
        ));
    }
    Ok(all
        .into_iter()
        .filter(|(name, _)| patterns.iter().any(|p| glob_match(p, name)))
        .map(|(name, raw)| (name, Node::Raw(raw.get())))
        .collect())
}

fn write(node: &Node<'_>, level: usize, out: &mut String) -> Result<(), TaskError> {
    match node {
        Node::Raw(raw) => reformat(raw, level, out),
        Node::Object(members) if members.is_empty() => {
            out.push_str("{}");
            Ok(())
        }
        Node::Object(members) => {
            out.push('{');
            for (i, (key, value)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(level + 1, out);
                string(key, out)?;
                out.push_str(": ");
                write(value, level + 1, out)?;
            }
            newline(level, out);
            out.push('}');
            Ok(())
        }
    }
}

fn newline(level: usize, out: &mut String) {
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', 2 * level));
}

/// A string as `json.dumps(ensure_ascii=False)` writes it (serde_json
/// escapes exactly the same characters the same way).
fn string(value: &str, out: &mut String) -> Result<(), TaskError> {
    let text =
        serde_json::to_string(value).or_else(|e| fail(format!("cannot write a string: {e}")))?;
    out.push_str(&text);
    Ok(())
}

/// Writes the JSON text `raw` (valid JSON, any layout) indented two spaces
/// a level, starting at `level`. Numbers and literals are copied as they
/// are; strings are decoded and written again, as Python would.
fn reformat(raw: &str, level: usize, out: &mut String) -> Result<(), TaskError> {
    let bytes = raw.as_bytes();
    let mut level = level;
    let mut i = 0;
    let next_token = |from: usize| {
        (from..bytes.len())
            .find(|&j| !bytes[j].is_ascii_whitespace())
            .unwrap_or(bytes.len())
    };
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\n' | b'\r' | b'\t' => i += 1,
            b'"' => {
                let end = string_end(bytes, i);
                let text = &raw[i..end];
                if text.contains('\\') {
                    let decoded: String = serde_json::from_str(text)
                        .or_else(|e| fail(format!("bad string {text}: {e}")))?;
                    string(&decoded, out)?;
                } else {
                    out.push_str(text);
                }
                i = end;
            }
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                let j = next_token(i + 1);
                if bytes.get(j) == Some(&close) {
                    out.push(open as char);
                    out.push(close as char);
                    i = j + 1;
                } else {
                    out.push(open as char);
                    level += 1;
                    newline(level, out);
                    i += 1;
                }
            }
            close @ (b'}' | b']') => {
                level = level.saturating_sub(1);
                newline(level, out);
                out.push(close as char);
                i += 1;
            }
            b',' => {
                out.push(',');
                newline(level, out);
                i += 1;
            }
            b':' => {
                out.push_str(": ");
                i += 1;
            }
            _ => {
                let start = i;
                while i < bytes.len()
                    && !matches!(bytes[i], b',' | b'}' | b']' | b':')
                    && !bytes[i].is_ascii_whitespace()
                {
                    i += 1;
                }
                out.push_str(&raw[start..i]);
            }
        }
    }
    Ok(())
}

/// The index just past the string that starts at `start` (a `"`).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(paths: &[&str], schemas: &[&str]) -> Excerpt {
        Excerpt {
            paths: paths.iter().map(|s| s.to_string()).collect(),
            schemas: schemas.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn keeps_what_is_named_in_source_order_laid_out_as_python_does() {
        let full = r#"{"components":{"schemas":{"b":{"type":"string","enum":[]},"a":{"properties":{},"x":[1,2.50,true,null]},"c":{}},"securitySchemes":{}},
            "info":{"version":"1","title":"caf\u00e9 \"q\" \/"},"openapi":"3.0.0",
            "paths":{"/v1/a":{"get":{}},"/v1/b/{id}":{"post":{"x":"y"}}},"servers":[]}"#;
        let out = cut(full, &excerpt(&["/v1/b/*"], &["a", "b"])).unwrap();
        let expected = r#"{
  "components": {
    "schemas": {
      "b": {
        "type": "string",
        "enum": []
      },
      "a": {
        "properties": {},
        "x": [
          1,
          2.50,
          true,
          null
        ]
      }
    }
  },
  "info": {
    "version": "1",
    "title": "café \"q\" /"
  },
  "openapi": "3.0.0",
  "paths": {
    "/v1/b/{id}": {
      "post": {
        "x": "y"
      }
    }
  }
}"#;
        assert_eq!(out, expected);
        // Cutting an excerpt again gives the same bytes.
        assert_eq!(cut(&out, &excerpt(&["/v1/b/*"], &["a", "b"])).unwrap(), out);
    }

    #[test]
    fn a_name_that_matches_nothing_is_an_error() {
        let full = r#"{"components":{"schemas":{"a":{}}},"paths":{}}"#;
        let e = cut(full, &excerpt(&[], &["a", "gelato_*"])).unwrap_err();
        assert_eq!(
            e.0,
            "#/components/schemas: no schema matches `gelato_*`, which the pin's excerpt names"
        );
        assert!(cut("[1]", &excerpt(&[], &[]))
            .unwrap_err()
            .0
            .starts_with("the file is not a JSON object"));
    }
}
