//! `--config`: a JSON config (or TOML, by file name), built into a [`Redactor`].

use crate::{exit, Failure};
use redactor::{Config, Kind, Policy, Redactor};
use serde_json::{json, Value};
use std::path::Path;

/// The loaded config: the redactor, and what the audit report says about it.
pub(crate) struct Loaded {
    pub(crate) redactor: Redactor,
    pub(crate) config: Config,
    /// The config file, or `None` for the defaults.
    pub(crate) source: Option<String>,
}

/// The redactor from `--config`, or the default one.
pub(crate) fn load(path: Option<&Path>) -> Result<Loaded, Failure> {
    let Some(path) = path else {
        let config = Config::default();
        return Ok(Loaded {
            redactor: Redactor::default(),
            config,
            source: None,
        });
    };
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Failure::io(&name, &e))?;
    let bad =
        |message: String| Failure::new(format!("{name}: invalid config: {message}"), exit::CONFIG);
    let is_toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let config = if is_toml {
        toml::from_str::<Config>(&text).map_err(|e| bad(toml_message(&text, &e)))?
    } else {
        // serde_json's messages name the field and position, never a scanned value.
        Config::from_json(&text).map_err(|e| Failure::new(format!("{name}: {e}"), exit::CONFIG))?
    };
    let redactor = config
        .build()
        .map_err(|e| Failure::new(format!("{name}: {e}"), exit::CONFIG))?;
    Ok(Loaded {
        redactor,
        config,
        source: Some(name),
    })
}

/// toml's message with a line and column, without the source snippet its `Display` adds (the
/// snippet could show an HMAC key).
fn toml_message(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim_end();
    match e.span() {
        Some(span) => {
            let before = &text.as_bytes()[..span.start.min(text.len())];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            format!("{message} at line {line} column {col}")
        }
        None => message.to_string(),
    }
}

impl Loaded {
    /// Every kind this config can report, with its name.
    pub(crate) fn kinds(&self) -> Vec<(Kind, String)> {
        let builtin = Kind::BUILTIN
            .into_iter()
            .filter(|k| {
                self.config
                    .kinds
                    .iter()
                    .any(|n| Some(n.as_str()) == k.builtin_name())
            })
            .map(|k| (k, self.redactor.kind_name(k).to_string()));
        let custom = (0..self.config.custom_rules.len()).filter_map(|i| {
            let k = Kind::Custom(u16::try_from(i).ok()?);
            Some((k, self.redactor.kind_name(k).to_string()))
        });
        builtin.chain(custom).collect()
    }

    /// The policy of every kind, for the audit report: the type and its non-secret settings
    /// (never an HMAC key).
    pub(crate) fn policies(&self) -> Value {
        let mut map = serde_json::Map::new();
        for (kind, name) in self.kinds() {
            let p = match self.redactor.policy(kind) {
                Policy::Mask => json!({"type": "mask"}),
                Policy::KeepLast(n) => json!({"type": "keep_last", "n": n}),
                Policy::Label => json!({"type": "label"}),
                Policy::Hmac { .. } => json!({"type": "hmac"}),
                Policy::Fixed(text) => json!({"type": "fixed", "text": text}),
                _ => json!({"type": "other"}),
            };
            map.insert(name, p);
        }
        Value::Object(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_errors_have_a_position_and_no_snippet() {
        let text = "kinds = [\"EMAIL\"]\n[policies.EMAIL]\ntype = \"hmac\"\nkey = 12\n";
        let e = toml::from_str::<Config>(text).unwrap_err();
        let m = toml_message(text, &e);
        assert!(m.contains("line"), "{m}");
        assert!(!m.contains("key = 12"), "{m}");
    }

    #[test]
    fn toml_config_parses() {
        let text = "kinds = [\"EMAIL\"]\n[policies.EMAIL]\ntype = \"keep_last\"\nn = 3\n";
        let c = toml::from_str::<Config>(text).unwrap();
        assert_eq!(c.kinds, vec!["EMAIL".to_string()]);
        assert!(c.build().is_ok());
    }
}
