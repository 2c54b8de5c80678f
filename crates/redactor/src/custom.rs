//! Custom rules from the config: extra patterns matched by one multi-pattern regex pass.
//!
//! Built-in kinds never need this pass; it runs only when a config declares custom rules.

use crate::detect::{Candidate, AHEAD};
use crate::{Error, ErrorKind, Kind, Policy};
use aho_corasick::AhoCorasick;
use regex_automata::meta;
use std::fmt;

/// At most this many custom rules.
pub const MAX_CUSTOM_RULES: usize = 64;
/// At most this many bytes of pattern source per rule.
pub const MAX_PATTERN_LEN: usize = 4096;
/// At most this many bytes for the compiled rules together (NFA size limit).
pub const MAX_COMPILED_SIZE: usize = 4 << 20;
/// A custom match longer than this is ignored, so that streaming stays bounded.
pub const MAX_MATCH_LEN: usize = AHEAD;
/// Context words for a custom rule count within this many bytes before or after a match.
pub const CONTEXT_RADIUS: usize = 64;

/// An extra detection rule: a regex, an optional Luhn check, optional context words.
#[derive(Clone)]
pub struct CustomRule {
    pub(crate) name: String,
    pub(crate) pattern: String,
    pub(crate) luhn: bool,
    pub(crate) context: Vec<String>,
    pub(crate) policy: Option<Policy>,
}

impl fmt::Debug for CustomRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CustomRule")
            .field("name", &self.name)
            .field("luhn", &self.luhn)
            .finish_non_exhaustive()
    }
}

impl CustomRule {
    /// A rule reporting matches of `pattern` (a `regex` crate pattern) as `name`.
    pub fn new(name: &str, pattern: &str) -> CustomRule {
        CustomRule {
            name: name.to_string(),
            pattern: pattern.to_string(),
            luhn: false,
            context: Vec::new(),
            policy: None,
        }
    }

    /// Requires the digits of a match to pass the Luhn check.
    pub fn luhn(mut self, yes: bool) -> CustomRule {
        self.luhn = yes;
        self
    }

    /// Requires one of these words (ASCII case-insensitive) within
    /// [`CONTEXT_RADIUS`] bytes of a match.
    pub fn context<'a>(mut self, words: impl IntoIterator<Item = &'a str>) -> CustomRule {
        self.context = words.into_iter().map(str::to_string).collect();
        self
    }

    /// The policy for this rule's matches (default: the redactor's default policy).
    pub fn policy(mut self, policy: Policy) -> CustomRule {
        self.policy = Some(policy);
        self
    }
}

/// The compiled custom rules.
pub(crate) struct CustomRules {
    regex: meta::Regex,
    rules: Vec<CompiledRule>,
}

struct CompiledRule {
    luhn: bool,
    context: Option<AhoCorasick>,
}

impl CustomRules {
    pub(crate) fn compile(rules: &[CustomRule]) -> Result<Option<CustomRules>, Error> {
        if rules.is_empty() {
            return Ok(None);
        }
        if rules.len() > MAX_CUSTOM_RULES {
            return Err(Error::new(
                ErrorKind::Pattern,
                format!("custom_rules: at most {MAX_CUSTOM_RULES} rules"),
            ));
        }
        for (i, r) in rules.iter().enumerate() {
            if r.name.is_empty()
                || !r
                    .name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                return Err(Error::config(format!(
                    "custom_rules[{i}].name: must be non-empty ASCII letters, digits or _"
                )));
            }
            if Kind::from_builtin_name(&r.name).is_some()
                || rules[..i].iter().any(|o| o.name == r.name)
            {
                return Err(Error::config(format!(
                    "custom_rules[{i}].name: duplicates another kind"
                )));
            }
            if r.pattern.len() > MAX_PATTERN_LEN {
                return Err(Error::new(
                    ErrorKind::Pattern,
                    format!("custom_rules[{i}].pattern: longer than {MAX_PATTERN_LEN} bytes"),
                ));
            }
            if let Err(e) = regex_syntax_check(&r.pattern) {
                return Err(Error::new(
                    ErrorKind::Pattern,
                    format!("custom_rules[{i}].pattern: {e}"),
                ));
            }
        }
        let config = meta::Config::new()
            .nfa_size_limit(Some(MAX_COMPILED_SIZE))
            .onepass_size_limit(Some(MAX_COMPILED_SIZE))
            .hybrid_cache_capacity(2 << 20);
        let compile_error = |field: String, e: meta::BuildError| {
            let why = if e.size_limit().is_some() {
                format!("compiled size exceeds {MAX_COMPILED_SIZE} bytes")
            } else {
                "does not compile".to_string()
            };
            Error::new(ErrorKind::Pattern, format!("{field}: {why}"))
        };
        // Each rule alone first, so an error names the rule that caused it.
        for (i, r) in rules.iter().enumerate() {
            meta::Regex::builder()
                .configure(config.clone())
                .build(&r.pattern)
                .map_err(|e| compile_error(format!("custom_rules[{i}].pattern"), e))?;
        }
        let patterns: Vec<&str> = rules.iter().map(|r| r.pattern.as_str()).collect();
        let regex = meta::Regex::builder()
            .configure(config)
            .build_many(&patterns)
            .map_err(|e| compile_error("custom_rules".to_string(), e))?;
        let rules = rules
            .iter()
            .map(|r| {
                let context = if r.context.is_empty() {
                    None
                } else {
                    Some(
                        AhoCorasick::builder()
                            .ascii_case_insensitive(true)
                            .build(&r.context)
                            .map_err(|_| Error::config("custom_rules: context words too large"))?,
                    )
                };
                Ok(CompiledRule {
                    luhn: r.luhn,
                    context,
                })
            })
            .collect::<Result<_, Error>>()?;
        Ok(Some(CustomRules { regex, rules }))
    }

    /// Appends candidates for matches starting in `from..to` of `hay` and returns where the
    /// next search starts.
    ///
    /// Matches are tried at every start position in turn: an accepted match resumes the search
    /// at its end, a rejected one (too long, failed Luhn or context) at its start plus one.
    /// That keeps the result independent of where a streaming caller cuts `from..to`, as long
    /// as matches are shorter than [`MAX_MATCH_LEN`].
    pub(crate) fn candidates(
        &self,
        hay: &[u8],
        from: usize,
        to: usize,
        out: &mut Vec<Candidate>,
    ) -> usize {
        let mut input = regex_automata::Input::new(hay);
        let mut pos = from;
        while pos < to {
            input.set_start(pos);
            let Some(m) = self.regex.find(input.clone()) else {
                return to.max(pos);
            };
            if m.start() >= to {
                return m.start();
            }
            if self.accept(hay, &m) {
                out.push(Candidate {
                    start: m.start(),
                    end: m.end(),
                    kind: Kind::Custom(m.pattern().as_usize() as u16),
                    confidence: 0.9,
                });
                pos = m.end();
            } else {
                pos = m.start() + 1;
            }
        }
        pos
    }

    fn accept(&self, hay: &[u8], m: &regex_automata::Match) -> bool {
        if m.is_empty() || m.len() > MAX_MATCH_LEN {
            return false;
        }
        let rule = &self.rules[m.pattern().as_usize()];
        if rule.luhn && !luhn_digits_ok(&hay[m.range()]) {
            return false;
        }
        if let Some(ac) = &rule.context {
            let lo = m.start().saturating_sub(CONTEXT_RADIUS);
            let hi = (m.end() + CONTEXT_RADIUS).min(hay.len());
            if !ac.is_match(&hay[lo..hi]) {
                return false;
            }
        }
        true
    }
}

fn regex_syntax_check(pattern: &str) -> Result<(), &'static str> {
    regex_automata::util::syntax::parse(pattern)
        .map(|_| ())
        .map_err(|_| "does not compile")
}

/// Luhn over the ASCII digits of `bytes` (other bytes ignored); needs at least 2 digits.
pub(crate) fn luhn_digits_ok(bytes: &[u8]) -> bool {
    let mut sum = 0u32;
    let mut n = 0usize;
    for &b in bytes.iter().rev() {
        if !b.is_ascii_digit() {
            continue;
        }
        let mut d = u32::from(b - b'0');
        if n % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
        n += 1;
    }
    n >= 2 && sum.is_multiple_of(10)
}
