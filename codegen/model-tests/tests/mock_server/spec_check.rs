//! The check Prism cannot make: a request's parameters decoded back into
//! the JSON object Stripe reads, and validated against the spec's own
//! request schema.

use serde_json::{json, Map, Value};
use stripe_types::Operation;

/// The request's parameters (form body or query) as the JSON object Stripe
/// reads from them: brackets nest, indices make arrays, leaves are strings.
fn decode(pairs: &str) -> Value {
    fn unescape(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).expect("hex escape"));
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).expect("UTF-8")
    }
    fn arrays(value: Value) -> Value {
        match value {
            Value::Object(map) => {
                let indexed = !map.is_empty()
                    && map
                        .keys()
                        .enumerate()
                        .all(|(i, k)| k.parse::<usize>() == Ok(i))
                    && map.len() < 10;
                if indexed {
                    Value::Array(map.into_iter().map(|(_, v)| arrays(v)).collect())
                } else {
                    Value::Object(map.into_iter().map(|(k, v)| (k, arrays(v))).collect())
                }
            }
            other => other,
        }
    }
    let mut root = Value::Object(Map::new());
    for pair in pairs.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').expect("key=value");
        let (head, rest) = key.split_once('[').unwrap_or((key, ""));
        let mut path = vec![unescape(head)];
        path.extend(
            rest.trim_end_matches(']')
                .split("][")
                .filter(|s| !rest.is_empty() || !s.is_empty())
                .map(unescape),
        );
        let mut at = &mut root;
        for (i, segment) in path.iter().enumerate() {
            let map = at
                .as_object_mut()
                .expect("a key used both as a value and as an object");
            if i + 1 == path.len() {
                assert!(
                    map.insert(segment.clone(), Value::String(unescape(value)))
                        .is_none(),
                    "`{key}` twice"
                );
                break;
            }
            at = map
                .entry(segment.clone())
                .or_insert_with(|| Value::Object(Map::new()));
        }
    }
    arrays(root)
}

/// Turns the string leaves into the JSON types the schema wants.
fn coerce(value: Value, schema: &Value) -> Value {
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
        for branch in branches {
            let candidate = coerce(value.clone(), branch);
            if jsonschema::is_valid(branch, &candidate) {
                return candidate;
            }
        }
        return value;
    }
    match (value, schema.get("type").and_then(Value::as_str)) {
        (Value::String(s), Some("integer")) => {
            s.parse::<i64>().map_or(Value::String(s), Value::from)
        }
        (Value::String(s), Some("number")) => {
            s.parse::<f64>().map_or(Value::String(s), Value::from)
        }
        (Value::String(s), Some("boolean")) => match s.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(s),
        },
        (Value::Array(items), _) => Value::Array(
            items
                .into_iter()
                .map(|v| coerce(v, schema.get("items").unwrap_or(&Value::Null)))
                .collect(),
        ),
        (Value::Object(map), _) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let sub = schema["properties"]
                        .get(&k)
                        .or_else(|| schema.get("additionalProperties").filter(|a| a.is_object()))
                        .cloned()
                        .unwrap_or(Value::Null);
                    let v = coerce(v, &sub);
                    (k, v)
                })
                .collect(),
        ),
        (other, _) => other,
    }
}

/// The schema of an operation's parameters: the form body, or an object
/// of the query parameters.
fn request_schema(spec: &Value, method: &str, path: &str) -> Value {
    let op = &spec["paths"][path][method];
    if method == "post" {
        return op["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"].clone();
    }
    let mut properties = Map::new();
    let mut required = Vec::new();
    for p in op["parameters"].as_array().unwrap() {
        if p["in"] == "query" {
            let name = p["name"].as_str().unwrap().to_string();
            if p["required"] == true {
                required.push(Value::String(name.clone()));
            }
            properties.insert(name, p["schema"].clone());
        }
    }
    json!({"type": "object", "properties": properties, "required": required, "additionalProperties": false})
}

/// What in the encoded parameters `pairs` breaks the spec's own schema.
pub fn spec_errors(spec: &Value, method: &str, path: &str, pairs: &str) -> Vec<String> {
    let schema = request_schema(spec, method, path);
    let value = coerce(decode(pairs), &schema);
    let validator = jsonschema::validator_for(&schema).expect("the spec's schema compiles");
    validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Checks the request's parameters against the spec's own schema.
pub fn check_against_spec<O: Operation>(spec: &Value, method: &str, path: &str, op: &O) {
    let request = op.request();
    let pairs = request.body.as_deref().unwrap_or(&request.query);
    let errors = spec_errors(spec, method, path, pairs);
    assert!(
        errors.is_empty(),
        "{method} {path} `{pairs}` breaks the spec's schema: {errors:#?}"
    );
}
