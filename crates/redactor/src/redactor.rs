//! The `Redactor`: a compiled, shareable set of detectors and masking policies.

use crate::custom::CustomRules;
use crate::detect::Candidate;
use crate::scan::{self, Scanner};
use crate::{CustomRule, Error, Finding, Kind, Policy};
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

/// Finds and masks personal data. Cheap to clone (an `Arc` inside), `Send + Sync`.
///
/// # Example
/// ```
/// let r = redactor::Redactor::default();
/// let out = r.redact("card 4111 1111 1111 1111, mail jane@example.com");
/// assert_eq!(out, "card [CREDIT_CARD], mail [EMAIL]");
/// ```
#[derive(Clone)]
pub struct Redactor {
    inner: Arc<Inner>,
}

struct Inner {
    scanner: Scanner,
    policies: [Policy; 5],
    custom: Option<CustomRules>,
    custom_names: Vec<String>,
    custom_policies: Vec<Policy>,
    /// Normalised allowlisted values (see [`normalise`]).
    allow: HashSet<Vec<u8>>,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Redactor")
            .field("enabled", &self.inner.scanner.enabled)
            .field("all_dates", &self.inner.scanner.all_dates)
            .field("policies", &self.inner.policies)
            .field("custom_rules", &self.inner.custom_names)
            .field("allowlist_len", &self.inner.allow.len())
            .finish()
    }
}

impl Default for Redactor {
    /// All five kinds, birth dates only, [`Policy::Label`] for everything.
    fn default() -> Redactor {
        RedactorBuilder::new()
            .build()
            .expect("the default configuration is valid")
    }
}

impl Redactor {
    /// A builder starting from the defaults.
    pub fn builder() -> RedactorBuilder {
        RedactorBuilder::new()
    }

    /// A redactor from a JSON config (see [`Config`](crate::Config)).
    ///
    /// # Errors
    /// [`ErrorKind::Config`](crate::ErrorKind::Config) or
    /// [`ErrorKind::Pattern`](crate::ErrorKind::Pattern), naming the offending field.
    pub fn from_json_config(json: &str) -> Result<Redactor, Error> {
        crate::Config::from_json(json)?.build()
    }

    /// The name of a kind: the built-in name or the custom rule's name.
    pub fn kind_name(&self, kind: Kind) -> &str {
        match kind {
            Kind::Custom(i) => self
                .inner
                .custom_names
                .get(i as usize)
                .map_or("CUSTOM", String::as_str),
            k => k.builtin_name().unwrap_or("UNKNOWN"),
        }
    }

    /// The policy used for `kind`.
    pub fn policy(&self, kind: Kind) -> &Policy {
        match kind {
            Kind::Custom(i) => &self.inner.custom_policies[i as usize],
            k => &self.inner.policies[k.builtin_index().unwrap_or(0)],
        }
    }

    /// Findings in `text`, sorted by start, never overlapping.
    ///
    /// # Example
    /// ```
    /// use redactor::{Kind, Redactor};
    /// let r = Redactor::default();
    /// let f: Vec<_> = r.find("SSN 123-45-6789").collect();
    /// assert_eq!(f[0].kind, Kind::UsSsn);
    /// assert_eq!(f[0].span, 4..15);
    /// ```
    pub fn find(&self, text: &str) -> std::vec::IntoIter<Finding> {
        self.find_bytes(text.as_bytes())
    }

    /// Like [`Redactor::find`] on arbitrary bytes: invalid UTF-8 is skipped over, never an error.
    pub fn find_bytes(&self, hay: &[u8]) -> std::vec::IntoIter<Finding> {
        let mut out = Vec::new();
        self.find_into(hay, &mut out);
        out.into_iter()
    }

    /// Appends the findings in `hay` to `out` (reuse `out` to avoid allocating per call).
    pub fn find_into(&self, hay: &[u8], out: &mut Vec<Finding>) {
        let mut cands = Vec::new();
        self.candidates(hay, 0, hay.len(), &mut cands);
        self.settle(hay, &mut cands, out);
    }

    /// Candidates for anchors in `from..to` of `hay` (one-shot: the whole text).
    pub(crate) fn candidates(
        &self,
        hay: &[u8],
        from: usize,
        to: usize,
        cands: &mut Vec<Candidate>,
    ) {
        self.inner.scanner.candidates(hay, from, to, cands);
        if let Some(custom) = &self.inner.custom {
            custom.candidates(hay, from, to, cands);
        }
    }

    pub(crate) fn scanner(&self) -> &Scanner {
        &self.inner.scanner
    }

    pub(crate) fn custom_rules(&self) -> Option<&CustomRules> {
        self.inner.custom.as_ref()
    }

    /// True when an allowlist entry matches the candidate's text.
    pub(crate) fn is_allowed(&self, hay: &[u8], c: &Candidate) -> bool {
        !self.inner.allow.is_empty() && self.inner.allow.contains(&normalise(&hay[c.start..c.end]))
    }

    /// Drops allowlisted candidates, resolves overlaps and appends findings to `out`.
    pub(crate) fn settle(&self, hay: &[u8], cands: &mut Vec<Candidate>, out: &mut Vec<Finding>) {
        if !self.inner.allow.is_empty() {
            cands.retain(|c| !self.is_allowed(hay, c));
        }
        scan::resolve(cands, out);
    }

    /// `text` with every finding replaced by its policy; borrowed when nothing was found.
    pub fn redact<'t>(&self, text: &'t str) -> Cow<'t, str> {
        match self.redact_bytes(text.as_bytes()) {
            Cow::Borrowed(_) => Cow::Borrowed(text),
            // Spans lie on character boundaries and every policy writes whole UTF-8
            // characters, so valid input gives valid output.
            Cow::Owned(v) => Cow::Owned(
                String::from_utf8(v)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            ),
        }
    }

    /// Like [`Redactor::redact`] on arbitrary bytes; bytes outside findings are copied unchanged.
    pub fn redact_bytes<'t>(&self, hay: &'t [u8]) -> Cow<'t, [u8]> {
        let findings: Vec<Finding> = self.find_bytes(hay).collect();
        if findings.is_empty() {
            return Cow::Borrowed(hay);
        }
        let mut out = Vec::with_capacity(hay.len() + 16 * findings.len());
        self.write_redacted(hay, &findings, &mut out);
        Cow::Owned(out)
    }

    /// Appends `hay` to `out` with `findings` (from this redactor, for this `hay`) masked.
    pub(crate) fn write_redacted(&self, hay: &[u8], findings: &[Finding], out: &mut Vec<u8>) {
        let mut last = 0;
        for f in findings {
            out.extend_from_slice(&hay[last..f.span.start]);
            self.policy(f.kind)
                .write(f.kind, self.kind_name(f.kind), &hay[f.span.clone()], out);
            last = f.span.end;
        }
        out.extend_from_slice(&hay[last..]);
    }

    /// Masks findings in place and returns how many there were. Needs a length-preserving
    /// policy ([`Policy::Mask`] or [`Policy::KeepLast`]) for every enabled kind.
    ///
    /// # Errors
    /// [`ErrorKind::Policy`](crate::ErrorKind::Policy) when some policy changes the length;
    /// the buffer is then left untouched.
    pub fn redact_in_place(&self, buf: &mut [u8]) -> Result<usize, Error> {
        let policies_ok = self
            .inner
            .policies
            .iter()
            .chain(&self.inner.custom_policies)
            .all(Policy::preserves_length);
        if !policies_ok {
            return Err(Error::new(
                crate::ErrorKind::Policy,
                "in-place redaction needs mask or keep_last for every kind",
            ));
        }
        let findings: Vec<Finding> = self.find_bytes(buf).collect();
        for f in &findings {
            self.policy(f.kind)
                .write_in_place(&mut buf[f.span.clone()])?;
        }
        Ok(findings.len())
    }
}

/// Normal form for allowlist comparison: digits only when the value is a number written with
/// separators, otherwise ASCII lower case.
fn normalise(value: &[u8]) -> Vec<u8> {
    let numeric = value.iter().any(u8::is_ascii_digit)
        && value
            .iter()
            .all(|b| b.is_ascii_digit() || b" -./()+".contains(b));
    if numeric {
        value.iter().copied().filter(u8::is_ascii_digit).collect()
    } else {
        value.to_ascii_lowercase()
    }
}

/// Builds a [`Redactor`]. Starts with all built-in kinds enabled and [`Policy::Label`].
#[derive(Clone, Debug)]
pub struct RedactorBuilder {
    enabled: [bool; 5],
    all_dates: bool,
    default_policy: Policy,
    policies: [Option<Policy>; 5],
    custom: Vec<CustomRule>,
    allow: Vec<String>,
}

impl Default for RedactorBuilder {
    fn default() -> RedactorBuilder {
        RedactorBuilder::new()
    }
}

impl RedactorBuilder {
    /// The defaults: all five kinds, birth dates only, labels.
    pub fn new() -> RedactorBuilder {
        RedactorBuilder {
            enabled: [true; 5],
            all_dates: false,
            default_policy: Policy::Label,
            policies: Default::default(),
            custom: Vec::new(),
            allow: Vec::new(),
        }
    }

    /// Enables exactly these built-in kinds.
    pub fn only_kinds(mut self, kinds: &[Kind]) -> RedactorBuilder {
        self.enabled = [false; 5];
        for k in kinds {
            if let Some(i) = k.builtin_index() {
                self.enabled[i] = true;
            }
        }
        self
    }

    /// Enables or disables one built-in kind.
    pub fn enable(mut self, kind: Kind, on: bool) -> RedactorBuilder {
        if let Some(i) = kind.builtin_index() {
            self.enabled[i] = on;
        }
        self
    }

    /// Report every valid date as [`Kind::DateOfBirth`], not only dates in birth context.
    pub fn all_dates(mut self, on: bool) -> RedactorBuilder {
        self.all_dates = on;
        self
    }

    /// The policy for kinds without their own.
    pub fn default_policy(mut self, policy: Policy) -> RedactorBuilder {
        self.default_policy = policy;
        self
    }

    /// The policy for one built-in kind.
    pub fn policy(mut self, kind: Kind, policy: Policy) -> RedactorBuilder {
        if let Some(i) = kind.builtin_index() {
            self.policies[i] = Some(policy);
        }
        self
    }

    /// Adds a custom rule; its matches are reported as `Kind::Custom(n)`, numbered in order.
    pub fn custom_rule(mut self, rule: CustomRule) -> RedactorBuilder {
        self.custom.push(rule);
        self
    }

    /// Never redact this exact value (numbers compare by digits, others case-insensitively).
    pub fn allow(mut self, value: &str) -> RedactorBuilder {
        self.allow.push(value.to_string());
        self
    }

    /// Compiles the redactor.
    ///
    /// # Errors
    /// [`ErrorKind::Pattern`](crate::ErrorKind::Pattern) when a custom rule does not compile or
    /// exceeds the limits in [`custom`](crate::custom).
    pub fn build(self) -> Result<Redactor, Error> {
        let custom = CustomRules::compile(&self.custom)?;
        let policies = std::array::from_fn(|i| {
            self.policies[i]
                .clone()
                .unwrap_or_else(|| self.default_policy.clone())
        });
        let custom_policies = self
            .custom
            .iter()
            .map(|r| {
                r.policy
                    .clone()
                    .unwrap_or_else(|| self.default_policy.clone())
            })
            .collect();
        Ok(Redactor {
            inner: Arc::new(Inner {
                scanner: Scanner {
                    enabled: self.enabled,
                    all_dates: self.all_dates,
                },
                policies,
                custom,
                custom_names: self.custom.iter().map(|r| r.name.clone()).collect(),
                custom_policies,
                allow: self.allow.iter().map(|v| normalise(v.as_bytes())).collect(),
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn redactor_is_send_sync() {
        assert_send_sync::<Redactor>();
    }

    #[test]
    fn clean_text_is_borrowed() {
        let r = Redactor::default();
        assert!(matches!(r.redact("nothing here"), Cow::Borrowed(_)));
    }

    #[test]
    fn custom_rule_with_context_and_luhn() {
        let r = Redactor::builder()
            .custom_rule(CustomRule::new("EMP", "EMP-[0-9]{4}").context(["employee"]))
            .custom_rule(CustomRule::new("ACCT", r"\bA[0-9]{4}\b").luhn(true))
            .build()
            .unwrap();
        assert_eq!(r.redact("employee EMP-1234"), "employee [EMP]");
        assert_eq!(r.redact("visitor EMP-1234"), "visitor EMP-1234");
        assert_eq!(r.redact("A0018 A0019"), "[ACCT] A0019");
    }

    #[test]
    fn bad_custom_rules_are_clear_errors() {
        let e = Redactor::builder()
            .custom_rule(CustomRule::new("X", "("))
            .build()
            .unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Pattern);
        assert!(e.to_string().contains("custom_rules[0].pattern"), "{e}");
        let e = Redactor::builder()
            .custom_rule(CustomRule::new("X", "a{1000}{1000}"))
            .build()
            .unwrap_err();
        assert!(e.to_string().contains("custom_rules[0]"), "{e}");
    }

    #[test]
    fn in_place_requires_length_preserving() {
        let r = Redactor::default();
        let mut buf = b"x".to_vec();
        assert!(r.redact_in_place(&mut buf).is_err());
    }
}
