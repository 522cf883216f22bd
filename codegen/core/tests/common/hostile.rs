//! The hostile spec: schemas, properties, enum values and descriptions
//! made to break the generator, shared by the tests that read its output
//! and the one that builds it.

use serde_json::{json, Value};
use stripe_codegen::config::FieldRef;
use stripe_codegen::{generate_crates, Config, LayoutOptions};

use super::spec as spec_with;

/// Schemas and properties named to collide, to be keywords, to shadow what
/// the generated code uses, and to be no identifier at all.
pub fn hostile_schemas() -> Value {
    let small = || json!({"type": "object", "properties": {"v": {"type": "string"}}});
    let mut schemas = json!({
        "names": {
            "type": "object",
            "required": ["type", "foo-bar"],
            "properties": {
                "type": {"type": "string"},
                "match": {"type": "string"},
                "self": {"type": "string"},
                "Self": {"type": "string"},
                "crate": {"type": "string"},
                "super": {"type": "string"},
                "foo_bar": {"type": "string"},
                "foo-bar": {"type": "string"},
                "fooBar": {"type": "integer"},
                "FOO_BAR": {"type": "boolean"},
                "foo.bar": {"type": "string"},
                "foo bar": {"type": "string"},
                "3ds": {"type": "string"},
                "1": {"type": "string"},
                "": {"type": "string"},
                "_": {"type": "string"},
                "名前": {"type": "string"},
                "café": {"type": "string"},
                "✓": {"type": "string"},
                "r#type": {"type": "string"},
                "a\"quote\\": {"type": "string"},
                "object": {"type": "string"},
                "kind": {"$ref": "#/components/schemas/hostile_enum"}
            }
        },
        "hostile_enum": {"type": "string", "enum": enum_values()},
        "descriptions": {
            "type": "object",
            "description": hostile_description(),
            "properties": {
                "fence": {"type": "string", "description": "```rust\nfn main() { std::process::exit(1) }\n```"},
                "unclosed": {"type": "string", "description": "Runs?\n```\nstd::process::abort();"},
                "tilde": {"type": "string", "description": "~~~\npanic!()\n~~~~\nafter"},
                "indented": {"type": "string", "description": "Intro\n\n    std::process::abort();\n\n\tpanic!(\"tab\");"},
                "comment": {"type": "string", "description": "*/ pub fn injected() {} /*"},
                "attr": {"type": "string", "description": "#[cfg(any())] #![deny(warnings)] #[doc = \"x\"]"},
                "html": {"type": "string", "description": "<script>alert(1)</script> <img src=x onerror=alert(1)> <!-- c --> <b>b</b>"},
                "ticks": {"type": "string", "description": "` `` ``` a`b ``c` d``"},
                "span_across_lines": {"type": "string", "description": "`a\n<script>alert(2)</script>`\n\n`b\n# <script>alert(3)</script>`"},
                "links": {"type": "string", "description": "[js](javascript:alert(1)) [data](data:text/html,x) [rust](crate::Names) [ok](/docs/x) ![img](https://evil.example/pixel.png) [x]: javascript:alert(1)"},
                "long": {"type": "string", "description": format!("{} {}", "x".repeat(5000), "word ".repeat(2000))},
                "controls": {"type": "string", "description": "cr\ralone, crlf\r\nnul \u{0} bell \u{7} rtl \u{202e}gnp.exe\u{202c} isolate \u{2066}x\u{2069}"},
                "blank": {"type": "string", "description": " \n\t\n "}
            }
        },
        "secrets": {
            "type": "object",
            "required": ["by_wording_required"],
            "properties": {
                "by_wording": {"type": "string", "nullable": true, "description": "A secret. Don\u{2019}t store it, log it, or share it."},
                "by_wording_required": {"type": "string", "description": "Do not log it."},
                "by_list": {"type": "string", "description": "An innocent-looking field the configuration marks."},
                "plain": {"type": "string"}
            }
        },
        "holder": {
            "type": "object",
            "properties": {
                "either": {"anyOf": [
                    {"$ref": "#/components/schemas/res_a"},
                    {"$ref": "#/components/schemas/res_b"}
                ]}
            }
        },
        "res_a": {"type": "object", "required": ["object"], "properties": {
            "object": {"type": "string", "enum": ["a*/\n\n    panic!()"]},
            "v": {"type": "string"}
        }},
        "res_b": {"type": "object", "required": ["object"], "properties": {
            "object": {"type": "string", "enum": ["<script>alert(4)</script>"]},
            "w": {"type": "string"}
        }},
        // Filled in place from placeholders: a required union whose first
        // member requires the union again (the placeholder must be the
        // second member, or it would never end).
        "placeholder": {"type": "object", "required": ["chain"], "properties": {
            "chain": {"$ref": "#/components/schemas/chain"}
        }},
        "chain": {"anyOf": [
            {"$ref": "#/components/schemas/chain_link"},
            {"$ref": "#/components/schemas/chain_end"}
        ]},
        "chain_link": {"type": "object", "required": ["next"], "properties": {
            "next": {"$ref": "#/components/schemas/chain"}
        }},
        "chain_end": {"type": "object", "required": ["end"], "properties": {
            "end": {"type": "boolean"}
        }},
        "self": {"type": "object", "properties": {
            "inner": {"type": "object", "properties": {"deeper": {"type": "object", "properties": {"x": {"type": "string"}}}}}
        }}
    });
    let map = schemas.as_object_mut().unwrap();
    for name in [
        "foo.bar",
        "foo-bar",
        "foo_bar",
        "foo bar",
        "type",
        "match",
        "Self",
        "crate",
        "string",
        "option",
        "result",
        "box",
        "vec",
        "e",
        "a",
        "s",
        "d",
        "builder",
        "from",
        "some",
        "none",
        "ok",
        "err",
        "serde",
        "std",
        "core",
        "lib",
        "3d secure",
        "名前",
        "✓",
    ] {
        map.insert(name.to_string(), small());
    }
    schemas
}

pub fn enum_values() -> Vec<&'static str> {
    vec![
        "foo_bar",
        "foo-bar",
        "FooBar",
        "fooBar",
        "",
        "Empty",
        "empty",
        "unknown",
        "Unknown",
        "UNKNOWN",
        "self",
        "Self",
        "type",
        "3d",
        "名前",
        "✓",
        "a\"b\\c",
        "line\nbreak",
        "\n\n    panic!()",
        "*/ */",
        "`",
        "<script>alert(5)</script>",
        "a\u{202e}b",
    ]
}

pub fn hostile_description() -> String {
    [
        "Opens a fence:",
        "```",
        "fn main() { std::process::exit(1) }",
        "```",
        "Then one with a language:",
        "```rust,should_panic",
        "panic!()",
        "```",
        "*/ #[doc(hidden)] <script>alert(6)</script> `unclosed",
        "",
        "    std::process::abort(); // indented four",
        "",
        "- a list item that goes on and on and on and on and on and on and on and on and on and on",
        "    continued with indentation",
        "1234567890. not a list marker",
        "           std::process::abort();",
        "```",
        "left open at the end",
    ]
    .join("\n")
}

pub fn hostile_config() -> Config {
    let mut config = Config::single_crate("hostile-names", vec!["*".to_string()]);
    config.redact = vec![FieldRef {
        schema: "secrets".into(),
        property: "by_list".into(),
    }];
    config
}

pub fn hostile_files(layout: &LayoutOptions) -> Vec<stripe_codegen::File> {
    generate_crates(&spec_with(hostile_schemas()), &hostile_config(), layout)
        .expect("hostile names and descriptions still generate")
        .files
}
