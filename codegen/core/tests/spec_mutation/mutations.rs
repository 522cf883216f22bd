//! The mutations: what the spec-mutation property applies to seed specs
//! (renamed, dangling and retyped refs, strange names and descriptions,
//! changed types and keywords), and how each is applied.

use proptest::prelude::*;
use serde_json::{json, Value};

/// Names, values and text chosen to break things.
const HOSTILE: &[&str] = &[
    "",
    " ",
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "match",
    "foo-bar",
    "foo_bar",
    "fooBar",
    "3d",
    "名前",
    "✓",
    "a/b",
    "a~b",
    "a~1b",
    "\n",
    "x\ny",
    "*/",
    "/*",
    "`",
    "```",
    "<script>",
    "#[cfg(any())]",
    "object",
    "id",
    "Unknown",
    "unknown",
    "string",
    "option",
    "e",
    "builder",
    "lib",
    "serde",
    "std",
    "r#type",
    "\u{202e}",
    "\t",
    "\"",
    "\\",
    "null",
    "0",
];

const TYPES: &[&str] = &[
    "string", "integer", "number", "boolean", "object", "array", "strnig", "null",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(HOSTILE).prop_map(str::to_string),
        1 => ".{0,12}",
        1 => "[a-z_\\-\\. ]{0,8}",
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        text().prop_map(Value::String),
        Just(json!([])),
        Just(json!({})),
    ]
}

#[derive(Clone, Debug)]
pub enum Mutation {
    RenameSchema {
        at: usize,
        name: String,
        update_refs: bool,
    },
    RenameProperty {
        at: usize,
        which: usize,
        name: String,
    },
    SetType {
        at: usize,
        ty: Value,
    },
    SetFormat {
        at: usize,
        format: String,
    },
    SetRef {
        at: usize,
        to_schema: usize,
    },
    RawRef {
        at: usize,
        reference: String,
    },
    ToggleNullable {
        at: usize,
    },
    SetKeyword {
        at: usize,
        key: &'static str,
        value: Value,
    },
    SetEnum {
        at: usize,
        values: Vec<Value>,
    },
    SetDescription {
        at: usize,
        text: String,
    },
    Wrap {
        at: usize,
        how: u8,
    },
    RemoveKey {
        at: usize,
        which: usize,
    },
    Replace {
        at: usize,
        value: Value,
    },
    SetRequired {
        at: usize,
        names: Vec<String>,
    },
    AddProperty {
        at: usize,
        name: String,
        to_schema: usize,
    },
    Expandable {
        at: usize,
        to_schema: usize,
    },
    ObjectTag {
        at: usize,
        value: String,
    },
    CopySchema {
        from: usize,
        name: String,
    },
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        (at, text(), any::<bool>()).prop_map(|(at, name, update_refs)| {
            Mutation::RenameSchema {
                at,
                name,
                update_refs,
            }
        }),
        (at, any::<usize>(), text()).prop_map(|(at, which, name)| Mutation::RenameProperty {
            at,
            which,
            name
        }),
        (
            at,
            prop_oneof![
                proptest::sample::select(TYPES).prop_map(Value::from),
                scalar()
            ]
        )
            .prop_map(|(at, ty)| Mutation::SetType { at, ty }),
        (
            at,
            prop_oneof![
                Just("unix-time".to_string()),
                Just("int64".to_string()),
                text()
            ]
        )
            .prop_map(|(at, format)| Mutation::SetFormat { at, format }),
        (at, any::<usize>()).prop_map(|(at, to_schema)| Mutation::SetRef { at, to_schema }),
        (
            at,
            prop_oneof![
                text().prop_map(|t| format!("#/components/schemas/{t}")),
                text()
            ]
        )
            .prop_map(|(at, reference)| Mutation::RawRef { at, reference }),
        at.prop_map(|at| Mutation::ToggleNullable { at }),
        (
            at,
            proptest::sample::select(vec![
                "nullable",
                "items",
                "properties",
                "additionalProperties",
                "anyOf",
                "oneOf",
                "allOf",
                "not",
                "required",
                "x-resourceId",
                "x-expansionResources",
                "title",
                "$ref",
            ]),
            scalar()
        )
            .prop_map(|(at, key, value)| Mutation::SetKeyword { at, key, value }),
        (
            at,
            proptest::collection::vec(
                prop_oneof![4 => text().prop_map(Value::String), 1 => scalar()],
                0..6
            )
        )
            .prop_map(|(at, values)| Mutation::SetEnum { at, values }),
        (
            at,
            prop_oneof![text(), Just(HOSTILE.join("\n")), ".{0,200}"]
        )
            .prop_map(|(at, text)| Mutation::SetDescription { at, text }),
        (at, 0u8..8).prop_map(|(at, how)| Mutation::Wrap { at, how }),
        (at, any::<usize>()).prop_map(|(at, which)| Mutation::RemoveKey { at, which }),
        (at, scalar()).prop_map(|(at, value)| Mutation::Replace { at, value }),
        (at, proptest::collection::vec(text(), 0..4))
            .prop_map(|(at, names)| Mutation::SetRequired { at, names }),
        (at, text(), any::<usize>()).prop_map(|(at, name, to_schema)| {
            Mutation::AddProperty {
                at,
                name,
                to_schema,
            }
        }),
        (at, any::<usize>()).prop_map(|(at, to_schema)| Mutation::Expandable { at, to_schema }),
        (at, text()).prop_map(|(at, value)| Mutation::ObjectTag { at, value }),
        (any::<usize>(), text()).prop_map(|(from, name)| Mutation::CopySchema { from, name }),
    ]
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// JSON pointers (without `#`) of every place a schema can be, under
/// `components/schemas`.
fn schema_places(doc: &Value) -> Vec<String> {
    fn walk(value: &Value, pointer: String, out: &mut Vec<String>) {
        let Value::Object(map) = value else { return };
        out.push(pointer.clone());
        if let Some(Value::Object(props)) = map.get("properties") {
            for (k, v) in props {
                walk(v, format!("{pointer}/properties/{}", escape(k)), out);
            }
        }
        for key in ["items", "additionalProperties", "not"] {
            if let Some(v) = map.get(key) {
                walk(v, format!("{pointer}/{key}"), out);
            }
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            if let Some(Value::Array(items)) = map.get(key) {
                for (i, v) in items.iter().enumerate() {
                    walk(v, format!("{pointer}/{key}/{i}"), out);
                }
            }
        }
    }
    let mut out = Vec::new();
    if let Some(Value::Object(schemas)) = doc.pointer("/components/schemas") {
        for (name, schema) in schemas {
            walk(
                schema,
                format!("/components/schemas/{}", escape(name)),
                &mut out,
            );
        }
    }
    out
}

fn schema_names(doc: &Value) -> Vec<String> {
    doc.pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn schema_ref(name: &str) -> String {
    format!("#/components/schemas/{}", escape(name))
}

fn replace_refs(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::Object(map) => {
            if map.get("$ref").and_then(Value::as_str) == Some(from) {
                map.insert("$ref".into(), Value::String(to.to_string()));
            }
            map.values_mut().for_each(|v| replace_refs(v, from, to));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| replace_refs(v, from, to)),
        _ => {}
    }
}

pub fn apply(doc: &mut Value, mutation: &Mutation) {
    let places = schema_places(doc);
    let names = schema_names(doc);
    if places.is_empty() || names.is_empty() {
        return;
    }
    let place = |at: &usize| places[at % places.len()].clone();
    let name_of = |i: &usize| names[i % names.len()].clone();
    match mutation {
        Mutation::RenameSchema {
            at,
            name,
            update_refs,
        } => {
            let old = name_of(at);
            let schemas = doc["components"]["schemas"].as_object_mut().unwrap();
            if let Some(schema) = schemas.remove(&old) {
                schemas.insert(name.clone(), schema);
            }
            if *update_refs {
                replace_refs(doc, &schema_ref(&old), &schema_ref(name));
            }
        }
        Mutation::CopySchema { from, name } => {
            let copy = doc["components"]["schemas"][name_of(from)].clone();
            doc["components"]["schemas"][name.as_str()] = copy;
        }
        _ => {
            let Some(node) = doc.pointer_mut(&place(match mutation {
                Mutation::RenameProperty { at, .. }
                | Mutation::SetType { at, .. }
                | Mutation::SetFormat { at, .. }
                | Mutation::SetRef { at, .. }
                | Mutation::RawRef { at, .. }
                | Mutation::ToggleNullable { at }
                | Mutation::SetKeyword { at, .. }
                | Mutation::SetEnum { at, .. }
                | Mutation::SetDescription { at, .. }
                | Mutation::Wrap { at, .. }
                | Mutation::RemoveKey { at, .. }
                | Mutation::Replace { at, .. }
                | Mutation::SetRequired { at, .. }
                | Mutation::AddProperty { at, .. }
                | Mutation::Expandable { at, .. }
                | Mutation::ObjectTag { at, .. } => at,
                Mutation::RenameSchema { .. } | Mutation::CopySchema { .. } => unreachable!(),
            })) else {
                return;
            };
            mutate_node(node, mutation, &names);
        }
    }
}

fn mutate_node(node: &mut Value, mutation: &Mutation, names: &[String]) {
    let target = |i: &usize| schema_ref(&names[i % names.len()]);
    if let Mutation::Replace { value, .. } = mutation {
        *node = value.clone();
        return;
    }
    if let Mutation::Wrap { how, .. } = mutation {
        let inner = node.take();
        *node = match how {
            0 => json!({"type": "array", "items": inner}),
            1 => json!({"anyOf": [inner], "nullable": true}),
            2 => json!({"anyOf": [{"type": "string"}, inner]}),
            3 => json!({"allOf": [inner]}),
            4 => json!({"type": "object", "properties": {"wrapped": inner}}),
            5 => json!({"type": "object", "additionalProperties": inner}),
            6 => json!({"oneOf": [inner, {"type": "string", "enum": [""]}]}),
            _ => json!({"anyOf": [inner, inner.clone()]}),
        };
        return;
    }
    let Value::Object(map) = node else { return };
    match mutation {
        Mutation::RenameProperty { which, name, .. } => {
            if let Some(Value::Object(props)) = map.get_mut("properties") {
                if !props.is_empty() {
                    let key = props.keys().nth(which % props.len()).unwrap().clone();
                    let value = props.remove(&key).unwrap();
                    props.insert(name.clone(), value);
                }
            }
        }
        Mutation::SetType { ty, .. } => {
            map.insert("type".into(), ty.clone());
        }
        Mutation::SetFormat { format, .. } => {
            map.insert("format".into(), Value::String(format.clone()));
        }
        Mutation::SetRef { to_schema, .. } => {
            map.clear();
            map.insert("$ref".into(), Value::String(target(to_schema)));
        }
        Mutation::RawRef { reference, .. } => {
            map.clear();
            map.insert("$ref".into(), Value::String(reference.clone()));
        }
        Mutation::ToggleNullable { .. } => {
            let now = map
                .get("nullable")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            map.insert("nullable".into(), Value::Bool(!now));
        }
        Mutation::SetKeyword { key, value, .. } => {
            map.insert(key.to_string(), value.clone());
        }
        Mutation::SetEnum { values, .. } => {
            map.insert("enum".into(), Value::Array(values.clone()));
        }
        Mutation::SetDescription { text, .. } => {
            map.insert("description".into(), Value::String(text.clone()));
        }
        Mutation::RemoveKey { which, .. } => {
            if !map.is_empty() {
                let key = map.keys().nth(which % map.len()).unwrap().clone();
                map.remove(&key);
            }
        }
        Mutation::SetRequired { names, .. } => {
            map.insert("required".into(), json!(names));
        }
        Mutation::AddProperty {
            name, to_schema, ..
        } => {
            let props = map.entry("properties").or_insert_with(|| json!({}));
            if let Value::Object(props) = props {
                props.insert(name.clone(), json!({"$ref": target(to_schema)}));
            }
        }
        Mutation::Expandable { to_schema, .. } => {
            let t = target(to_schema);
            map.clear();
            map.insert("anyOf".into(), json!([{"type": "string"}, {"$ref": t}]));
            map.insert(
                "x-expansionResources".into(),
                json!({"oneOf": [{"$ref": t}]}),
            );
        }
        Mutation::ObjectTag { value, .. } => {
            let props = map.entry("properties").or_insert_with(|| json!({}));
            if let Value::Object(props) = props {
                props.insert("object".into(), json!({"type": "string", "enum": [value]}));
            }
        }
        Mutation::Replace { .. }
        | Mutation::Wrap { .. }
        | Mutation::RenameSchema { .. }
        | Mutation::CopySchema { .. } => {}
    }
}
