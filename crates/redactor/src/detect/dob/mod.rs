//! DATE_OF_BIRTH: a calendar-valid date that the text marks as a birth date.
//!
//! 1. **Format** ([`parse`]): from the anchor's digit run, a numeric date (`04/12/1985`,
//!    `4/12/85`, `12.04.1985`, `1985-04-12`) or a written one, looking back for the month name
//!    (`April 12, 1985`) or ahead (`12 April 1985`, `12. März 1985`, `1er avril 1985`). Only the
//!    date's first digit run can start it, so a date is reported once. Numeric dates are read
//!    as M/D or D/M; either must exist in the Gregorian calendar.
//! 2. **Not a date of anything**: the date part of a timestamp (a time follows), a number glued
//!    to a longer dotted/dashed token (IPs, versions, references), a number after a version word.
//! 3. **Birth context** ([`link`]): the nearest context word in the same clause, looking back
//!    first, then ahead. A birth word links; a non-birth word (`order`, `moved`, `since`,
//!    `valid`, …) in between breaks the link, as does a sentence end or another number. With no
//!    link and no birth word on its line, the date still counts when the previous line (past at
//!    most two filler lines such as "one sec") asks for the date of birth.
//!
//! With `all_dates`, every valid date is reported: 0.9 confidence in birth context, 0.6 without.

mod months;
mod parse;

use super::{
    is_number_byte, markup_stars_before, numeric_left_boundary, numeric_right_boundary,
    was_alphanumeric, Candidate, DetectOptions, Window,
};
use crate::context::{asking_sentence, label_colon, line_end, line_start, plain_label, Hit, Topic};
use crate::Kind;
use parse::Parsed;

/// Context words of this detector (lower case; matched ASCII-case-insensitively, whole words).
///
/// Birth words: the labelling policy's list (/work/shared/corpus/README.md: `DOB`, `D.O.B.`,
/// `date of birth`, `birth date`, `birthdate`, `birthday`, `born`, `Geburtsdatum`, `geboren`,
/// `geb.`, `né le`, `née le`, `date de naissance`) plus the plain forms people also write
/// (`birth` as in "date of um birth", `Geburtstag`, `naissance`).
///
/// Non-birth words name the other events a date on a form or in a message records (commerce:
/// order, delivery, billing, refund; service: appointment, ticket, account; validity: since,
/// until, valid, expires; moves), in English, German and French. `birthday present`-style
/// phrases are listed whole: a birthday used as a modifier names a product or an event, not the
/// writer's birth date (leftmost-longest matching prefers them to the bare `birthday`).
pub(crate) const CONTEXT: &[(&str, Topic)] = &[
    // Birth: English.
    ("dob", Topic::Birth),
    ("d.o.b.", Topic::Birth),
    ("d.o.b", Topic::Birth),
    ("date of birth", Topic::Birth),
    ("birth date", Topic::Birth),
    ("birthdate", Topic::Birth),
    ("birthday", Topic::Birth),
    ("birth", Topic::Birth),
    ("born", Topic::Birth),
    ("bday", Topic::Birth),
    ("b-day", Topic::Birth),
    // Birth: German.
    ("geburtsdatum", Topic::Birth),
    ("geburtstag", Topic::Birth),
    ("geboren", Topic::Birth),
    ("geb.", Topic::Birth),
    // Birth: French (`é` is matched byte for byte, so both cases are listed).
    ("né le", Topic::Birth),
    ("née le", Topic::Birth),
    ("né(e) le", Topic::Birth),
    ("Né le", Topic::Birth),
    ("Née le", Topic::Birth),
    ("NÉ LE", Topic::Birth),
    ("NÉE LE", Topic::Birth),
    ("né à", Topic::Birth),
    ("née à", Topic::Birth),
    ("date de naissance", Topic::Birth),
    ("naissance", Topic::Birth),
    // Not birth: a birthday that modifies a product or an event.
    ("birthday present", Topic::NotBirth),
    ("birthday presents", Topic::NotBirth),
    ("birthday gift", Topic::NotBirth),
    ("birthday gifts", Topic::NotBirth),
    ("birthday voucher", Topic::NotBirth),
    ("birthday coupon", Topic::NotBirth),
    ("birthday discount", Topic::NotBirth),
    ("birthday card", Topic::NotBirth),
    ("birthday sale", Topic::NotBirth),
    ("birthday offer", Topic::NotBirth),
    ("birthday promo", Topic::NotBirth),
    ("birthday promotion", Topic::NotBirth),
    ("birthday code", Topic::NotBirth),
    ("ended", Topic::NotBirth),
    ("birthday party", Topic::NotBirth),
    ("birthday reward", Topic::NotBirth),
    ("birthday bonus", Topic::NotBirth),
    ("birthday month", Topic::NotBirth),
    ("birthday week", Topic::NotBirth),
    ("place of birth", Topic::NotBirth),
    ("lieu de naissance", Topic::NotBirth),
    // Not birth: English events.
    ("order", Topic::NotBirth),
    ("ordered", Topic::NotBirth),
    ("orders", Topic::NotBirth),
    ("placed", Topic::NotBirth),
    ("purchase", Topic::NotBirth),
    ("purchased", Topic::NotBirth),
    ("bought", Topic::NotBirth),
    ("delivery", Topic::NotBirth),
    ("delivered", Topic::NotBirth),
    ("deliver", Topic::NotBirth),
    ("coming up", Topic::NotBirth),
    ("shipped", Topic::NotBirth),
    ("shipping", Topic::NotBirth),
    ("dispatched", Topic::NotBirth),
    ("arrive", Topic::NotBirth),
    ("arrived", Topic::NotBirth),
    ("arrival", Topic::NotBirth),
    ("due", Topic::NotBirth),
    ("appointment", Topic::NotBirth),
    ("booked", Topic::NotBirth),
    ("booking", Topic::NotBirth),
    ("scheduled", Topic::NotBirth),
    ("reserved", Topic::NotBirth),
    ("bill", Topic::NotBirth),
    ("billing", Topic::NotBirth),
    ("billed", Topic::NotBirth),
    ("invoice", Topic::NotBirth),
    ("invoiced", Topic::NotBirth),
    ("charged", Topic::NotBirth),
    ("payment", Topic::NotBirth),
    ("paid", Topic::NotBirth),
    ("refund", Topic::NotBirth),
    ("refunded", Topic::NotBirth),
    ("ticket", Topic::NotBirth),
    ("opened", Topic::NotBirth),
    ("created", Topic::NotBirth),
    ("since", Topic::NotBirth),
    ("until", Topic::NotBirth),
    ("valid", Topic::NotBirth),
    ("expires", Topic::NotBirth),
    ("expired", Topic::NotBirth),
    ("expiry", Topic::NotBirth),
    ("expiration", Topic::NotBirth),
    ("moved", Topic::NotBirth),
    ("renewal", Topic::NotBirth),
    ("renewed", Topic::NotBirth),
    ("cancelled", Topic::NotBirth),
    ("canceled", Topic::NotBirth),
    ("subscription", Topic::NotBirth),
    ("joined", Topic::NotBirth),
    ("registered", Topic::NotBirth),
    ("locked", Topic::NotBirth),
    ("received", Topic::NotBirth),
    ("mailed", Topic::NotBirth),
    ("returned", Topic::NotBirth),
    ("issued", Topic::NotBirth),
    ("effective", Topic::NotBirth),
    ("last seen", Topic::NotBirth),
    ("parcel", Topic::NotBirth),
    ("package", Topic::NotBirth),
    ("shipment", Topic::NotBirth),
    // Not birth: German events.
    ("bestellt", Topic::NotBirth),
    ("bestellung", Topic::NotBirth),
    ("geliefert", Topic::NotBirth),
    ("lieferung", Topic::NotBirth),
    ("liefern", Topic::NotBirth),
    ("zugestellt", Topic::NotBirth),
    ("versendet", Topic::NotBirth),
    ("termin", Topic::NotBirth),
    ("rechnung", Topic::NotBirth),
    ("bezahlt", Topic::NotBirth),
    ("zahlung", Topic::NotBirth),
    ("erstattung", Topic::NotBirth),
    ("seit", Topic::NotBirth),
    ("bis", Topic::NotBirth),
    ("gültig", Topic::NotBirth),
    ("umgezogen", Topic::NotBirth),
    ("erstellt", Topic::NotBirth),
    ("storniert", Topic::NotBirth),
    ("gekündigt", Topic::NotBirth),
    // Not birth: French events.
    ("commande", Topic::NotBirth),
    ("commandé", Topic::NotBirth),
    ("livraison", Topic::NotBirth),
    ("livré", Topic::NotBirth),
    ("livrer", Topic::NotBirth),
    ("expédié", Topic::NotBirth),
    ("rendez-vous", Topic::NotBirth),
    ("facture", Topic::NotBirth),
    ("payé", Topic::NotBirth),
    ("paiement", Topic::NotBirth),
    ("remboursement", Topic::NotBirth),
    ("depuis", Topic::NotBirth),
    ("jusqu'au", Topic::NotBirth),
    ("jusqu’au", Topic::NotBirth),
    ("valable", Topic::NotBirth),
    ("expire", Topic::NotBirth),
    ("déménagé", Topic::NotBirth),
    ("abonnement", Topic::NotBirth),
];

/// Latest four-digit year accepted as a birth year (the corpus policy's plausible range; a
/// person born later cannot write to a contact center yet).
const MAX_BIRTH_YEAR: u16 = 2026;
/// Earliest four-digit year accepted at all (birth years of living people start here).
const MIN_YEAR: u16 = 1900;
/// Latest four-digit year accepted in `all_dates` mode.
const MAX_ANY_YEAR: u16 = 2099;

/// Longest gap between a context word and its date ("born in Fontaine-les-Bains on …" is 30
/// bytes; a clause rarely runs past 80 before the word stops being about the date).
const MAX_GAP: usize = 80;

/// Confidence of a date in birth context.
const BIRTH_CONFIDENCE: f32 = 0.9;
/// Confidence of a date reported only because `all_dates` is on.
const ANY_DATE_CONFIDENCE: f32 = 0.6;

/// A cheap necessary condition for [`detect`] to report a date at the anchor, whose digit run
/// ends at `e1`: the same first checks as [`detect`], then [`may_be_date`].
#[inline]
pub(crate) fn may_match(w: &Window<'_>, e1: usize) -> bool {
    let b = w.bytes;
    let a = w.at;
    let len1 = e1 - a;
    (len1 <= 2 || len1 == 4)
        && numeric_left_boundary(w, a)
        && !(a >= 2 && matches!(b[a - 1], b'-' | b'.' | b'/') && was_alphanumeric(b[a - 2]))
        && may_be_date(b, a, e1)
}

/// Pushes validated candidates for the anchor of `w`, whose digit run ends at `e1`.
pub(crate) fn detect(
    w: &Window<'_>,
    e1: usize,
    opts: &DetectOptions<'_>,
    out: &mut Vec<Candidate>,
) {
    let b = w.bytes;
    let a = w.at;
    let len1 = e1 - a;
    // A date's first digit run is a day, a month or a four-digit year.
    if !(len1 <= 2 || len1 == 4) || !numeric_left_boundary(w, a) {
        return;
    }
    // Not the continuation of a dotted/dashed/slashed token (`v2.14.3`, `ORD-12/…`, `10.0.0.1`).
    if a >= 2 && matches!(b[a - 1], b'-' | b'.' | b'/') && was_alphanumeric(b[a - 2]) {
        return;
    }
    let Some(date) = parse::date(b, a, e1) else {
        return;
    };
    if !standalone(w, &date)
        || (parse::followed_by_time(b, date.end) && !labelled_birth(w, opts, &date))
    {
        return;
    }
    // A two-digit year fits any century.
    let (birth_year, any_year) = match date.year {
        Some(y) => (
            (MIN_YEAR..=MAX_BIRTH_YEAR).contains(&y),
            (MIN_YEAR..=MAX_ANY_YEAR).contains(&y),
        ),
        None => (true, true),
    };
    if !(birth_year || opts.all_dates && any_year) {
        return;
    }
    let confidence = if birth_year && is_birth_date(w, opts, &date) {
        BIRTH_CONFIDENCE
    } else if opts.all_dates && any_year {
        ANY_DATE_CONFIDENCE
    } else {
        return;
    };
    out.push(Candidate {
        start: date.start,
        end: date.end,
        kind: Kind::DateOfBirth,
        confidence,
    });
}

/// A cheap necessary condition for one of the parsers to read a date at the digit run `a..e1`
/// (1, 2 or 4 digits), from the bytes right around it:
/// - [`parse::numeric`]: a `/`, `-` or `.` then a digit after the run;
/// - the written forms need a day (1–2 digits, 1 to 31) and a month name, which starts and ends
///   with an ASCII letter (see [`months::MONTHS`]):
///   - [`parse::month_first`]: before the day, at most two spaces (` ` or `C2 A0`) and an
///     optional `.`, then the month name's last letter;
///   - [`parse::day_first`]: after the day, an ordinal letter; or `-`, then the month's first
///     letter; or `.` or spaces, then at most two spaces, then a letter (the month or `of`).
#[inline]
fn may_be_date(b: &[u8], a: usize, e1: usize) -> bool {
    let next = b.get(e1).copied();
    let numeric =
        matches!(next, Some(b'/' | b'-' | b'.')) && b.get(e1 + 1).is_some_and(u8::is_ascii_digit);
    if numeric || e1 - a == 4 {
        return numeric;
    }
    if !(1..=31).contains(&parse::value(b, a, e1)) {
        return false;
    }
    let letter = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphabetic);
    // Skips at most two spaces (` ` or `C2 A0`) forward from `i`.
    let skip = |mut i: usize| {
        for _ in 0..2 {
            match b.get(i) {
                Some(b' ') => i += 1,
                Some(0xC2) if b.get(i + 1) == Some(&0xA0) => i += 2,
                _ => break,
            }
        }
        i
    };
    let day_first = match next {
        Some(c) if c.is_ascii_alphabetic() => true,
        Some(b'-') => letter(e1 + 1),
        Some(b'.') => letter(skip(e1 + 1)),
        Some(b' ' | 0xC2) => letter(skip(e1)),
        _ => false,
    };
    day_first || {
        // Back over at most two spaces and one dot.
        let (mut k, _) = parse::spaces_back(b, a, 2);
        if k > 0 && b[k - 1] == b'.' {
            k -= 1;
        }
        k < a && k > 0 && b[k - 1].is_ascii_alphabetic()
    }
}

/// True when a birth word labels the date directly: only spaces and `:`, `-`, `=` between them
/// (`DOB: 04/12/1985 10:30`, `born 04/12/1985 at 10:30`). Such a date stays a birth date even
/// when a time follows it (the time of birth), while an unlabelled date followed by a time is a
/// timestamp.
fn labelled_birth(w: &Window<'_>, opts: &DetectOptions<'_>, d: &Parsed) -> bool {
    let lo = line_start(w.bytes, d.start).max(d.start.saturating_sub(MAX_GAP + 32));
    opts.context
        .hits_of(w.bytes, lo..d.start, MINE)
        .last()
        .is_some_and(|h| {
            is_birth(&h)
                && w.bytes[h.span.end..d.start]
                    .split(|c| matches!(c, b' ' | b':' | b'-' | b'='))
                    .all(|word| {
                        word.is_empty() || LABEL_LINKS.iter().any(|l| l.eq_ignore_ascii_case(word))
                    })
        })
}

/// Words that may stand between a birth word and the date it labels (`born on`, `DOB is`,
/// `geboren am`, `né le` is one context word).
const LABEL_LINKS: &[&[u8]] = &[b"on", b"is", b"was", b"am", b"le", b"the", b"of"];

/// True when the date is a date on its own: not glued to a longer token on the right
/// (`1.2.3.4`, `17.9.17-beta.1`, `2024-11-02T14:33:05Z`), not a version number. (The date of a
/// timestamp is judged by the caller: see [`labelled_birth`].)
fn standalone(w: &Window<'_>, d: &Parsed) -> bool {
    let b = w.bytes;
    if !numeric_right_boundary(w, d.end) {
        return false;
    }
    let glued = matches!(w.get(d.end), Some(b'-' | b'.' | b'/' | b':'))
        && w.get(d.end + 1).is_some_and(was_alphanumeric);
    !glued && !parse::after_version_word(b, d.start)
}

/// What the nearest context word in the date's clause says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Link {
    /// A birth word, with nothing in between that would break the link.
    Birth,
    /// A non-birth word (order, moved, since …) is nearer.
    NotBirth,
    /// No context word in the clause.
    None,
}

/// The topics this detector reads (a set of [`Topic::bit`]s).
///
/// Other detectors' words are not read as birth or non-birth words: `account` or `claim`
/// between `date of birth` and its date says nothing about the date. (All detectors share one
/// leftmost-longest automaton, so a word that another table also lists comes back under that
/// table's topic; the tables should not share date words.)
const MINE: u8 = Topic::Birth.bit() | Topic::NotBirth.bit();

/// True for a birth word.
#[inline]
fn is_birth(h: &Hit) -> bool {
    h.topic == Topic::Birth
}

/// Decides whether the text marks the date as a birth date.
fn is_birth_date(w: &Window<'_>, opts: &DetectOptions<'_>, d: &Parsed) -> bool {
    let b = w.bytes;
    let ls = line_start(b, d.start);
    let le = line_end(b, d.end);
    match link(w, opts, ls, le, d) {
        Link::Birth => true,
        Link::NotBirth => false,
        // The rarer answer first: most lines before a date ask for nothing.
        Link::None => {
            (asked_before(w, opts, ls)
                || (short_answer(b, ls..d.start, d.end..le) && asked_in_quote_below(w, opts, le)))
                && opts
                    .context
                    .hits_of(b, ls..le, Topic::Birth.bit())
                    .next()
                    .is_none()
        }
    }
}

/// The nearest context word of the date's clause (within `ls..le`, its line): looking back
/// first, then ahead; a word counts only when the gap to the date is clean (see [`clean`]).
fn link(w: &Window<'_>, opts: &DetectOptions<'_>, ls: usize, le: usize, d: &Parsed) -> Link {
    let b = w.bytes;
    let topic = |h: Hit| {
        if is_birth(&h) {
            Link::Birth
        } else {
            Link::NotBirth
        }
    };
    // A date of an adult's birth year may sit a sentence or a table cell after its birth word
    // (`I need to correct my date of birth. It is 04/12/1985.`, `| DOB | 04/12/1985 |`); a
    // recent date there is more often a next step (`… date of birth. We will call you on
    // 04/12/2024.`). A non-birth word says nothing across a sentence end (`Die Rechnung ist
    // falsch. Ich bin am 17.12.1990 geboren.`).
    let far = |h: &Hit| is_birth(h) && d.year.is_some_and(|y| y <= CROSS_SENTENCE_MAX_YEAR);
    // A birthday with a date of the last few years is the coming celebration (`deliver before
    // my mom's birthday on February 28, 2025`), not a birth date.
    let topic = |h: Hit| {
        let occasion =
            d.year.is_some_and(|y| y > LAST_BIRTHDAY_YEAR) && birthday_word(&b[h.span.clone()]);
        if occasion {
            Link::NotBirth
        } else {
            topic(h)
        }
    };
    if let Some(h) = opts.context.hits_of(b, ls..d.start, MINE).last() {
        if clean(b, h.span.end, d.start, far(&h), is_birth(&h)) {
            if is_birth(&h) && event_on(b, &h, d) {
                return Link::NotBirth;
            }
            if !is_birth(&h) {
                let subject = opts.context.hits_of(b, ls..h.span.start, MINE).last();
                if let Some(bw) = subject.filter(|bw| relative_clause(b, bw, &h, d.start)) {
                    if clean(b, bw.span.end, d.start, false, true) {
                        return topic(bw);
                    }
                }
            }
            return topic(h);
        }
        // `dates of birth for the kids: 19th of August 2001 and 1.8.2006`: a list of dates
        // after one birth word.
        if is_birth(&h) && listed(b, h.span.end, d.start) {
            return topic(h);
        }
    }
    if let Some(h) = opts.context.hits_of(b, d.end..le, MINE).next() {
        if is_birth(&h) && listed_before(b, d.end, h.span.start) {
            return topic(h);
        }
        if clean(b, d.end, h.span.start, false, is_birth(&h))
            && !new_clause(&b[d.end..h.span.start])
        {
            return topic(h);
        }
    }
    Link::None
}

/// True when the gap between a date and a context word after it starts a new clause: a
/// coordinating conjunction stands in it (`22-Apr-1964 and my order was last week`,
/// `04/05/2024 and my birthday is …`), so the word is about what follows, not the date.
fn new_clause(gap: &[u8]) -> bool {
    /// Coordinating conjunctions (English, German, French).
    const CONJUNCTIONS: &[&[u8]] = &[b"and", b"but", b"und", b"aber", b"et", b"mais"];
    gap.split(|c| !c.is_ascii_alphabetic())
        .any(|w| CONJUNCTIONS.iter().any(|c| c.eq_ignore_ascii_case(w)))
}

/// True when the date is when something happened to the birth-date record rather than the
/// birth date: the birth word is a noun (`DOB`, `date of birth`, `Geburtsdatum`), not `born`,
/// and the date follows `on` not right after a copula (`I changed my DOB on 03/05/2024`,
/// `verified DOB and address on 2024-03-05`). German `am` and French `le` stand before every
/// kind of date, so they mark an event only for a date after [`CROSS_SENTENCE_MAX_YEAR`]
/// (`Ich habe Ihr Geburtsdatum am 27.04.2019 korrigiert`, `Votre date de naissance a été mise
/// à jour le 23/06/2024`; but `c'est sur la carte vitale… le 5 mars 1955`). `born on
/// 3/4/2019`, `DOB on file: 04/12/1985` and `Ma date de naissance est le 12/04/1985` stay
/// birth dates.
fn event_on(b: &[u8], h: &Hit, d: &Parsed) -> bool {
    /// Birth words that are verbs: `born on`, `geb. am` give the birth date.
    const VERBS: &[&[u8]] = &[b"born", b"geboren", b"geb.", b"geb"];
    /// Prepositions of a date on which something happened: English, then German and French
    /// (those for recent dates only).
    const ON: &[&[u8]] = &[b" on ", b" am ", b" le "];
    /// Copulas: `DOB is on …`, `Geburtsdatum ist am …` name the birth date itself (but `was
    /// updated on` does not).
    const COPULAS: &[&[u8]] = &[b"is", b"was", b"ist", b"war", b"est"];
    let word = &b[h.span.clone()];
    let gap = &b[h.span.end..d.start];
    let recent = d.year.is_some_and(|y| y > CROSS_SENTENCE_MAX_YEAR);
    let on = if recent { ON } else { &ON[..1] };
    let copula = gap
        .split(|&c| c == b' ')
        .filter(|w| !w.is_empty())
        .rev()
        .nth(1)
        .is_some_and(|w| COPULAS.iter().any(|c| c.eq_ignore_ascii_case(w)));
    !VERBS.iter().any(|v| v.eq_ignore_ascii_case(word))
        && word.is_ascii()
        && on.iter().any(|on| ends_with_ignore_case(gap, on))
        && !copula
}

/// True when the non-birth word `h` sits in a relative clause of the birth word `bw` and the
/// date is what that birth word *is*: `the date of birth I registered with is 21 Oct 2004`.
/// The clause follows the birth word directly (at most three plain words between them) and
/// the non-birth word does not label the date: more than link words stand between them, the
/// last of which is `is` or `was` (`the bill I paid was 04/05/2024` still belongs to `paid`
/// when no birth word heads the clause; `DOB is right, the order I placed was …` has a comma).
fn relative_clause(b: &[u8], bw: &Hit, h: &Hit, date_start: usize) -> bool {
    fn words(g: &[u8]) -> impl DoubleEndedIterator<Item = &[u8]> {
        g.split(|&c| c == b' ').filter(|w| !w.is_empty())
    }
    let plain = |g: &[u8]| g.iter().all(|&c| c.is_ascii_alphabetic() || c == b' ');
    let between = &b[bw.span.end..h.span.start];
    let after = &b[h.span.end..date_start];
    if !is_birth(bw) || !plain(between) || !plain(after) || words(between).count() > 3 {
        return false;
    }
    let link = |w: &[u8]| LABEL_LINKS.iter().any(|l| l.eq_ignore_ascii_case(w));
    let copula = |w: &[u8]| w.eq_ignore_ascii_case(b"is") || w.eq_ignore_ascii_case(b"was");
    words(after).count() >= 2
        && words(after).next_back().is_some_and(copula)
        && !words(after).all(link)
}

/// Most dates before this one in a list after one birth word ([`listed`]).
const MAX_LISTED: usize = 3;

/// True when `b[from..to]`, between a birth word and a date, is a clean lead-in followed by one
/// or more dates, each followed by a list separator (`, `, ` and `, ` & `, ` und `, ` et `) or a
/// [`companion`] clause: the date at `to` is the next item of the list.
fn listed(b: &[u8], from: usize, to: usize) -> bool {
    let mut i = from;
    for n in 0..MAX_LISTED {
        let Some(a) = b[i..to].iter().position(u8::is_ascii_digit).map(|p| i + p) else {
            return false;
        };
        let e1 = parse::digits_end(b, a);
        let date = parse::date(b, a, e1);
        let Some(date) = date.filter(|d| d.start >= i && d.end <= to) else {
            return false;
        };
        if n == 0 && !clean(b, from, date.start, false, true) {
            return false;
        }
        if n > 0 && !joins(&b[i..date.start]) {
            return false;
        }
        if joins(&b[date.end..to]) {
            return true;
        }
        i = date.end;
    }
    false
}

/// The mirror of [`listed`] for a birth word after the dates (`Wir sind am 12.04.1985 und am
/// 03.05.1987 geboren.`): `b[from..to]`, between the date and the birth word, is one or more
/// further dates, each after a list separator and maybe a preposition, then a clean tail.
fn listed_before(b: &[u8], from: usize, to: usize) -> bool {
    let mut i = from;
    for _ in 0..MAX_LISTED {
        let Some(a) = b[i..to].iter().position(u8::is_ascii_digit).map(|p| i + p) else {
            return i > from && clean(b, i, to, false, true);
        };
        let e1 = parse::digits_end(b, a);
        let Some(date) = parse::date(b, a, e1).filter(|d| d.start >= i && d.end <= to) else {
            return false;
        };
        if !joins(&b[i..date.start]) {
            return false;
        }
        i = date.end;
    }
    false
}

/// List separators between dates (lower case; surrounding spaces included).
const SEPARATORS: &[&[u8]] = &[b", ", b" and ", b", and ", b" & ", b" und ", b" et ", b"; "];

/// True when `gap` joins two dates of one list of birth dates: a list separator, maybe with a
/// preposition after it (` und am `, ` et le `), or a [`companion`] clause.
fn joins(gap: &[u8]) -> bool {
    /// Words that may stand before the next date of a list.
    const PREPOSITIONS: &[&[u8]] = &[b"am ", b"le ", b"on ", b"the "];
    SEPARATORS.iter().any(|s| {
        gap.len() >= s.len()
            && gap[..s.len()].eq_ignore_ascii_case(s)
            && (gap.len() == s.len()
                || PREPOSITIONS
                    .iter()
                    .any(|p| gap[s.len()..].eq_ignore_ascii_case(p)))
    }) || companion(gap)
}

/// True when `gap` between two dates names whose the next one is: at most eight words with a
/// relative (`, and my husband's is `, `, das meiner Frau der `, ` et celle de ma femme est
/// le `, `, my wife on `) or a first-person pronoun (` me `, ` me so `: transcripts), maybe
/// after a short parenthesis saying whose the first one was (`(me), `, `(ich) und `). No
/// digit, sentence end or cell border: those separate as in [`clean`]. (`my DOB is
/// 04-Nov-1993, my policy started 12/1/19` names no one: the second date is not listed.)
fn companion(gap: &[u8]) -> bool {
    /// Relatives whose birth dates callers give with their own (English, German, French;
    /// lower case, ASCII forms).
    const WHOSE: &[&[u8]] = &[
        b"wife",
        b"husband",
        b"partner",
        b"spouse",
        b"son",
        b"daughter",
        b"child",
        b"kid",
        b"kids",
        b"mother",
        b"mom",
        b"mum",
        b"father",
        b"dad",
        b"brother",
        b"sister",
        b"frau",
        b"mann",
        b"mannes",
        b"ehefrau",
        b"ehemann",
        b"partnerin",
        b"sohn",
        b"sohnes",
        b"tochter",
        b"kind",
        b"kindes",
        b"mutter",
        b"vater",
        b"bruder",
        b"schwester",
        b"femme",
        b"mari",
        b"conjoint",
        b"conjointe",
        b"fils",
        b"fille",
        b"enfant",
        b"compagnon",
        b"compagne",
    ];
    /// First-person pronouns: whose the date before is (`10/02/1979 me 26/01/2012 …`).
    const ME: &[&[u8]] = &[b"me", b"moi", b"ich", b"mine"];
    /// Longest companion clause, and most words in it.
    const MAX_LEN: usize = 48;
    const MAX_WORDS: usize = 8;
    let separated = gap.iter().any(|&c| {
        c.is_ascii_digit() || matches!(c, b'.' | b'!' | b'?' | b';' | b'|' | b'*' | b'\n')
    });
    if separated || gap.len() > MAX_LEN {
        return false;
    }
    fn words(g: &[u8]) -> impl Iterator<Item = &[u8]> {
        g.split(|&c| matches!(c, b' ' | b',' | b'(' | b')'))
            .filter(|w| !w.is_empty())
            .map(|w| w.strip_suffix(b"'s").unwrap_or(w))
    }
    let is = |list: &[&[u8]], w: &[u8]| list.iter().any(|x| x.eq_ignore_ascii_case(w));
    let person = |g: &[u8]| words(g).any(|w| is(WHOSE, w) || is(ME, w));
    let g = gap.trim_ascii_start();
    let (paren, rest) = match g.first() {
        Some(b'(') => match g.iter().take(24).position(|&c| c == b')') {
            Some(close) => (Some(&g[1..close]), &g[close + 1..]),
            None => return false,
        },
        _ => (None, g),
    };
    if words(rest).count() > MAX_WORDS {
        return false;
    }
    match paren {
        Some(p) => person(p) && (words(rest).all(|w| is(FILLERS, w)) || person(rest)),
        None => {
            words(rest).any(|w| is(WHOSE, w))
                || (words(rest).any(|w| is(ME, w))
                    && words(rest).all(|w| is(ME, w) || is(FILLERS, w)))
        }
    }
}

/// Spoken fillers that may stand between two dates of a transcript (`… me so 20/11/1979`).
const FILLERS: &[&[u8]] = &[b"so", b"uh", b"um", b"and", b"und", b"et"];

/// Latest year of a date that a birthday word (not `born` or `DOB`) makes a birth date: later
/// ones are celebrations (see [`link`]). Three years before [`MAX_BIRTH_YEAR`].
const LAST_BIRTHDAY_YEAR: u16 = MAX_BIRTH_YEAR - 3;

/// True for the words of a celebration rather than of a birth record.
fn birthday_word(word: &[u8]) -> bool {
    [&b"birthday"[..], b"bday", b"b-day", b"geburtstag"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// Latest year of a birth date linked to a birth word across a sentence end or a table cell
/// (see [`link`]).
const CROSS_SENTENCE_MAX_YEAR: u16 = 2010;

/// True when nothing in `b[from..to]` separates a context word from the date: at most
/// [`MAX_GAP`] bytes, no digit (another number sits between them and takes the word) and no
/// sentence end (`.`, `!` or `;` then a
/// space, or a `|` form separator). A `.` after a one-letter word or a title (`J. Smith`,
/// `Mr. Smith`) does not end a sentence; a `?` does not either (a question and its answer may
/// share a line).
///
/// With `across`, sentence ends and `|` cell borders do not separate (the rest still does).
/// `birth` says whether the word is a birth word (see the `*` rule inside).
/// Markdown stars after the word (`**DOB:** 04/12/1985`, `**DOB**: …`) or a required-field
/// star (`DOB*: 04/12/1985`) are skipped (see [`markup_stars_before`]); elsewhere a `*` is a
/// masked digit.
fn clean(b: &[u8], from: usize, to: usize, across: bool, birth: bool) -> bool {
    let gap = &b[from..to.max(from)];
    if gap.len() > MAX_GAP {
        return false;
    }
    // A lone table-cell border (`| DOB | 04/12/85 |`): the word is the label of the next cell.
    let cell = gap.iter().filter(|c| !matches!(c, b' ' | b'\t')).eq(b"|");
    let mut i = 0;
    while let Some(&c) = gap.get(i) {
        match c {
            // A time of day says when, not what (`born at 7:45 am on June 13, 1958`).
            b'0'..=b'9' => match parse::time_of_day(b, from + i) {
                Some(end) => {
                    i = end - from;
                    continue;
                }
                None => return false,
            },
            // A masked run may have been a number or letters: it separates a birth word from
            // the date but not a non-birth word, the stricter reading either way.
            b'*' => {
                let run = gap[i..].iter().take_while(|&&c| c == b'*').count();
                if markup_stars_before(b, from + i + run) {
                    i += run;
                    continue;
                }
                if birth {
                    return false;
                }
            }
            b'|' if !across && !cell => return false,
            b'.' | b'!' | b';' if !across => {
                let spaced = matches!(gap.get(i + 1), None | Some(b' ' | b'\t' | b'\r' | 0xC2));
                // A masked word before the dot may have been a title (`ca.`, `Dr.`): for a
                // non-birth word it is one, the stricter reading (masking is idempotent).
                let masked = !birth && from + i > 0 && b[from + i - 1] == b'*';
                if spaced && !(c == b'.' && (abbreviation(&b[..from + i]) || masked)) {
                    return false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    true
}

/// True when `head` ends with a word that takes an abbreviation dot: one letter, or a title.
fn abbreviation(head: &[u8]) -> bool {
    /// Titles and short forms written with a dot (lower case).
    const ABBREVIATIONS: &[&[u8]] = &[
        b"mr", b"mrs", b"ms", b"dr", b"prof", b"st", b"jr", b"sr", b"no", b"nr", b"approx", b"ca",
        b"vs", b"etc", b"hr", b"fr", b"mme", b"mlle", b"geb",
    ];
    let mut s = head.len();
    while s > 0 && head[s - 1].is_ascii_alphabetic() && head.len() - s < 8 {
        s -= 1;
    }
    let word = &head[s..];
    word.len() == 1 || ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a))
}

/// True when the line before the date's line (`ls` is its start), skipping at most two filler
/// lines, asks for the date of birth: its last context word is a birth word and no digit follows
/// it (the question is not answered on that line).
fn asked_before(w: &Window<'_>, opts: &DetectOptions<'_>, ls: usize) -> bool {
    /// Filler lines ("one sec", "sure, let me check") skipped between question and answer.
    const MAX_FILLERS: usize = 2;
    /// Header fields whose date is the message's own (RFC 5322 `Date:`, Outlook's quoted
    /// `Sent:`, their German and French forms): never an answer to a question.
    const HEADERS: &[&[u8]] = &[
        b"date",
        b"sent",
        b"received",
        b"datum",
        b"gesendet",
        "envoyé".as_bytes(),
    ];
    let b = w.bytes;
    // Only a line that asks needs the answer's speaker.
    let answerer = || speaker(&b[ls..line_end(b, ls)]);
    let mut end = ls;
    let mut fillers = 0;
    while end > 0 {
        // `end - 1` is the `\n` that ends the previous line.
        let nl = end - 1;
        let ps = line_start(b, nl);
        // What the line asks for: the first word of ours in its asking sentence (`What's your
        // date of birth so I can process the refund?`), else the last one on the line.
        // (When the asking sentence is the whole line, the second search has nothing to find.)
        let (sentence, asked) = asked_word(w, opts, ps..nl);
        match asked {
            Some(h) if is_birth(&h) => {
                let answerer = answerer();
                if answerer.is_some_and(|a| HEADERS.iter().any(|h| a.eq_ignore_ascii_case(h))) {
                    return false;
                }
                let asker = speaker(&b[ps..nl]);
                let same_speaker =
                    matches!((asker, answerer), (Some(q), Some(a)) if q.eq_ignore_ascii_case(a));
                // A sentence that gives a date states the birth date, it does not ask for one
                // (`Kunde: Ich bin am 19.10.1955 geboren.`).
                let said = match sentence.contains(&h.span.start) {
                    true => sentence.start..h.span.start,
                    false => ps..h.span.start,
                };
                return !same_speaker
                    && !b[h.span.end..nl].iter().any(is_number_byte)
                    && !states_a_date(b, said);
            }
            Some(_) => return false,
            // A birth or non-birth word makes the line more than a filler (another
            // detector's word does not: `let me grab my ID`).
            None if fillers < MAX_FILLERS && filler(&b[ps..nl]) => {
                fillers += 1;
                end = ps;
            }
            None => return false,
        }
    }
    false
}

/// True when the date's line (ending at `le`) is a top-posted e-mail reply to a question for the
/// date of birth: a few lines below it (the rest of the reply, a sign-off; none quoted, none
/// with a birth or non-birth word) comes a quote header (`On … wrote:`, `Am … schrieb …:`,
/// `Le … a écrit :`, `-----Original Message-----`), and the first quoted line with such a
/// word asks for the date of birth (see [`asks_for_birth`]). Bounded by the window, like every
/// look ahead.
fn asked_in_quote_below(w: &Window<'_>, opts: &DetectOptions<'_>, le: usize) -> bool {
    /// Lines between the answer and the quote header, at most.
    const MAX_BETWEEN: usize = 8;
    /// Quoted lines read for the question, at most.
    const MAX_QUOTED: usize = 4;
    let b = w.bytes;
    let mut start = le + 1;
    let mut header = false;
    for _ in 0..MAX_BETWEEN {
        if start >= b.len() {
            return false;
        }
        let end = line_end(b, start);
        let line = b[start..end].trim_ascii();
        if line.first() == Some(&b'>') {
            return false;
        }
        if quote_header(line) {
            header = true;
            start = end + 1;
            break;
        }
        if opts.context.hits_of(b, start..end, MINE).next().is_some() {
            return false;
        }
        start = end + 1;
    }
    if !header {
        return false;
    }
    for _ in 0..MAX_QUOTED {
        if start >= b.len() || b[start] != b'>' {
            return false;
        }
        let end = line_end(b, start);
        if end == b.len() {
            // The line may go on past the window: what it asks is not known.
            return false;
        }
        match asks_for_birth(w, opts, start..end) {
            Some(asks) => return asks,
            None => start = end + 1,
        }
    }
    false
}

/// True when the date's line is a short answer: at most three words before the date and three
/// after it (`Sure, it's 12/07/1960`, `Jan 5, 1968`). A reply's longer lines tell of other
/// dates (`the sync error started on May 28, 2021`) even when the quoted message asked for the
/// date of birth.
fn short_answer(b: &[u8], before: std::ops::Range<usize>, after: std::ops::Range<usize>) -> bool {
    /// Most words on either side of the date.
    const MAX_WORDS: usize = 3;
    let words = |r: std::ops::Range<usize>| {
        b[r].split(|c| c.is_ascii_whitespace())
            .filter(|w| w.iter().any(u8::is_ascii_alphanumeric))
            .count()
    };
    words(before) <= MAX_WORDS && words(after) <= MAX_WORDS
}

/// True when `text` ends with `suffix`, ASCII case aside.
fn ends_with_ignore_case(text: &[u8], suffix: &[u8]) -> bool {
    text.len() >= suffix.len() && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// True for the line that introduces a quoted earlier message.
fn quote_header(line: &[u8]) -> bool {
    /// How quote headers end (lower case), and the Outlook separator.
    const ENDINGS: &[&[u8]] = &[
        b"wrote:",
        b"schrieb:",
        "écrit :".as_bytes(),
        "écrit:".as_bytes(),
    ];
    ENDINGS.iter().any(|e| ends_with_ignore_case(line, e))
        || line
            .windows(16)
            .any(|x| x.eq_ignore_ascii_case(b"original message"))
}

/// What the line `line` asks about, if it names anything of ours: `Some(true)` when the first
/// birth or non-birth word of its asking sentence (else its last one) is a birth word with no
/// number after it on the line; `Some(false)` for another word; `None` without one.
fn asks_for_birth(
    w: &Window<'_>,
    opts: &DetectOptions<'_>,
    line: std::ops::Range<usize>,
) -> Option<bool> {
    let b = w.bytes;
    let asked = asked_word(w, opts, line.clone()).1?;
    Some(is_birth(&asked) && !b[asked.span.end..line.end].iter().any(is_number_byte))
}

/// What the line `line` asks for: its asking sentence, and the first birth or non-birth word
/// in it (`What's your date of birth so I can process the refund?`), else the last such word
/// on the line. (When the asking sentence is the whole line, the second search has nothing to
/// find.)
fn asked_word(
    w: &Window<'_>,
    opts: &DetectOptions<'_>,
    line: std::ops::Range<usize>,
) -> (std::ops::Range<usize>, Option<Hit>) {
    let b = w.bytes;
    let sentence = asking_sentence(b, line.clone());
    let asked = opts
        .context
        .hits_of(b, sentence.clone(), MINE)
        .next()
        .or_else(|| {
            let whole = sentence == line;
            (!whole).then(|| opts.context.hits_of(b, line, MINE).last())?
        });
    (sentence, asked)
}

/// True when `b[range]` holds a date, or what masking may have made of one (the stricter
/// reading, so that a question stays a question after masking): a date the parsers read, a
/// run of four or more `*` (a masked year or value), or digit-or-`*` groups joined twice by
/// one of `.`, `/`, `-` (`**.**.**`).
fn states_a_date(b: &[u8], range: std::ops::Range<usize>) -> bool {
    let text = &b[range.clone()];
    if text.windows(4).any(|w| w == b"****") {
        return true;
    }
    let masked_numeric = text.windows(3).enumerate().any(|(i, w)| {
        matches!(w[1], b'.' | b'/' | b'-')
            && w[0] == b'*'
            && is_number_byte(&w[2])
            && text[i + 2..].iter().find(|c| !is_number_byte(c)) == Some(&w[1])
    });
    if masked_numeric {
        return true;
    }
    let mut i = range.start;
    while i < range.end {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let e1 = parse::digits_end(b, i);
            if parse::date(b, i, e1).is_some_and(|d| d.start >= range.start && d.end <= range.end) {
                return true;
            }
            i = e1;
        } else {
            i += 1;
        }
    }
    false
}

/// The speaker label of a chat or transcript line (`Agent (Vidhi)` in `Agent (Vidhi): …`,
/// `AGENT` in `[00:01:25] AGENT: …`, `Conseiller` in `Conseiller : …`), if it has one.
///
/// An answer comes from the other party: a birth word on the previous line said by the same
/// speaker is a statement that goes on, not a question this line answers.
fn speaker(line: &[u8]) -> Option<&[u8]> {
    /// Longest speaker label.
    const MAX_LABEL: usize = 40;
    let mut s = 0;
    if line.first() == Some(&b'[') {
        s = line.iter().take(MAX_LABEL).position(|&c| c == b']')? + 1;
    }
    while line.get(s) == Some(&b' ') {
        s += 1;
    }
    let colon = s + label_colon(&line[s..line.len().min(s + MAX_LABEL)])?;
    let label = &line[s..colon];
    let plain = plain_label(label);
    // Trim the space (or UTF-8 no-break space, C2 A0) French typography puts before `:`.
    let mut e = label.len();
    while e > 0 && matches!(label[e - 1], b' ' | 0xA0 | 0xC2) {
        e -= 1;
    }
    (plain && e > 0).then(|| &label[..e])
}

/// True for a short line that carries no number: a filler turn such as `Customer: one sec`
/// (a leading `[10:56]` time stamp is ignored), or a blank line.
fn filler(line: &[u8]) -> bool {
    /// Longest line still taken as a filler turn.
    const MAX_FILLER_LEN: usize = 80;
    let body = match line.first() {
        Some(b'[') => line
            .iter()
            .position(|&c| c == b']')
            .map_or(line, |p| &line[p + 1..]),
        _ => line,
    };
    // The speaker label's digits (`spk_1:`) are not a number in the turn.
    let body = match (speaker(line), label_colon(body)) {
        (Some(_), Some(colon)) => &body[colon + 1..],
        _ => body,
    };
    body.len() <= MAX_FILLER_LEN && !body.iter().any(is_number_byte)
}

#[cfg(test)]
mod tests;
