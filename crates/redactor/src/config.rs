//! The JSON configuration: the same settings as [`RedactorBuilder`](crate::RedactorBuilder), so
//! Rust, C, Python and CLI users configure redactor the same way.
//!
//! ```json
//! {
//!   "kinds": ["CREDIT_CARD", "US_SSN", "EMAIL", "PHONE", "DATE_OF_BIRTH"],
//!   "default_policy": {"type": "label"},
//!   "policies": {"CREDIT_CARD": {"type": "keep_last", "n": 4},
//!                "EMAIL": {"type": "hmac", "key": "change me"}},
//!   "date_mode": "birth_dates",
//!   "custom_rules": [{"name": "EMPLOYEE_ID", "pattern": "EMP-[0-9]{6}",
//!                     "context": ["employee"], "policy": {"type": "label"}}],
//!   "allowlist": ["4111 1111 1111 1111"]
//! }
//! ```
//! Every field is optional; unknown fields are an error that names them.

use crate::{CustomRule, Error, Kind, Policy, Redactor, RedactorBuilder};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The whole configuration. `Config::default()` is the default [`Redactor`].
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Enabled built-in kinds by name. Default: all five.
    pub kinds: Vec<String>,
    /// The policy for kinds without an entry in `policies`. Default: `label`.
    pub default_policy: PolicyConfig,
    /// Policies per kind name (built-in or custom rule name).
    pub policies: BTreeMap<String, PolicyConfig>,
    /// `birth_dates` (default): only dates in birth context; `all_dates`: every valid date.
    pub date_mode: DateMode,
    /// Extra rules, matched with the `regex` crate.
    pub custom_rules: Vec<CustomRuleConfig>,
    /// Exact values that are never redacted (e.g. published test card numbers). Numbers are
    /// compared by their digits, everything else case-insensitively.
    pub allowlist: Vec<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            kinds: Kind::BUILTIN.iter().map(|k| k.to_string()).collect(),
            default_policy: PolicyConfig::Label,
            policies: BTreeMap::new(),
            date_mode: DateMode::BirthDates,
            custom_rules: Vec::new(),
            allowlist: Vec::new(),
        }
    }
}

/// Which dates are reported as [`Kind::DateOfBirth`].
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DateMode {
    /// Only dates the text marks as birth dates.
    #[default]
    BirthDates,
    /// Every calendar-valid date with a plausible birth year.
    AllDates,
}

/// A masking policy in JSON form; see [`Policy`].
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PolicyConfig {
    /// [`Policy::Mask`].
    Mask,
    /// [`Policy::KeepLast`].
    KeepLast {
        /// How many trailing letters or digits stay visible.
        n: usize,
    },
    /// [`Policy::Label`].
    Label,
    /// [`Policy::Hmac`] with a UTF-8 key.
    Hmac {
        /// The secret key (at least 16 bytes).
        key: String,
    },
    /// [`Policy::Fixed`].
    Fixed {
        /// The replacement text.
        text: String,
    },
}

impl PolicyConfig {
    fn to_policy(&self, field: &str) -> Result<Policy, Error> {
        Ok(match self {
            PolicyConfig::Mask => Policy::Mask,
            PolicyConfig::KeepLast { n } => Policy::KeepLast(*n),
            PolicyConfig::Label => Policy::Label,
            PolicyConfig::Hmac { key } => {
                if key.len() < MIN_HMAC_KEY {
                    return Err(Error::config(format!(
                        "{field}: hmac key must be at least {MIN_HMAC_KEY} bytes"
                    )));
                }
                Policy::hmac(key.as_bytes())
            }
            PolicyConfig::Fixed { text } => Policy::Fixed(text.clone()),
        })
    }
}

/// The shortest HMAC key a config accepts.
pub const MIN_HMAC_KEY: usize = 16;

/// A custom rule in JSON form; see [`CustomRule`].
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CustomRuleConfig {
    /// The name reported for matches (e.g. `EMPLOYEE_ID`).
    pub name: String,
    /// A `regex` crate pattern.
    pub pattern: String,
    /// Require the digits of a match to pass the Luhn check.
    #[serde(default)]
    pub luhn: bool,
    /// When not empty, a match counts only with one of these words nearby.
    #[serde(default)]
    pub context: Vec<String>,
    /// The policy for this rule (default: the config's `default_policy`).
    #[serde(default)]
    pub policy: Option<PolicyConfig>,
}

impl Config {
    /// Parses a JSON config. Errors name the field and position, never echo values.
    ///
    /// # Errors
    /// [`ErrorKind::Config`](crate::ErrorKind::Config) for malformed JSON, unknown fields and
    /// wrong types.
    pub fn from_json(json: &str) -> Result<Config, Error> {
        // serde accepts a struct written as a JSON array too; a config is an object.
        if !json.trim_start().starts_with('{') {
            return Err(Error::config("the config must be a JSON object"));
        }
        serde_json::from_str(json).map_err(|e| {
            // serde_json's message names the field and line/column; a value would only appear
            // for an unknown enum variant, which is config, not scanned text.
            Error::config(e.to_string())
        })
    }

    /// The config as pretty JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("config serialises")
    }

    /// Builds the redactor this config describes.
    ///
    /// # Errors
    /// [`ErrorKind::Config`](crate::ErrorKind::Config) for unknown kind names or bad policies,
    /// [`ErrorKind::Pattern`](crate::ErrorKind::Pattern) for custom patterns that do not compile.
    pub fn build(&self) -> Result<Redactor, Error> {
        let mut b = RedactorBuilder::new().only_kinds(&[]);
        for (i, name) in self.kinds.iter().enumerate() {
            let kind = Kind::from_builtin_name(name).ok_or_else(|| {
                Error::config(format!(
                    "kinds[{i}]: unknown kind (expected one of CREDIT_CARD, US_SSN, EMAIL, PHONE, DATE_OF_BIRTH)"
                ))
            })?;
            b = b.enable(kind, true);
        }
        b = b.default_policy(self.default_policy.to_policy("default_policy")?);
        let custom_names: Vec<&str> = self.custom_rules.iter().map(|r| r.name.as_str()).collect();
        for (name, p) in &self.policies {
            let field = format!("policies.{name}");
            let policy = p.to_policy(&field)?;
            match Kind::from_builtin_name(name) {
                Some(kind) => b = b.policy(kind, policy),
                None if custom_names.contains(&name.as_str()) => {}
                None => {
                    return Err(Error::config(format!(
                        "{field}: not a built-in kind or custom rule name"
                    )))
                }
            }
        }
        b = b.all_dates(self.date_mode == DateMode::AllDates);
        for (i, r) in self.custom_rules.iter().enumerate() {
            let field = format!("custom_rules[{i}]");
            let mut rule = CustomRule::new(&r.name, &r.pattern)
                .luhn(r.luhn)
                .context(r.context.iter().map(String::as_str));
            let policy = match (&r.policy, self.policies.get(&r.name)) {
                (Some(p), _) | (None, Some(p)) => Some(p.to_policy(&format!("{field}.policy"))?),
                (None, None) => None,
            };
            if let Some(p) = policy {
                rule = rule.policy(p);
            }
            b = b.custom_rule(rule);
        }
        for v in &self.allowlist {
            b = b.allow(v);
        }
        b.build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_round_trips() {
        let c = Config::default();
        let back = Config::from_json(&c.to_json_pretty()).unwrap();
        assert_eq!(c, back);
        assert!(back.build().is_ok());
    }

    #[test]
    fn errors_name_the_field_not_the_value() {
        let e = Config::from_json(r#"{"kindz": []}"#).unwrap_err();
        assert!(e.to_string().contains("kindz"), "{e}");
        let e = Config::from_json(r#"{"kinds": ["SECRET_VALUE_X"]}"#)
            .unwrap()
            .build()
            .unwrap_err();
        assert!(e.to_string().contains("kinds[0]"), "{e}");
        assert!(!e.to_string().contains("SECRET_VALUE_X"));
        let e = Config::from_json(r#"{"policies": {"EMAIL": {"type": "hmac", "key": "short"}}}"#)
            .unwrap()
            .build()
            .unwrap_err();
        assert!(e.to_string().contains("policies.EMAIL"), "{e}");
        let e = Config::from_json(r#"{"date_mode": 3}"#).unwrap_err();
        assert!(
            e.to_string().contains("date_mode") || e.to_string().contains("line 1"),
            "{e}"
        );
        assert!(Config::from_json("{not json").is_err());
        assert!(Config::from_json("[]").is_err());
        assert!(Config::from_json("  42").is_err());
        assert!(Config::from_json(" {}").is_ok());
    }

    #[test]
    fn full_config_builds() {
        let c = Config::from_json(
            r#"{"kinds": ["EMAIL", "CREDIT_CARD"],
                "policies": {"CREDIT_CARD": {"type": "keep_last", "n": 4}, "EMP": {"type": "mask"}},
                "date_mode": "all_dates",
                "custom_rules": [{"name": "EMP", "pattern": "EMP-[0-9]{6}", "context": ["employee"]}],
                "allowlist": ["4111 1111 1111 1111"]}"#,
        )
        .unwrap();
        let r = c.build().unwrap();
        assert_eq!(r.kind_name(Kind::Custom(0)), "EMP");
    }
}
