//! Reading a numeric token: digit groups joined by single separators, with an optional
//! leading `+`, area code in parentheses or trunk `(0)`, and the boundary rules that keep a
//! token from being the tail of a longer number, an identifier or an IBAN.

use super::super::{
    is_number_byte, is_word_byte, markup_stars_before, thousands_comma, was_alphanumeric,
    was_word_byte, Window,
};

/// Most digit groups in one phone number (`0033 3 85 89 39 28` has six); a longer grouped run
/// is a tracking number, an IBAN or a list, not a phone number.
const MAX_GROUPS: usize = 8;
/// Most digits in one token: `00` + a 3-digit code + a 12-digit NSN. More is not a phone number.
const MAX_DIGITS: usize = 17;
/// How two digit groups are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Sep {
    /// Nothing: right after a `)` (`(415)555-2671`, `(0)20`).
    Joined,
    /// A space (also a no-break space).
    Space,
    /// `-` (also ` - `).
    Dash,
    /// `.`
    Dot,
    /// `/` (also ` / `).
    Slash,
}

/// A numeric token: digit groups and how they are joined, in window coordinates.
pub(super) struct Token {
    /// First byte of the span (`+`, `(` or a digit).
    pub(super) start: usize,
    /// End of the span (after the last digit).
    pub(super) end: usize,
    /// Written with a leading `+`.
    pub(super) plus: bool,
    /// Number of groups.
    pub(super) groups: usize,
    /// Digits per group.
    pub(super) len: [u8; MAX_GROUPS],
    /// Group written in parentheses.
    pub(super) paren: [bool; MAX_GROUPS],
    /// Separator before each group (`sep[0]` is unused).
    sep: [Sep; MAX_GROUPS],
    /// All digits, in order.
    digits: [u8; MAX_DIGITS],
    /// Number of digits.
    nd: usize,
}

impl Token {
    /// All digits, separators and brackets left out.
    pub(super) fn digits(&self) -> &[u8] {
        &self.digits[..self.nd]
    }

    /// Digits per group.
    pub(super) fn shape(&self) -> &[u8] {
        &self.len[..self.groups]
    }

    /// The separators between groups, in order.
    pub(super) fn seps(&self) -> &[Sep] {
        &self.sep[1..self.groups.max(1)]
    }
}

#[inline]
fn is_digit(b: Option<u8>) -> bool {
    matches!(b, Some(b'0'..=b'9'))
}

/// If a parenthesised group of 1-4 digits (`(415)`, `(0)`, `(02)`) starts at `i`, the index
/// just after its `)`.
fn paren_group(w: &Window<'_>, i: usize) -> Option<usize> {
    if w.get(i) != Some(b'(') {
        return None;
    }
    let mut j = i + 1;
    while j - i <= 5 && is_digit(w.get(j)) {
        j += 1;
    }
    (j > i + 1 && j - i <= 5 && w.get(j) == Some(b')')).then_some(j + 1)
}

/// True when the token may start at `s`: nothing glues it to a word or to an earlier digit
/// group (which makes it the tail of a longer token, judged from that token's first group).
fn left_ok(w: &Window<'_>, s: usize) -> bool {
    let before = |k: usize| s.checked_sub(k).and_then(|i| w.before(i));
    match before(0) {
        None => true,
        Some(b) if is_word_byte(b) => false,
        // After a space that ends a token ([`ends_at_space`]): the next number of a list
        // (`415-555-2671 415-555-2671`, `… 2671 +1 415 …`, `… 2671 (415) …`).
        Some(b' ') if after_token_end(w, s, 1) => true,
        Some(0xA0) if before(1) == Some(0xC2) && after_token_end(w, s, 2) => true,
        Some(0xAF) if before(1) == Some(0x80) && after_token_end(w, s, 3) => true,
        // `415 555` (a group of the same token), `(415) 555`, `0221 / 585600`.
        Some(b' ') => match before(1) {
            // `**Phone:** 929-…`, `* 929-…`: markdown, not a masked group.
            Some(b'*') => markup_stars_before(w.bytes, s - 1),
            Some(b'0'..=b'9' | b')') => false,
            Some(b'/' | b'-') if before(2) == Some(b' ') => !spaced_area_code(w, s - 3),
            _ => true,
        },
        // A no-break space (U+00A0) or narrow no-break space (U+202F) after a digit.
        Some(0xA0) if before(1) == Some(0xC2) => !is_digit(before(2)),
        Some(0xAF) if before(1) == Some(0x80) && before(2) == Some(0xE2) => !is_digit(before(3)),
        // The second of two numbers joined by `/` (`415-738-2671/415-738-2672`).
        Some(b'/') if after_slashed_token(w, s) => true,
        // `ORD-330517`, `INV-2024-00451`, `4821-9931`, `v2/3`.
        Some(b'-' | b'/' | b'_') => {
            !matches!(before(1), Some(c) if was_alphanumeric(c) || c == b')')
        }
        // A comma after a field of a CSV row (`Jane,03/08/1963,702-433-4969`,
        // `14:58:05,+17028784528`): a token that is formatted (`(`, `+` or a separator inside)
        // or that no thousands grouping explains is not a thousands group. Masked digits count
        // as digits of any length (the stricter reading).
        Some(b',') if before(1) == Some(b'*') => formatted_ahead(w, s),
        Some(b',') if is_digit(before(1)) => {
            formatted_ahead(w, s) || !thousands_comma(w.bytes, s - 1, w.digits_end(s) - s)
        }
        // `1.5`, `10:30`, `(415)555`.
        Some(b'.' | b':' | b')') => !matches!(before(1), Some(c) if is_number_byte(&c)),
        // A `#` glued to a label word (`ph#212.588.6340`, `cell#+61 8 …`) before a number
        // written in groups; bare digits after `#` are order and case numbers (`#4481923`).
        Some(b'#') if before(1).is_some_and(|c| c.is_ascii_alphabetic()) => grouped_ahead(w, s),
        // Order and case numbers, `++`, `@`, `%`, masked digits, currency.
        Some(b'#' | b'+' | b'@' | b'%' | b'*' | b'$' | b'&') => false,
        _ => true,
    }
}

/// True when a token that has already used `-` or `.` between its groups ends at a space
/// instead of reading the next digits as one more group: `415-555-2671 24/7`, `415-555-2671
/// 415-555-2671`. Numbers that mix separators put the space first (`1 800-555-0199`,
/// `(415) 555-2671`), never after a dash or dot.
fn ends_at_space(seps: &[Sep]) -> bool {
    seps.iter().any(|s| matches!(s, Sep::Dash | Sep::Dot))
}

/// The digit group that ends at `end` (exclusive), as [`tokenize`] saw it: its start, the byte
/// before it (the separator that joined it, if any) and whether a digit stands before that
/// byte. `None` when no digit ends there. Digits only, not `*`: a masked group may have been
/// letters (`ajon@eelpam.xcja*1 0052…` masked to `*****1 0052…`), and the callers' stricter
/// reading keeps masking idempotent (a token then cannot start after it).
fn group_ending_at(w: &Window<'_>, end: usize) -> Option<(usize, Option<u8>, bool)> {
    let mut g = end;
    while g > 0 && w.bytes[g - 1].is_ascii_digit() {
        g -= 1;
    }
    if g == end {
        return None;
    }
    let sep_digit = g
        .checked_sub(1)
        .and_then(|i| w.before(i))
        .is_some_and(|b| b.is_ascii_digit());
    Some((g, w.before(g), sep_digit))
}

/// True when the space before `s` (`space_len` bytes: ASCII, no-break or narrow no-break space,
/// after a digit) ends the token before it, so a token may start at `s`. The mirror of what
/// [`tokenize`] reads: the digit group before the space was joined by `-` or `.`
/// ([`ends_at_space`]); or the token at `s` starts with `+`, which never continues a token; or
/// it starts with `(`, which continues a token only as its second group, after `+CC`, `00CC` or
/// a NANP `1`.
fn after_token_end(w: &Window<'_>, s: usize, space_len: usize) -> bool {
    let Some(space) = s.checked_sub(space_len) else {
        return false;
    };
    let Some((g, sep, sep_digit)) = group_ending_at(w, space) else {
        return false;
    };
    if matches!(sep, Some(b'-' | b'.')) && sep_digit {
        return true;
    }
    match w.get(s) {
        Some(b'+') => true,
        Some(b'(') => {
            // Is the group before the space the first of its token, and one a `(` group joins?
            let joined = match sep {
                Some(b' ' | b'-' | b'.' | b'/') => sep_digit,
                Some(b')') => true,
                _ => false,
            };
            let group = &w.bytes[g..space];
            let joins_paren =
                sep == Some(b'+') || group == b"1" || (group.len() > 2 && group.starts_with(b"00"));
            joined || !joins_paren
        }
        _ => false,
    }
}

/// True when the token at `s` is formatted: it opens with `(` or its first digit group is
/// followed by `-`, `.` or `/` and more digits (`702-433-4969`, `(415) 555-2671`), unlike the
/// digits after a thousands separator (`1,299`).
fn formatted_ahead(w: &Window<'_>, s: usize) -> bool {
    if matches!(w.get(s), Some(b'(' | b'+')) {
        return true;
    }
    let mut e = s;
    while is_digit(w.get(e)) {
        e += 1;
    }
    e - s >= 2 && matches!(w.get(e), Some(b'-' | b'.' | b'/')) && is_digit(w.get(e + 1))
}

/// True when the token at `s` is written in groups: [`formatted_ahead`], or its first group
/// is followed by a space (or no-break space) and more digits (`778 497 2524`).
fn grouped_ahead(w: &Window<'_>, s: usize) -> bool {
    let e = w.digits_end(s);
    formatted_ahead(w, s)
        || (e > s
            && match w.get(e) {
                Some(b' ') => is_digit(w.get(e + 1)),
                Some(0xC2) => w.get(e + 1) == Some(0xA0) && is_digit(w.get(e + 2)),
                _ => false,
            })
}

/// True when the `/` before `s` ends a token the way [`tokenize`] ends one (see
/// [`ends_at_space`]): the digit group before it was joined by `-` or `.`, or the token at `s`
/// starts with `+`, or it is a French number of five pairs ([`pairs_before`]). Digits only, as
/// in [`group_ending_at`] (`x@ab-cd/415…`).
fn after_slashed_token(w: &Window<'_>, s: usize) -> bool {
    let Some(slash) = s.checked_sub(1) else {
        return false;
    };
    let Some((_, sep, sep_digit)) = group_ending_at(w, slash) else {
        return false;
    };
    let dashed = matches!(sep, Some(b'-' | b'.')) && sep_digit;
    dashed || w.get(s) == Some(b'+') || pairs_before(w, slash)
}

/// The French national layout: five two-digit groups joined by spaces (`06 12 34 56 78`). Such
/// a token is complete, so a `/` after it starts the next number (`06 12 34 56 78/06 12 34 56
/// 79`), as after a dash- or dot-grouped token.
fn five_pairs(t: &Token) -> bool {
    t.shape() == [2, 2, 2, 2, 2]
        && t.seps().iter().all(|s| *s == Sep::Space)
        && !t.paren[..t.groups].contains(&true)
}

/// True when the five two-digit groups of [`five_pairs`], and nothing more of the same run,
/// end at `slash`: the bytes the tokenizer saw when it ended a token there. Digits only, not
/// `*` (see [`after_slashed_token`]).
fn pairs_before(w: &Window<'_>, slash: usize) -> bool {
    let b = w.bytes;
    let Some(start) = slash.checked_sub(14) else {
        return false;
    };
    let run = &b[start..slash];
    let shaped = run.iter().enumerate().all(|(i, &c)| match i % 3 {
        2 => c == b' ',
        _ => c.is_ascii_digit(),
    });
    // The token started at the first pair: no digit group, word or `*` glued before it.
    let number = |c: Option<u8>| c.is_some_and(|c| is_number_byte(&c));
    let glued = w.before(start).is_some_and(was_word_byte);
    let group_before =
        w.before(start) == Some(b' ') && number(start.checked_sub(1).and_then(|i| w.before(i)));
    let first = !glued && !group_before;
    shaped && first
}

/// True when the token at `s` continues an IBAN written in groups of four: `GB17 LOYD 0054 …`
/// (ISO 13616: country code and two check digits, then the BBAN, here after a bank code).
fn after_iban_head(w: &Window<'_>, s: usize) -> bool {
    let mut e = s;
    for _ in 0..2 {
        // `e` is just after the space that ends the previous word.
        let Some(end) = e.checked_sub(1).filter(|&i| w.get(i) == Some(b' ')) else {
            return false;
        };
        let mut st = end;
        while st > 0 && end - st < 4 && w.bytes[st - 1].is_ascii_alphanumeric() {
            st -= 1;
        }
        let word = &w.bytes[st..end];
        if word.len() != 4 || matches!(w.before(st), Some(b) if b.is_ascii_alphanumeric()) {
            return false;
        }
        if word[..2].iter().all(u8::is_ascii_uppercase) && word[2..].iter().all(u8::is_ascii_digit)
        {
            return true;
        }
        if !word
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return false;
        }
        e = st;
    }
    false
}

/// True when the digits ending at `e` (exclusive) form a token's first group that can be a
/// German area code joined by ` / ` or ` - ` (`0221 / 585600`): such a separator is only read
/// after a first group that starts with the trunk 0.
fn spaced_area_code(w: &Window<'_>, e: usize) -> bool {
    let mut s = e;
    while s > 0 && e - s <= 6 && is_digit(w.get(s - 1)) {
        s -= 1;
    }
    (3..=6).contains(&(e - s)) && w.get(s) == Some(b'0') && left_ok(w, s)
}

/// The separator after the group ending at `p`, and where the next group starts.
///
/// `k` groups are read so far; `first` is the first group's digits. A parenthesised group may
/// follow only the first group, after `+CC` or `00CC` (`+1 (415)`, `+44 (0)20`, `0044 (0)20`) or
/// a NANP `1`.
fn sep_at(
    w: &Window<'_>,
    p: usize,
    k: usize,
    plus: bool,
    first: &[u8],
    after_paren: bool,
) -> Option<(Sep, usize)> {
    let intl = plus || (first.len() > 2 && first.starts_with(b"00"));
    let paren_ok = |i: usize| k == 1 && (intl || first == b"1") && paren_group(w, i).is_some();
    match w.get(p)? {
        b' ' => {
            if is_digit(w.get(p + 1)) {
                Some((Sep::Space, p + 1))
            } else if matches!(w.get(p + 1), Some(b'/' | b'-'))
                && w.get(p + 2) == Some(b' ')
                && is_digit(w.get(p + 3))
                && k == 1
                && !plus
                && first.first() == Some(&b'0')
                && (3..=6).contains(&first.len())
            {
                let sep = if w.get(p + 1) == Some(b'/') {
                    Sep::Slash
                } else {
                    Sep::Dash
                };
                Some((sep, p + 3))
            } else if paren_ok(p + 1) {
                Some((Sep::Space, p + 1))
            } else {
                None
            }
        }
        b'-' if is_digit(w.get(p + 1)) => Some((Sep::Dash, p + 1)),
        b'.' if is_digit(w.get(p + 1)) => Some((Sep::Dot, p + 1)),
        b'/' if is_digit(w.get(p + 1)) => Some((Sep::Slash, p + 1)),
        b'(' if paren_ok(p) => Some((Sep::Joined, p)),
        0xC2 if w.get(p + 1) == Some(0xA0) && is_digit(w.get(p + 2)) => Some((Sep::Space, p + 2)),
        0xE2 if w.get(p + 1) == Some(0x80)
            && w.get(p + 2) == Some(0xAF)
            && is_digit(w.get(p + 3)) =>
        {
            Some((Sep::Space, p + 3))
        }
        b'0'..=b'9' if after_paren => Some((Sep::Joined, p)),
        _ => None,
    }
}

/// True when the token may end at `e`: no letter, digit or further digit group glued to it.
/// A glued extension (`2671x204`, `2671ext204`) is allowed; it is not part of the span.
fn right_ok(w: &Window<'_>, e: usize) -> bool {
    match w.get(e) {
        None => true,
        Some(b'x' | b'X') => is_digit(w.get(e + 1)),
        Some(b'e' | b'E') => w
            .bytes
            .get(e..e + 3)
            .is_some_and(|x| x.eq_ignore_ascii_case(b"ext")),
        Some(b) if is_word_byte(b) => false,
        // Joined to more digits, or to a masked group (`*`, read the stricter way).
        Some(b'-' | b'.' | b'/' | b':') => !matches!(w.get(e + 1), Some(c) if is_number_byte(&c)),
        // A comma then digits is the next field of a CSV row (`702-878-4528,94107`) unless
        // the two read as one number in thousands grouping (`1 415,555`).
        Some(b',') => match w.get(e + 1) {
            Some(b'*') => false,
            Some(b'0'..=b'9') => !thousands_comma(w.bytes, e, w.digits_end(e + 1) - (e + 1)),
            _ => true,
        },
        Some(b'@') => false,
        _ => true,
    }
}

/// A cheap necessary condition for [`tokenize`] + `judge` to accept a token at the anchor,
/// from the anchor's digit run (it ends at `e`) and the bytes right around it: every phone number has at least
/// seven digits (`judge`), so a shorter run must be followed by something [`sep_at`] reads as a
/// separator, or sit in parentheses (`(415) …`, `(0)20 …`). A run longer than [`MAX_DIGITS`]
/// is never a token.
#[inline]
pub(super) fn may_be_phone(w: &Window<'_>, e: usize) -> bool {
    let a = w.at;
    let n = e - a;
    if n > MAX_DIGITS {
        return false;
    }
    // A later digit group of a token (`555` of `415-555-2671`, `24` of `02/24/2019`): the token
    // is read from its first group, and [`left_ok`] rejects this one.
    // (`a >= 1` in both arms: there is a byte before the anchor.)
    let later_group = match w.before(a) {
        // The second of two numbers joined by `/` starts a token (see `left_ok`).
        Some(b'/') if after_slashed_token(w, a) => false,
        Some(b'-' | b'/') => {
            matches!(w.before(a - 1), Some(c) if was_alphanumeric(c) || c == b')')
        }
        Some(b'.' | b':') => matches!(w.before(a - 1), Some(c) if is_number_byte(&c)),
        _ => false,
    };
    if later_group {
        return false;
    }
    if n >= 7 || w.before(a) == Some(b'(') {
        return true;
    }
    match w.get(e) {
        Some(b' ') => matches!(w.get(e + 1), Some(b'0'..=b'9' | b'/' | b'-' | b'(')),
        Some(b'-' | b'.' | b'/') => is_digit(w.get(e + 1)),
        Some(b'(' | 0xC2 | 0xE2) => true,
        _ => false,
    }
}

/// The number of digits in the second group of the token whose first group is the anchor's
/// digit run (ending at `e`, no `+` before it), or `None` when the token has one group. Only a
/// first group `1` or one after `+`/`00` may be followed by a bracketed group ([`sep_at`]);
/// there the answer is 0.
pub(super) fn second_group(w: &Window<'_>, e: usize) -> Option<usize> {
    let (_, next) = sep_at(w, e, 1, false, &w.bytes[w.at..e], false)?;
    Some(w.digits_end(next) - next)
}

/// Reads the numeric token that starts at the anchor's digit group, or `None` when the anchor
/// is not the start of a token or the token is too long to be a phone number.
pub(super) fn tokenize(w: &Window<'_>) -> Option<Token> {
    let a = w.at;
    let mut t = Token {
        start: a,
        end: a,
        plus: false,
        groups: 0,
        len: [0; MAX_GROUPS],
        paren: [false; MAX_GROUPS],
        sep: [Sep::Joined; MAX_GROUPS],
        digits: [0; MAX_DIGITS],
        nd: 0,
    };
    match w.before(a) {
        Some(b'+') => {
            t.plus = true;
            t.start = a - 1;
        }
        Some(b'(') if paren_group(w, a - 1).is_some() => t.start = a - 1,
        _ => {}
    }
    if !left_ok(w, t.start) || after_iban_head(w, t.start) {
        return None;
    }
    let mut pos = if t.plus { a } else { t.start };
    let mut slashed = false;
    loop {
        if t.groups == MAX_GROUPS {
            return None;
        }
        let paren = w.get(pos) == Some(b'(');
        let (ds, after) = match paren {
            true => (pos + 1, paren_group(w, pos)?),
            false => (pos, pos),
        };
        let mut de = ds;
        while let Some(c @ b'0'..=b'9') = w.get(de) {
            if de - ds == MAX_DIGITS {
                return None;
            }
            // Copied as read (a group too long for the token is rejected below).
            if let Some(slot) = t.digits.get_mut(t.nd + (de - ds)) {
                *slot = c;
            }
            de += 1;
        }
        let n = de - ds;
        if n == 0 || t.nd + n > MAX_DIGITS {
            return None;
        }
        t.nd += n;
        t.len[t.groups] = n as u8;
        t.paren[t.groups] = paren;
        t.groups += 1;
        let end = if paren { after } else { de };
        t.end = end;
        let first = &t.digits[..usize::from(t.len[0])];
        match sep_at(w, end, t.groups, t.plus, first, paren) {
            Some((Sep::Space, _)) if ends_at_space(t.seps()) => break,
            // `415-738-2671/415-738-2672`: two numbers; a slash inside a number only follows
            // an area code (`030/12345678`).
            Some((Sep::Slash, _)) if ends_at_space(t.seps()) || five_pairs(&t) => {
                slashed = true;
                break;
            }
            Some((sep, next)) => {
                if t.groups < MAX_GROUPS {
                    t.sep[t.groups] = sep;
                }
                pos = next;
            }
            None => break,
        }
    }
    if t.paren[t.groups - 1] || !(slashed || right_ok(w, t.end)) {
        return None;
    }
    // A space then a masked group: unmasked, that group may have been one more digit group of
    // this token (`011 2544 7117 4803…`), which would make it no phone number; reading the
    // token without it would make redacting masked text find a number the first pass did not
    // (masking must be idempotent). After a dash- or dot-grouped token the space ends it anyway.
    if w.get(t.end) == Some(b' ') && w.get(t.end + 1) == Some(b'*') && !ends_at_space(t.seps()) {
        return None;
    }
    Some(t)
}
