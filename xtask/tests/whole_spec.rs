//! The whole pinned spec: generated with `--all`, built and linted as users
//! build it, and run against every resource in Stripe's fixtures.
//!
//! These are the suite's slowest tests: together about 100 s of CPU, under
//! 3 minutes of wall time on 2 busy cores from a cold target directory.
//! Generating takes a second; the rest is rustc, most of it the round-trip
//! binary, which instantiates serde for every type. Each test generates
//! into `target/whole-spec/NAME` and builds in `target/whole-spec/NAME.target`
//! (kept between runs) with debug info off, which halves rustc's time on
//! these crates. Clippy with `-D warnings` (and every feature, so the
//! `json` entry points too) fails on every rustc warning as well as on its
//! own lints; the pinned spec then gets one debug build of a
//! small binary that round-trips the fixtures, the older spec only clippy.

use crate::common;

use common::stripe_openapi_dir;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use stripe_codegen::ir::TypeKind;
use stripe_codegen::placement::{crate_ident, place};
use xtask::generate::{load_config, read_spec, run, Options};
use xtask::repo_root;

/// Runs cargo in the generated workspace `dir`; panics with its output if
/// it fails or (for the generated crates) warns.
///
/// Each generated workspace has a target directory of its own, next to it:
/// cargo hashes path packages by their path inside the workspace, so the
/// two specs' `stripe-shared` would overwrite each other's artifacts in one
/// (and the main `target/` has nothing to share: it builds `serde` and
/// `serde_json` with other features).
fn cargo(dir: &Path, args: &[&str]) -> String {
    let started = std::time::Instant::now();
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.with_extension("target"))
        .env("CARGO_TERM_COLOR", "never")
        // Debug info is most of the time rustc spends on these crates.
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    eprintln!("cargo {}: {:.1?}", args[0], started.elapsed());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo {} failed in {}:\n{stderr}",
        args.join(" "),
        dir.display()
    );
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning") && !l.contains("stripe-model-tests"))
        .collect();
    assert!(
        warnings.is_empty(),
        "cargo {} warned:\n{stderr}",
        args.join(" ")
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The Rust path (`stripe_shared::Account`) of each component schema that
/// is a type of its own.
fn rust_paths(root: &Path) -> BTreeMap<String, String> {
    let config = load_config(&root.join("spec/codegen-all.toml")).unwrap();
    let (text, _) = read_spec(root, None, true).unwrap();
    let spec = stripe_codegen::spec::Spec::parse(&text).unwrap();
    let space = stripe_codegen::resolve::resolve(&spec, &config).unwrap();
    let placement = place(&space, &config);
    space
        .iter()
        .filter(|(_, t)| !matches!(t.kind, TypeKind::Id(_)))
        .filter(|(_, t)| t.pointer == stripe_codegen::error::schema_pointer(&t.home))
        .map(|(id, t)| {
            let krate = crate_ident(&placement.crates[placement.crate_of[id.0]].name);
            (t.home.clone(), format!("{krate}::{}", t.name))
        })
        .collect()
}

/// A binary crate in the generated workspace that round-trips every
/// fixture through its type and prints, per resource, the differences (or
/// the error) as JSON.
fn write_round_trip_crate(out: &Path, crates: &[String], arms: &[(String, String)]) {
    let dir = out.join("fixture-round-trip");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let model_tests = repo_root().join("codegen/model-tests");
    let mut toml = String::from(
        "[package]\nname = \"fixture-round-trip\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nserde = \"1\"\nserde_json = \"1\"\n",
    );
    toml.push_str(&format!(
        "stripe-model-tests = {{ path = {:?} }}\n",
        model_tests.display().to_string()
    ));
    for krate in crates {
        toml.push_str(&format!("{krate} = {{ path = \"../{krate}\" }}\n"));
    }
    std::fs::write(dir.join("Cargo.toml"), toml).unwrap();
    let arms: String = arms
        .iter()
        .map(|(name, path)| format!("            {name:?} => check::<{path}>(value),\n"))
        .collect();
    let main = format!(
        r#"//! Round-trips each resource of a fixtures file through its generated type.

use serde_json::Value;

fn check<T: serde::de::DeserializeOwned + serde::Serialize + std::any::Any>(value: &Value) -> Vec<String> {{
    // From text, as users deserialize.
    match serde_json::from_str::<T>(&value.to_string()) {{
        Ok(typed) => {{
            let mut found = stripe_model_tests::differences(value, &serde_json::to_value(&typed).unwrap());
            // An event's object comes as its resource's variant.
            if let Some(event) = (&typed as &dyn std::any::Any).downcast_ref::<stripe_events::Event>() {{
                if let stripe_events::EventObject::Other(raw) = &event.data.object {{
                    found.push(format!("error: data.object not typed: {{}}", raw.get()));
                }}
            }}
            found
        }}
        Err(e) => vec![format!("error: {{e}}")],
    }}
}}

fn main() {{
    let path = std::env::args().nth(1).expect("the fixtures file");
    let text = std::fs::read_to_string(path).unwrap();
    let all: Value = serde_json::from_str(&text).unwrap();
    let mut report = serde_json::Map::new();
    for (name, value) in all["resources"].as_object().unwrap() {{
        let found = match name.as_str() {{
{arms}            _ => vec!["error: no generated type".to_string()],
        }};
        report.insert(name.clone(), found.into());
    }}
    println!("{{}}", serde_json::to_string_pretty(&report).unwrap());
}}
"#
    );
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
    let manifest = out.join("Cargo.toml");
    let workspace = std::fs::read_to_string(&manifest).unwrap();
    let workspace = workspace.replacen(
        "members = [\n",
        "members = [\n    \"fixture-round-trip\",\n",
        1,
    );
    std::fs::write(manifest, workspace).unwrap();
}

/// The fixtures that do not come back exactly, and why. Every other one of
/// the 131 deserializes and serializes back to the same JSON.
///
/// Keys a fixture has and the spec's schema does not (`address` has no
/// `zip`, `card` no `wallet`) are kept as unknown fields and come back;
/// numbers keep their spelling (`percentage: 19`, a `type: number`).
const EXPECTED_DIFFERENCES: &[(&str, &[&str])] = &[
    // The fixture lacks a field the spec requires:
    // `destination_payment_method_details.billing_details`.
    (
        "treasury.outbound_payment",
        &["error: missing field `billing_details` at line 1 column 277"],
    ),
];

#[test]
fn pinned_spec_builds_lints_and_round_trips_every_fixture() {
    let root = repo_root();
    let out = root.join("target/whole-spec/pinned");
    let outcome = run(
        &root,
        &Options {
            all: true,
            out: Some(out.clone()),
            ..Options::default()
        },
    )
    .expect("the whole spec generates");
    let lib = std::fs::read_to_string(out.join("stripe-shared/src/lib.rs")).unwrap();
    assert!(
        lib.starts_with(
            "// Generated by `cargo xtask generate --all` from Stripe's OpenAPI spec (API version 2023-08-16).\n\
             // Do not edit: change the generator or spec/codegen-all.toml and generate again.\n"
        ),
        "{lib:.300}"
    );
    let degraded: Vec<&str> = outcome
        .generated
        .degraded
        .iter()
        .map(|d| d.pointer.as_str())
        .collect();
    // Free-form objects: the spec gives them neither properties nor a
    // value type. (The event's `data.object` and `previous_attributes`
    // are typed by `[events]`.)
    assert_eq!(
        degraded,
        [
            "#/components/schemas/payment_intent_next_action/properties/use_stripe_sdk",
            "#/components/schemas/setup_intent_next_action/properties/use_stripe_sdk",
        ]
    );
    event_object_holds_every_resource(&root);

    let fixtures_path = stripe_openapi_dir().join("fixtures3.2023-08-16.json");
    let fixtures: Value =
        serde_json::from_str(&std::fs::read_to_string(&fixtures_path).unwrap()).unwrap();
    let resources = fixtures["resources"].as_object().unwrap();
    assert_eq!(resources.len(), 131);
    let paths = rust_paths(&root);
    let arms: Vec<(String, String)> = resources
        .keys()
        .map(|name| {
            let path = paths
                .get(name)
                .unwrap_or_else(|| panic!("fixture `{name}` has no generated type"));
            (name.clone(), path.clone())
        })
        .collect();
    assert_eq!(paths["event"], "stripe_events::Event");
    let crates: Vec<String> = outcome
        .generated
        .files
        .iter()
        .filter_map(|f| f.path.strip_suffix("/Cargo.toml"))
        .map(str::to_string)
        .collect();
    write_round_trip_crate(&out, &crates, &arms);

    cargo(
        &out,
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            // The `json` entry points too (checked only: no code is built).
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    );
    let report = cargo(
        &out,
        &[
            "run",
            "--quiet",
            "-p",
            "fixture-round-trip",
            "--",
            fixtures_path.to_str().unwrap(),
        ],
    );
    let report: BTreeMap<String, Vec<String>> = serde_json::from_str(&report).unwrap();
    let found: BTreeMap<&str, Vec<&str>> = report
        .iter()
        .filter(|(_, d)| !d.is_empty())
        .map(|(name, d)| (name.as_str(), d.iter().map(String::as_str).collect()))
        .collect();
    let expected: BTreeMap<&str, Vec<&str>> = EXPECTED_DIFFERENCES
        .iter()
        .map(|(name, d)| (*name, d.to_vec()))
        .collect();
    assert_eq!(
        found,
        expected,
        "{}",
        serde_json::to_string_pretty(&report).unwrap()
    );
    assert_eq!(report.len(), 131);
}

/// `Event`'s `data.object` is a union of every generated resource (a
/// component schema with an `object` value), one per value.
fn event_object_holds_every_resource(root: &Path) {
    let config = load_config(&root.join("spec/codegen-all.toml")).unwrap();
    let (text, _) = read_spec(root, None, true).unwrap();
    let spec = stripe_codegen::spec::Spec::parse(&text).unwrap();
    let space = &stripe_codegen::resolve::resolve(&spec, &config).unwrap();
    let events = space.events.as_ref().expect("[events] types the envelope");
    let TypeKind::Union(union) = &space.get(events.object).kind else {
        panic!("EventObject is a union")
    };
    let tags: std::collections::BTreeSet<&str> = union
        .variants
        .iter()
        .filter_map(|v| v.tag.as_deref())
        .collect();
    assert_eq!(
        tags.len(),
        union.variants.len(),
        "one variant per `object` value"
    );
    let resources: std::collections::BTreeSet<&str> = space
        .iter()
        .filter_map(|(_, t)| match &t.kind {
            TypeKind::Struct(s)
                if t.pointer == stripe_codegen::error::schema_pointer(&t.home)
                    && t.home != "event" =>
            {
                s.tag.as_ref().map(|tag| tag.value.as_str())
            }
            _ => None,
        })
        .collect();
    assert_eq!(tags, resources);
    assert_eq!(tags.len(), 113);
    assert_eq!(union.other.as_deref(), Some("Other"));
    let TypeKind::Enum(types) = &space.get(events.types).kind else {
        panic!("EventType is an enum")
    };
    // The spec's `enabled_events`, less `*`.
    assert_eq!(types.variants.len(), 222);
    let carried = |wire: &str| {
        let at = types.variants.iter().position(|v| v.wire_name == wire);
        at.and_then(|i| events.carries[i].as_deref())
    };
    assert_eq!(carried("invoice.paid"), Some("invoice"));
    assert_eq!(
        carried("customer.subscription.updated"),
        Some("subscription")
    );
    assert_eq!(
        carried("identity.verification_session.verified"),
        Some("identity.verification_session")
    );
}

#[test]
fn older_spec_builds_and_lints() {
    let root = repo_root();
    let out = root.join("target/whole-spec/2022-04-12");
    // The models only: requests of the whole spec are built (and linted)
    // by the pinned spec's test; building them twice would double the
    // longest test.
    let all = std::fs::read_to_string(root.join("spec/codegen-all.toml")).unwrap();
    let models_only = root.join("target/whole-spec/codegen-models-only.toml");
    std::fs::create_dir_all(models_only.parent().unwrap()).unwrap();
    std::fs::write(&models_only, all.replace("requests = [\"*\"]", "")).unwrap();
    let outcome = run(
        &root,
        &Options {
            all: true,
            spec: Some(stripe_openapi_dir().join("spec3.2022-04-12.json")),
            config: Some(models_only),
            out: Some(out.clone()),
            ..Options::default()
        },
    )
    .expect("the older spec generates");
    assert_eq!(outcome.generated.spec_version, "2020-08-27");
    // The same two free-form objects as in the pinned spec.
    assert_eq!(outcome.generated.degraded.len(), 2);
    cargo(
        &out,
        &[
            "clippy",
            "--workspace",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    );
}
