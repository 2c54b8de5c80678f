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
//! (`14:33`), a decimal, an identifier (`ORD-330517`) or an IBAN make it something else. A
//! formatted number that passes its numbering plan is a phone number whatever labels it (`the
//! line on account 604-976-9761`): references that only look like one (`Reference 0934-5589`)
//! fail the plan.
//! Numbers written without any separator (`4155552671`, `07400123456`, `00442071838750`) are
//! reported only when a phone word is nearby ([`CONTEXT`]), at a lower confidence. An extension
//! (`x204`, `ext. 204`) is never part of the span.
//!
//! Files: `token.rs` reads tokens, `plan.rs` holds the numbering-plan tables and validators.

mod plan;
#[cfg(test)]
mod tests;
mod token;

use super::{Candidate, DetectOptions, Window};
use crate::context::{
    asking_sentence, labels, line_end, line_start, same_sentence, speaker_label, Hit, Topic,
};
use crate::Kind;
use std::ops::Range;
use token::{tokenize, Sep, Token};

/// Context words: what makes a bare digit string a phone number, and what makes it something
/// else. Lower case. The automaton is shared by every detector and leftmost-longest, so a hit
/// is judged by its text against this table ([`own_topic`]): another detector's word (or a
/// longer phrase of theirs, `member id`) counts as "not a phone word".
#[rustfmt::skip]
pub(crate) const CONTEXT: &[(&str, Topic)] = &[
    // English.
    ("call", Topic::Phone), ("calls", Topic::Phone), ("called", Topic::Phone),
    ("calling", Topic::Phone), ("callback", Topic::Phone), ("caller id", Topic::Phone),
    ("phone", Topic::Phone), ("phones", Topic::Phone), ("telephone", Topic::Phone),
    ("tel", Topic::Phone), ("ph", Topic::Phone), ("cell", Topic::Phone),
    ("cellphone", Topic::Phone), ("mobile", Topic::Phone), ("mob", Topic::Phone),
    ("text", Topic::Phone), ("texts", Topic::Phone), ("txt", Topic::Phone),
    ("sms", Topic::Phone), ("whatsapp", Topic::Phone), ("number", Topic::Phone),
    ("numbers", Topic::Phone), ("line", Topic::Phone), ("landline", Topic::Phone),
    ("reach", Topic::Phone), ("reached", Topic::Phone), ("contact", Topic::Phone),
    ("fax", Topic::Phone), ("ring", Topic::Phone), ("dial", Topic::Phone),
    ("hotline", Topic::Phone), ("helpline", Topic::Phone),
    // German.
    ("telefon", Topic::Phone), ("telefonnummer", Topic::Phone), ("rufnummer", Topic::Phone),
    ("handy", Topic::Phone), ("handynummer", Topic::Phone), ("mobil", Topic::Phone),
    ("mobilnummer", Topic::Phone), ("nummer", Topic::Phone), ("anrufen", Topic::Phone),
    ("erreichbar", Topic::Phone), ("erreichen", Topic::Phone), ("rückruf", Topic::Phone),
    // French.
    ("téléphone", Topic::Phone), ("tél", Topic::Phone), ("portable", Topic::Phone),
    ("numéro", Topic::Phone), ("joindre", Topic::Phone), ("appeler", Topic::Phone),
    ("appelez", Topic::Phone), ("rappeler", Topic::Phone), ("rappelez", Topic::Phone),
    // Numbers that are something else. Single words only: `order number` is read through
    // GENERIC_NOUNS, and a longer entry here would hide other detectors' shorter words.
    ("order", Topic::NotPhone), ("invoice", Topic::NotPhone), ("tracking", Topic::NotPhone),
    ("shipment", Topic::NotPhone), ("parcel", Topic::NotPhone), ("package", Topic::NotPhone),
    ("account", Topic::NotPhone), ("acct", Topic::NotPhone), ("member", Topic::NotPhone),
    ("membership", Topic::NotPhone), ("id", Topic::NotPhone), ("policy", Topic::NotPhone),
    ("claim", Topic::NotPhone), ("case", Topic::NotPhone), ("ticket", Topic::NotPhone),
    ("ref", Topic::NotPhone), ("reference", Topic::NotPhone),
    ("confirmation", Topic::NotPhone), ("booking", Topic::NotPhone),
    ("reservation", Topic::NotPhone), ("serial", Topic::NotPhone), ("imei", Topic::NotPhone),
    ("iban", Topic::NotPhone), ("routing", Topic::NotPhone), ("card", Topic::NotPhone),
    ("voucher", Topic::NotPhone), ("coupon", Topic::NotPhone), ("loyalty", Topic::NotPhone),
    ("transaction", Topic::NotPhone), ("receipt", Topic::NotPhone), ("sku", Topic::NotPhone),
    ("zip", Topic::NotPhone), ("postcode", Topic::NotPhone), ("pin", Topic::NotPhone),
    ("otp", Topic::NotPhone), ("bestellung", Topic::NotPhone),
    ("bestellnummer", Topic::NotPhone), ("rechnung", Topic::NotPhone),
    ("rechnungsnummer", Topic::NotPhone), ("kundennummer", Topic::NotPhone),
    ("sendungsnummer", Topic::NotPhone), ("commande", Topic::NotPhone),
    ("facture", Topic::NotPhone), ("suivi", Topic::NotPhone),
];

/// Confidence of a number whose format and numbering plan both check out.
const CONF_FORMATTED: f32 = 0.9;
/// Confidence of a bare digit string accepted because of a nearby phone word.
const CONF_CONTEXT: f32 = 0.75;
/// How many lines before the number's own line may hold the phone word (the question of the
/// turn before, maybe with a filler turn in between).
const CONTEXT_LINES_BEFORE: usize = 3;
/// Bytes before the number searched for context words, at most.
const CONTEXT_BEFORE: usize = 200;
/// Bytes after the number, on its line, searched for context words, at most.
const CONTEXT_AFTER: usize = 64;

/// What a token needs to be reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    /// Its format and numbering plan are enough.
    Phone,
    /// It also needs a phone word nearby.
    NeedsContext,
}

/// A cheap necessary condition for [`detect`] to report a number at the anchor, whose digit run
/// ends at `run_end` (see [`token::may_be_phone`] and [`may_be_nanp`]).
#[inline]
pub(crate) fn may_match(w: &Window<'_>, run_end: usize) -> bool {
    token::may_be_phone(w, run_end) && may_be_nanp(w, run_end)
}

/// A necessary condition for [`judge`] to accept the token read from the anchor, from its
/// first groups (the first is the anchor's run, ending at `e`); see [`slashed_trunk`] for a
/// leading `0`. Without a `+` or a leading `0` only [`nanp_national`] can accept it, and each of its shapes has a first group
/// of 1 (a `1`), 10 or 11 (alone) digits, or 2, 3, 4, 5 digits then 4, 3, 3, 5. Most digit
/// runs in chat text (dates, times, order and card numbers) fail here before being tokenized.
fn may_be_nanp(w: &Window<'_>, e: usize) -> bool {
    let a = w.at;
    // `(`: the token may start with a bracketed group; leave it to the tokenizer.
    if matches!(w.before(a), Some(b'+' | b'(')) {
        return true;
    }
    if w.bytes[a] == b'0' {
        return !slashed_trunk(w, e);
    }
    let second = || token::second_group(w, e);
    match e - a {
        1 => w.bytes[a] == b'1',
        10 => second().is_none(),
        11 => w.bytes[a] == b'1' && second().is_none(),
        2 => second() == Some(4),
        3 | 4 => second() == Some(3),
        5 => second() == Some(5),
        _ => false,
    }
}

/// Pushes a candidate when the anchor starts a phone number.
pub(crate) fn detect(w: &Window<'_>, opts: &DetectOptions<'_>, out: &mut Vec<Candidate>) {
    let Some(t) = tokenize(w) else {
        return;
    };
    let confidence = match judge(&t) {
        Some(Verdict::Phone) => CONF_FORMATTED,
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
    // The group that holds the calling code (after `00` it may be the second) and its length.
    let (gi, glen) = match usize::from(t.len[0]).checked_sub(skip) {
        Some(0) if t.groups > 1 => (1, usize::from(t.len[1])),
        Some(n) if n > 0 => (0, n),
        _ => return false,
    };
    if t.paren[gi] {
        return false;
    }
    // Written apart (`+44 20 …`), the group is the code; run together (`+442071838750`), the
    // code is the assigned prefix (E.164 codes are prefix-free).
    let apart = glen <= 3;
    let cc_len = match apart {
        true => glen,
        false => match plan::calling_code_len(&d[skip..]) {
            Some(n) => n,
            None => return false,
        },
    };
    let cc = &d[skip..skip + cc_len];
    let mut nsn_start = skip + cc_len;
    // `+44 (0)20 …`: the trunk prefix in parentheses is not part of the NSN.
    if apart && gi + 1 < t.groups && t.paren[gi + 1] && t.len[gi + 1] == 1 {
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
        // India without the trunk 0: `98765 43210` (mobile; two 5-digit groups are also postal
        // codes and stock counts, so a phone word must be near), `20 4941 6246` (metro line).
        [5, 5] => (matches!(seps[0], Sep::Space | Sep::Dash) && plan::india_mobile(d))
            .then_some(Verdict::NeedsContext),
        [2, 4, 4] => (seps.iter().all(|s| *s == Sep::Space) && plan::india_metro(d))
            .then_some(Verdict::Phone),
        // Australian local-rate and freecall numbers: 1300 123 456, 1800 123 456.
        [4, 3, 3] => (seps.iter().all(usual) && plan::au_1300(d)).then_some(Verdict::Phone),
        _ => None,
    }
}

/// True when the token read from the anchor (no `+` or bracket before it) starts with `0` and a
/// non-zero digit, so only [`trunk_national`] may accept it, and reads at least three groups
/// joined first by `/` (`02/24/2019`): `plan::national_grouped` takes a slash only in a number
/// of two groups (`030/12345678`).
fn slashed_trunk(w: &Window<'_>, e: usize) -> bool {
    let digit = |i: usize| w.get(i).is_some_and(|b| b.is_ascii_digit());
    let first = &w.bytes[w.at..e];
    let second_end = w.digits_end(e + 1);
    first.len() >= 2
        && first[1] != b'0'
        && w.get(e) == Some(b'/')
        && digit(e + 1)
        && w.get(second_end) == Some(b'/')
        && digit(second_end + 1)
}

/// The phone-detector meaning of a context hit: our own word's topic, or `None` for a word of
/// another detector (a card, SSN or birth word: the number is about something else).
pub(crate) fn own_topic(word: &[u8]) -> Option<Topic> {
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
        // A word that matters to several detectors comes once per topic: keep one.
        if last.as_ref().is_some_and(|l| l.span == h.span) || in_case(w.bytes, &h) {
            continue;
        }
        prev = last.replace(h);
    }
    let last = last?;
    let word = &w.bytes[last.span.clone()];
    let mut phone = opts.context.phone_topic(&last) == Some(Topic::Phone);
    if phone
        && GENERIC_NOUNS
            .iter()
            .any(|g| g.as_bytes().eq_ignore_ascii_case(word))
    {
        if let Some(p) = prev {
            let gap = &w.bytes[p.span.end..last.span.start];
            let qualifies = gap.len() <= 2 && gap.iter().all(|&b| b == b' ' || b == b'-');
            if qualifies && opts.context.phone_topic(&p) != Some(Topic::Phone) {
                phone = false;
            }
        }
    }
    Some((last, phone))
}

/// True for the `case` of the idiom `in case` (`a number in case we get cut off`): no case
/// number is meant.
fn in_case(bytes: &[u8], h: &Hit) -> bool {
    let s = h.span.start;
    bytes[h.span.clone()].eq_ignore_ascii_case(b"case")
        && s >= 3
        && bytes[s - 3..s].eq_ignore_ascii_case(b"in ")
        && (s == 3 || !bytes[s - 4].is_ascii_alphanumeric())
}

/// True when the text around `start..end` is about a phone number: the nearest context word
/// before it on its line is a phone word; or, with none there, the nearest of the few lines
/// before that has context words asks for a phone number; or, with none before, the first word
/// after it on its line is a phone word.
fn phone_context(w: &Window<'_>, opts: &DetectOptions<'_>, start: usize, end: usize) -> bool {
    let bytes = w.bytes;
    let floor = start.saturating_sub(CONTEXT_BEFORE);
    // A speaker label is not part of the turn (`member: yeah it's 9172142541`); a label right
    // before the number is a field name (`Tel: 4155552671`, `Order: 4155552671`) and counts.
    let ls = line_start(bytes, start);
    // A phone word as the label (`Tel: …`) is always kept. Letters only, not `*`: a masked
    // turn then keeps its label, the stricter reading for a non-phone label (idempotence).
    let turn = speaker_label(bytes, ls)
        .filter(|l| own_topic(&bytes[l.clone()]) != Some(Topic::Phone))
        .map(|l| (l.end + 1).min(start))
        .filter(|&t| bytes[t..start].iter().any(u8::is_ascii_alphabetic))
        .unwrap_or(ls);
    if let Some((h, phone)) = last_word(w, opts, turn.max(floor)..start) {
        if phone || labels(&bytes[h.span.end..start]) {
            return phone;
        }
        // A word that does not label the number (`my mobile, the one on my account, is …`)
        // leaves the decision to a phone word before it in the same sentence.
        return opts
            .context
            .hits(bytes, turn.max(floor)..h.span.start)
            .filter(|p| opts.context.phone_topic(p) == Some(Topic::Phone))
            .last()
            .is_some_and(|p| same_sentence(&bytes[p.span.end..start]));
    }
    // The lines before: the nearest one with a context word decides, by the first word of its
    // asking sentence (`What number should we call you on regarding the order?`), else by its
    // last word.
    let mut next = ls;
    for _ in 0..CONTEXT_LINES_BEFORE {
        if next <= floor {
            break;
        }
        let nl = next - 1;
        let ps = line_start(bytes, nl).max(floor);
        let asked = asking_sentence(bytes, ps..nl);
        let first = opts
            .context
            .hits(bytes, asked)
            .find(|h| opts.context.phone_topic(h).is_some() && !in_case(bytes, h));
        if let Some(h) = first {
            return opts.context.phone_topic(&h) == Some(Topic::Phone);
        }
        if let Some((_, phone)) = last_word(w, opts, ps..nl) {
            return phone;
        }
        next = ps;
    }
    let is_phone = |h: &Hit| opts.context.phone_topic(h) == Some(Topic::Phone);
    let hi = line_end(bytes, end).min(end + CONTEXT_AFTER).max(end);
    opts.context
        .hits(bytes, end..hi)
        .next()
        .is_some_and(|h| is_phone(&h))
}
