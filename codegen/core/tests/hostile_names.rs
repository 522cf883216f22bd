//! Names that are not Rust and descriptions that try to escape their doc
//! comments: the generated code keeps the spec's names on the wire, gives
//! distinct identifiers, and documents without running anything.

use crate::common;

use common::hostile::hostile_files;
use common::{assert_has, options, rust_sources, spec as spec_with};
use serde_json::json;
use stripe_codegen::config::CrateConfig;
use stripe_codegen::{generate_crates, Config};

// ---- Names that are not Rust identifiers.

#[test]
fn modules_are_never_named_like_a_sibling_crate() {
    // `stripe_shared` in stripe-identity's lib.rs would be both the module
    // and the dependency.
    let spec = spec_with(json!({
        "stripe_shared": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/address"}}},
        "address": {"type": "object", "properties": {"city": {"type": "string"}}}
    }));
    let mut config = Config::single_crate("stripe-shared", vec!["*".into()]);
    config.crates.insert(
        0,
        CrateConfig {
            name: "stripe-identity".into(),
            patterns: vec!["stripe_shared".into()],
            ..CrateConfig::default()
        },
    );
    let files = generate_crates(&spec, &config, &options(false))
        .unwrap()
        .files;
    let lib = files
        .iter()
        .find(|f| f.path == "stripe-identity/src/lib.rs")
        .expect("stripe-identity has a lib.rs");
    assert!(
        lib.contents
            .contains("mod stripe_shared_2;\n\npub use stripe_shared_2::StripeShared;"),
        "{}",
        lib.contents
    );
    assert!(files
        .iter()
        .any(|f| f.path == "stripe-identity/src/stripe_shared_2.rs"));
}

#[test]
fn hostile_names_become_distinct_identifiers() {
    let out = rust_sources(&hostile_files(&options(false)), true);
    // `json!` sorts keys, so the properties come in name order: the first of
    // a colliding group keeps the plain name.
    for field in [
        "pub field: Option<String>,",     // ""
        "pub n1: Option<String>,",        // "1"
        "pub n3ds: Option<String>,",      // "3ds"
        "pub foo_bar: Option<bool>,",     // "FOO_BAR"
        "pub self_: Option<String>,",     // "Self"
        "pub field2: Option<String>,",    // "_"
        "pub a_quote: Option<String>,",   // "a\"quote\\"
        "pub caf: Option<String>,",       // "café"
        "pub crate_: Option<String>,",    // "crate"
        "pub foo_bar_2: Option<String>,", // "foo bar"
        "pub foo_bar_3: String,",         // "foo-bar", required
        "pub foo_bar_4: Option<String>,", // "foo.bar"
        "pub foo_bar_5: Option<i64>,",    // "fooBar"
        "pub foo_bar_6: Option<String>,", // "foo_bar"
        "pub kind: Option<HostileEnum>,",
        "pub match_: Option<String>,",
        "pub object: Option<String>,",
        "pub r_type: Option<String>,", // "r#type"
        "pub self_2: Option<String>,", // "self"
        "pub super_: Option<String>,",
        "pub type_: String,",
        "pub field3: Option<String>,", // "✓" (U+2713 sorts before U+540D)
        "pub field4: Option<String>,", // "名前"
    ] {
        assert_has(&out, field);
    }
    // The wire names are what the spec says.
    assert_has(&out, r#"a_quote: "a\"quote\\" (optional),"#);
    assert_has(&out, r#"field: "" (optional),"#);
    assert_has(&out, r#"field4: "名前" (optional),"#);
    // Colliding schemas, keywords, and names the generated code uses.
    for ty in [
        "pub struct FooBar {",  // "foo bar"
        "pub struct FooBar2 {", // "foo-bar"
        "pub struct FooBar3 {", // "foo.bar"
        "pub struct FooBar4 {", // "foo_bar"
        "pub struct Type {",
        "pub struct Match {",
        "pub struct Crate {",
        "pub struct Self_ {",            // "Self"
        "pub struct Self2 {",            // "self"
        "pub struct Self2Inner {",       // inline in "self"
        "pub struct Self2InnerDeeper {", // and inside that
        "pub struct String2 {",
        "pub struct Option2 {",
        "pub struct Result2 {",
        "pub struct Some {",
        "pub struct None {",
        "pub struct Ok {",
        "pub struct Err {",
        "pub struct Box2 {",
        "pub struct Vec2 {",
        "pub struct From2 {",
        "pub struct A {",
        "pub struct D {",
        "pub struct E2 {",
        "pub struct S {",
        "pub struct Builder2 {",
        "pub struct N3dSecure {",
        "pub struct Unnamed {",  // "✓"
        "pub struct Unnamed2 {", // "名前"
    ] {
        assert_has(&out, ty);
    }
    // Modules that would shadow crates the code names are renamed.
    assert_has(&out, "// ---- hostile-names/src/serde_.rs");
    assert_has(&out, "// ---- hostile-names/src/std_.rs");
    assert_has(&out, "// ---- hostile-names/src/core_.rs");
    assert_has(&out, "// ---- hostile-names/src/lib2.rs");
    // Enum values that collide, are empty, or are not text at all, in spec
    // order (a list keeps its order).
    for (value, variant) in [
        ("foo_bar", "FooBar"),
        ("foo-bar", "FooBar2"),
        ("FooBar", "FooBar3"),
        ("fooBar", "FooBar4"),
        ("", "Empty"),
        ("Empty", "Empty2"),
        ("empty", "Empty3"),
        ("unknown", "Unknown"),
        ("Unknown", "Unknown2"),
        ("UNKNOWN", "Unknown3"),
        ("self", "Self_"),
        ("Self", "Self2"),
        ("type", "Type"),
        ("3d", "V3d"),
        ("名前", "Value"),
        ("✓", "Value2"),
        ("line\\nbreak", "LineBreak"),
        ("\\n\\n    panic!()", "Panic"),
        ("*/ */", "Value3"),
        ("`", "Value4"),
        ("<script>alert(5)</script>", "ScriptAlert5Script"),
        ("a\\u{202e}b", "AB"),
    ] {
        assert_has(&out, &format!("{variant} = \"{value}\","));
    }
    assert_has(&out, "UnknownValue(String),");
    assert_has(&out, r#"ABC = "a\"b\\c","#);
    assert_has(&out, r#"LineBreak = "line\nbreak","#);
    assert_has(&out, r#"AB = "a\u{202e}b","#);
}

/// Doc comments of the output, with the fence state: `(in_code, line)`.
fn doc_lines(out: &str) -> Vec<(bool, String)> {
    let mut fence: Option<String> = None;
    let mut lines = Vec::new();
    for line in out.lines() {
        let Some(doc) = line.trim_start().strip_prefix("///") else {
            fence = None;
            continue;
        };
        let text = doc.strip_prefix(' ').unwrap_or(doc).to_string();
        let trimmed = text.trim_start();
        let opener = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (&fence, opener) {
            (Some(marker), Some(_)) if trimmed.starts_with(marker.as_str()) => {
                lines.push((true, text));
                fence = None;
                continue;
            }
            (None, Some(m)) => {
                let marker: String = trimmed.chars().take_while(|c| m.starts_with(*c)).collect();
                assert!(
                    trimmed[marker.len()..] == *"text",
                    "every code block is text: {line}"
                );
                fence = Some(marker);
                lines.push((true, text));
                continue;
            }
            _ => {}
        }
        lines.push((fence.is_some(), text));
    }
    lines
}

#[test]
fn descriptions_cannot_break_out_of_their_doc_comments() {
    let files = hostile_files(&options(false));
    let out = rust_sources(&files, true);
    // Every file still parses, and the injected items are nowhere but in
    // doc text.
    for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
        let parsed = syn::parse_file(&file.contents).expect("parses");
        let items = format!("{:?}", parsed.items.len());
        assert!(!items.is_empty());
    }
    assert!(
        !out.contains("/**"),
        "block doc comments could be closed by `*/`"
    );
    for line in out.lines() {
        let code = line.trim_start();
        if !code.starts_with("//") {
            assert!(!code.contains("injected"), "escaped into code: {line}");
            assert!(!code.contains("#[cfg(any())]"), "escaped into code: {line}");
            assert!(!code.contains("#![deny"), "escaped into code: {line}");
        }
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "control character in {line:?}"
        );
        assert!(
            !line.chars().any(|c| ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)),
            "text-direction override in {line:?}"
        );
    }
    let docs = doc_lines(&out);
    let mut previous_blank = true;
    for (in_code, text) in &docs {
        if !in_code {
            // Outside code blocks: no raw HTML, no indented code block, no
            // link that is not a web link.
            assert!(
                !without_autolinks(&without_code_spans(text)).contains('<'),
                "raw HTML: {text}"
            );
            for target in link_targets(text) {
                assert!(
                    target.starts_with("https://") || target.starts_with("http://"),
                    "a link to {target}: {text}"
                );
            }
            assert!(
                !text.contains("![") || text.contains("\\!["),
                "image: {text}"
            );
            if previous_blank {
                assert!(!text.starts_with("    "), "indented code block: {text:?}");
            }
            assert!(!text.contains('\t'), "tab: {text:?}");
        }
        previous_blank = text.trim().is_empty();
    }
    assert_has(&out, "/// \\[js\\](javascript:alert(1))");
    assert_has(&out, "[ok](https://stripe.com/docs/x)");
    assert_has(&out, "/// &lt;script&gt;alert(1)&lt;/script&gt;");
    assert_has(&out, "rtl \\u{202e}gnp.exe\\u{202c}");
    // Enum values and union tags in docs stay one line inside a code span.
    assert_has(&out, "/// `\\u{a}\\u{a}    panic!()`");
    assert_has(&out, "/// `*/ */`");
    assert_has(
        &out,
        r#"/// An object with `object: "a*/\u{a}\u{a}    panic!()"`."#,
    );
}

/// The text with `code spans` (on one line) taken out.
fn without_code_spans(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('`') {
        if rest[..at].ends_with('\\') {
            out.push_str(&rest[..=at]);
            rest = &rest[at + 1..];
            continue;
        }
        out.push_str(&rest[..at]);
        let ticks = rest[at..].chars().take_while(|c| *c == '`').count();
        let marker = &rest[at..at + ticks];
        match rest[at + ticks..].find(marker) {
            Some(end) => rest = &rest[at + ticks + end + ticks..],
            None => {
                out.push_str(marker);
                rest = &rest[at + ticks..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text with `<https://...>` autolinks taken out.
fn without_autolinks(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("<http") {
        out.push_str(&rest[..at]);
        rest = rest[at..].split_once('>').map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

/// The targets of Markdown links (`[label](target)` with an unescaped `]`).
fn link_targets(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("](") {
        let at = from + at;
        if !text[..at].ends_with('\\') {
            let target = &text[at + 2..];
            out.push(&target[..target.find([')', ' ']).unwrap_or(target.len())]);
        }
        from = at + 2;
    }
    out
}
