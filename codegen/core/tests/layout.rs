//! The definitions `output` lays out itself (without syn, for speed) are
//! byte for byte what prettyplease prints, over the whole pinned spec with
//! its requests: every struct and enum of `generate --all`, read back and
//! printed again by prettyplease, is found as is in the file it came from.

mod common;

use std::path::Path;

use common::options;
use stripe_codegen::{generate_crates, Config};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

#[derive(serde::Deserialize)]
struct Pins {
    all: String,
}

#[test]
fn whole_spec_definitions_are_what_prettyplease_prints() {
    let pins: Pins =
        toml::from_str(&std::fs::read_to_string(root().join("spec/pins.toml")).unwrap()).unwrap();
    let spec_path = root().join(format!("spec/cache/spec3.{}.json", pins.all));
    let text = std::fs::read_to_string(&spec_path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `cargo xtask fetch-spec` first",
            spec_path.display()
        )
    });
    let mut config: Config =
        toml::from_str(&std::fs::read_to_string(root().join("spec/codegen-all.toml")).unwrap())
            .unwrap();
    config.roots = vec!["*".into()];
    let files = generate_crates(&text, &config, &options(true))
        .unwrap()
        .files;
    let mut checked = 0;
    for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
        let parsed: syn::File = syn::parse_str(&file.contents)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", file.path));
        for item in parsed.items {
            if !matches!(item, syn::Item::Struct(_) | syn::Item::Enum(_)) {
                continue;
            }
            let printed = prettyplease::unparse(&syn::File {
                shebang: None,
                attrs: vec![],
                items: vec![item],
            });
            assert!(
                file.contents.contains(&printed),
                "{}: prettyplease prints\n{printed}\nwhich the file does not hold",
                file.path
            );
            checked += 1;
        }
    }
    // The whole spec's structs and enums, with the requests' (2,970 for
    // the 2023-08-16 pin).
    assert!(checked > 2500, "only {checked} definitions");
}
