//! US_SSN: US Social Security numbers.
//!
//! - `AAA-GG-SSSS` and `AAA GG SSSS` (one separator throughout) are reported wherever they
//!   stand alone: that shape is specific enough.
//! - The bare form `AAAGGSSSS` is reported only when the text is about an SSN: an SSN word
//!   (`SSN`, `social security number`, `social` …) closer before it on its line than any word
//!   naming another 9-digit number (routing, member ID, claim …), or right after it; or, on a
//!   line with no such word, a question for the SSN from the other party in the line just
//!   before (one short filler line may sit between them).
//!
//! Every match must be a number the SSA could have issued (see [`ssa_valid`]). A number that
//! is part of a longer grouped run (`112-4567890-1234567`, `4821-9931-02`, a card read out in
//! groups) or glued to letters or digits is not an SSN. The last four digits of an SSN are not
//! reported: four digits never match.

use super::{
    is_number_byte, is_word_byte, markup_stars_before, numeric_left_boundary,
    numeric_right_boundary, thousands_comma, was_word_byte, Candidate, DetectOptions, Window,
};
use crate::context::{asking_sentence, labels, line_start, same_sentence, speaker_label, Topic};
use crate::Kind;

/// Context words. [`Topic::Ssn`]: names of the Social Security number as written in chats,
/// forms and transcripts. [`Topic::NotSsn`]: other numbers that are often nine digits long
/// (ABA routing numbers, member, claim, policy and account numbers, order, case, reference and
/// tracking numbers, ZIP+4 codes),
/// and `last four` (a question for the last four digits is not a question for the SSN).
pub(crate) const CONTEXT: &[(&str, Topic)] = &[
    ("ssn", Topic::Ssn),
    ("ssn#", Topic::Ssn),
    ("s.s.n", Topic::Ssn),
    ("ss#", Topic::Ssn),
    ("ss #", Topic::Ssn),
    ("ss no", Topic::Ssn),
    ("soc sec", Topic::Ssn),
    ("soc. sec.", Topic::Ssn),
    ("social", Topic::Ssn),
    ("social security", Topic::Ssn),
    ("social security number", Topic::Ssn),
    ("social security no", Topic::Ssn),
    ("routing", Topic::NotSsn),
    ("aba", Topic::NotSsn),
    ("member id", Topic::NotSsn),
    ("member_id", Topic::NotSsn),
    ("memberid", Topic::NotSsn),
    ("account_number", Topic::NotSsn),
    ("policy_number", Topic::NotSsn),
    ("group_number", Topic::NotSsn),
    ("case_number", Topic::NotSsn),
    ("member number", Topic::NotSsn),
    ("member no", Topic::NotSsn),
    ("membership", Topic::NotSsn),
    ("claim", Topic::NotSsn),
    ("policy number", Topic::NotSsn),
    ("group number", Topic::NotSsn),
    ("account number", Topic::NotSsn),
    ("acct", Topic::NotSsn),
    ("order", Topic::NotSsn),
    ("invoice", Topic::NotSsn),
    ("case number", Topic::NotSsn),
    ("ticket", Topic::NotSsn),
    ("confirmation", Topic::NotSsn),
    ("reference", Topic::NotSsn),
    ("ref", Topic::NotSsn),
    ("tracking", Topic::NotSsn),
    ("zip", Topic::NotSsn),
    ("ein", Topic::NotSsn),
    ("npi", Topic::NotSsn),
    ("last four", Topic::NotSsn),
    ("last 4", Topic::NotSsn),
];

/// How far before a bare number an SSN word on its line counts.
const WORD_BEFORE: usize = 96;
/// How far before a bare number a context word counts when no sentence ends between them (`my
/// social security number, which I am a bit nervous about sending by email given all the
/// phishing going around: 123456789`).
const SENTENCE_BEFORE: usize = 192;
/// How far after a bare number an SSN word on its line counts (`123456789 is my SSN`).
const WORD_AFTER: usize = 32;
/// Lines looked at above a bare number for the question (the question, or a filler and it).
const PREVIOUS_LINES: usize = 2;
/// A line between the question and the answer counts as a filler up to this length.
const FILLER_MAX: usize = 64;
/// A line without `?` or a final `:` still asks for the SSN when it is this short (`SSN`).
const LABEL_MAX: usize = 40;

/// True when an SSN with these fields could have been issued.
///
/// Source: SSA, "Social Security Number Randomization" FAQ
/// (https://www.ssa.gov/employer/randomizationfaqs.html): area numbers 000, 666 and 900–999
/// are not assigned, nor group 00 nor serial 0000.
fn ssa_valid(area: u32, group: u32, serial: u32) -> bool {
    area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
}

/// The value of the ASCII digits `bytes` (at most nine, so no overflow).
fn value(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(0, |acc, b| acc * 10 + u32::from(b.wrapping_sub(b'0')))
}

/// True for bytes that join digits into another token: decimals, thousands, dates, times,
/// dashed references.
#[inline]
fn numeric_joiner(b: u8) -> bool {
    matches!(b, b'.' | b',' | b'-' | b'/' | b':')
}

/// True when nothing glues the number starting at `start` to what comes before it: no letter
/// or digit, no `+` (a phone number), no dash after a word (`CS-123456789`), and no digits
/// joined by punctuation or by the number's own separator (`SR 2-18222254`, a grouped run).
fn left_ok(w: &Window<'_>, start: usize, sep: Option<u8>) -> bool {
    if !numeric_left_boundary(w, start) {
        return false;
    }
    let Some(b) = w.before(start) else {
        return true;
    };
    if b == b'+' {
        return false;
    }
    let Some(c) = start.checked_sub(2).map(|i| w.bytes[i]) else {
        return true;
    };
    if b == b'-' && was_word_byte(c) {
        return false;
    }
    if b == b' ' && c == b'*' && markup_stars_before(w.bytes, start - 1) {
        // `**SSN:** 560 46 4085`, `* 560 46 4085`: markdown, not a masked group.
        return true;
    }
    if b == b',' && sep == Some(b' ') {
        // A comma before the spaced form separates fields (`CUST-1,560 46 4085` in a CSV row)
        // unless it may group thousands with the three-digit area (`1,560 46 4085`).
        return !thousands_comma(w.bytes, start - 1, 3);
    }
    !(is_number_byte(&c) && glues(b, sep))
}

/// True when `b` between the number (written with separator `sep`) and a digit makes them one
/// token. A comma next to the dashed form separates fields (`66150,219-09-9999,03/08/1963` in a
/// CSV row): no decimal or thousands group looks like `AAA-GG-SSSS`.
fn glues(b: u8, sep: Option<u8>) -> bool {
    if b == b',' && sep == Some(b'-') {
        return false;
    }
    numeric_joiner(b) || Some(b) == sep
}

/// True when nothing glues the number ending at `end` to what comes after it (the mirror of
/// [`left_ok`]).
fn right_ok(w: &Window<'_>, end: usize, sep: Option<u8>) -> bool {
    if !numeric_right_boundary(w, end) {
        return false;
    }
    let Some(b) = w.get(end) else {
        return true;
    };
    let Some(c) = w.get(end + 1) else {
        return true;
    };
    if b == b'-' && is_word_byte(c) {
        return false;
    }
    if b == b',' && sep == Some(b' ') {
        // After the four-digit serial a comma is no thousands separator: it separates fields
        // (`560 46 4085,2316`).
        return true;
    }
    !(is_number_byte(&c) && glues(b, sep))
}

/// A cheap necessary condition for [`detect`] to report an SSN at the anchor, whose digit run
/// ends at `run_end`: no leading 9, and a bare 9-digit run or a 3-digit area then `-` or space.
#[inline]
pub(crate) fn may_match(w: &Window<'_>, run_end: usize) -> bool {
    !matches!(w.get(w.at), None | Some(b'9'))
        && match run_end - w.at {
            9 => true,
            3 => matches!(w.get(run_end), Some(b'-' | b' ')),
            _ => false,
        }
}

/// Pushes a [`Kind::UsSsn`] candidate when the anchor starts a valid SSN.
pub(crate) fn detect(w: &Window<'_>, opts: &DetectOptions<'_>, out: &mut Vec<Candidate>) {
    let start = w.at;
    // Areas 900-999 are never issued: one comparison rejects every run starting with 9.
    if matches!(w.get(start), None | Some(b'9')) {
        return;
    }
    let first_end = w.digits_end(start);
    match first_end - start {
        3 => formatted(w, start, first_end, out),
        9 => bare(w, opts, start, first_end, out),
        _ => {}
    }
}

/// `AAA-GG-SSSS` or `AAA GG SSSS`.
fn formatted(w: &Window<'_>, start: usize, area_end: usize, out: &mut Vec<Candidate>) {
    let sep = match w.get(area_end) {
        Some(s @ (b'-' | b' ')) => s,
        _ => return,
    };
    let group = area_end + 1;
    let group_end = w.digits_end(group);
    if group_end - group != 2 || w.get(group_end) != Some(sep) {
        return;
    }
    let serial = group_end + 1;
    let end = w.digits_end(serial);
    if end - serial != 4 {
        return;
    }
    if !left_ok(w, start, Some(sep)) || !right_ok(w, end, Some(sep)) {
        return;
    }
    let b = w.bytes;
    if !ssa_valid(
        value(&b[start..area_end]),
        value(&b[group..group_end]),
        value(&b[serial..end]),
    ) {
        return;
    }
    out.push(Candidate {
        start,
        end,
        kind: Kind::UsSsn,
        confidence: 0.9,
    });
}

/// `AAAGGSSSS`, with SSN context.
fn bare(
    w: &Window<'_>,
    opts: &DetectOptions<'_>,
    start: usize,
    end: usize,
    out: &mut Vec<Candidate>,
) {
    if !left_ok(w, start, None) || !right_ok(w, end, None) {
        return;
    }
    let b = w.bytes;
    if !ssa_valid(
        value(&b[start..start + 3]),
        value(&b[start + 3..start + 5]),
        value(&b[start + 5..end]),
    ) {
        return;
    }
    if !ssn_context(w, opts, start, end) {
        return;
    }
    out.push(Candidate {
        start,
        end,
        kind: Kind::UsSsn,
        confidence: 0.8,
    });
}

/// The topics this detector weighs (a set of [`Topic::bit`]s): SSN words and words naming
/// other numbers.
const SSN_TOPICS: u8 = Topic::Ssn.bit() | Topic::NotSsn.bit();

/// True when the text around the bare number `start..end` is about an SSN.
fn ssn_context(w: &Window<'_>, opts: &DetectOptions<'_>, start: usize, end: usize) -> bool {
    let b = w.bytes;
    let ls = line_start(b, start);
    let le = crate::context::line_end(b, end);
    // The nearest word before the number on its line decides (`SSN … routing number 0210…`),
    // except that a non-SSN word that does not label the number (`my social security number
    // for the insurance claim is 123456789`) leaves the decision to an SSN word before it in
    // the same sentence.
    let lo = ls.max(start.saturating_sub(SENTENCE_BEFORE));
    let near = start.saturating_sub(WORD_BEFORE);
    let mut ssn_word: Option<usize> = None;
    let mut last = None;
    for h in opts.context.hits_of(b, lo..start, SSN_TOPICS) {
        if h.span.end < near && !same_sentence(&b[h.span.end..start]) {
            continue;
        }
        if h.topic == Topic::Ssn {
            ssn_word = Some(h.span.end);
        }
        last = Some(h);
    }
    if let Some(h) = last {
        if h.topic == Topic::Ssn || labels(&b[h.span.end..start]) {
            return h.topic == Topic::Ssn;
        }
        return ssn_word.is_some_and(|e| same_sentence(&b[e..start]));
    }
    // A word after the number is about it (`123456789 is my SSN`) unless another number
    // follows the word on the line (`…, and my member ID 987654321`). A masked `*` run may
    // have been a number or letters (an address), so it is read the stricter way: as a number
    // after an SSN word (the word is then not ours), as letters after another word (the word
    // then is). Either way redacting masked text finds nothing the first pass did not.
    let after = opts
        .context
        .hits_of(b, end..le.min(end + WORD_AFTER), SSN_TOPICS)
        .next();
    if let Some(h) = after {
        let next = &b[h.span.end..le.min(h.span.end + WORD_AFTER)];
        let number_follows = match h.topic {
            Topic::Ssn => next.iter().any(is_number_byte),
            _ => next.iter().any(u8::is_ascii_digit),
        };
        if !number_follows {
            return h.topic == Topic::Ssn;
        }
    }
    asked_before(w, opts, ls)
}

/// True when one of the [`PREVIOUS_LINES`] lines above the line starting at `ls` asks for the
/// SSN: its last SSN-or-not word is an SSN word, it does not ask for the last four digits, it
/// reads as a request ([`asks`]), and it does not come from the same speaker as the answer.
/// Lines in between must be short fillers without digits (`one sec`).
fn asked_before(w: &Window<'_>, opts: &DetectOptions<'_>, ls: usize) -> bool {
    let b = w.bytes;
    let answerer = speaker_label(b, ls);
    let mut next = ls;
    for _ in 0..PREVIOUS_LINES {
        // `next` is the start of a line; the previous line ends at the '\n' before it.
        let Some(nl) = next.checked_sub(1) else {
            return false;
        };
        let ps = line_start(b, nl);
        let line = ps..nl;
        let mut last = None;
        let mut last_four = false;
        for h in opts.context.hits_of(b, line.clone(), SSN_TOPICS) {
            last_four |= b[h.span.clone()]
                .get(..4)
                .is_some_and(|s| s.eq_ignore_ascii_case(b"last"));
            last = Some(h.topic);
        }
        // What the line asks for: the first word of ours in its asking sentence (`What's your
        // SSN so I can locate the claim?`), else the last one on the line.
        let asked = opts
            .context
            .hits_of(b, asking_sentence(b, line.clone()), SSN_TOPICS)
            .next()
            .map(|h| h.topic)
            .or(last);
        match asked {
            Some(Topic::Ssn) => {
                let asker = speaker_label(b, ps);
                if let (Some(a), Some(q)) = (answerer.clone(), asker.clone()) {
                    if b[a].eq_ignore_ascii_case(&b[q]) {
                        // The same party: not an answer to a question.
                        return false;
                    }
                }
                // Skip the label and its colon.
                let text_start = asker.map_or(ps, |q| q.end + 1);
                return !last_four && asks(&b[text_start.min(nl)..nl]);
            }
            Some(_) => return false,
            None => {}
        }
        if nl - ps > FILLER_MAX || b[line].iter().any(is_number_byte) {
            return false;
        }
        next = ps;
    }
    false
}

/// Words of a request for a number, for turns without a `?` (speech-to-text drops it):
/// `and uh your social security number`, `can i get the social please`.
const REQUEST_WORDS: &[&[u8]] = &[
    b"your", b"what", b"can", b"could", b"may", b"please", b"need", b"provide", b"confirm",
    b"verify", b"give", b"tell",
];

/// True when the text of a line (after its speaker label) reads as a request: it has a `?`,
/// ends with `:`, is a short label (`SSN`), or has a request word. `My social security check
/// never came` is not one.
fn asks(text: &[u8]) -> bool {
    let text = text.trim_ascii();
    text.contains(&b'?')
        || text.ends_with(b":")
        || text.len() <= LABEL_MAX
        || text
            .split(|b| !b.is_ascii_alphanumeric())
            .any(|word| REQUEST_WORDS.iter().any(|r| word.eq_ignore_ascii_case(r)))
}

#[cfg(test)]
mod tests {
    use crate::{Kind, Redactor};

    use crate::detect::testing;

    #[track_caller]
    fn one(text: &str, want: &str) {
        testing::one(Kind::UsSsn, text, want);
    }

    #[track_caller]
    fn none(text: &str) {
        testing::none(Kind::UsSsn, text);
    }

    #[test]
    fn formatted_anywhere() {
        one("123-45-6789", "123-45-6789");
        one("my number is 123-45-6789.", "123-45-6789");
        one("ref (123 45 6789)", "123 45 6789");
        one("Customer: 078-05-1120\n", "078-05-1120");
        one("SSN:123-45-6789", "123-45-6789");
        one("ss#123-45-6789", "123-45-6789");
    }

    #[test]
    fn ssa_rules() {
        none("000-12-3456");
        none("666-12-3456");
        none("900-12-3456");
        none("999-12-3456");
        none("123-00-4567");
        none("123-45-0000");
        one("665-12-3456", "665-12-3456");
        one("899-99-9999", "899-99-9999");
        one("001-01-0001", "001-01-0001");
        none("SSN 000123456");
        none("SSN 666123456");
        none("SSN 912345678");
        none("SSN 123004567");
        none("SSN 123450000");
    }

    #[test]
    fn one_separator_only() {
        none("123-45 6789");
        none("123 45-6789");
        none("123.45.6789");
        none("123/45/6789");
    }

    #[test]
    fn longer_runs_and_glue() {
        none("order 112-4567890-1234567");
        none("case SR 2-18222254");
        none("ref 4821-9931-02");
        none("ref 1-123-45-6789");
        none("x 123-45-6789-1");
        none("123-45-67890");
        none("1123-45-6789");
        none("A123-45-6789");
        none("123-45-6789B");
        none("ID-123-45-6789");
        none("123-45-6789-AB");
        none("card 422 89 9931 8748 606");
        none("card is 43 29 057 578 66 8135");
        none("on 12 123 45 6789");
        none("123 45 6789 0000");
        none("+123-45-6789");
        none("v1.123-45-6789");
        none("12:123-45-6789");
        none("123-45-6789.5");
        none("1,123 45 6789");
    }

    #[test]
    fn the_question_names_what_it_asks_for_first() {
        one(
            "Agent: What's your SSN so I can locate the claim?\nCustomer: 219099999\n",
            "219099999",
        );
        one(
            "Agent: What's your social? I'll add it to the ticket.\nCustomer: 219099999\n",
            "219099999",
        );
        none("Agent: Thanks, SSN verified. What's the claim number?\nCustomer: 219099999\n");
    }

    #[test]
    fn masking_an_address_after_the_word_changes_nothing() {
        let r = crate::Redactor::builder()
            .default_policy(crate::Policy::Mask)
            .build()
            .expect("valid");
        let text = "Agent: What's your SSN?\nCustomer: 358856202 order numsmith@btinternet.com\n";
        let once = r.redact(text).into_owned();
        assert_eq!(r.redact(&once), once);
    }

    #[test]
    fn a_word_that_does_not_label_the_number() {
        for text in [
            "my social security number for the insurance claim is 219099999",
            "the SSN on my order is wrong, it should be 219099999",
            "my social, same as on the invoice, is 219099999",
        ] {
            one(text, "219099999");
        }
        none("my SSN is on file, the claim number is 219099999");
        // A long sentence keeps its SSN word; a sentence end far before the number drops it.
        let long = "my social security number, which I am honestly a bit nervous about sending \
                    by email given all the phishing going around: 219099999";
        one(long, "219099999");
        none(
            "I gave my social security number to the last agent. Since then nothing has \
             happened and I have been waiting for weeks, the reference is 219099999",
        );
        none(
            "I gave my social security number to the last agent yesterday. Since then nothing \
             happened and I waited on hold for an hour or more: 219099999",
        );
        none("SSN verified. Your claim is 219099999");
        none("social security and routing 219099999");
        assert_eq!(
            crate::detect::testing::found(
                Kind::UsSsn,
                r#"{"ssn":"309318315","member_id":"127158258"}"#
            ),
            ["309318315"]
        );
    }

    #[test]
    fn csv_fields() {
        one("ssn,dob\n219-09-9999,03/08/1963", "219-09-9999");
        one("zip,ssn\n66150,219-09-9999", "219-09-9999");
        // The spaced form: a comma separates fields unless it may group thousands.
        one("CUST-1,560 46 4085,2316", "560 46 4085");
        one("2024-03-21 16:22:04,656 89 7653", "656 89 7653");
        one("7149,656 89 7653", "656 89 7653");
        none("total 1,560 46 4085");
    }

    #[test]
    fn bare_needs_context() {
        none("123456789");
        none("Your reference is 123456789.");
        one("SSN: 123456789", "123456789");
        one("my SSN is 123456789", "123456789");
        one("S.S.N. 123456789", "123456789");
        one("ss# 123456789", "123456789");
        one("SS # 123456789", "123456789");
        one("soc sec 123456789", "123456789");
        one("Social security number 123456789 (no dashes)", "123456789");
        one("customer: my uh social is 123456789", "123456789");
        one("here's my social 123456789", "123456789");
        one("123456789 is my SSN", "123456789");
        one("> Social security number 123456789", "123456789");
    }

    #[test]
    fn bare_other_nine_digit_numbers() {
        none("the direct deposit failed, routing number 021000021");
        none("ABA 123456789");
        none("Your member ID is 123456789, please keep it");
        none("claim 123456789");
        none("claim number: 123456789");
        none("order 123456789");
        none("ticket 123456789");
        none("SSN on file; routing number 123456789");
        none("policy number 123456789");
        // The nearest word decides.
        one("routing 021000021 and SSN 123456789", "123456789");
    }

    #[test]
    fn bare_answer_to_a_question() {
        one(
            "Agent: And what's your social?\nCustomer: 123456789\nAgent: Thanks",
            "123456789",
        );
        one(
            "[18:09] Agent (Beverly): And what\u{2019}s your social?\n[18:12] Customer: 123456789",
            "123456789",
        );
        one(
            "agent: can i have your ssn please?\ncaller: um one sec\ncaller: 123456789",
            "123456789",
        );
        one("SSN\n123456789\n", "123456789");
        one(
            "What is your Social Security Number?\nIt's 123456789",
            "123456789",
        );
        // Transcripts: no punctuation, a labelled turn from the other party.
        one(
            "[00:01:10] agent: and uh your social security number\n[00:01:15] caller: 123456789",
            "123456789",
        );
        one(
            "Agent: what's your social?\nCustomer: 123456789, and my member ID 234567890",
            "123456789",
        );
    }

    #[test]
    fn bare_not_an_answer() {
        // Last four asked, then a member ID in a later turn.
        none(
            "Agent: Can you confirm the last four of your SSN?\nCustomer: 6789\n\
             Agent: Thanks. Your member ID is 123456789, please keep it",
        );
        none("Agent: Can you confirm the last 4 of your social?\nCustomer: 123456789");
        // Asked too long ago.
        none(
            "Agent: what's your social?\nCustomer: hold on\nCustomer: still looking\n\
             Customer: 123456789",
        );
        // Lines in between carry other numbers.
        none("Agent: what's your social?\nCustomer: order 55512\nCustomer: 123456789");
        // The same speaker saying it, not asked.
        none("Customer: I lost my social security card last week and my phone with it, ugh\nCustomer: 123456789");
        // The previous line is about another number.
        none("Agent: And your member ID?\nCustomer: 123456789");
        // A statement, not a question, without speaker labels.
        none(
            "The social security office in town was closed all week, so nothing changed.\n\
             123456789",
        );
        // The other party talks about a social security check, then gives a payment number.
        none(
            "Customer: my social security check never arrived this month\n\
             Agent: I see payment 123456789 went out on the 3rd",
        );
        // Another number named in the answer.
        none("Agent: what's your social?\nCustomer: sorry, the ref is 123456789");
    }

    #[test]
    fn last_four_is_not_an_ssn() {
        none("last four of my SSN: 6789");
        none("SSN ending 6789");
        none("***-**-6789");
        none("XXX-XX-6789");
    }

    #[test]
    fn window_edges_and_odd_bytes() {
        let r = Redactor::default();
        let long = format!("{}\nSSN: 123456789", "x".repeat(1000));
        assert_eq!(r.find(&long).count(), 1);
        let q = format!("Agent: social?\n{}\nCustomer: 123456789", "y ".repeat(300));
        assert_eq!(r.find(&q).filter(|f| f.kind == Kind::UsSsn).count(), 0);
        let mut s = Vec::new();
        for i in 0..4000u32 {
            s.push(b"0123456789 -./:,+ssn?\n"[(i.wrapping_mul(2654435761) >> 27) as usize % 22]);
        }
        let _ = r.find_bytes(&s).count();
        let digits = "123-45-".repeat(3000);
        let _ = r.find_bytes(digits.as_bytes()).count();
    }
}
