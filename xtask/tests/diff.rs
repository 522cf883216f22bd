//! `cargo xtask diff`: on small specs, one per kind of change, and on
//! Stripe's two real specs (2022-04-12 -> 2023-08-16).

use crate::common;

use common::stripe_openapi_dir;
use std::path::PathBuf;
use std::process::Command;

use serde_json::{json, Value};
use stripe_codegen::diff::{diff_all, Change, Diff};
use stripe_codegen::ir::Presence;
use xtask::repo_root;

fn spec(version: &str, schemas: Value) -> String {
    json!({
        "openapi": "3.0.0",
        "info": {"title": "test", "version": version},
        "paths": {},
        "components": {"schemas": schemas}
    })
    .to_string()
}

fn real_specs() -> (PathBuf, PathBuf) {
    let dir = stripe_openapi_dir();
    (
        dir.join("spec3.2022-04-12.json"),
        dir.join("spec3.2023-08-16.json"),
    )
}

fn real_diff() -> Diff {
    let (old, new) = real_specs();
    xtask::diff::run(&old, &new, &xtask::diff::Scope::All).expect("both specs resolve")
}

/// A field whose Rust type changed: in its `Option` layers (presence before
/// and after), in the type inside them, or both.
fn changed(
    field: &str,
    old: &str,
    new: &str,
    (old_presence, new_presence): (Presence, Presence),
    inner_type: bool,
) -> Change {
    Change::FieldChanged {
        field: field.into(),
        json: field.trim_end_matches('_').into(),
        old_type: old.into(),
        new_type: new.into(),
        optionality: old_presence != new_presence,
        inner_type,
        old_presence,
        new_presence,
    }
}

use Presence::{Nullable, Optional, Required};

#[test]
fn identical_specs_have_no_changes() {
    let s = spec(
        "1",
        json!({"thing": {"type": "object", "properties": {"a": {"type": "string"}}}}),
    );
    let d = diff_all(&s, &s).unwrap();
    assert!(d.is_empty());
    assert_eq!(
        d.to_string(),
        "Stripe API 1 -> 1\n\nNo changes to the generated types.\n"
    );
}

#[test]
fn every_kind_of_change_in_the_rust_names_users_see() {
    let old = spec(
        "1",
        json!({
            "thing": {"type": "object", "required": ["kept", "req", "kind"], "properties": {
                "kept": {"type": "string"},
                "req": {"type": "integer"},
                "nullable": {"type": "string"},
                "retyped": {"type": "string"},
                "gone": {"type": "boolean"},
                "kind": {"type": "string", "enum": ["a", "b"]},
                "either": {"anyOf": [{"$ref": "#/components/schemas/cat"}, {"$ref": "#/components/schemas/dog"}]}
            }},
            "cat": {"type": "object", "properties": {"object": {"type": "string", "enum": ["cat"]}}},
            "dog": {"type": "object", "properties": {"object": {"type": "string", "enum": ["dog"]}}},
            "old_only": {"type": "object", "properties": {"x": {"type": "string"}}}
        }),
    );
    let new = spec(
        "2",
        json!({
            "thing": {"type": "object", "required": ["kept", "kind"], "properties": {
                "kept": {"type": "string"},
                "req": {"type": "integer"},
                "nullable": {"type": "string", "nullable": true},
                "retyped": {"type": "integer", "format": "unix-time"},
                "added": {"type": "array", "items": {"$ref": "#/components/schemas/new_only"}},
                "kind": {"type": "string", "enum": ["b", "c"]},
                "either": {"anyOf": [{"$ref": "#/components/schemas/cat"}, {"$ref": "#/components/schemas/bird"}]}
            }},
            "cat": {"type": "object", "properties": {"object": {"type": "string", "enum": ["cat"]}}},
            "bird": {"type": "object", "properties": {"object": {"type": "string", "enum": ["bird"]}}},
            "dog": {"type": "string", "enum": ["woof"]},
            "new_only": {"type": "object", "properties": {"y": {"type": "string"}}}
        }),
    );
    let d = diff_all(&old, &new).unwrap();
    let names = |list: &[stripe_codegen::diff::SchemaEntry]| {
        list.iter()
            .map(|s| (s.schema.clone(), s.types.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&d.schemas_added),
        [
            ("bird".to_string(), vec!["Bird".to_string()]),
            ("new_only".to_string(), vec!["NewOnly".to_string()])
        ]
    );
    assert_eq!(
        names(&d.schemas_removed),
        [("old_only".to_string(), vec!["OldOnly".to_string()])]
    );
    // Fields in the new spec's order (`json!` sorts keys), removed ones last.
    assert_eq!(
        d.changes_of("Thing").unwrap(),
        [
            Change::FieldAdded {
                field: "added".into(),
                json: "added".into(),
                ty: "Option<Vec<NewOnly>>".into()
            },
            changed(
                "nullable",
                "Option<String>",
                "stripe_types::Nullable<String>",
                (Optional, Nullable),
                false
            ),
            changed("req", "i64", "Option<i64>", (Required, Optional), false),
            changed(
                "retyped",
                "Option<String>",
                "Option<stripe_types::Timestamp>",
                (Optional, Optional),
                true
            ),
            Change::FieldRemoved {
                field: "gone".into(),
                json: "gone".into(),
                ty: "Option<bool>".into()
            },
        ]
    );
    assert_eq!(
        d.changes_of("ThingKind").unwrap(),
        [
            Change::ValueAdded {
                value: "c".into(),
                variant: "C".into()
            },
            Change::ValueRemoved {
                value: "a".into(),
                variant: "A".into()
            },
        ]
    );
    assert_eq!(
        d.changes_of("ThingEither").unwrap(),
        [
            Change::MemberAdded {
                variant: "Bird".into(),
                ty: "Bird".into()
            },
            Change::MemberRemoved {
                variant: "Dog".into(),
                ty: "Dog".into()
            },
        ]
    );
    assert_eq!(
        d.changes_of("Dog").unwrap(),
        [Change::KindChanged {
            old: "struct".into(),
            new: "enum".into()
        }]
    );
    insta::assert_snapshot!("every_kind_text", d.to_string());
    insta::assert_snapshot!("every_kind_json", xtask::diff::to_json(&d));
}

#[test]
fn real_specs_2022_to_2023_schema_counts() {
    let d = real_diff();
    assert_eq!(
        d.old_version, "2020-08-27",
        "info.version of the 2022-04-12 file"
    );
    assert_eq!(d.new_version, "2023-08-16");
    // 561 + 279 - 21 = 819 component schemas, counted by name.
    assert_eq!(d.schemas_added.len(), 279);
    assert_eq!(d.schemas_removed.len(), 21);
    let removed = |name: &str| d.schemas_removed.iter().find(|s| s.schema == name);
    assert_eq!(
        removed("sku").map(|s| s.types.clone()),
        Some(vec!["Sku".to_string(), "SkuId".to_string()])
    );
    let added = d
        .schemas_added
        .iter()
        .find(|s| s.schema == "cash_balance")
        .expect("cash_balance is new");
    assert_eq!(added.types, ["CashBalance"]);
}

#[test]
fn real_specs_2022_to_2023_customer_gains_cash_balance() {
    let d = real_diff();
    let customer = d.changes_of("Customer").expect("customer changed");
    assert!(
        customer.contains(&Change::FieldAdded {
            field: "cash_balance".into(),
            json: "cash_balance".into(),
            ty: "stripe_types::Nullable<CashBalance>".into()
        }),
        "{customer:?}"
    );
}

#[test]
fn real_specs_2022_to_2023_identity_changes_only_in_optionality() {
    let d = real_diff();
    let identity: Vec<_> = d
        .types_changed
        .iter()
        .filter(|t| t.schema.starts_with("identity.") || t.schema.starts_with("gelato_"))
        .map(|t| (t.name.as_str(), t.changes.clone()))
        .collect();
    assert_eq!(
        identity,
        [
            (
                "IdentityVerificationReport",
                vec![
                    changed(
                        "options",
                        "GelatoVerificationReportOptions",
                        "Option<GelatoVerificationReportOptions>",
                        (Required, Optional),
                        false
                    ),
                    changed(
                        "type_",
                        "IdentityVerificationReportType",
                        "Option<IdentityVerificationReportType>",
                        (Required, Optional),
                        false
                    ),
                ]
            ),
            (
                "IdentityVerificationSession",
                vec![
                    // Nullable and, in this spec file, no longer required.
                    changed(
                        "options",
                        "GelatoVerificationSessionOptions",
                        "stripe_types::Nullable<GelatoVerificationSessionOptions>",
                        (Required, Nullable),
                        false
                    ),
                    changed(
                        "type_",
                        "IdentityVerificationSessionType",
                        "stripe_types::Nullable<IdentityVerificationSessionType>",
                        (Required, Nullable),
                        false
                    ),
                ]
            ),
        ]
    );
    let identity_schemas = |list: &[stripe_codegen::diff::SchemaEntry]| {
        list.iter()
            .filter(|s| s.schema.starts_with("identity.") || s.schema.starts_with("gelato_"))
            .count()
    };
    assert_eq!(identity_schemas(&d.schemas_added), 0);
    assert_eq!(identity_schemas(&d.schemas_removed), 0);
    let text = d.to_string();
    assert!(text.contains(
        "  IdentityVerificationReport (#/components/schemas/identity.verification_report)\n    ~ options: GelatoVerificationReportOptions -> Option<GelatoVerificationReportOptions> (now optional)\n"
    ), "{text}");
}

#[test]
fn the_command_prints_text_and_stable_json() {
    let (old, new) = real_specs();
    let run = |json: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
        cmd.arg("diff").arg(&old).arg(&new).arg("--all");
        if json {
            cmd.arg("--json");
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(false);
    assert!(text.contains("\nSchemas added (279):\n"), "{text}");
    assert!(text.contains("\nSchemas removed (21):\n"), "{text}");
    assert!(text.contains("  - sku: Sku, SkuId\n"), "{text}");
    assert!(
        text.contains("    + cash_balance: stripe_types::Nullable<CashBalance>\n"),
        "{text}"
    );
    let json: Value = serde_json::from_str(&run(true)).unwrap();
    assert_eq!(json["format"], 1);
    assert_eq!(json["schemas_added"].as_array().unwrap().len(), 279);
    assert_eq!(json["schemas_removed"].as_array().unwrap().len(), 21);
    let customer = json["types_changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Customer")
        .unwrap();
    assert!(customer["changes"].as_array().unwrap().contains(&json!({
        "change": "field_added",
        "field": "cash_balance",
        "json": "cash_balance",
        "type": "stripe_types::Nullable<CashBalance>"
    })));
}

#[test]
fn unreadable_specs_are_clear_errors() {
    let missing = PathBuf::from("/nonexistent/spec.json");
    let (_, new) = real_specs();
    let err = xtask::diff::run(&missing, &new, &xtask::diff::Scope::All)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("cannot read spec /nonexistent/spec.json"),
        "{err}"
    );
}

/// The whole 2023-08-16 spec against the pinned 2026-07-29.dahlia
/// excerpt, over the types `spec/codegen.toml` generates.
fn identity_diff() -> Diff {
    let dir = stripe_openapi_dir();
    let config = xtask::generate::load_config(&repo_root().join("spec/codegen.toml")).unwrap();
    xtask::diff::run(
        &dir.join("spec3.2023-08-16.json"),
        &dir.join("spec3.identity-ops.2026-07-29.dahlia.json"),
        &xtask::diff::Scope::Config(&config),
    )
    .expect("the identity closure resolves in the whole file and in the excerpt")
}

#[test]
fn a_whole_spec_against_an_excerpt_compares_what_the_crates_contain() {
    let d = identity_diff();
    assert_eq!(d.new_version, "2026-07-29.dahlia");
    let added: Vec<&str> = d.schemas_added.iter().map(|s| s.schema.as_str()).collect();
    assert_eq!(
        added,
        [
            "gelato_email_report",
            "gelato_email_report_error",
            "gelato_phone_report",
            "gelato_phone_report_error",
            "gelato_provided_details",
            "gelato_related_person",
            "gelato_session_email_options",
            "gelato_session_matching_options",
            "gelato_session_phone_options",
        ]
    );
    // The excerpt lacks 800 schemas of the whole file, but none that the
    // identity crates use.
    assert!(d.schemas_removed.is_empty(), "{:?}", d.schemas_removed);
    let session = d.changes_of("IdentityVerificationSession").unwrap();
    for field in [
        "client_reference_id",
        "provided_details",
        "related_customer",
        "related_customer_account",
        "related_person",
        "verification_flow",
    ] {
        assert!(
            session
                .iter()
                .any(|c| matches!(c, Change::FieldAdded { json, .. } if json == field)),
            "{field} added: {session:?}"
        );
    }
    assert!(session.contains(&changed(
        "type_",
        "stripe_types::Nullable<IdentityVerificationSessionType>",
        "IdentityVerificationSessionType",
        (Nullable, Required),
        false
    )));
    let report = d.changes_of("IdentityVerificationReport").unwrap();
    for field in ["client_reference_id", "email", "phone", "verification_flow"] {
        assert!(
            report
                .iter()
                .any(|c| matches!(c, Change::FieldAdded { json, .. } if json == field)),
            "{field} added: {report:?}"
        );
    }
    assert!(d
        .changes_of("GelatoSessionLastErrorCode")
        .unwrap()
        .contains(&Change::ValueAdded {
            value: "email_unverified_other".into(),
            variant: "EmailUnverifiedOther".into()
        }));
    assert!(d
        .changes_of("VerificationSessionRedactionStatus")
        .unwrap()
        .contains(&Change::ValueAdded {
            value: "validated".into(),
            variant: "Validated".into()
        }));
    insta::assert_snapshot!("identity_2023_to_2026_text", d.to_string());
}

#[test]
fn the_checked_in_changelog_is_the_diff_of_the_last_two_pins() {
    let section = identity_diff().changelog_section();
    let changelog = std::fs::read_to_string(repo_root().join("generated/CHANGELOG.md")).unwrap();
    assert!(
        changelog.contains(&section),
        "generated/CHANGELOG.md lacks:\n{section}"
    );
    assert!(section.starts_with(
        "## 2026-07-29.dahlia\n\nCrate version 4.20260729.0, generated from Stripe API version \
         2026-07-29.dahlia; the changes since 2023-08-16.\n"
    ));
    // Lines a user greps for, in Rust terms.
    for line in [
        "- added field `client_reference_id`: `stripe_types::Nullable<String>`\n",
        "- changed field `type_` (`\"type\"`): `stripe_types::Nullable<IdentityVerificationSessionType>` \
         -> `IdentityVerificationSessionType` (now required, no longer nullable)\n",
        "- added value `\"verification_flow\"` (`VerificationFlow`)\n",
        "- `gelato_related_person`: `GelatoRelatedPerson`\n",
    ] {
        assert!(section.contains(line), "{line}");
    }
}

#[test]
fn every_schema_of_an_excerpt_names_the_ref_that_leaves_it() {
    let dir = stripe_openapi_dir();
    let err = xtask::diff::run(
        &dir.join("spec3.2023-08-16.json"),
        &dir.join("spec3.identity-events.2026-07-29.dahlia.json"),
        &xtask::diff::Scope::All,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.ends_with(
            "#/components/schemas/api_errors/properties/payment_intent: `$ref` to a schema that \
             does not exist: `payment_intent` (closest: event, address, api_errors)"
        ),
        "{err}"
    );
}
