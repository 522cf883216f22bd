//! The generator's configuration: which schemas are generated, which crate
//! each one goes to, what `Debug` hides, how nullable fields are typed.
//! Read from `spec/codegen.toml` by the xtask and built from arguments by
//! the macro; both check it here, with the same messages.

use serde::Deserialize;

use crate::error::{push_pointer, schema_pointer, Error};
pub use crate::ir::{MissingRefs, NullableStyle, UnknownFieldsStyle};
use crate::spec::{closest_names, Spec};

/// The generator's configuration (`spec/codegen.toml` for the xtask; built
/// from the arguments for the macro).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Schemas to generate; everything they reference comes along.
    #[serde(default)]
    pub roots: Vec<String>,
    /// The crates to split the output into, tried in order.
    #[serde(default, rename = "crate")]
    pub crates: Vec<CrateConfig>,
    /// Fields whose values never appear in `Debug` output, on top of those
    /// the spec itself says must not be logged.
    #[serde(default)]
    pub redact: Vec<FieldRef>,
    /// Extra derives for every generated struct and enum (such as `Eq`).
    #[serde(default)]
    pub derives: Vec<String>,
    /// Where the generated crates' source lives (`repository` in their
    /// `Cargo.toml`).
    #[serde(default)]
    pub repository: Option<String>,
    /// How optional, nullable properties are typed: `"exact"` (the
    /// default, `stripe_types::Nullable<T>`) or `"option"` (`Option<T>`).
    #[serde(default)]
    pub nullable: NullableStyle,
    /// What structs do with keys their schema does not know: `"keep"` (the
    /// default: kept and written back) or `"drop"`.
    #[serde(default)]
    pub unknown_fields: UnknownFieldsStyle,
    /// Paths whose operations get typed requests (`*` matches any run of
    /// characters), such as `"/v1/identity/*"`. The schemas their
    /// parameters and answers use come along as roots do.
    #[serde(default)]
    pub requests: Vec<String>,
    /// What a `$ref` to a schema the spec does not have becomes:
    /// `"error"` (the default), `"raw"` (the JSON as it came, written back
    /// exactly) or `"id"` (only the object's id). For excerpts of the spec.
    #[serde(default)]
    pub missing_refs: MissingRefs,
    /// Stripe's event envelope, typed for webhooks: its `data.object` a
    /// union of every generated resource, its `type` an enum.
    #[serde(default)]
    pub events: Option<EventsConfig>,
}

/// How events are typed (`[events]` in `spec/codegen.toml`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EventsConfig {
    /// The envelope's schema: `event` in Stripe's spec. It is generated
    /// as a root.
    pub schema: String,
    /// The event types of the enum, such as
    /// `identity.verification_session.verified`. Empty: those the spec
    /// lists (the `enabled_events` of `POST /v1/webhook_endpoints`).
    /// Others are kept as sent.
    #[serde(default)]
    pub types: Vec<String>,
    /// Which event types carry which resource, by the start of the type.
    #[serde(default)]
    pub carries: Vec<EventCarries>,
}

/// Event types that start with `prefix` carry a `schema` object.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct EventCarries {
    /// The start of the event types, such as
    /// `identity.verification_session.`.
    pub prefix: String,
    /// The resource's schema, such as `identity.verification_session`.
    pub schema: String,
}

/// One output crate.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CrateConfig {
    /// The crate's package name, such as `stripe-identity`.
    pub name: String,
    /// One line for the crate's documentation and its `Cargo.toml`.
    #[serde(default)]
    pub description: String,
    /// Schema names this crate takes; `*` matches any run of characters.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Takes every schema no other crate's patterns match.
    #[serde(default)]
    pub default: bool,
    /// A Markdown file, relative to the configuration file, that becomes
    /// the crate's manual: written into the crate as `README.md` and
    /// included in its crate docs, so its Rust examples run as doctests.
    #[serde(default)]
    pub manual: Option<String>,
}

/// A property of a schema.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FieldRef {
    /// The schema's name, such as `identity.verification_session`.
    pub schema: String,
    /// The property's JSON name, such as `client_secret`.
    pub property: String,
}

impl Config {
    /// A configuration that puts every schema into one crate.
    pub fn single_crate(name: &str, roots: Vec<String>) -> Self {
        Config {
            roots,
            crates: vec![CrateConfig {
                name: name.to_string(),
                default: true,
                ..CrateConfig::default()
            }],
            ..Config::default()
        }
    }

    /// Checks what can be checked without the spec. The xtask (on
    /// `spec/codegen.toml`) and the macro (on its arguments) both come
    /// here, so they reject the same mistakes with the same message.
    pub fn validate(&self) -> Result<(), Error> {
        if self.crates.is_empty() {
            return Err(Error::config("crate", "the configuration names no crate"));
        }
        let defaults = self.crates.iter().filter(|c| c.default).count();
        if defaults != 1 {
            return Err(Error::config(
                "crate",
                format!("exactly one crate must have `default = true`, found {defaults}"),
            ));
        }
        for (i, c) in self.crates.iter().enumerate() {
            let valid = !c.name.is_empty()
                && c.name
                    .chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
                && !c.name.starts_with(|ch: char| ch.is_ascii_digit());
            if !valid {
                return Err(Error::config(
                    format!("crate[{i}].name"),
                    format!("crate name `{}` is not a valid package name", c.name),
                ));
            }
            if self.crates[..i].iter().any(|other| other.name == c.name) {
                return Err(Error::config(
                    format!("crate[{i}].name"),
                    format!("crate `{}` is named twice", c.name),
                ));
            }
            for (j, pattern) in c.patterns.iter().enumerate() {
                let key = format!("crate[{i}].patterns[{j}]");
                check_pattern(pattern, &key)?;
                // Schemas go to the first crate that matches: a pattern an
                // earlier crate has too would never apply.
                if let Some(first) = self.crates[..i]
                    .iter()
                    .find(|o| o.patterns.contains(pattern))
                {
                    return Err(Error::config(
                        key,
                        format!(
                            "`{pattern}` is also a pattern of crate `{}`, which comes first and \
                             takes its schemas: keep it in one crate",
                            first.name
                        ),
                    ));
                }
            }
        }
        for (i, root) in self.roots.iter().enumerate() {
            check_pattern(root, &format!("roots[{i}]"))?;
        }
        for (i, path) in self.requests.iter().enumerate() {
            if !path.starts_with('/') && path != "*" {
                return Err(Error::config(
                    format!("requests[{i}]"),
                    format!("`{path}` is not a path pattern such as \"/v1/identity/*\""),
                ));
            }
        }
        if let Some(events) = &self.events {
            events.validate()?;
        }
        for (i, derive) in self.derives.iter().enumerate() {
            if syn::parse_str::<syn::Path>(derive).is_err() {
                return Err(Error::config(
                    format!("derives[{i}]"),
                    format!("derive `{derive}` is not a path such as `Eq` or `serde::Serialize`"),
                ));
            }
        }
        Ok(())
    }

    /// Checks the configuration against the spec: every redaction names a
    /// property that exists (a misspelt one would leave a secret in
    /// `Debug` output without a word).
    pub fn check_against(&self, spec: &Spec<'_>) -> Result<(), Error> {
        for field in &self.redact {
            check_redaction(spec, field)?;
        }
        if let Some(events) = &self.events {
            let schemas = std::iter::once(("events.schema".to_string(), &events.schema)).chain(
                events
                    .carries
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (format!("events.carries[{i}].schema"), &c.schema)),
            );
            for (key, schema) in schemas {
                if !spec.contains(schema) {
                    let close = closest_names(spec.schema_names(), schema, 3);
                    return Err(Error::config(
                        key,
                        format!(
                            "the spec has no schema `{schema}`; the closest names are: {}",
                            close.join(", ")
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The index of the crate that takes schema `name`.
    pub fn crate_for(&self, name: &str) -> usize {
        self.crates
            .iter()
            .position(|c| c.patterns.iter().any(|p| glob_match(p, name)))
            .or_else(|| self.crates.iter().position(|c| c.default))
            .unwrap_or(0)
    }

    /// Whether the configuration asks for `schema.property` to be redacted.
    pub fn redacts(&self, schema: &str, property: &str) -> bool {
        self.redact
            .iter()
            .any(|f| f.schema == schema && f.property == property)
    }
}

impl EventsConfig {
    fn validate(&self) -> Result<(), Error> {
        if self.schema.is_empty() {
            return Err(Error::config(
                "events.schema",
                "name the event envelope's schema, `event` in Stripe's spec",
            ));
        }
        for (i, t) in self.types.iter().enumerate() {
            let key = format!("events.types[{i}]");
            if t.is_empty() || t.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err(Error::config(
                    key,
                    format!("`{t}` is not an event type such as `identity.verification_session.verified`"),
                ));
            }
            if self.types[..i].contains(t) {
                return Err(Error::config(key, format!("`{t}` is listed twice")));
            }
        }
        for (i, c) in self.carries.iter().enumerate() {
            if c.prefix.is_empty() {
                return Err(Error::config(
                    format!("events.carries[{i}].prefix"),
                    "an empty prefix would claim every event type: write one such as \
                     `identity.verification_session.`",
                ));
            }
        }
        Ok(())
    }
}

/// A schema name or pattern must not be empty: it would match nothing.
/// (Schema names may hold any character, so nothing else is refused.)
fn check_pattern(pattern: &str, key: &str) -> Result<(), Error> {
    if pattern.is_empty() {
        return Err(Error::config(
            key,
            "an empty name matches no schema: write a schema name or a pattern such as `gelato_*`",
        ));
    }
    Ok(())
}

/// Checks that a redaction names a top-level property of a schema the spec
/// has: a misspelt redaction would leave a secret in `Debug` output without
/// a word.
pub fn check_redaction(spec: &Spec<'_>, field: &FieldRef) -> Result<(), Error> {
    use openapiv3::{ReferenceOr, SchemaKind, Type};

    let pointer = schema_pointer(&field.schema);
    let Some(schema) = spec.schema(&field.schema) else {
        let close = closest_names(spec.schema_names(), &field.schema, 3);
        return Err(Error::config(
            "redact",
            format!(
                "the spec has no schema `{}`; the closest names are: {}",
                field.schema,
                close.join(", ")
            ),
        ));
    };
    let properties = match schema? {
        ReferenceOr::Item(schema) => match schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => o.properties,
            SchemaKind::Any(any) => any.properties,
            _ => Default::default(),
        },
        ReferenceOr::Reference { .. } => Default::default(),
    };
    if properties.contains_key(&field.property) {
        return Ok(());
    }
    // The mistake is in the configuration, which the key names; the
    // message says where in the spec the property was looked for.
    if properties.is_empty() {
        return Err(Error::config(
            "redact",
            format!(
                "schema `{}` ({pointer}) has no properties, so there is no `{}` to redact",
                field.schema, field.property
            ),
        ));
    }
    let close = closest_names(properties.keys().map(String::as_str), &field.property, 3);
    Err(Error::config(
        "redact",
        format!(
            "schema `{}` has no property `{}` ({}); the closest are: {}",
            field.schema,
            field.property,
            push_pointer(&pointer, "properties"),
            close.join(", ")
        ),
    ))
}

/// Matches `name` against `pattern`, where `*` stands for any run of
/// characters.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = name.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_prefixes_suffixes_and_middles() {
        assert!(glob_match("gelato_*", "gelato_verified_outputs"));
        assert!(!glob_match("gelato_*", "identity.verification_session"));
        assert!(glob_match("identity.*", "identity.verification_report"));
        assert!(glob_match("*", "anything"));
        assert!(glob_match("a*b*c", "axxbyyc"));
        assert!(!glob_match("a*b*c", "axxbyy"));
        assert!(glob_match("exact", "exact"));
        assert!(!glob_match("exact", "exactly"));
        assert!(!glob_match("ab*ba", "aba"));
    }

    #[test]
    fn schemas_go_to_the_first_matching_crate_or_the_default() {
        let config = Config {
            crates: vec![
                CrateConfig {
                    name: "stripe-identity".into(),
                    patterns: vec!["identity.*".into()],
                    ..Default::default()
                },
                CrateConfig {
                    name: "stripe-shared".into(),
                    default: true,
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        config.validate().unwrap();
        assert_eq!(config.crate_for("identity.verification_session"), 0);
        assert_eq!(config.crate_for("address"), 1);
    }

    #[test]
    fn nullable_style_is_read_from_the_file() {
        let file = |nullable: &str| {
            toml::from_str::<Config>(&format!(
                "roots = [\"a\"]\n{nullable}\n[[crate]]\nname = \"c\"\ndefault = true\n"
            ))
        };
        assert_eq!(file("").unwrap().nullable, NullableStyle::Exact);
        assert_eq!(
            file("nullable = \"exact\"").unwrap().nullable,
            NullableStyle::Exact
        );
        assert_eq!(
            file("nullable = \"option\"").unwrap().nullable,
            NullableStyle::Option
        );
        assert_eq!(
            file("unknown_fields = \"drop\"").unwrap().unknown_fields,
            UnknownFieldsStyle::Drop
        );
        assert_eq!(file("").unwrap().unknown_fields, UnknownFieldsStyle::Keep);
        let e = file("nullable = \"maybe\"").unwrap_err().to_string();
        assert!(
            e.contains("unknown variant `maybe`, expected `exact` or `option`"),
            "{e}"
        );
    }

    #[test]
    fn rejects_configurations_that_cannot_work() {
        let mut config = Config::single_crate("ok", vec![]);
        config.crates.push(config.crates[0].clone());
        assert!(config
            .validate()
            .unwrap_err()
            .message
            .contains("exactly one crate"));
        config.crates[1].default = false;
        assert!(config
            .validate()
            .unwrap_err()
            .message
            .contains("named twice"));
        let bad = Config::single_crate("9 lives", vec![]);
        assert!(bad
            .validate()
            .unwrap_err()
            .message
            .contains("not a valid package name"));
        let mut derive = Config::single_crate("ok", vec![]);
        derive.derives = vec!["Eq +".into()];
        assert_eq!(
            derive.validate().unwrap_err().to_string(),
            "derives[0]: derive `Eq +` is not a path such as `Eq` or `serde::Serialize`"
        );
        let mut empty_root = Config::single_crate("ok", vec!["".into()]);
        assert_eq!(
            empty_root.validate().unwrap_err().to_string(),
            "roots[0]: an empty name matches no schema: write a schema name or a pattern such as `gelato_*`"
        );
        empty_root.roots.clear();
        let mut shadowed = Config::single_crate("a", vec![]);
        shadowed.crates[0].patterns = vec!["gelato_*".into()];
        shadowed.crates.push(CrateConfig {
            name: "b".into(),
            patterns: vec!["x".into(), "gelato_*".into()],
            ..Default::default()
        });
        assert_eq!(
            shadowed.validate().unwrap_err().to_string(),
            "crate[1].patterns[1]: `gelato_*` is also a pattern of crate `a`, which comes first and \
             takes its schemas: keep it in one crate"
        );
    }
}
