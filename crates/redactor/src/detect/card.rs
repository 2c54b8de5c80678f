//! CREDIT_CARD: payment card numbers (PANs, ISO/IEC 7812-1).
//!
//! A card is 13 to 19 digits, written contiguous or in groups joined by ONE separator (a single
//! space, dash or dot), whose leading digits name a brand that issues numbers of that length,
//! and whose last digit is the Luhn check digit. Nothing else is needed: no context word is
//! required, because brand + length + Luhn already rule out almost every other number.
//!
//! What is read as one number, from the anchor (the first digit of a digit run):
//! - a group of 12+ digits stands alone (a contiguous PAN; a space after it starts a new token);
//! - a shorter group chains with the following groups joined by the same separator. Dashes and
//!   dots only in the groupings cards are printed with ([`printed_grouping`]); spaces in any
//!   grouping, because speech-to-text splits numbers the way they were read out
//!   (`3826 7510 36 0937`).
//! - With spaces, a group glued to a letter or to a `/ : - . ,` and more digits belongs to the
//!   next token (an expiry `04/27`, a time, a price), so the number ends before it.
//!
//! The whole chain must be the card, with one exception: a spaced chain may be a card in a
//! printed grouping followed by its CVV, its expiry or a second card ([`split_run`]). Anything
//! else (USPS tracking numbers spaced in fours, a card-like run inside a longer grouped run) is
//! not a card, nor a number glued to letters or digits on either side, nor the tail of a
//! decimal (`0.5227687358856201`) or of a dashed reference. A comma next to a 12+ digit number
//! separates fields (CSV, JSON arrays), unless a single digit before it makes a decimal.
//!
//! Hard negatives the rules above already reject: masked cards (`**** 4821`, too few digits),
//! gift cards (Luhn), loyalty numbers (no brand prefix), most IMEIs (15 digits starting with a
//! TAC such as 35 or 86: no brand issues that length), 12-digit parcel numbers (no brand issues
//! 12 digits). IMEIs and serials that happen to fit a brand are rejected by a
//! [`Topic::NotCard`] word that labels them ([`not_card_context`]).

use super::{
    is_word_byte, markup_stars_before, numeric_left_boundary, numeric_right_boundary,
    thousands_comma, was_word_byte, Candidate, DetectOptions, Window,
};
use crate::context::{line_end, line_start, Topic};
use crate::custom::luhn_digits_ok;
use crate::Kind;

/// Words that say a card-like number is something else: device identifiers (IMEI and its
/// software-version and second-slot spellings, MEID, ICCID, ESN), serial and tracking numbers.
pub(crate) const CONTEXT: &[(&str, Topic)] = &[
    ("imei", Topic::NotCard),
    ("imei1", Topic::NotCard),
    ("imei2", Topic::NotCard),
    ("imeisv", Topic::NotCard),
    ("meid", Topic::NotCard),
    ("iccid", Topic::NotCard),
    ("esn", Topic::NotCard),
    ("serial", Topic::NotCard),
    ("s/n", Topic::NotCard),
    ("tracking", Topic::NotCard),
];

/// Fewest digits of any brand (13-digit Visa).
const MIN_DIGITS: usize = 13;
/// A digit group this long is a contiguous number of its own: a space after it starts a new
/// token instead of another group (`4111111111111111 1111`).
const CONTIGUOUS_MIN: usize = 12;
/// Most digits of a PAN (ISO/IEC 7812-1).
const MAX_DIGITS: usize = 19;
/// Most digits read in one spaced run: a card and what may follow it in the same run (a CVV,
/// an expiry, a second card; see [`split_run`]). Longer runs are never cards.
const MAX_RUN_DIGITS: usize = 2 * MAX_DIGITS;
/// How far before the number a [`Topic::NotCard`] word counts (same clause, no digits between).
const NOT_CARD_BEFORE: usize = 32;
/// How far after the number a [`Topic::NotCard`] word counts (only punctuation between).
const NOT_CARD_AFTER: usize = 24;

/// One row of the brand table: numbers whose first `width` digits lie in `lo..=hi` are issued
/// with a length in the bit set `lengths` (bit n = n digits).
struct Brand {
    lo: u32,
    hi: u32,
    width: u32,
    lengths: u32,
}

/// The bit set of card lengths `lo..=hi`.
const fn span(lo: u32, hi: u32) -> u32 {
    let mut m = 0;
    let mut n = lo;
    while n <= hi {
        m |= 1 << n;
        n += 1;
    }
    m
}

const fn brand(lo: u32, hi: u32, width: u32, lengths: u32) -> Brand {
    Brand {
        lo,
        hi,
        width,
        lengths,
    }
}

/// Maestro lengths.
const MAESTRO: u32 = span(16, 16) | span(19, 19);

/// Issuer identification number (IIN) prefixes and the lengths each brand issues.
///
/// Sources: Wikipedia, "Payment card number", section "Issuer identification number (IIN)"
/// (https://en.wikipedia.org/wiki/Payment_card_number#Issuer_identification_number_(IIN));
/// Cybersource, "Card Type Identification" (developer.cybersource.com test-data best
/// practices); Mastercard's 2-series (2221–2720) announcement, 2016. Lengths follow the
/// project's labelling policy where those sources allow more (e.g. Discover and JCB also list
/// 17–19 digits that have not been seen issued).
const BRANDS: &[Brand] = &[
    // Visa: 4; 13, 16 or 19 digits.
    brand(4, 4, 1, span(13, 13) | span(16, 16) | span(19, 19)),
    // Mastercard: 51–55 and the 2-series 2221–2720; 16 digits.
    brand(51, 55, 2, span(16, 16)),
    brand(2221, 2720, 4, span(16, 16)),
    // American Express: 34, 37; 15 digits.
    brand(34, 34, 2, span(15, 15)),
    brand(37, 37, 2, span(15, 15)),
    // Discover: 6011, 644–649, 65; 16 digits.
    brand(6011, 6011, 4, span(16, 16)),
    brand(644, 649, 3, span(16, 16)),
    brand(65, 65, 2, span(16, 16)),
    // JCB: 3528–3589; 16 digits.
    brand(3528, 3589, 4, span(16, 16)),
    // Diners Club: 36, 38 and Carte Blanche 300–305; 14 digits.
    brand(36, 36, 2, span(14, 14)),
    brand(38, 38, 2, span(14, 14)),
    brand(300, 305, 3, span(14, 14)),
    // UnionPay: 62; 16 or 19 digits (17 and 18 exist on paper, not in wallets).
    brand(62, 62, 2, span(16, 16) | span(19, 19)),
    // Maestro: 5018, 5020, 5038, 5893, 6304, 6759, 6761–6763; 16 or 19 digits. ISO allows
    // 12 to 19, but the short ones are no longer issued, and 12-digit numbers with these
    // prefixes are mostly parcel numbers (FedEx `675983191502`).
    brand(5018, 5018, 4, MAESTRO),
    brand(5020, 5020, 4, MAESTRO),
    brand(5038, 5038, 4, MAESTRO),
    brand(5893, 5893, 4, MAESTRO),
    brand(6304, 6304, 4, MAESTRO),
    brand(6759, 6759, 4, MAESTRO),
    brand(6761, 6763, 4, MAESTRO),
];

/// True when some brand issues numbers that start with `iin6` (the first six digits) and have
/// `len` digits.
fn brand_ok(iin6: u32, len: usize) -> bool {
    BRANDS.iter().any(|b| {
        let prefix = iin6 / 10u32.pow(6 - b.width);
        (b.lo..=b.hi).contains(&prefix) && b.lengths & (1 << len) != 0
    })
}

/// Groupings cards are printed with; dashes and dots are accepted only in these.
/// 4-4-4-4 (and its 13–19 digit variants with a shorter or longer tail: 4-4-4-1 … 4-4-4-4-3),
/// Amex 4-6-5, Diners 4-6-4, 13-digit Visa 4-3-3-3 and 19-digit 6-13.
fn printed_grouping(groups: &[u8]) -> bool {
    match groups {
        [4, 6, 5] | [4, 6, 4] | [4, 3, 3, 3] | [6, 13] => true,
        [init @ .., last] => {
            init.len() >= 3 && init.iter().all(|&g| g == 4) && (1..=4).contains(last)
        }
        [] => false,
    }
}

/// Digit groups read from the anchor.
struct Run {
    /// Index just past the last digit.
    end: usize,
    /// Number of digits.
    digits: usize,
    /// Length of each group (at most [`MAX_RUN_DIGITS`] groups of at least one digit).
    groups: [u8; MAX_RUN_DIGITS],
    /// Number of groups.
    n: usize,
    /// The separator between groups, if there are several.
    sep: Option<u8>,
}

/// True when the byte at `i` is an ASCII digit.
#[inline]
fn digit_at(w: &Window<'_>, i: usize) -> bool {
    w.get(i).is_some_and(|b| b.is_ascii_digit())
}

/// True for bytes that join digits into a non-card token: decimals, thousands, dates, times,
/// dashed references.
#[inline]
fn numeric_joiner(b: u8) -> bool {
    matches!(b, b'.' | b',' | b'-' | b'/' | b':')
}

/// True when a space-separated group ending at `end` belongs to the next token: glued to a
/// letter (`2nd`), the start of an address (`1@example.com`, `1.jane@…`: masked, it would
/// leave the card before it whole, so masking would not be idempotent) or joined to more
/// digits by another punctuation (`04/27`, `10:30`, `12.50`).
#[inline]
fn foreign_tail(w: &Window<'_>, end: usize) -> bool {
    if starts_address(w, end) {
        return true;
    }
    match w.get(end) {
        Some(b) if b.is_ascii_alphabetic() || b == b'_' => true,
        // A comma then digits separates CSV fields (`4111 1111 1111 1111,12`) unless it may
        // group thousands.
        Some(b',') => {
            digit_at(w, end + 1) && thousands_comma(w.bytes, end, w.digits_end(end + 1) - (end + 1))
        }
        Some(b) if numeric_joiner(b) => digit_at(w, end + 1) && !expiry_after(w, end),
        _ => false,
    }
}

/// How far past a digit group [`starts_address`] looks for the `@` of an address.
const ADDRESS_REACH: usize = 64;

/// True when the digits ending at `end` are glued to a whitespace-free token that holds an
/// `@` or `%40` within [`ADDRESS_REACH`] bytes: they begin an address's local part. A `%40`
/// masked with its address (`%**`, or half kept by `KeepLast`) still counts, so the answer is
/// the same after masking.
fn starts_address(w: &Window<'_>, end: usize) -> bool {
    let b = w.bytes;
    let hi = b.len().min(end + ADDRESS_REACH);
    let encoded_at = |x: &[u8]| matches!(x, [b'4' | b'*', b'0' | b'*']);
    b[end.min(hi)..hi]
        .iter()
        .take_while(|c| !c.is_ascii_whitespace())
        .enumerate()
        .any(|(i, &c)| {
            c == b'@' || (c == b'%' && b.get(end + i + 1..end + i + 3).is_some_and(encoded_at))
        })
}

/// True when an expiry is glued to the digits ending at `end`: `/0427`, `/04/27`, `/04/2027`,
/// `-0427`, `:0427`, with a real month, and nothing glued after it.
fn expiry_after(w: &Window<'_>, end: usize) -> bool {
    if !matches!(w.get(end), Some(b'/' | b'-' | b':')) {
        return false;
    }
    let b = w.bytes;
    let mm = end + 1;
    let run = |i: usize| {
        b.get(i..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    let free = |i: usize| !matches!(b.get(i), Some(&c) if was_word_byte(c));
    let stop = match run(mm) {
        4 => mm + 4,
        2 if b.get(mm + 2) == Some(&b'/') && matches!(run(mm + 3), 2 | 4) => mm + 3 + run(mm + 3),
        _ => return false,
    };
    let month = (b[mm] - b'0') * 10 + (b[mm + 1] - b'0');
    // Joined to more digits (or to a masked run, which may have been digits) it is a longer
    // token, not an expiry.
    let more = |i: usize| digit_at(w, i) || b.get(i) == Some(&b'*');
    (1..=12).contains(&month)
        && free(stop)
        && !matches!(b.get(stop), Some(b'/' | b'-' | b':' | b'.') if more(stop + 1))
}

/// True when the digit group that ends just before `end` (exclusive) is the tail of another
/// token joined by `/ : - . ,` to more digits (an expiry `04/27`, a time `10:30`). Such a
/// group does not chain with a following space-separated number. A group glued to letters
/// (`DE89 3704 …`, an IBAN) does chain: the digits after it are part of that code.
///
/// Two more heads stand apart from the card after them: the visible end of a masked card
/// (`************4821 4111 …`, from `KeepLast`), and a short lead-in of at most three digits or
/// a month and year (`cvv 123 4111 …`, `exp 04 27 4111 …`, [`short_head`]). Four digits or more
/// in front keep the run whole: a card-like 4-4-4-4 inside a longer grouped run is a tracking
/// number.
///
/// A masked group before the space (`********* 4111 …`) chains: it may have been digits of the
/// same run, or letters of an address whose mask now reads like a number, and chaining is the
/// stricter reading either way (masking is idempotent). The exception is markdown
/// (`* 4111 …` as a list bullet, `**Card:** 4111 …`; see [`markup_stars_before`]).
fn foreign_head(w: &Window<'_>, end: usize) -> bool {
    if end > 0 && w.bytes[end - 1] == b'*' {
        return markup_stars_before(w.bytes, end);
    }
    let mut s = end;
    // Bounded: a group longer than a card cannot chain anyway, so stop looking.
    while s > 0 && end - s <= MAX_DIGITS && w.bytes[s - 1].is_ascii_digit() {
        s -= 1;
    }
    // A contiguous number of 12 digits or more never chains with what follows ([`read_run`]).
    if end - s >= CONTIGUOUS_MIN {
        return true;
    }
    match w.before(s) {
        Some(b) if numeric_joiner(b) => s >= 2 && w.bytes[s - 2].is_ascii_digit(),
        Some(b'*') => true,
        _ => short_head(w, s, end),
    }
}

/// True when the space-separated digit groups that end at `end` (the last one starts at `s`)
/// are a short lead-in standing on their own: at most three digits in all, or two groups of
/// two that read as month and year; nothing glued before them.
fn short_head(w: &Window<'_>, mut s: usize, end: usize) -> bool {
    let mut groups = [0usize; 3];
    let mut n = 0;
    let mut e = end;
    loop {
        if n == groups.len() {
            return false;
        }
        groups[n] = e - s;
        n += 1;
        // Another group before, joined by one space? A masked one: its digits are unknown, so
        // the lead-in is not known to be short (the stricter reading; masking is idempotent).
        let before = (s >= 2 && w.bytes[s - 1] == b' ').then(|| w.bytes[s - 2]);
        match before {
            Some(b'*') => return false,
            Some(c) if c.is_ascii_digit() => {
                e = s - 1;
                s = e;
                while s > 0 && e - s <= 4 && w.bytes[s - 1].is_ascii_digit() {
                    s -= 1;
                }
            }
            _ => break,
        }
    }
    let glued = matches!(w.before(s), Some(b) if was_word_byte(b) || matches!(b, b'-' | b'.' | b'/' | b'+'));
    let total: usize = groups[..n].iter().sum();
    let month_year = n == 2 && groups[0] == 2 && groups[1] == 2 && month(&w.bytes[s..s + 2]);
    !glued && (total <= 3 || month_year)
}

/// Reads the digit groups that start at `start`, or `None` when they are too long to hold a
/// card (more than [`MAX_DIGITS`] digits in one group, or more than [`MAX_RUN_DIGITS`] in a
/// run). `g0_end` is the end of the digit run at `start`.
fn read_run(w: &Window<'_>, start: usize, g0_end: usize) -> Option<Run> {
    let g0 = g0_end - start;
    if g0 > MAX_DIGITS {
        return None;
    }
    let mut run = Run {
        end: g0_end,
        digits: g0,
        groups: [0; MAX_RUN_DIGITS],
        n: 1,
        sep: None,
    };
    run.groups[0] = g0 as u8;
    let sep = match w.get(g0_end) {
        Some(s @ (b' ' | b'-' | b'.')) if g0 < CONTIGUOUS_MIN && digit_at(w, g0_end + 1) => s,
        _ => return Some(run),
    };
    run.sep = Some(sep);
    while w.get(run.end) == Some(sep) && digit_at(w, run.end + 1) {
        let gs = run.end + 1;
        let ge = w.digits_end(gs);
        // A contiguous number of 12 digits or more after a run that already holds a whole
        // card stands on its own, as before one ([`foreign_head`]): `4111 1111 1111 1111
        // 4911211111111` is two cards (masked, the second would leave the first whole), while
        // `621234 5678901234569` is one.
        let long_after_card = ge - gs >= CONTIGUOUS_MIN
            && run.digits <= MAX_DIGITS
            && is_pan(&w.bytes[start..run.end], run.digits);
        if sep == b' ' && (foreign_tail(w, ge) || long_after_card) {
            break;
        }
        run.digits += ge - gs;
        if run.digits > MAX_RUN_DIGITS || (sep != b' ' && run.digits > MAX_DIGITS) {
            return None;
        }
        // Every group is non-empty, so `digits <= MAX_RUN_DIGITS` bounds the group count.
        *run.groups.get_mut(run.n)? = (ge - gs) as u8;
        run.n += 1;
        run.end = ge;
    }
    Some(run)
}

/// True when nothing glues the number starting at `start` to what comes before it.
fn left_ok(w: &Window<'_>, start: usize, sep: Option<u8>) -> bool {
    left_verdict(w, start).unwrap_or_else(|| {
        // After a space and a digit: a later group of a spaced run, judged from the run's
        // first group; unless the group before belongs to another token (`exp 04/27 4111 1111
        // …`).
        sep != Some(b' ') || foreign_head(w, start - 1)
    })
}

/// [`left_ok`] as far as the bytes before `start` decide it whatever the run's separator:
/// `None` for a space after a digit, where the separator decides.
fn left_verdict(w: &Window<'_>, start: usize) -> Option<bool> {
    if !numeric_left_boundary(w, start) {
        return Some(false);
    }
    let Some(b) = w.before(start) else {
        return Some(true);
    };
    if b == b'+' {
        // An E.164 phone number (`+4915112345678`).
        return Some(false);
    }
    let two_before = start.checked_sub(2).map(|i| w.bytes[i]);
    if b == b'-' && two_before.is_some_and(was_word_byte) {
        // A dashed reference: `ORD-4111…`, `SR 2-1822…` (or its masked form).
        return Some(false);
    }
    // A masked digit counts as a digit (the stricter reading); after a space the run's
    // separator and [`foreign_head`] decide, as after a digit.
    let glued_digit = two_before.is_some_and(|c| c.is_ascii_digit() || c == b'*');
    if !glued_digit {
        return Some(true);
    }
    if b == b',' {
        // `0,5227…` is a decimal fraction; after a longer number the comma separates fields
        // (`66150,4556…` in a CSV row): a thousands group has 3 digits, never 12 or more.
        return Some(start >= 3 && w.bytes[start - 3].is_ascii_digit());
    }
    if numeric_joiner(b) {
        // `0.5227…`, `SR 2-1822…`, `12/…`, `10:…`
        return Some(false);
    }
    (b != b' ').then_some(true)
}

/// True when nothing glues the number ending at `end` to what comes after it.
fn right_ok(w: &Window<'_>, end: usize) -> bool {
    if !numeric_right_boundary(w, end) {
        return false;
    }
    let Some(b) = w.get(end) else {
        return true;
    };
    if expiry_after(w, end) {
        return true;
    }
    match w.get(end + 1) {
        // `4111-1111-1111-1111-AB`: a dash carries on into a reference.
        Some(c) if b == b'-' && is_word_byte(c) => false,
        // A decimal, a date or a time right after the digits. A comma is not: after 12 or more
        // digits it separates fields (`4556…,04/27,123`, `[4556…,5105…]`).
        Some(c) if c.is_ascii_digit() => b == b',' || !numeric_joiner(b),
        // A masked group joined the same way: read the stricter way (masking is idempotent).
        Some(b'*') => b == b',' || !numeric_joiner(b),
        _ => true,
    }
}

/// The first six digits of `bytes` as a number (separators skipped).
fn iin6(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .filter(|b| b.is_ascii_digit())
        .take(6)
        .fold(0, |acc, b| acc * 10 + u32::from(b - b'0'))
}

/// True when a [`Topic::NotCard`] word labels the number: right before it in the same clause
/// (`IMEI: 3548…`, `the imei on the box is …`, `tracking number says …`) or right after it with
/// only punctuation between (`… (serial)`). A device or tracking word elsewhere on the line
/// (`no tracking info yet, so I paid with 4556 …`, `4556 … - where's my tracking number?`) says
/// nothing about the number.
fn not_card_context(w: &Window<'_>, opts: &DetectOptions<'_>, start: usize, end: usize) -> bool {
    let lo = line_start(w.bytes, start).max(start.saturating_sub(NOT_CARD_BEFORE));
    if let Some(hit) = opts.context.last(w.bytes, lo..start, Topic::NotCard) {
        let gap = &w.bytes[hit.span.end..start];
        let same_clause = !gap
            .iter()
            .any(|b| b.is_ascii_digit() || matches!(b, b',' | b';' | b'!' | b'?'))
            && !gap.windows(2).any(|p| p == b". ");
        if same_clause {
            return true;
        }
    }
    let hi = line_end(w.bytes, end).min(end + NOT_CARD_AFTER);
    opts.context
        .hits_of(w.bytes, end..hi, Topic::NotCard.bit())
        .next()
        .is_some_and(|h| {
            !w.bytes[end..h.span.start]
                .iter()
                .any(u8::is_ascii_alphanumeric)
                && !labels_a_code(w.bytes, h.span.end)
        })
}

/// True when the word ending at `i` is followed by its own identifier (`(tracking
/// 1Z999AA10123456784)`, `serial: SN-4821`): a token with a digit after at most a separator
/// and `number`/`no`. The word then labels that token, not the number before it. Digits only:
/// a masked `*` run is read as no code, the stricter reading.
fn labels_a_code(bytes: &[u8], mut i: usize) -> bool {
    let skip = |i: &mut usize| {
        while bytes
            .get(*i)
            .is_some_and(|b| matches!(b, b' ' | b':' | b'#' | b'.'))
        {
            *i += 1;
        }
    };
    skip(&mut i);
    for noun in [&b"number"[..], b"no"] {
        let word_ends = |e: usize| !bytes.get(e).is_some_and(u8::is_ascii_alphanumeric);
        if bytes.len() >= i + noun.len()
            && bytes[i..i + noun.len()].eq_ignore_ascii_case(noun)
            && word_ends(i + noun.len())
        {
            i += noun.len();
            skip(&mut i);
            break;
        }
    }
    bytes[i.min(bytes.len())..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        .any(u8::is_ascii_digit)
}

/// A cheap necessary condition for [`detect`] to report a card at the anchor, whose digit run
/// ends at `run_end`: a brand digit (2–6) first, and either a whole PAN-length group or a
/// shorter group followed by a separator and more digits (what [`read_run`] chains).
#[inline]
pub(crate) fn may_match(w: &Window<'_>, run_end: usize) -> bool {
    let g0 = run_end - w.at;
    matches!(w.get(w.at), Some(b'2'..=b'6'))
        && g0 <= MAX_DIGITS
        && (g0 >= MIN_DIGITS
            || matches!(w.get(run_end), Some(b' ' | b'-' | b'.')) && digit_at(w, run_end + 1))
        && dashed_may_print(w, g0, run_end)
        // What `detect` checks last, before any candidate: the left edge.
        && left_verdict(w, w.at) != Some(false)
}

/// False when [`read_run`] would join the first group (`g0` digits, ending at `run_end`) to the
/// next with `-` or `.` and the two cannot start a [`printed_grouping`], which [`detect`]
/// requires of such a run: ISO dates (`2024-03-22`), versions, dotted references.
fn dashed_may_print(w: &Window<'_>, g0: usize, run_end: usize) -> bool {
    let dashed = matches!(w.get(run_end), Some(b'-' | b'.'))
        && g0 < CONTIGUOUS_MIN
        && digit_at(w, run_end + 1);
    if !dashed {
        return true;
    }
    let g1 = w.digits_end(run_end + 1) - (run_end + 1);
    matches!((g0, g1), (4, 3 | 4 | 6) | (6, 13))
}

/// Pushes a [`Kind::CreditCard`] candidate when the anchor starts a valid card number (two
/// when a spaced run holds two cards, [`split_run`]).
/// `run_end` is the end of the anchor's digit run.
pub(crate) fn detect(
    w: &Window<'_>,
    run_end: usize,
    opts: &DetectOptions<'_>,
    out: &mut Vec<Candidate>,
) {
    let start = w.at;
    // Every brand starts with 2, 3, 4, 5 or 6: reject other runs in one comparison.
    if !matches!(w.get(start), Some(b'2'..=b'6')) {
        return;
    }
    let Some(run) = read_run(w, start, run_end) else {
        return;
    };
    if run.digits < MIN_DIGITS {
        return;
    }
    let groups = &run.groups[..run.n];
    let printed = run.n == 1 || printed_grouping(groups);
    if matches!(run.sep, Some(b'-' | b'.')) && !printed {
        return;
    }
    if !left_ok(w, start, run.sep) || !right_ok(w, run.end) {
        return;
    }
    // A run read out in irregular groups that stops at a masked group (`4 1 1 … 1 1 ****`) may
    // have gone on before masking; read it the stricter way (masking is idempotent).
    if run.sep == Some(b' ')
        && !printed
        && w.get(run.end) == Some(b' ')
        && w.get(run.end + 1) == Some(b'*')
    {
        return;
    }
    let whole = &w.bytes[start..run.end];
    let before = out.len();
    let found = if run.digits <= MAX_DIGITS && is_pan(whole, run.digits) {
        // Brand, length and Luhn agree; a reading-out grouping is a little less certain.
        push(out, start, run.end, if printed { 0.99 } else { 0.95 });
        true
    } else {
        run.sep == Some(b' ') && split_run(w, start, &run, out)
    };
    if found && not_card_context(w, opts, start, run.end) {
        out.truncate(before);
    }
}

/// True when `span` (digits and separators, `digits` of them) has a brand prefix that is
/// issued with that length and a valid Luhn check digit.
fn is_pan(span: &[u8], digits: usize) -> bool {
    brand_ok(iin6(span), digits) && luhn_digits_ok(span)
}

/// Pushes a card candidate.
fn push(out: &mut Vec<Candidate>, start: usize, end: usize, confidence: f32) {
    out.push(Candidate {
        start,
        end,
        kind: Kind::CreditCard,
        confidence,
    });
}

/// A spaced run that is not one card as a whole may be a card in a printed grouping followed,
/// in the same run, by what callers type after a card: its CVV (`4111 1111 1111 1111 123`),
/// its expiry (`… 1111 12 26`, `… 1111 04 2027`) or a second card in a printed grouping.
/// Pushes the card(s) and returns true when the run splits that way. Anything else after the
/// card (more groups of four: a tracking number, an account list) leaves the run alone.
fn split_run(w: &Window<'_>, start: usize, run: &Run, out: &mut Vec<Candidate>) -> bool {
    let groups = &run.groups[..run.n];
    let mut end = start;
    let mut digits = 0;
    for k in 1..run.n {
        end += usize::from(groups[k - 1]) + usize::from(k > 1);
        digits += usize::from(groups[k - 1]);
        if digits > MAX_DIGITS {
            return false;
        }
        if digits < MIN_DIGITS || !printed_grouping(&groups[..k]) {
            continue;
        }
        if !is_pan(&w.bytes[start..end], digits) {
            continue;
        }
        let rest = &groups[k..];
        let rest_start = end + 1;
        let tail = &w.bytes[rest_start..run.end];
        if card_tail(tail, rest, digits) {
            push(out, start, end, 0.95);
            return true;
        }
        let rest_digits: usize = rest.iter().map(|&g| usize::from(g)).sum();
        if (MIN_DIGITS..=MAX_DIGITS).contains(&rest_digits)
            && (rest.len() == 1 || printed_grouping(rest))
            && is_pan(tail, rest_digits)
        {
            push(out, start, end, 0.95);
            push(out, rest_start, run.end, 0.95);
            return true;
        }
    }
    false
}

/// True when the groups `rest` (text `tail`, groups joined by single spaces) after a card of
/// `card_digits` digits are what callers read out after a card: its CVV (3 digits; 4 for a
/// 15-digit American Express), its expiry (`12 26`, `4 27`, `04 2027`, `0427`, `042027`), or
/// both, in either order.
fn card_tail(tail: &[u8], rest: &[u8], card_digits: usize) -> bool {
    let cvv = |g: u8| g == 3 || (g == 4 && card_digits == 15);
    // The digits of group `k` of the tail.
    let mut starts = [0usize; 4];
    if rest.len() > starts.len() {
        return false;
    }
    for k in 1..rest.len() {
        starts[k] = starts[k - 1] + usize::from(rest[k - 1]) + 1;
    }
    let group = |k: usize| &tail[starts[k]..starts[k] + usize::from(rest[k])];
    // An expiry made of the groups from `k` on, up to `n` of them.
    let expiry = |k: usize, n: usize| -> bool {
        match &rest[k..k + n] {
            [1 | 2, 2 | 4] => month(group(k)),
            [4 | 6] => month(&group(k)[..2]),
            _ => false,
        }
    };
    let n = rest.len();
    (n == 1 && cvv(rest[0]))
        || expiry(0, n)
        || (n >= 2 && cvv(rest[0]) && expiry(1, n - 1))
        || (n >= 2 && cvv(rest[n - 1]) && expiry(0, n - 1))
}

/// True when `d` (one or two ASCII digits) is a month, 1 to 12.
fn month(d: &[u8]) -> bool {
    let m = d
        .iter()
        .fold(0u32, |acc, &b| acc * 10 + u32::from(b - b'0'));
    (1..=12).contains(&m)
}

#[cfg(test)]
mod tests {
    use crate::{Kind, Redactor};

    use crate::detect::testing;

    fn cards(text: &str) -> Vec<&str> {
        testing::found(Kind::CreditCard, text)
    }

    #[track_caller]
    fn one(text: &str, want: &str) {
        testing::one(Kind::CreditCard, text, want);
    }

    #[track_caller]
    fn none(text: &str) {
        testing::none(Kind::CreditCard, text);
    }

    #[test]
    fn brands() {
        for n in [
            "4111111111111111",    // Visa 16
            "4222222222222",       // Visa 13
            "4111111111111111003", // Visa 19
            "5555555555554444",    // Mastercard
            "2221000000000009",    // Mastercard 2-series
            "2720990000000007",    // Mastercard 2-series, top of range
            "378282246310005",     // Amex
            "371449635398431",     // Amex
            "6011111111111117",    // Discover
            "6445644564456445",    // Discover 644-649
            "6500000000000002",    // Discover 65
            "3530111333300000",    // JCB
            "36227206271667",      // Diners 36
            "30569309025904",      // Diners Carte Blanche
            "38520000023237",      // Diners 38
            "6200000000000005",    // UnionPay 16
            "6212345678901232",    // UnionPay 16
            "6212345678901234569", // UnionPay 19
            "6759649826438453",    // Maestro
            "6304000000000000",    // Maestro
            "6761123456789011",    // Maestro 6761-6763
            "5018000000000009",    // Maestro 16
        ] {
            let text = format!("card {n} thanks");
            one(&text, n);
        }
    }

    #[test]
    fn lengths_no_longer_issued_are_not_cards() {
        // Maestro 12-15 and UnionPay 17-18 (the labelling policy's brand table).
        none("FedEx 675983191502 delivered.");
        none("card 5893123456785 thanks");
        none("Voucher 62346580747895351 applied");
        none("UnionPay 6205 0000 0000 0000 00");
    }

    #[test]
    fn brand_and_length_must_agree() {
        none("card 41111111111114"); // Luhn-valid Visa prefix, 14 digits
        none("card 5555555555554445"); // Luhn fails
        none("number 37828224631003"); // Amex prefix, 14 digits
        none("number 3530111333301"); // JCB prefix, 13 digits
        none("loyalty 8000000000000003"); // Luhn-valid, no brand
        none("loyalty 1234567812345670"); // Luhn-valid, no brand
        none("member 7000000000000005"); // Luhn-valid, no brand
        none("mc 2220900000000001"); // just below the 2-series
        none("mc 2721000000000004"); // just above the 2-series
    }

    #[test]
    fn groupings() {
        one("card 4111 1111 1111 1111 ok", "4111 1111 1111 1111");
        one("card 4111-1111-1111-1111 ok", "4111-1111-1111-1111");
        one("card 4111.1111.1111.1111 ok", "4111.1111.1111.1111");
        one("amex 3782 822463 10005.", "3782 822463 10005");
        one("amex 3782-822463-10005.", "3782-822463-10005");
        one("diners 3622 720627 1667", "3622 720627 1667");
        one("diners 3622-720627-1667", "3622-720627-1667");
        one("visa 4111 1111 1111 1111 003", "4111 1111 1111 1111 003");
        one("visa 4111-1111-1111-1111-003", "4111-1111-1111-1111-003");
        one("up 621234 5678901234569", "621234 5678901234569");
        one("visa 4222 222 222 222", "4222 222 222 222");
        one("visa 4222.222.222.222", "4222.222.222.222");
        // Read out in irregular groups (speech-to-text).
        one("uh it's 41 11 111 1111 11 111", "41 11 111 1111 11 111");
        one("um 411 111111 1111 111", "411 111111 1111 111");
        // A whole card, then a long contiguous one: two cards.
        assert_eq!(
            crate::detect::testing::found(Kind::CreditCard, "4111 1111 1111 1111 4911211111111"),
            ["4111 1111 1111 1111", "4911211111111"]
        );
    }

    #[test]
    fn one_separator_only() {
        none("card 4111-1111 1111-1111");
        none("card 4111.1111-1111.1111");
        // Irregular groups are only for spaces.
        none("ref 41-11111-111111-11");
        none("ref 411.11111.111.1111.1");
    }

    #[test]
    fn expiry_is_not_in_the_span() {
        one("4111 1111 1111 1111 04/27", "4111 1111 1111 1111");
        one("4111 1111 1111 1111 exp 04/27", "4111 1111 1111 1111");
        one("4111-1111-1111-1111 04/27.", "4111-1111-1111-1111");
        one("4111111111111111 04/2027", "4111111111111111");
        one("card 4111 1111 1111 1111 04-27, cvv", "4111 1111 1111 1111");
        one(
            "card 4111 1111 1111 1111 (exp 04/27)",
            "4111 1111 1111 1111",
        );
        one("card 4111111111111111 12 28", "4111111111111111");
        one("exp 04/27 4111 1111 1111 1111", "4111 1111 1111 1111");
    }

    #[test]
    fn surrounding_punctuation_is_not_in_the_span() {
        one("(4111 1111 1111 1111)", "4111 1111 1111 1111");
        one("\"4111111111111111\".", "4111111111111111");
        one("card:4111111111111111,", "4111111111111111");
        one("n°4111111111111111", "4111111111111111");
        one("#4111111111111111", "4111111111111111");
    }

    #[test]
    fn longer_runs_are_not_cards() {
        none("USPS 9400 1000 0000 0000 0000 00");
        none("ids 4111 1111 1111 1111 1111 2222");
        none("x 41111111111111111111");
        none("token 4111111111111111411111111111111141111111111111114111111111111111");
        none("0.5227687358856201");
        none("value 12.4111111111111111");
        none("1,4111111111111111");
        none("SR 2-4111111111111111");
        none("ORD-4111111111111111");
        none("CS4111111111111111");
        none("4111111111111111X");
        none("4111111111111111_2");
        none("4111-1111-1111-1111-AB");
        none("4111-1111-1111-1111-22");
        none("+4111111111111111");
        none("at 10:4111111111111111");
        none("4111111111111111.25");
        none("4111111111111111/3");
    }

    #[test]
    fn cvv_expiry_or_second_card_after_a_spaced_card() {
        one("card 4111 1111 1111 1111 123 cvv", "4111 1111 1111 1111");
        one("5555 5555 5555 4444 12 26", "5555 5555 5555 4444");
        one("5555 5555 5555 4444 04 2027", "5555 5555 5555 4444");
        one("amex 3782 822463 10005 1234", "3782 822463 10005");
        one("its 4556 7375 8689 9855 0427", "4556 7375 8689 9855");
        one("its 4556 7375 8689 9855 123 04 27", "4556 7375 8689 9855");
        one("um 4556 7375 8689 9855 4 27", "4556 7375 8689 9855");
        one("um 4556 7375 8689 9855 04 27 123", "4556 7375 8689 9855");
        assert_eq!(
            cards("cards 4111 1111 1111 1111 5555 5555 5555 4444 ok"),
            vec!["4111 1111 1111 1111", "5555 5555 5555 4444"]
        );
        assert_eq!(
            cards("cards 4111 1111 1111 1111 5555555555554444 ok"),
            vec!["4111 1111 1111 1111", "5555555555554444"]
        );
        // More groups of four, a month that is not one, a second number that is no card.
        none("ids 4111 1111 1111 1111 1111 2222");
        none("4111 1111 1111 1111 1311");
        none("4111 1111 1111 1111 13 26");
        none("4111 1111 1111 1111 1234 5678 9012 3456");
        none("tracking 4111 1111 1111 1111 123");
    }

    #[test]
    fn a_short_lead_in_or_a_masked_card_before_a_spaced_card() {
        one("cvv 123 4556 7375 8689 9855", "4556 7375 8689 9855");
        one("exp 04 27 4556 7375 8689 9855", "4556 7375 8689 9855");
        one(
            "old ************4821 4556 7375 8689 9855",
            "4556 7375 8689 9855",
        );
        // Four digits or more in front: a longer grouped run (tracking numbers).
        none("ids 1234 4111 1111 1111 1111");
        none("ids 99 88 4111 1111 1111 1111");
        none("DE89 4111 1111 1111 1111");
    }

    #[test]
    fn an_expiry_glued_to_the_card() {
        for (text, want) in [
            ("Customer: 5569372072277101/0427", "5569372072277101"),
            ("Customer: 5569 3720 7227 7101/04/27", "5569 3720 7227 7101"),
            ("Card/exp: 6499696546089798:0427", "6499696546089798"),
            ("visa 4997359434879352368/0427", "4997359434879352368"),
            ("5569372072277101-0427 ok", "5569372072277101"),
        ] {
            one(text, want);
        }
        none("4111111111111111/1327");
        none("4111111111111111/0427/55");
    }

    #[test]
    fn csv_and_json_fields() {
        one(
            "card,exp,cvv\n4556737586899855,04/27,123",
            "4556737586899855",
        );
        one("zip,card\n66150,4556737586899855", "4556737586899855");
        assert_eq!(
            cards("{\"cards\":[4556737586899855,5105105105105100]}"),
            vec!["4556737586899855", "5105105105105100"]
        );
        one("4111 1111 1111 1111,12", "4111 1111 1111 1111");
        one("4111 1111 1111 1111,04/27,123", "4111 1111 1111 1111");
        // A decimal comma before the digits: a fraction, not a card.
        none("p = 0,4556737586899855");
    }

    #[test]
    fn contiguous_card_before_a_spaced_number_still_counts() {
        let found = cards("4111111111111111 1111");
        assert_eq!(found, vec!["4111111111111111"]);
    }

    #[test]
    fn imeis_and_serials() {
        // 15-digit IMEIs do not fit any brand length for their TAC.
        none("IMEI 356938035643809");
        none("the imei on the box is 861775873822337");
        // A 16-digit Luhn-valid number with a brand prefix after a device word.
        none("IMEI: 4111111111111111");
        none("IMEI2 4111 1111 1111 1111");
        none("serial number 5555555555554444");
        none("S/N 5555555555554444");
        none("tracking 6011111111111117 (UPS)");
        none("5555555555554444 (serial)");
        one(
            "paid with 4556 7375 8689 9855 (tracking 1Z999AA10123456784)",
            "4556 7375 8689 9855",
        );
        none("tracking number: 4111 1111 1111 1111");
        // A device or tracking word in another clause or after other words is about something
        // else.
        one(
            "still no tracking info, so I paid again with 4556 7375 8689 9855",
            "4556 7375 8689 9855",
        );
        one(
            "I paid with 4556 7375 8689 9855 - where's my tracking number?",
            "4556 7375 8689 9855",
        );
        one(
            "the serial on the receipt is wrong, the card was 4556-7375-8689-9855",
            "4556-7375-8689-9855",
        );
        // The device word is about another number.
        one(
            "IMEI 356938035643809, card 4111111111111111",
            "4111111111111111",
        );
    }

    #[test]
    fn masked_and_partial_cards() {
        none("**** **** **** 4821");
        none("XXXX-XXXX-XXXX-4821");
        none("card ending in 4821");
        none("gift card 6035 7140 0000 0001"); // Luhn fails
        none("voucher 1234 5678 9012 3456");
    }

    #[test]
    fn other_numbers() {
        none("order #4481923 on 2024-11-02 14:33:05");
        none("order 112-4567890-1234567");
        none("invoice INV-2024-00451, ref 4821-9931-02");
        none("from 192.168.100.254:8080");
        none("id 550e8400-e29b-41d4-a716-446655440000");
        none("build 22631.2861 v2.14.3");
        none("call 415-555-2671 or +44 20 7183 8750");
        none("price $1,299.99 and €49,90");
        none("error 0x80070005");
        none("IBAN DE89 3704 0044 0532 0130 00");
        // German IBAN whose 18 digits would read as a UnionPay 62 number (Luhn-valid).
        none("IBAN DE12 6205 0000 0000 0000 00");
        none("IBAN: DE12620500000000000000");
        none("code X054 4111 1111 1111 1111");
        none("timestamp 1700000000123");
    }

    #[test]
    fn several_cards_on_a_line() {
        let text = "old 4111 1111 1111 1111, new 5555-5555-5555-4444 and 378282246310005.";
        assert_eq!(
            cards(text),
            vec![
                "4111 1111 1111 1111",
                "5555-5555-5555-4444",
                "378282246310005"
            ]
        );
    }

    #[test]
    fn non_ascii_neighbours() {
        one("Kreditkarte 4111 1111 1111 1111 🙄", "4111 1111 1111 1111");
        one("carte\u{a0}4111111111111111\u{a0}", "4111111111111111");
    }

    #[test]
    fn arbitrary_bytes_do_not_panic() {
        let r = Redactor::default();
        let mut s = Vec::new();
        for i in 0..4000u32 {
            s.push(b"0123456789 -./:,+x\n"[(i.wrapping_mul(2654435761) >> 27) as usize % 19]);
        }
        let _ = r.find_bytes(&s).count();
        let digits = vec![b'4'; 20_000];
        assert_eq!(r.find_bytes(&digits).count(), 0);
        let groups = "4111 ".repeat(5000);
        assert_eq!(
            r.find_bytes(groups.as_bytes())
                .filter(|f| f.kind == Kind::CreditCard)
                .count(),
            0
        );
    }

    /// `may_match` is a necessary condition: wherever `detect` reports a card, it holds.
    /// Checked on every digit-run anchor of generated runs: digit groups joined by separators.
    #[test]
    fn the_pre_check_never_hides_a_card() {
        use crate::detect::DetectOptions;
        const GROUPS: &[&str] = &[
            "4111",
            "1111",
            "411111",
            "11111",
            "111",
            "4",
            "41",
            "5500",
            "0000",
            "3782",
            "822463",
            "10005",
            "2024",
            "03",
            "22",
            "4111111111111111",
            "378282246310005",
            "0451",
            "04",
            "27",
            "4111111111111",
            "1111111111111",
        ];
        const SEPS: &[&str] = &[" ", "-", ".", "/", "", ",", "  "];
        const HEADS: &[&str] = &["card ", "x", "+", "order ", "ORD-", " "];
        let opts = DetectOptions {
            context: crate::context::ContextIndex::builtin(),
            all_dates: false,
        };
        let shapes = [
            "card 4111-1111-1111-1111",
            "card 4111.1111.1111.1111",
            "card 3782-822463-10005",
            "card 4111 1111 1111 1111",
            "card 411111-1111111111111",
            "card 4222-222-222-222",
        ];
        let texts = crate::detect::testing::generated_texts(
            0x9e37_79b9_7f4a_7c15,
            100_000,
            &shapes,
            HEADS,
            GROUPS,
            SEPS,
            6,
        );
        let reported = crate::detect::testing::assert_pre_check_holds(
            &texts,
            |w, run_end, out| super::detect(w, run_end, &opts, out),
            super::may_match,
        );
        assert!(reported > 1000, "only {reported} cards reported");
    }
}
