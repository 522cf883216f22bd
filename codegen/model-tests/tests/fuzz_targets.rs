//! The fuzz crate (`codegen/model-tests/fuzz`) has one target per
//! generated type, and no target for a type that is gone.

use std::collections::BTreeSet;
use std::path::Path;

/// `(crate, type)` of every type the identity crates deserialize.
fn generated_types() -> BTreeSet<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../generated");
    let mut out = BTreeSet::new();
    for krate in ["stripe-identity", "stripe-gelato", "stripe-shared"] {
        for entry in std::fs::read_dir(root.join(krate).join("src")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let mut lines = text.lines();
            while let Some(line) = lines.next() {
                // Structs', string enums' and unions' impls come from
                // `stripe_types::object!`, `string_enum!` and `union!`,
                // whose input starts with the type's name.
                let rest = match line.trim() {
                    "stripe_types::object! {"
                    | "stripe_types::string_enum! {"
                    | "stripe_types::union! {" => lines.next().unwrap().trim(),
                    line => match line.strip_prefix("impl<'de> serde::Deserialize<'de> for ") {
                        Some(rest) => rest,
                        None => continue,
                    },
                };
                let name = rest.split_whitespace().next().unwrap().to_string();
                out.insert((krate.replace('-', "_"), name));
            }
        }
    }
    out
}

fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[test]
fn every_generated_type_has_a_fuzz_target() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let types = generated_types();
    assert!(types.len() > 40, "{types:?}");
    let mut expected = BTreeSet::new();
    for (krate, name) in &types {
        let target = snake(name);
        let path = dir.join("fuzz_targets").join(format!("{target}.rs"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!("no fuzz target for {krate}::{name}: add {}", path.display())
        });
        assert!(
            text.contains(&format!("check::<{krate}::{name}>")),
            "{}",
            path.display()
        );
        assert!(
            manifest.contains(&format!("name = \"{target}\"")),
            "{target} is not in the fuzz Cargo.toml"
        );
        expected.insert(format!("{target}.rs"));
    }
    let present: BTreeSet<String> = std::fs::read_dir(dir.join("fuzz_targets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(present, expected, "fuzz targets of types that are gone");
}
