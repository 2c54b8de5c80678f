//! Detectors: one module per kind, each owning its formats, validator, context words and tests.
//!
//! # The window contract
//!
//! The scanner calls a detector at an *anchor*: the first digit of a digit run (numeric
//! detectors) or an `@` / `%40` (email). The detector sees only a [`Window`]: at most
//! [`BEHIND`] bytes before the anchor and [`AHEAD`] bytes after it. Everything it decides must
//! follow from those bytes alone. That makes detection local, so a streaming scanner that holds
//! back `AHEAD` bytes (plus `BEHIND` bytes of already emitted history) reaches exactly the same
//! decisions as a one-shot scan, however the input is chunked.
//!
//! The window may be clipped by the real start or end of the text, or by the window bounds; a
//! detector treats both the same way (the window edge is a boundary), and that is what keeps
//! one-shot and streaming results identical.
//!
//! A detector reports every *validated* candidate it sees that involves the anchor's digit run
//! (a candidate may begin before the anchor, e.g. `+`, `(` or a month name); overlaps between
//! candidates of different kinds are settled later by the scanner.

pub(crate) mod card;
pub(crate) mod dob;
pub(crate) mod email;
pub(crate) mod phone;
pub(crate) mod ssn;

use crate::context::ContextIndex;
use crate::Kind;

/// Bytes a detector may look at before its anchor (context words, prefixes, a previous turn).
pub(crate) const BEHIND: usize = 256;
/// Bytes a detector may look at from its anchor onwards (the match and context after it).
pub(crate) const AHEAD: usize = 320;

/// The bytes a detector may read, and where its anchor is.
#[derive(Clone, Copy)]
pub(crate) struct Window<'h> {
    /// The visible bytes.
    pub bytes: &'h [u8],
    /// Index of the anchor within `bytes`.
    pub at: usize,
}

impl<'h> Window<'h> {
    /// The window around `at` in `hay`, clipped to the contract's bounds.
    pub(crate) fn around(hay: &'h [u8], at: usize) -> (Window<'h>, usize) {
        let lo = at.saturating_sub(BEHIND);
        let hi = at.saturating_add(AHEAD).min(hay.len());
        (
            Window {
                bytes: &hay[lo..hi],
                at: at - lo,
            },
            lo,
        )
    }

    /// The byte at `i`, or `None` outside the window.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<u8> {
        self.bytes.get(i).copied()
    }

    /// The byte before `i`, or `None` at the window start.
    #[inline]
    pub(crate) fn before(&self, i: usize) -> Option<u8> {
        i.checked_sub(1).map(|j| self.bytes[j])
    }

    /// End of the run of ASCII digits starting at `i`.
    #[inline]
    pub(crate) fn digits_end(&self, i: usize) -> usize {
        let mut j = i;
        while j < self.bytes.len() && self.bytes[j].is_ascii_digit() {
            j += 1;
        }
        j
    }
}

/// What the options of a [`Redactor`](crate::Redactor) mean to detectors.
pub(crate) struct DetectOptions<'a> {
    /// The context-word index (shared, built once).
    pub context: &'a ContextIndex,
    /// Report every valid date as a [`Kind::DateOfBirth`], not only dates in birth context.
    pub all_dates: bool,
}

/// A validated match, in window coordinates until the scanner rebases it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub confidence: f32,
}

/// True for bytes that glue a token to its neighbours: ASCII letters and digits, and any byte of
/// a non-ASCII character that is a letter or digit would also glue, but we only treat ASCII
/// alphanumerics and `_` as glue so that `Tel:4155552671` and `n°4111…` still match.
#[inline]
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// True for an ASCII letter or digit, or a `*` that masking may have made of one.
///
/// The masking policies turn letters and digits into `*`, so a rule that asks "is this glued
/// to a word?" must read a `*` as a letter or digit wherever that makes it stricter, and only
/// there: then it gives the same answer before and after masking, and redacting redacted text
/// finds nothing new (masking is idempotent; every `*` case in `fuzz/regressions/` is one).
#[inline]
pub(crate) fn was_alphanumeric(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'*'
}

/// [`is_word_byte`], or a `*` that masking may have made of one (see [`was_alphanumeric`]).
#[inline]
pub(crate) fn was_word_byte(b: u8) -> bool {
    is_word_byte(b) || b == b'*'
}

/// True when the run of `*` that ends at `end` (exclusive) is markdown, not a masked value: one
/// to three `*` glued to a letter or a `:` on the left (the closing `**` of `**Phone:**` or
/// `**DOB**`), or first on its line after any indentation (a `*` bullet).
///
/// Rules that read a `*` before a number as "maybe masked digits" ask this first. A masked
/// value never ends like that: masking keeps a value's separators, none of which is a letter
/// or a `:`, so such a run would be a whole value, and no value is one to three letters or
/// digits long.
pub(crate) fn markup_stars_before(b: &[u8], end: usize) -> bool {
    let mut s = end;
    while s > 0 && b[s - 1] == b'*' && end - s <= 3 {
        s -= 1;
    }
    if !(1..=3).contains(&(end - s)) || (s > 0 && b[s - 1] == b'*') {
        return false;
    }
    let mut i = s;
    while i > 0 && matches!(b[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    let first_on_line = i == 0 || b[i - 1] == b'\n';
    first_on_line || (i == s && (b[s - 1].is_ascii_alphabetic() || b[s - 1] == b':'))
}

/// True when the comma at `comma` may be a thousands separator (`1,299`), so that the digits on
/// both sides are one number: one to three digits before it that start a number of their own
/// (not the tail of an identifier, a time, a date or a decimal: `CUST-1,`, `A1,`, `16:22:04,`,
/// `1.5,`), and exactly `after == 3` digits after it. Otherwise the comma separates fields
/// (`CUST-1,560 46 4085`, `702-878-4528,94107`). A masked digit counts as a digit (the
/// stricter reading).
pub(crate) fn thousands_comma(b: &[u8], comma: usize, after: usize) -> bool {
    let mut s = comma;
    while s > 0 && comma - s <= 3 && is_number_byte(&b[s - 1]) {
        s -= 1;
    }
    let tail = s >= 1
        && match b[s - 1] {
            b'-' | b'_' => s >= 2 && was_alphanumeric(b[s - 2]),
            b':' | b'.' | b'/' => true,
            c => was_word_byte(c),
        };
    (1..=3).contains(&(comma - s)) && after == 3 && !tail
}

/// True for an ASCII digit or a `*`: context rules that ask "is there another number here?"
/// treat a number masked by [`Policy::Mask`](crate::Policy::Mask) as a number, so that
/// redacting already-masked text changes nothing (masking is idempotent).
#[inline]
pub(crate) fn is_number_byte(b: &u8) -> bool {
    b.is_ascii_digit() || *b == b'*'
}

/// True when `i` is a left boundary for a numeric match: no digit or letter right before it,
/// and no `*`: digits glued to a mask are the visible end of a masked number
/// (`************6201` from [`Policy::KeepLast`](crate::Policy::KeepLast)), never the start of
/// a new one, so redacting redacted text finds nothing new.
#[inline]
pub(crate) fn numeric_left_boundary(w: &Window<'_>, i: usize) -> bool {
    !matches!(w.before(i), Some(b) if was_word_byte(b))
}

/// True when `i` is a right boundary for a numeric match: no digit or letter at `i`.
#[inline]
pub(crate) fn numeric_right_boundary(w: &Window<'_>, i: usize) -> bool {
    !matches!(w.get(i), Some(b) if is_word_byte(b))
}

/// Runs every enabled numeric detector at a digit-run anchor.
///
/// Most digit runs are no PII (times, prices, counts), so each detector first gets a cheap
/// `may_match` pre-check on the anchor's digit run (it ends at `run_end`) and the bytes right
/// around it: a necessary condition for the detector to report anything here, so skipping the
/// detector when it fails changes no result.
#[inline(always)]
pub(crate) fn numeric(
    w: &Window<'_>,
    run_end: usize,
    opts: &DetectOptions<'_>,
    enabled: &[bool; 5],
    out: &mut Vec<Candidate>,
) {
    if enabled[0] && card::may_match(w, run_end) {
        card::detect(w, run_end, opts, out);
    }
    if enabled[1] && ssn::may_match(w, run_end) {
        ssn::detect(w, opts, out);
    }
    if enabled[3] && phone::may_match(w, run_end) {
        phone::detect(w, opts, out);
    }
    if enabled[4] && dob::may_match(w, run_end) {
        dob::detect(w, run_end, opts, out);
    }
}

/// Helpers shared by the detectors' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::{Kind, Redactor};

    /// `shapes`, then random texts up to `count` in all: a head, then one to `max_groups`
    /// groups joined by separators, all drawn with a fixed-seed xorshift (the same texts on
    /// every run). For testing that a `may_match` pre-check holds wherever its detector reports.
    pub(crate) fn generated_texts(
        seed: u64,
        count: usize,
        shapes: &[&str],
        heads: &[&str],
        groups: &[&str],
        seps: &[&str],
        max_groups: usize,
    ) -> Vec<String> {
        let mut seed = seed;
        let mut pick = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        (0..count)
            .map(|n| match shapes.get(n) {
                Some(s) => s.to_string(),
                None => {
                    let mut text = String::from(heads[pick(heads.len())]);
                    text.push_str(groups[pick(groups.len())]);
                    for _ in 0..pick(max_groups) {
                        text.push_str(seps[pick(seps.len())]);
                        text.push_str(groups[pick(groups.len())]);
                    }
                    text
                }
            })
            .collect()
    }

    /// Runs a numeric detector at every digit-run anchor of `texts` and asserts that its
    /// `may_match` pre-check holds wherever it reports something; returns how many anchors
    /// reported (so a caller can check the texts exercise the detector at all). Both take the
    /// window and the end of the anchor's digit run.
    pub(crate) fn assert_pre_check_holds(
        texts: &[String],
        detect: impl Fn(&super::Window<'_>, usize, &mut Vec<super::Candidate>),
        may_match: impl Fn(&super::Window<'_>, usize) -> bool,
    ) -> usize {
        let mut reported = 0;
        for text in texts {
            let hay = text.as_bytes();
            for at in 0..hay.len() {
                if !hay[at].is_ascii_digit() || (at > 0 && hay[at - 1].is_ascii_digit()) {
                    continue;
                }
                let w = super::Window { bytes: hay, at };
                let run_end = w.digits_end(at);
                let mut out = Vec::new();
                detect(&w, run_end, &mut out);
                if !out.is_empty() {
                    reported += 1;
                    assert!(may_match(&w, run_end), "{text:?} at {at}");
                }
            }
        }
        reported
    }

    /// The texts of the findings of `kind` in `text`, with the default redactor.
    pub(crate) fn found(kind: Kind, text: &str) -> Vec<&str> {
        Redactor::default()
            .find(text)
            .filter(|f| f.kind == kind)
            .map(|f| &text[f.span])
            .collect()
    }

    /// Asserts that `text` holds exactly one finding of `kind`, `want`.
    #[track_caller]
    pub(crate) fn one(kind: Kind, text: &str, want: &str) {
        assert_eq!(found(kind, text), vec![want], "in {text:?}");
    }

    /// Asserts that `text` holds no finding of `kind`.
    #[track_caller]
    pub(crate) fn none(kind: Kind, text: &str) {
        assert_eq!(found(kind, text), Vec::<&str>::new(), "in {text:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::{markup_stars_before, testing::found, thousands_comma};
    use crate::Kind;

    #[test]
    fn markup_stars_are_not_masked_values() {
        let ends = |t: &str| markup_stars_before(t.as_bytes(), t.len());
        for t in [
            "**Phone:**",
            "**DOB**",
            "DOB*",
            "* ",
            "x\n  *",
            "*",
            "x\n**",
        ] {
            assert!(ends(t.trim_end()), "{t:?}");
        }
        // Masked values and runs that may be one: too long, after a separator or a space.
        for t in [
            "Tel:****",
            "x ***",
            "06-**",
            "x ** **",
            "a\n** **",
            "Tel:***-**",
            "",
        ] {
            assert!(!ends(t), "{t:?}");
        }
        for text in ["- **Phone:** 929-691-3676", "* 929-691-3676"] {
            assert_eq!(found(Kind::Phone, text), ["929-691-3676"], "{text:?}");
        }
        let card = "- **Card:** 4111 1111 1111 1111";
        assert_eq!(found(Kind::CreditCard, card), ["4111 1111 1111 1111"]);
        assert_eq!(found(Kind::UsSsn, "**SSN:** 560 46 4085"), ["560 46 4085"]);
        // A masked group before the number still chains, as before.
        assert!(found(Kind::Phone, "Tel: *** 929-691-3676").is_empty());
    }

    #[test]
    fn thousands_commas() {
        let at = |t: &str| thousands_comma(t.as_bytes(), t.find(',').unwrap(), 3);
        for t in ["1,", "total 12,", "$999,", "**,"] {
            assert!(at(t), "{t:?}");
        }
        for t in [
            "CUST-1,",
            "A1,",
            "16:22:04,",
            "1.5,",
            "2024/01,",
            "1234,",
            ",",
        ] {
            assert!(!at(t), "{t:?}");
        }
        assert!(!thousands_comma(b"1,", 1, 4));
    }
}
