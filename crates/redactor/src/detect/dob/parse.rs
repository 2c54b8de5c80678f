//! Date formats: numeric (`04/12/1985`, `1985-04-12`) and written out (`April 12, 1985`,
//! `12. April 1985`, `1er avril 1985`), each checked against the Gregorian calendar.
//!
//! Every parser starts from the anchor's digit run and reads a bounded number of bytes around
//! it (a month word is at most [`MAX_MONTH_LEN`] bytes, spaces at most two), so a call costs a
//! few dozen byte reads whatever the input.

use super::months::{self, MAX_MONTH_LEN};
use crate::detect::{is_number_byte, was_alphanumeric};

/// A calendar-valid date found at an anchor, in window coordinates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Parsed {
    /// First byte of the date (a digit, or the month name's first letter).
    pub start: usize,
    /// One past the year's last digit.
    pub end: usize,
    /// The year when written with four digits; `None` for a two-digit year.
    pub year: Option<u16>,
}

/// End of the run of ASCII digits starting at `i`.
#[inline]
pub(super) fn digits_end(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    j
}

/// The value of a short digit run (callers pass at most 4 digits).
#[inline]
pub(super) fn value(b: &[u8], s: usize, e: usize) -> u16 {
    b[s..e]
        .iter()
        .fold(0u16, |v, &d| v * 10 + u16::from(d - b'0'))
}

/// Length of the horizontal space at `i`: a space, or a UTF-8 no-break space (C2 A0).
#[inline]
fn space_at(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b' ') => 1,
        Some(0xC2) if b.get(i + 1) == Some(&0xA0) => 2,
        _ => 0,
    }
}

/// Skips at most `max` spaces forward from `i`; returns the new position and how many.
#[inline]
fn spaces(b: &[u8], mut i: usize, max: usize) -> (usize, usize) {
    let mut n = 0;
    while n < max {
        let l = space_at(b, i);
        if l == 0 {
            break;
        }
        i += l;
        n += 1;
    }
    (i, n)
}

/// Skips at most `max` spaces backwards from `i` (exclusive); returns the new position and how
/// many.
#[inline]
pub(super) fn spaces_back(b: &[u8], mut i: usize, max: usize) -> (usize, usize) {
    let mut n = 0;
    while n < max {
        if i >= 1 && b[i - 1] == b' ' {
            i -= 1;
        } else if i >= 2 && b[i - 2] == 0xC2 && b[i - 1] == 0xA0 {
            i -= 2;
        } else {
            break;
        }
        n += 1;
    }
    (i, n)
}

/// True when the two bytes at `i` spell `word` (ASCII, any case) and no letter follows.
#[inline]
fn two_letters(b: &[u8], i: usize, word: &[u8; 2]) -> bool {
    matches!((b.get(i), b.get(i + 1)), (Some(x), Some(y))
        if x.to_ascii_lowercase() == word[0] && y.to_ascii_lowercase() == word[1])
        && !months::is_word_byte(b, i + 2)
}

/// Position after an ordinal suffix at `i` (`st`, `nd`, `rd`, `th`, and with `french` also the
/// `er` of `1er`), or `None`.
fn ordinal(b: &[u8], i: usize, french: bool) -> Option<usize> {
    let english = [b"st", b"nd", b"rd", b"th"];
    if english.iter().any(|w| two_letters(b, i, w)) || (french && two_letters(b, i, b"er")) {
        Some(i + 2)
    } else {
        None
    }
}

/// True when `y` is a Gregorian leap year.
// `is_multiple_of` is stable only since Rust 1.87; the workspace supports 1.75.
#[allow(clippy::manual_is_multiple_of)]
#[inline]
fn leap(y: u16) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// True when day `d` exists in month `m` of `year` (`None`: a two-digit year, leap when
/// divisible by four, which holds for both 19yy and 20yy except 1900).
#[allow(clippy::manual_is_multiple_of)] // MSRV 1.75, see `leap`.
pub(crate) fn valid(year: Option<u16>, yy: u16, m: u16, d: u16) -> bool {
    let is_leap = match year {
        Some(y) => leap(y),
        None => yy % 4 == 0,
    };
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Reads the year digits at `s`: exactly four digits (`Some(year)`), or two when `two` allows
/// (`None` in the result's year). Returns the end and the year.
fn year_at(b: &[u8], s: usize, two: bool) -> Option<(usize, Option<u16>, u16)> {
    let e = digits_end(b, s);
    let v = value(b, s, e.min(s + 4));
    match e - s {
        4 => Some((e, Some(v), v)),
        2 if two => Some((e, None, v)),
        _ => None,
    }
}

/// A numeric date whose first digit run is `a..e1`: `D/M/Y` or `M/D/Y` (either order is read,
/// the year has 2 or 4 digits), or `Y-M-D` (4-digit year); one separator, the same twice:
/// `/`, `-` or `.` (`Y.M.D` only with two-digit month and day).
pub(crate) fn numeric(b: &[u8], a: usize, e1: usize) -> Option<Parsed> {
    let sep = *b.get(e1)?;
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    let s2 = e1 + 1;
    let e2 = digits_end(b, s2);
    if !(1..=2).contains(&(e2 - s2)) || b.get(e2) != Some(&sep) {
        return None;
    }
    let s3 = e2 + 1;
    let e3 = digits_end(b, s3);
    let (len1, len2, len3) = (e1 - a, e2 - s2, e3 - s3);
    let (v2, v3) = (value(b, s2, e2), value(b, s3, e3.min(s3 + 4)));
    let year = match (len1, len3) {
        (1 | 2, 2 | 4) => {
            let v1 = value(b, a, e1);
            let year = (len3 == 4).then_some(v3);
            if !valid(year, v3, v1, v2) && !valid(year, v3, v2, v1) {
                return None;
            }
            year
        }
        (4, 1 | 2) => {
            if sep == b'.' && (len2 != 2 || len3 != 2) {
                return None;
            }
            let y = value(b, a, e1);
            if !valid(Some(y), y, v2, v3) {
                return None;
            }
            Some(y)
        }
        _ => return None,
    };
    Some(Parsed {
        start: a,
        end: e3,
        year,
    })
}

/// The day value of a 1–2 digit run, if it can be a day.
#[inline]
fn day_of(b: &[u8], a: usize, e1: usize) -> Option<u16> {
    let d = value(b, a, e1);
    (e1 - a <= 2 && (1..=31).contains(&d)).then_some(d)
}

/// A month-first written date whose day is `a..e1`: `April 12, 1985`, `Apr. 12 1985`,
/// `April 12th, 1985`. The month name is found by looking back from the day.
pub(crate) fn month_first(b: &[u8], a: usize, e1: usize) -> Option<Parsed> {
    let day = day_of(b, a, e1)?;
    let (j, n) = spaces_back(b, a, 2);
    let mut k = j;
    let dotted = k > 0 && b[k - 1] == b'.';
    if dotted {
        k -= 1;
    }
    if n == 0 && !dotted {
        return None;
    }
    let ms = months::word_start(b, k);
    if ms == k || ms + MAX_MONTH_LEN < k {
        return None;
    }
    if ms > 0 && (months::is_word_byte(b, ms - 1) || b[ms - 1].is_ascii_digit()) {
        return None;
    }
    let month = u16::from(months::lookup(&b[ms..k])?);
    let mut i = ordinal(b, e1, false).unwrap_or(e1);
    let comma = b.get(i) == Some(&b',');
    if comma {
        i += 1;
    }
    let (i, n) = spaces(b, i, 2);
    if n == 0 && !comma {
        return None;
    }
    let (end, year, yy) = year_at(b, i, false)?;
    valid(year, yy, month, day).then_some(Parsed {
        start: ms,
        end,
        year,
    })
}

/// How the parts of a day-first written date are separated.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Joint {
    /// Spaces: `12 April 1985`, `12th of April, 1985`.
    Space,
    /// The German ordinal dot, then optional spaces: `12. April 1985`, `12.April 1985`.
    Dot,
    /// Dashes: `12-Apr-1985`, `12-APR-85` (the `DD-MON-YY` form also takes a two-digit year).
    Dash,
}

/// A day-first written date whose day is `a..e1`: `12 April 1985`, `12 Apr 1985`,
/// `12-Apr-1985`, `12th April 1985`, `12th of April 1985`, `12. April 1985`, `1er avril 1985`.
pub(crate) fn day_first(b: &[u8], a: usize, e1: usize) -> Option<Parsed> {
    let day = day_of(b, a, e1)?;
    let mut i = e1;
    let joint = if let Some(j) = ordinal(b, i, true) {
        i = j;
        Joint::Space
    } else {
        match b.get(i) {
            Some(b'.') => Joint::Dot,
            Some(b'-') => Joint::Dash,
            _ => Joint::Space,
        }
    };
    match joint {
        Joint::Dot | Joint::Dash => {
            i += 1;
            if joint == Joint::Dot {
                i = spaces(b, i, 2).0;
            }
        }
        Joint::Space => {
            let (j, n) = spaces(b, i, 2);
            if n == 0 {
                return None;
            }
            i = j;
            if two_letters(b, i, b"of") && space_at(b, i + 2) > 0 {
                i = spaces(b, i + 2, 2).0;
            }
        }
    }
    let me = months::word_end(b, i);
    if me == i || me - i > MAX_MONTH_LEN {
        return None;
    }
    let month = u16::from(months::lookup(&b[i..me])?);
    i = me;
    if joint == Joint::Dash {
        if b.get(i) != Some(&b'-') {
            return None;
        }
        i += 1;
    } else {
        let dotted = b.get(i) == Some(&b'.');
        if dotted {
            i += 1;
        }
        let comma = b.get(i) == Some(&b',');
        if comma {
            i += 1;
        }
        let (j, n) = spaces(b, i, 2);
        if n == 0 {
            return None;
        }
        i = j;
    }
    let (end, year, yy) = year_at(b, i, joint == Joint::Dash)?;
    valid(year, yy, month, day).then_some(Parsed {
        start: a,
        end,
        year,
    })
}

/// The date whose first digit run is `a..e1` (a day, a month or a four-digit year), read
/// numerically first, then with the month name before or after the day.
pub(super) fn date(b: &[u8], a: usize, e1: usize) -> Option<Parsed> {
    match e1 - a {
        4 => numeric(b, a, e1),
        1 | 2 => numeric(b, a, e1)
            .or_else(|| month_first(b, a, e1))
            .or_else(|| day_first(b, a, e1)),
        _ => None,
    }
}

/// The end of the time of day starting at `i` (`7:45`, `19:05:33`, `7:45am`), if one does: a
/// one- or two-digit hour, `:` and two-digit minutes (and seconds), an optional glued `am`,
/// `pm` or `h`, and no letter, digit or `*` on either side. Real digits only, unlike
/// [`followed_by_time`]: a masked digit keeps the stricter reading of the caller (the gap
/// between a context word and its date).
pub(super) fn time_of_day(b: &[u8], i: usize) -> Option<usize> {
    let edge = |c: Option<&u8>| !c.is_some_and(|&c| was_alphanumeric(c));
    if i > 0 && !edge(b.get(i - 1)) {
        return None;
    }
    let hour_end = digits_end(b, i);
    if !(1..=2).contains(&(hour_end - i)) || value(b, i, hour_end) > 24 {
        return None;
    }
    let mut e = hour_end;
    for _ in 0..2 {
        let two = b.get(e) == Some(&b':') && digits_end(b, e + 1) == e + 3;
        if two && value(b, e + 1, e + 3) < 60 {
            e += 3;
        } else {
            break;
        }
    }
    if e == hour_end {
        return None;
    }
    for suffix in [&b"am"[..], b"pm", b"h"] {
        if b.get(e..e + suffix.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(suffix))
            && edge(b.get(e + suffix.len()))
        {
            return Some(e + suffix.len());
        }
    }
    edge(b.get(e)).then_some(e)
}

/// True when the date ending at `end` is the date part of a timestamp: a time follows on the
/// same line (`2024-11-02 14:33:05`, `Jul 16, 2021, 4:29 AM`, `29.01.2022 à 14h30`,
/// `… at 10:30`, `… um 10:30`).
pub(crate) fn followed_by_time(b: &[u8], end: usize) -> bool {
    let mut i = end;
    if b.get(i) == Some(&b',') {
        i += 1;
    }
    let (j, n) = spaces(b, i, 2);
    if n == 0 {
        return false;
    }
    i = j;
    // An optional connective word: `at`, `um`, `à` (C3 A0), `a`.
    let w = months::word_end(b, i);
    if w > i && w - i <= 2 {
        let word = &b[i..w];
        let connective = word.eq_ignore_ascii_case(b"at")
            || word.eq_ignore_ascii_case(b"um")
            || word == [0xC3, 0xA0];
        if connective {
            let (j, n) = spaces(b, w, 2);
            if n == 0 {
                return false;
            }
            i = j;
        }
    }
    // Masked digits (`09:**`) count as digits: masking part of a time (an address glued to
    // it, `09:38ane@…`) must not turn its date into a lone date (masking is idempotent).
    let h = number_end(b, i);
    if !(1..=2).contains(&(h - i)) {
        return false;
    }
    let m = (h + 1).min(b.len());
    let minutes = &b[m..number_end(b, m)];
    // A mask may run on past the minutes (`09:*****@…`), so a masked run only needs two.
    let minutes_ok = minutes.len() == 2 || (minutes.len() > 2 && minutes.contains(&b'*'));
    matches!(b.get(h), Some(b':' | b'h' | b'H')) && minutes_ok
}

/// End of the run of digits or masked digits (`*`) starting at `i`.
fn number_end(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && is_number_byte(&b[j]) {
        j += 1;
    }
    j
}

/// Words that introduce a version or build number (lower case, at most 8 letters).
const VERSION_WORDS: &[&[u8]] = &[
    b"v",
    b"ver",
    b"version",
    b"build",
    b"release",
    b"rev",
    b"revision",
    b"firmware",
    b"fw",
    b"patch",
    b"ios",
    b"ipados",
    b"android",
    b"macos",
    b"windows",
    b"app",
    b"kernel",
];

/// True when the date starting at `start` follows a software-version word (`version 7.13.50`,
/// `build=6.12.35`, `iOS 17.4.1`): such numbers look like dates and are not.
pub(crate) fn after_version_word(b: &[u8], start: usize) -> bool {
    let mut i = start;
    let mut skipped = 0;
    while i > 0 && skipped < 3 && matches!(b[i - 1], b' ' | b'=' | b':') {
        i -= 1;
        skipped += 1;
    }
    let mut s = i;
    while s > 0 && i - s < 9 && b[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    if s > 0 && b[s - 1].is_ascii_alphanumeric() {
        return false;
    }
    let word = &b[s..i];
    // Fold to lower case first, then compare whole words (the longest has 8 letters).
    let mut folded = [0u8; 8];
    if word.is_empty() || word.len() > folded.len() {
        return false;
    }
    for (f, c) in folded.iter_mut().zip(word) {
        *f = c.to_ascii_lowercase();
    }
    VERSION_WORDS.contains(&&folded[..word.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_words_are_folded() {
        // `after_version_word` compares lower-cased words of at most 8 letters.
        for w in VERSION_WORDS {
            assert!(
                w.len() <= 8 && w.iter().all(u8::is_ascii_lowercase),
                "{w:?}"
            );
        }
        assert!(after_version_word(b"Firmware 1.2.3", 9));
        assert!(after_version_word(b"iOS 17.4.1", 4));
        assert!(!after_version_word(b"born 1.2.1990", 5));
    }

    fn first(s: &str) -> Option<(String, Option<u16>)> {
        let b = s.as_bytes();
        let a = b.iter().position(u8::is_ascii_digit)?;
        let e1 = digits_end(b, a);
        numeric(b, a, e1)
            .or_else(|| month_first(b, a, e1))
            .or_else(|| day_first(b, a, e1))
            .map(|p| (s[p.start..p.end].to_string(), p.year))
    }

    #[test]
    fn calendar() {
        assert!(valid(Some(2000), 2000, 2, 29));
        assert!(!valid(Some(1900), 1900, 2, 29));
        assert!(valid(Some(1984), 1984, 2, 29));
        assert!(!valid(Some(1985), 1985, 2, 29));
        assert!(!valid(Some(1985), 1985, 4, 31));
        assert!(!valid(Some(1985), 1985, 13, 1));
        assert!(!valid(Some(1985), 1985, 1, 0));
        assert!(valid(None, 84, 2, 29));
        assert!(!valid(None, 85, 2, 29));
    }

    #[test]
    fn formats() {
        for (text, want) in [
            ("04/12/1985", "04/12/1985"),
            ("4/12/85", "4/12/85"),
            ("13/04/1985", "13/04/1985"),
            ("04/13/1985", "04/13/1985"),
            ("04-12-1985", "04-12-1985"),
            ("12.4.1985", "12.4.1985"),
            ("1985-04-12", "1985-04-12"),
            ("1985/04/12", "1985/04/12"),
            ("1985.04.12", "1985.04.12"),
            ("April 12, 1985", "April 12, 1985"),
            ("Apr. 12, 1985", "Apr. 12, 1985"),
            ("april 12th, 1985", "april 12th, 1985"),
            ("12 Apr 1985", "12 Apr 1985"),
            ("12-APR-1985", "12-APR-1985"),
            ("12-Apr-85", "12-Apr-85"),
            ("12.April 1985", "12.April 1985"),
            ("12th of April 1985", "12th of April 1985"),
            ("12. März 1985", "12. März 1985"),
            ("1er avril 1985", "1er avril 1985"),
            ("3 DÉCEMBRE 1985", "3 DÉCEMBRE 1985"),
            ("12\u{a0}avril 1985", "12\u{a0}avril 1985"),
        ] {
            assert_eq!(first(text).map(|p| p.0), Some(want.to_string()), "{text}");
        }
    }

    #[test]
    fn not_dates() {
        for text in [
            "31/31/1985",
            "02/30/1985",
            "29.02.1985",
            "1985-13-01",
            "1985.4.12",
            "04/27",
            "4/12/185",
            "April 31, 1985",
            "April 12",
            "April 12, 85",
            "Mayday 12 1985",
            "12 Aprils 1985",
            "12-Apr 1985",
            "12 Apr 85",
            "12.4 April 1985",
            "415.555.2671",
        ] {
            assert_eq!(first(text), None, "{text}");
        }
    }

    #[test]
    fn timestamps() {
        let t = |s: &str, at: usize| followed_by_time(s.as_bytes(), at);
        assert!(t("2024-11-02 14:33:05", 10));
        assert!(t("Jul 16, 2021, 4:29 AM", 12));
        assert!(t("29.01.2022 à 14h30", 10));
        assert!(t("29.01.2022 at 9:05", 10));
        assert!(!t("29.01.2022 and 9 more", 10));
        assert!(!t("29.01.2022\n10:30", 10));
    }

    #[test]
    fn versions() {
        assert!(after_version_word(b"version 7.13.50", 8));
        assert!(after_version_word(b"lang=en build=6.12.35", 14));
        assert!(!after_version_word(b"DOB: 6.12.35", 5));
    }
}
