//! PHONE: telephone numbers in NANP, international (`+CC` / `00CC`) and the national formats
//! of GB, DE, FR, IN and AU.
//!
//! At the first digit group of a numeric token (digit groups joined by single separators
//! `space - . /`, a leading `+`, an area code in parentheses, a trunk `(0)`), the detector reads
//! the whole token, then decides from its digits and grouping:
//!
//! - `+` or `00` then a calling code: the code must be assigned (ITU-T E.164) and the national
//!   significant number (NSN) must fit that country's plan ([`plan::international`]);
//! - a leading trunk `0`: a national number of GB, DE, FR, IN or AU in one of that country's
//!   usual groupings ([`plan::national_grouped`]);
//! - otherwise NANP: `NPA-NXX-XXXX` in the usual layouts, optionally after a `1`.
//!
//! A token must cover the number exactly: digits glued to letters, more digit groups, a time
//! (`14:33`), a decimal or an identifier (`ORD-330517`) make it something else. Numbers written
//! without any separator (`4155552671`, `07400123456`, `00442071838750`) and the Indian mobile
//! layout `98765 43210` are reported only when a phone word is nearby ([`CONTEXT`]).
//! An extension (`x204`, `ext. 204`) is never part of the span.

mod plan;
#[cfg(test)]
mod tests;

use super::{is_word_byte, Candidate, DetectOptions, Window};
use crate::context::{line_end, line_start, Hit, Topic};
use crate::Kind;
use std::ops::Range;

/// Context words: what makes a bare digit string a phone number, and what makes it something
/// else. Lower case; multi-word entries win over their parts (the automaton is leftmost-longest),
/// so `order number` is not read as the phone word `number`.
#[rustfmt::skip]
pub(crate) const CONTEXT: &[(&str, Topic)] = &[
    // English.
    ("call", Topic::Phone), ("calls", Topic::Phone), ("called", Topic::Phone),
    ("calling", Topic::Phone), ("callback", Topic::Phone), ("call back", Topic::Phone),
    ("caller id", Topic::Phone), ("phone", Topic::Phone), ("phones", Topic::Phone),
    ("telephone", Topic::Phone), ("tel", Topic::Phone), ("ph", Topic::Phone),
    ("cell", Topic::Phone), ("cellphone", Topic::Phone), ("mobile", Topic::Phone),
    ("mob", Topic::Phone), ("text", Topic::Phone), ("texts", Topic::Phone),
    ("txt", Topic::Phone), ("sms", Topic::Phone), ("whatsapp", Topic::Phone),
    ("number", Topic::Phone), ("numbers", Topic::Phone), ("line", Topic::Phone),
    ("landline", Topic::Phone), ("reach", Topic::Phone), ("reached", Topic::Phone),
    ("contact", Topic::Phone), ("fax", Topic::Phone), ("ring", Topic::Phone),
    ("dial", Topic::Phone), ("hotline", Topic::Phone), ("helpline", Topic::Phone),
    // German.
    ("telefon", Topic::Phone), ("telefonnummer", Topic::Phone), ("rufnummer", Topic::Phone),
    ("handy", Topic::Phone), ("handynummer", Topic::Phone), ("mobil", Topic::Phone),
    ("mobilnummer", Topic::Phone), ("nummer", Topic::Phone), ("anrufen", Topic::Phone),
    ("erreichbar", Topic::Phone), ("erreichen", Topic::Phone), ("rückruf", Topic::Phone),
    // French.
    ("téléphone", Topic::Phone), ("tél", Topic::Phone), ("portable", Topic::Phone),
    ("numéro", Topic::Phone), ("joindre", Topic::Phone), ("appeler", Topic::Phone),
    ("appelez", Topic::Phone), ("rappeler", Topic::Phone), ("rappelez", Topic::Phone),
    // Numbers that are something else.
    ("order", Topic::NotPhone), ("order number", Topic::NotPhone), ("order no", Topic::NotPhone),
    ("invoice", Topic::NotPhone), ("invoice number", Topic::NotPhone),
    ("tracking", Topic::NotPhone), ("tracking number", Topic::NotPhone),
    ("shipment", Topic::NotPhone), ("parcel", Topic::NotPhone), ("package", Topic::NotPhone),
    ("account", Topic::NotPhone), ("account number", Topic::NotPhone), ("acct", Topic::NotPhone),
    ("member", Topic::NotPhone), ("member id", Topic::NotPhone),
    ("membership", Topic::NotPhone), ("customer id", Topic::NotPhone),
    ("customer number", Topic::NotPhone), ("policy", Topic::NotPhone),
    ("policy number", Topic::NotPhone), ("claim", Topic::NotPhone),
    ("claim number", Topic::NotPhone), ("case", Topic::NotPhone),
    ("case number", Topic::NotPhone), ("ticket", Topic::NotPhone),
    ("ticket number", Topic::NotPhone), ("ref", Topic::NotPhone),
    ("reference", Topic::NotPhone), ("reference number", Topic::NotPhone),
    ("confirmation", Topic::NotPhone), ("confirmation number", Topic::NotPhone),
    ("booking", Topic::NotPhone), ("reservation", Topic::NotPhone),
    ("serial", Topic::NotPhone), ("serial number", Topic::NotPhone), ("imei", Topic::NotPhone),
    ("iban", Topic::NotPhone), ("routing", Topic::NotPhone), ("routing number", Topic::NotPhone),
    ("sort code", Topic::NotPhone), ("card number", Topic::NotPhone),
    ("gift card", Topic::NotPhone), ("voucher", Topic::NotPhone), ("coupon", Topic::NotPhone),
    ("loyalty", Topic::NotPhone), ("transaction", Topic::NotPhone), ("receipt", Topic::NotPhone),
    ("sku", Topic::NotPhone), ("zip", Topic::NotPhone), ("postcode", Topic::NotPhone),
    ("pin", Topic::NotPhone), ("otp", Topic::NotPhone), ("verification code", Topic::NotPhone),
    ("bestellung", Topic::NotPhone), ("bestellnummer", Topic::NotPhone),
    ("rechnung", Topic::NotPhone), ("rechnungsnummer", Topic::NotPhone),
    ("kundennummer", Topic::NotPhone), ("sendungsnummer", Topic::NotPhone),
    ("commande", Topic::NotPhone), ("numéro de commande", Topic::NotPhone),
    ("facture", Topic::NotPhone), ("numéro de suivi", Topic::NotPhone),
];

/// Most digit groups in one phone number (`0033 3 85 89 39 28` has six); a longer grouped run
/// is a tracking number, an IBAN or a list, not a phone number.
const MAX_GROUPS: usize = 8;
/// Most digits in one token: `00` + a 3-digit code + a 12-digit NSN. More is not a phone number.
const MAX_DIGITS: usize = 17;
/// Confidence of a number whose format and numbering plan both check out.
const CONF_FORMATTED: f32 = 0.9;
/// Confidence of a bare digit string accepted because of a nearby phone word.
const CONF_CONTEXT: f32 = 0.75;
/// Bytes before a formatted number searched for a label that makes it something else
/// (`Reference 0883-7324`, `order no. 415-555-2671`).
const LABEL_BEFORE: usize = 24;
/// How many lines before the number's own line may hold the phone word (the question of the
/// turn before, maybe with a filler turn in between).
const CONTEXT_LINES_BEFORE: usize = 3;
/// Bytes before the number searched for context words, at most.
const CONTEXT_BEFORE: usize = 200;
/// Bytes after the number, on its line, searched for context words, at most.
const CONTEXT_AFTER: usize = 64;

/// How two digit groups are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sep {
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
struct Token {
    /// First byte of the span (`+`, `(` or a digit).
    start: usize,
    /// End of the span (after the last digit).
    end: usize,
    /// Written with a leading `+`.
    plus: bool,
    /// Number of groups.
    groups: usize,
    /// Digits per group.
    len: [u8; MAX_GROUPS],
    /// Group written in parentheses.
    paren: [bool; MAX_GROUPS],
    /// Separator before each group (`sep[0]` is unused).
    sep: [Sep; MAX_GROUPS],
    /// All digits, in order.
    digits: [u8; MAX_DIGITS],
    /// Number of digits.
    nd: usize,
}

impl Token {
    fn digits(&self) -> &[u8] {
        &self.digits[..self.nd]
    }

    fn shape(&self) -> &[u8] {
        &self.len[..self.groups]
    }

    fn seps(&self) -> &[Sep] {
        &self.sep[1..self.groups.max(1)]
    }
}

/// What a token needs to be reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    /// Its format and numbering plan are enough.
    Phone,
    /// It also needs a phone word nearby.
    NeedsContext,
}

/// Pushes a candidate when the anchor starts a phone number.
pub(crate) fn detect(w: &Window<'_>, opts: &DetectOptions<'_>, out: &mut Vec<Candidate>) {
    let Some(t) = tokenize(w) else {
        return;
    };
    let confidence = match judge(&t) {
        Some(Verdict::Phone) if !labelled_otherwise(w, opts, t.start) => CONF_FORMATTED,
        Some(Verdict::NeedsContext) if phone_context(w, opts, t.start, t.end) => CONF_CONTEXT,
        _ => return,
    };
    out.push(Candidate {
        start: t.start,
        end: t.end,
        kind: Kind::Phone,
        confidence,
    });
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
        // `415 555` (a group of the same token), `(415) 555`, `0221 / 585600`.
        Some(b' ') => match before(1) {
            Some(b'0'..=b'9' | b')') => false,
            Some(b'/' | b'-') if before(2) == Some(b' ') => !spaced_area_code(w, s - 3),
            _ => true,
        },
        // A no-break space (U+00A0) or narrow no-break space (U+202F) after a digit.
        Some(0xA0) if before(1) == Some(0xC2) => !is_digit(before(2)),
        Some(0xAF) if before(1) == Some(0x80) && before(2) == Some(0xE2) => !is_digit(before(3)),
        // `ORD-330517`, `INV-2024-00451`, `4821-9931`, `v2/3`.
        Some(b'-' | b'/' | b'_') => {
            !matches!(before(1), Some(c) if c.is_ascii_alphanumeric() || c == b')')
        }
        // `1.5`, `10:30`, `1,299`, `(415)555`.
        Some(b'.' | b':' | b',' | b')') => !is_digit(before(1)),
        // Order and case numbers (`#4481923`), `++`, `@`, `%`, masked digits, currency.
        Some(b'#' | b'+' | b'@' | b'%' | b'*' | b'$' | b'&') => false,
        _ => true,
    }
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
        Some(b'-' | b'.' | b'/' | b':' | b',') => !is_digit(w.get(e + 1)),
        Some(b'@') => false,
        _ => true,
    }
}

/// Reads the numeric token that starts at the anchor's digit group, or `None` when the anchor
/// is not the start of a token or the token is too long to be a phone number.
fn tokenize(w: &Window<'_>) -> Option<Token> {
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
        while is_digit(w.get(de)) {
            if de - ds == MAX_DIGITS {
                return None;
            }
            de += 1;
        }
        let n = de - ds;
        if n == 0 || t.nd + n > MAX_DIGITS {
            return None;
        }
        t.digits[t.nd..t.nd + n].copy_from_slice(&w.bytes[ds..de]);
        t.nd += n;
        t.len[t.groups] = n as u8;
        t.paren[t.groups] = paren;
        t.groups += 1;
        let end = if paren { after } else { de };
        t.end = end;
        let first = &t.digits[..usize::from(t.len[0])];
        match sep_at(w, end, t.groups, t.plus, first, paren) {
            Some((sep, next)) => {
                if t.groups < MAX_GROUPS {
                    t.sep[t.groups] = sep;
                }
                pos = next;
            }
            None => break,
        }
    }
    if t.paren[t.groups - 1] || !right_ok(w, t.end) {
        return None;
    }
    Some(t)
}

/// Decides what a token is.
fn judge(t: &Token) -> Option<Verdict> {
    let d = t.digits();
    // 16 digits is a card or account number, never a phone number; E.164 numbers have at most
    // 15 digits, so `+` and 15 digits is the most there is.
    if d.len() < 7 || d.len() == 16 || (t.plus && d.len() > 15) {
        return None;
    }
    if t.plus {
        return international(t, 0).then_some(Verdict::Phone);
    }
    if d.starts_with(b"00") {
        let verdict = match t.groups {
            1 => Verdict::NeedsContext,
            _ => Verdict::Phone,
        };
        return international(t, 2).then_some(verdict);
    }
    if d[0] == b'0' {
        return trunk_national(t);
    }
    nanp_national(t)
}

/// `+CC …` or `00CC …` (`skip` = digits of the international prefix): the calling code, an
/// optional trunk `(0)`, then the NSN.
fn international(t: &Token, skip: usize) -> bool {
    let d = t.digits();
    // The group that holds the calling code, and the digit offset where it starts.
    let (gi, mut glen) = match usize::from(t.len[0]).checked_sub(skip) {
        Some(0) => match t.groups {
            1 => return false,
            _ => (1, usize::from(t.len[1])),
        },
        Some(n) => (0, n),
        None => return false,
    };
    if t.paren[gi] {
        return false;
    }
    let cc_len = if glen <= 3 {
        glen
    } else {
        match plan::calling_code_len(&d[skip..]) {
            Some(n) => {
                glen = 0;
                n
            }
            None => return false,
        }
    };
    let cc = &d[skip..skip + cc_len];
    let mut nsn_start = skip + cc_len;
    // `+44 (0)20 …`: the trunk prefix in parentheses is not part of the NSN.
    if glen != 0 && gi + 1 < t.groups && t.paren[gi + 1] && t.len[gi + 1] == 1 {
        if d.get(nsn_start) != Some(&b'0') {
            return false;
        }
        nsn_start += 1;
    }
    plan::international(cc, &d[nsn_start..])
}

/// A national number after the trunk 0 (GB, DE, FR, IN, AU).
fn trunk_national(t: &Token) -> Option<Verdict> {
    let d = t.digits();
    let nsn = &d[1..];
    if t.groups == 1 {
        return ((10..=12).contains(&d.len()) && plan::national(nsn))
            .then_some(Verdict::NeedsContext);
    }
    let seps = t.seps();
    // A bracketed area code is joined by a space (`(02) 9374 4000`); a `(0)` alone is not a
    // national number.
    if t.paren[0] && !matches!(seps.first(), Some(Sep::Space | Sep::Joined)) {
        return None;
    }
    let uniform = seps.windows(2).all(|p| p[0] == p[1]);
    let slash = seps.contains(&Sep::Slash);
    plan::national_grouped(nsn, t.shape(), uniform, slash).then_some(Verdict::Phone)
}

/// A NANP number without `+1` (`(415) 555-2671`, `415.555.2671`, `1-800-555-0199`), an Indian
/// NSN without its trunk 0 (`98765 43210`, `20 4941 6246`) or an Australian 1300/1800 number.
fn nanp_national(t: &Token) -> Option<Verdict> {
    let d = t.digits();
    let usual = |s: &Sep| matches!(s, Sep::Dash | Sep::Dot | Sep::Space);
    let seps = t.seps();
    match t.shape() {
        // Bare: a NANP number, or an Indian NSN written without the trunk 0.
        [10] => (plan::nanp(d) || plan::india_bare(d)).then_some(Verdict::NeedsContext),
        [11] if d[0] == b'1' => plan::nanp(&d[1..]).then_some(Verdict::NeedsContext),
        [3, 3, 4] => {
            let ok = match t.paren[0] {
                true => matches!(seps[0], Sep::Joined | Sep::Space | Sep::Dash) && usual(&seps[1]),
                false => seps.iter().all(usual),
            };
            (ok && plan::nanp(d)).then_some(Verdict::Phone)
        }
        [1, 3, 3, 4] if d[0] == b'1' => {
            let ok = match t.paren[1] {
                true => matches!(seps[1], Sep::Joined | Sep::Space | Sep::Dash) && usual(&seps[2]),
                false => seps.iter().all(usual),
            };
            (ok && !t.paren[0] && plan::nanp(&d[1..])).then_some(Verdict::Phone)
        }
        // India without the trunk 0: `98765 43210` (mobile), `20 4941 6246` (metro fixed line).
        [5, 5] => (matches!(seps[0], Sep::Space | Sep::Dash) && plan::india_mobile(d))
            .then_some(Verdict::Phone),
        [2, 4, 4] => (seps.iter().all(|s| *s == Sep::Space) && plan::india_metro(d))
            .then_some(Verdict::Phone),
        // Australian local-rate and freecall numbers: 1300 123 456, 1800 123 456.
        [4, 3, 3] => (seps.iter().all(usual) && plan::au_1300(d)).then_some(Verdict::Phone),
        _ => None,
    }
}

/// The phone-detector meaning of a context hit: our own word's topic, or `None` for a word of
/// another detector (a card, SSN or birth word: the number is about something else).
fn own_topic(word: &[u8]) -> Option<Topic> {
    CONTEXT
        .iter()
        .find(|(w, _)| w.as_bytes().eq_ignore_ascii_case(word))
        .map(|&(_, t)| t)
}

/// Phone words that only name "a number": they mean a phone number unless another word
/// qualifies them (`membership number`, `loyalty number`).
const GENERIC_NOUNS: &[&str] = &["number", "numbers", "nummer", "numéro"];

/// The last context word in `range` and whether it speaks of a phone number. A generic noun
/// right after a word that is not a phone word takes that word's side: `loyalty number`.
fn last_word(w: &Window<'_>, opts: &DetectOptions<'_>, range: Range<usize>) -> Option<(Hit, bool)> {
    let mut prev: Option<Hit> = None;
    let mut last: Option<Hit> = None;
    for h in opts.context.hits(w.bytes, range) {
        prev = last.replace(h);
    }
    let last = last?;
    let word = &w.bytes[last.span.clone()];
    let mut phone = own_topic(word) == Some(Topic::Phone);
    if phone
        && GENERIC_NOUNS
            .iter()
            .any(|g| g.as_bytes().eq_ignore_ascii_case(word))
    {
        if let Some(p) = prev {
            let gap = &w.bytes[p.span.end..last.span.start];
            let qualifies = gap.len() <= 2 && gap.iter().all(|&b| b == b' ' || b == b'-');
            if qualifies && own_topic(&w.bytes[p.span.clone()]) != Some(Topic::Phone) {
                phone = false;
            }
        }
    }
    Some((last, phone))
}

/// True when the text around `start..end` is about a phone number: the nearest context word
/// before it (on its line or the few lines before) is a phone word, or, with none before, the
/// first one after it on its line is.
fn phone_context(w: &Window<'_>, opts: &DetectOptions<'_>, start: usize, end: usize) -> bool {
    let bytes = w.bytes;
    let floor = start.saturating_sub(CONTEXT_BEFORE);
    let mut lo = line_start(bytes, start);
    for _ in 0..CONTEXT_LINES_BEFORE {
        if lo <= floor {
            break;
        }
        lo = line_start(bytes, lo - 1);
    }
    let lo = lo.max(floor);
    if let Some((_, phone)) = last_word(w, opts, lo..start) {
        return phone;
    }
    let is_phone = |h: &Hit| own_topic(&bytes[h.span.clone()]) == Some(Topic::Phone);
    let hi = line_end(bytes, end).min(end + CONTEXT_AFTER).max(end);
    opts.context
        .hits(bytes, end..hi)
        .next()
        .is_some_and(|h| is_phone(&h))
}

/// True when a context word that is not a phone word labels the number right before it
/// (`ref 0934-5589`, `Order no. 415-555-2671`, `reference number is 0385-1625`): a reference
/// that happens to fit a phone format. Only punctuation and the words of [`LABEL_FILLER`] may
/// stand between the label and the number.
fn labelled_otherwise(w: &Window<'_>, opts: &DetectOptions<'_>, start: usize) -> bool {
    let lo = line_start(w.bytes, start).max(start.saturating_sub(LABEL_BEFORE));
    let Some((h, phone)) = last_word(w, opts, lo..start) else {
        return false;
    };
    !phone
        && w.bytes[h.span.end..start]
            .split(|b| !b.is_ascii_alphanumeric())
            .all(|word| {
                word.is_empty() || LABEL_FILLER.iter().any(|f| f.eq_ignore_ascii_case(word))
            })
}

/// Words that may stand between a label and its number (`number is`, `no.`, `nr`).
const LABEL_FILLER: &[&[u8]] = &[b"is", b"was", b"no", b"nr", b"number", b"num", b"id"];
