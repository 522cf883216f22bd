//! What the benchmarks share: the pinned specs and the configurations,
//! read as `cargo xtask` reads them.
// Each benchmark uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use stripe_codegen::{Config, LayoutOptions};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[derive(serde::Deserialize)]
struct Pins {
    all: String,
    generated: Vec<String>,
}

fn pins() -> Pins {
    toml::from_str(&std::fs::read_to_string(root().join("spec/pins.toml")).unwrap()).unwrap()
}

fn read_spec(version: &str) -> String {
    let path = root().join(format!("spec/cache/spec3.{version}.json"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; run `cargo xtask fetch-spec` first",
            path.display()
        )
    })
}

/// The whole spec pinned for `generate --all` (`all` in spec/pins.toml), as
/// `cargo xtask fetch-spec` installed it.
pub static SPEC: LazyLock<String> = LazyLock::new(|| read_spec(&pins().all));

/// The spec `cargo xtask generate` reads: the last `generated` pin (for
/// 2026-07-29.dahlia, an excerpt for Stripe Identity).
pub static CURRENT: LazyLock<String> = LazyLock::new(|| {
    let version = pins().generated.pop().expect("a generated pin");
    read_spec(&version)
});

fn config(file: &str) -> Config {
    let text = std::fs::read_to_string(root().join("spec").join(file)).unwrap();
    let config: Config = toml::from_str(&text).unwrap();
    config.validate().unwrap();
    config
}

/// `spec/codegen.toml`: the identity roots.
pub static IDENTITY: LazyLock<Config> = LazyLock::new(|| config("codegen.toml"));

/// Every schema of the spec, as `cargo xtask generate --all` splits it
/// (`spec/codegen-all.toml`; the identity crates with roots `*` where that
/// file does not exist).
pub static ALL: LazyLock<Config> = LazyLock::new(|| {
    let mut all = if root().join("spec/codegen-all.toml").is_file() {
        config("codegen-all.toml")
    } else {
        IDENTITY.clone()
    };
    all.roots = vec!["*".into()];
    all
});

/// [`ALL`] without requests: the models of the whole spec alone.
pub static ALL_MODELS: LazyLock<Config> = LazyLock::new(|| {
    let mut models = ALL.clone();
    models.requests = vec![];
    models
});

pub fn options(all: bool) -> LayoutOptions {
    LayoutOptions {
        runtime_path: "../../codegen/types".into(),
        command: if all {
            "cargo xtask generate --all".into()
        } else {
            "cargo xtask generate".into()
        },
        config: if all {
            "spec/codegen-all.toml".into()
        } else {
            "spec/codegen.toml".into()
        },
        workspace: all,
        source: None,
        manuals: Default::default(),
    }
}
