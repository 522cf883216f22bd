//! `cargo xtask generate --spec BAD --out DIR` on broken specs, through the
//! built binary: it exits non-zero, prints one error line naming the JSON
//! pointer, and writes nothing (DIR is not created, or left as it was).

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("xtask-errors")
        .join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Everything under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            out.push(path.strip_prefix(dir).unwrap().display().to_string());
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    out.sort();
    out
}

const CONFIG: &str = r#"
roots = ["holder"]

[[crate]]
name = "out-crate"
default = true
"#;

/// Runs `xtask generate` on `spec`; returns the one error line (without
/// the spec's path), after checking that nothing was written.
fn generate_fails(name: &str, spec: &str) -> String {
    let dir = scratch(name);
    let spec_path = dir.join("bad.json");
    std::fs::write(&spec_path, spec).unwrap();
    let config = dir.join("codegen.toml");
    std::fs::write(&config, CONFIG).unwrap();
    let out = dir.join("out");
    let before = tree(&dir);

    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("generate")
        .arg("--spec")
        .arg(&spec_path)
        .arg("--config")
        .arg(&config)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stdout, "", "nothing on stdout");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr:?}");
    assert!(!out.exists(), "{} was created", out.display());
    assert_eq!(tree(&dir), before, "nothing written beside it either");

    // The same with an existing output directory: left exactly as it was.
    std::fs::create_dir_all(out.join("old-crate/src")).unwrap();
    std::fs::write(out.join("old-crate/src/lib.rs"), "// kept\n").unwrap();
    let before = tree(&dir);
    let again = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("generate")
        .arg("--spec")
        .arg(&spec_path)
        .arg("--config")
        .arg(&config)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(String::from_utf8(again.stderr).unwrap(), stderr);
    assert_eq!(tree(&dir), before);
    assert_eq!(
        std::fs::read_to_string(out.join("old-crate/src/lib.rs")).unwrap(),
        "// kept\n"
    );

    let prefix = format!("error: {}: ", spec_path.display());
    stderr
        .trim_end()
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("`{prefix}` then the error: {stderr}"))
        .to_string()
}

fn spec(schemas: &str) -> String {
    format!(
        r#"{{"openapi": "3.0.0", "info": {{"title": "t", "version": "1"}}, "paths": {{}},
            "components": {{"schemas": {schemas}}}}}"#
    )
}

#[test]
fn not_json() {
    assert_eq!(
        generate_fails("not-json", "openapi: 3.0.0\ninfo: {}\n"),
        "#: the spec is not valid JSON: expected value at line 1 column 1"
    );
}

#[test]
fn json_that_is_not_openapi_3() {
    assert_eq!(
        generate_fails(
            "swagger-2",
            r#"{"swagger": "2.0", "info": {"version": "1"}, "definitions": {}}"#
        ),
        "#/openapi: missing: this is not an OpenAPI 3 document"
    );
    assert_eq!(
        generate_fails(
            "openapi-3-1",
            r#"{"openapi": "3.1.0", "info": {"version": "1"}}"#
        ),
        "#/openapi: version `3.1.0` is not supported: only OpenAPI 3.0 documents are"
    );
}

#[test]
fn ref_to_a_missing_schema() {
    assert_eq!(
        generate_fails(
            "missing-ref",
            &spec(
                r##"{"holder": {"type": "object", "properties": {
                    "address": {"$ref": "#/components/schemas/adress"}}},
                "address": {"type": "object", "properties": {"city": {"type": "string"}}}}"##
            )
        ),
        "#/components/schemas/holder/properties/address: `$ref` to a schema that does not exist: `adress` (closest: address, holder)"
    );
}

#[test]
fn ref_loop_with_no_object_in_between() {
    assert_eq!(
        generate_fails(
            "ref-loop",
            &spec(
                r##"{"holder": {"type": "object", "properties": {"x": {"$ref": "#/components/schemas/a"}}},
                "a": {"$ref": "#/components/schemas/b"},
                "b": {"$ref": "#/components/schemas/a"}}"##
            )
        ),
        "#/components/schemas/b: `$ref` loop with no object in between: a -> b -> a"
    );
}

/// One field no Rust type says: a warning naming it, and the rest
/// generated.
#[test]
fn an_unsupported_construct_is_a_warning_naming_its_pointer() {
    let dir = scratch("not");
    let spec_path = dir.join("odd.json");
    std::fs::write(
        &spec_path,
        spec(
            r#"{"holder": {"type": "object", "properties": {
                "n": {"not": {"type": "string"}}, "ok": {"type": "string"}}}}"#,
        ),
    )
    .unwrap();
    let config = dir.join("codegen.toml");
    std::fs::write(&config, CONFIG).unwrap();
    let out = dir.join("out");
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("generate")
        .arg("--spec")
        .arg(&spec_path)
        .arg("--config")
        .arg(&config)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    assert_eq!(
        stderr,
        "warning: #/components/schemas/holder/properties/n: `not` is not supported; \
         that value is a serde_json::Value (in `holder`)\n"
    );
    assert!(out.exists());
}

#[test]
fn a_version_that_would_inject_code_into_the_headers() {
    assert_eq!(
        generate_fails(
            "version",
            r#"{"openapi": "3.0.0", "info": {"version": "1\n*/ fn evil() {}"}, "components": {"schemas": {}}}"#
        ),
        r#"#/info/version: "1\n*/ fn evil() {}" is not an API version such as "2023-08-16": at most 64 letters, digits, `.`, `-`, `_` or `+`"#
    );
}

/// Runs `xtask generate` with `config` on a small spec that has `holder`;
/// returns the one error line.
fn generate_with_config_fails(name: &str, config: &str) -> String {
    let dir = scratch(name);
    let spec_path = dir.join("spec.json");
    std::fs::write(
        &spec_path,
        spec(r#"{"holder": {"type": "object", "properties": {"secret": {"type": "string"}}}}"#),
    )
    .unwrap();
    let config_path = dir.join("codegen.toml");
    std::fs::write(&config_path, config).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("generate")
        .arg("--spec")
        .arg(&spec_path)
        .arg("--config")
        .arg(&config_path)
        .arg("--out")
        .arg(dir.join("out"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!dir.join("out").exists());
    stderr
        .trim_end()
        .strip_prefix(&format!("error: {}: ", config_path.display()))
        .unwrap_or_else(|| panic!("the configuration file named first: {stderr}"))
        .to_string()
}

#[test]
fn a_misspelt_redaction_is_refused_as_the_macro_refuses_it() {
    // The same check and message as `generate!`'s `redact` argument
    // (codegen/macro/tests/ui/unknown_schema.stderr).
    let config = format!("{CONFIG}\n[[redact]]\nschema = \"holder\"\nproperty = \"secrte\"\n");
    assert_eq!(
        generate_with_config_fails("misspelt-redaction", &config),
        "redact: schema `holder` has no property `secrte` (#/components/schemas/holder/properties); \
         the closest are: secret"
    );
    let config = format!("{CONFIG}\n[[redact]]\nschema = \"holdr\"\nproperty = \"secret\"\n");
    assert_eq!(
        generate_with_config_fails("misspelt-redaction-schema", &config),
        "redact: the spec has no schema `holdr`; the closest names are: holder"
    );
}

#[test]
fn configuration_mistakes_name_their_key() {
    assert_eq!(
        generate_with_config_fails("empty-root", "roots = [\"\"]\n\n[[crate]]\nname = \"c\"\ndefault = true\n"),
        "roots[0]: an empty name matches no schema: write a schema name or a pattern such as `gelato_*`"
    );
    assert_eq!(
        generate_with_config_fails(
            "unknown-root",
            "roots = [\"holdr\"]\n\n[[crate]]\nname = \"c\"\ndefault = true\n"
        ),
        "roots[0]: the spec has no schema `holdr`; the closest names are: holder"
    );
    assert_eq!(
        generate_with_config_fails(
            "shadowed-pattern",
            "roots = [\"holder\"]\n\n[[crate]]\nname = \"a\"\npatterns = [\"h*\"]\n\n[[crate]]\nname = \"b\"\npatterns = [\"h*\"]\ndefault = true\n"
        ),
        "crate[1].patterns[0]: `h*` is also a pattern of crate `a`, which comes first and takes its schemas: keep it in one crate"
    );
}

#[test]
fn a_manual_that_cannot_be_read_is_named_by_its_key() {
    let config = format!("{CONFIG}manual = \"missing.md\"\n");
    let error = generate_with_config_fails("missing-manual", &config);
    assert!(
        error.starts_with("crate[0].manual: cannot read ") && error.contains("missing.md: "),
        "{error}"
    );
}
