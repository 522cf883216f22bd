//! `generated/CHANGELOG.md`: what changed in the generated types with each
//! API version the crates were generated from (`generated` in
//! `spec/pins.toml`), newest first, one section per version.
//!
//! The newest section is computed every time (`diff` between the two last
//! pins, with the roots of `spec/codegen.toml`), so `generate --check`
//! catches a stale changelog; older sections are kept as they were written,
//! and computed only when missing.

use std::path::Path;

use stripe_codegen::Config;

use crate::diff::{run, Scope};
use crate::pin::Pins;
use crate::TaskError;

/// The file's name in the output directory.
pub const FILE: &str = "CHANGELOG.md";

const INTRO: &str = "# Changelog of the generated crates

What changed in the generated types with each Stripe API version the crates
were generated from, newest first, by the Rust names in the code. `cargo
xtask generate` writes this file: each section is `cargo xtask diff` between
two consecutive versions of `generated` in `spec/pins.toml`, over the types
`spec/codegen.toml` generates; `cargo xtask generate --check` fails when the
newest is stale. Older sections are kept as they were written.
";

/// The changelog for `pins`, keeping the sections of `existing` (the file
/// as it is now) for every version but the newest.
pub fn build(
    root: &Path,
    pins: &Pins,
    config: &Config,
    existing: Option<&str>,
) -> Result<String, TaskError> {
    let kept = existing.map(sections).unwrap_or_default();
    let versions = &pins.generated;
    let mut out = String::from(INTRO);
    for i in (0..versions.len()).rev() {
        let version = &versions[i];
        out.push('\n');
        let newest = i + 1 == versions.len();
        if let Some((_, text)) = kept.iter().find(|(v, _)| v == version).filter(|_| !newest) {
            out.push_str(text);
        } else if i == 0 {
            out.push_str(&format!(
                "## {version}\n\nThe first API version these crates were generated from.\n"
            ));
        } else {
            let path = |v: &str, what: &str| pins.pin(v).and_then(|p| p.installed(root, what));
            let old = path(&versions[i - 1], "the changelog compares with")?;
            let new = path(version, "of this changelog section")?;
            let diff = run(&old, &new, &Scope::Config(config))?;
            out.push_str(&diff.changelog_section());
        }
    }
    Ok(out)
}

/// The `## VERSION` sections of a changelog, with their text (heading
/// included, trailing blank lines dropped).
fn sections(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(version) = line.strip_prefix("## ") {
            out.push((version.trim().to_string(), String::new()));
        }
        if let Some((_, section)) = out.last_mut() {
            section.push_str(line);
        }
    }
    for (_, section) in &mut out {
        let trimmed = section.trim_end().len();
        section.truncate(trimmed);
        section.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_split_at_their_headings() {
        let text = "# Title\n\nIntro\n\n## 2\n\nTwo.\n\n### Sub\n\n- x\n\n## 1\n\nOne.\n";
        assert_eq!(
            sections(text),
            [
                (
                    "2".to_string(),
                    "## 2\n\nTwo.\n\n### Sub\n\n- x\n".to_string()
                ),
                ("1".to_string(), "## 1\n\nOne.\n".to_string())
            ]
        );
    }
}
