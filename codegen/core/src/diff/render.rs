//! A [`Diff`] as text: the plain listing `cargo xtask diff` prints, and
//! the Markdown section of `generated/CHANGELOG.md`.

use std::fmt::{self, Write as _};

use super::{Change, Diff, SchemaEntry, TypeEntry};

/// The plain-text changelog: one section per kind of change, one line per
/// change, `+` added, `-` removed, `~` changed.
impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Stripe API {} -> {}", self.old_version, self.new_version)?;
        if self.is_empty() {
            return writeln!(f, "\nNo changes to the generated types.");
        }
        let schemas =
            |f: &mut fmt::Formatter<'_>, title: &str, sign: char, list: &[SchemaEntry]| {
                if list.is_empty() {
                    return Ok(());
                }
                writeln!(f, "\n{title} ({}):", list.len())?;
                for s in list {
                    let types = if s.types.is_empty() {
                        "(no type of its own)".to_string()
                    } else {
                        s.types.join(", ")
                    };
                    writeln!(f, "  {sign} {}: {types}", s.schema)?;
                }
                Ok(())
            };
        schemas(f, "Schemas added", '+', &self.schemas_added)?;
        schemas(f, "Schemas removed", '-', &self.schemas_removed)?;
        let types = |f: &mut fmt::Formatter<'_>, title: &str, sign: char, list: &[TypeEntry]| {
            if list.is_empty() {
                return Ok(());
            }
            writeln!(f, "\n{title} ({}):", list.len())?;
            for t in list {
                writeln!(f, "  {sign} {} ({})", t.name, t.pointer)?;
            }
            Ok(())
        };
        types(f, "Types added", '+', &self.types_added)?;
        types(f, "Types removed", '-', &self.types_removed)?;
        if !self.types_changed.is_empty() {
            writeln!(f, "\nTypes changed ({}):", self.types_changed.len())?;
            for t in &self.types_changed {
                writeln!(f, "  {} ({})", t.name, t.pointer)?;
                for c in &t.changes {
                    writeln!(f, "    {}", c)?;
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = |field: &str, json: &str| {
            let mut s = field.to_string();
            if field != json {
                let _ = write!(s, " (\"{json}\")");
            }
            s
        };
        match self {
            Change::FieldAdded { field, json, ty } => write!(f, "+ {}: {ty}", key(field, json)),
            Change::FieldRemoved { field, json, ty } => {
                write!(f, "- {}: {ty}", key(field, json))
            }
            Change::FieldChanged {
                field,
                json,
                old_type,
                new_type,
                ..
            } => {
                write!(
                    f,
                    "~ {}: {old_type} -> {new_type} ({})",
                    key(field, json),
                    self.what_changed().unwrap_or_default()
                )
            }
            Change::ValueAdded { value, variant } => write!(f, "+ value \"{value}\" ({variant})"),
            Change::ValueRemoved { value, variant } => {
                write!(f, "- value \"{value}\" ({variant})")
            }
            Change::MemberAdded { variant, ty } => write!(f, "+ member {variant}({ty})"),
            Change::MemberRemoved { variant, ty } => write!(f, "- member {variant}({ty})"),
            Change::KindChanged { old, new } => write!(f, "~ kind: {old} -> {new}"),
        }
    }
}

impl Change {
    /// For a changed field: what changed, in words (`now required, no
    /// longer nullable`, `type`, ...).
    pub fn what_changed(&self) -> Option<String> {
        let Change::FieldChanged {
            inner_type,
            old_presence,
            new_presence,
            ..
        } = self
        else {
            return None;
        };
        let mut parts = Vec::new();
        match (old_presence.key_required(), new_presence.key_required()) {
            (false, true) => parts.push("now required"),
            (true, false) => parts.push("now optional"),
            _ => {}
        }
        match (old_presence.takes_null(), new_presence.takes_null()) {
            (false, true) => parts.push("now nullable"),
            (true, false) => parts.push("no longer nullable"),
            _ => {}
        }
        if *inner_type {
            parts.push("type");
        }
        if parts.is_empty() {
            parts.push("name");
        }
        Some(parts.join(", "))
    }

    /// One Markdown list item.
    fn markdown(&self) -> String {
        let key = |field: &str, json: &str| {
            if field == json {
                format!("`{field}`")
            } else {
                format!("`{field}` (`\"{json}\"`)")
            }
        };
        match self {
            Change::FieldAdded { field, json, ty } => {
                format!("added field {}: `{ty}`", key(field, json))
            }
            Change::FieldRemoved { field, json, ty } => {
                format!("removed field {}: `{ty}`", key(field, json))
            }
            Change::FieldChanged {
                field,
                json,
                old_type,
                new_type,
                ..
            } => format!(
                "changed field {}: `{old_type}` -> `{new_type}` ({})",
                key(field, json),
                self.what_changed().unwrap_or_default()
            ),
            Change::ValueAdded { value, variant } => {
                format!("added value `\"{value}\"` (`{variant}`)")
            }
            Change::ValueRemoved { value, variant } => format!(
                "removed value `\"{value}\"` (was `{variant}`; it now comes as the fallback variant)"
            ),
            Change::MemberAdded { variant, ty } => format!("added member `{variant}({ty})`"),
            Change::MemberRemoved { variant, ty } => {
                format!("removed member `{variant}({ty})`")
            }
            Change::KindChanged { old, new } => format!("became a {new} (was a {old})"),
        }
    }
}

impl Diff {
    /// The changelog section for the new version, in Markdown: a `##`
    /// heading with the API version, the crate version, then one list per
    /// kind of change, by the Rust names users grep for.
    pub fn changelog_section(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "## {}\n", self.new_version);
        let _ = writeln!(
            out,
            "Crate version {}, generated from Stripe API version {}; the changes since {}.",
            crate::emit::crates::crate_version(&self.new_version),
            self.new_version,
            self.old_version
        );
        if self.is_empty() {
            out.push_str("\nNo changes to the generated types.\n");
            return out;
        }
        let schemas = |out: &mut String, title: &str, list: &[SchemaEntry]| {
            if list.is_empty() {
                return;
            }
            let _ = writeln!(out, "\n### {title} ({})\n", list.len());
            for s in list {
                let types: Vec<String> = s.types.iter().map(|t| format!("`{t}`")).collect();
                let types = if types.is_empty() {
                    "no type of its own".to_string()
                } else {
                    types.join(", ")
                };
                let _ = writeln!(out, "- `{}`: {types}", s.schema);
            }
        };
        schemas(&mut out, "Schemas added", &self.schemas_added);
        schemas(&mut out, "Schemas removed", &self.schemas_removed);
        let types = |out: &mut String, title: &str, list: &[TypeEntry]| {
            if list.is_empty() {
                return;
            }
            let _ = writeln!(out, "\n### {title} ({})\n", list.len());
            for t in list {
                let _ = writeln!(out, "- `{}` (`{}`)", t.name, t.pointer);
            }
        };
        types(&mut out, "Types added", &self.types_added);
        types(&mut out, "Types removed", &self.types_removed);
        if !self.types_changed.is_empty() {
            let _ = writeln!(out, "\n### Types changed ({})", self.types_changed.len());
            for t in &self.types_changed {
                let _ = writeln!(out, "\n#### `{}`\n", t.name);
                let _ = writeln!(out, "`{}`\n", t.pointer);
                for c in &t.changes {
                    let _ = writeln!(out, "- {}", c.markdown());
                }
            }
        }
        out
    }
}
