//! Context words: one ASCII case-insensitive automaton for every detector's words, queried only
//! inside a detector's bounded [`Window`](crate::detect::Window), never over the whole text.

use aho_corasick::automaton::Automaton;
use aho_corasick::automaton::StateID;
use aho_corasick::{dfa::DFA, Anchored, MatchKind, PatternID};
use once_cell::sync::Lazy;
use std::ops::Range;

/// What a context word says about a nearby candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Topic {
    /// The text talks about a Social Security number.
    Ssn,
    /// A nearby 9-digit number is something else (routing number, member ID …).
    NotSsn,
    /// The text talks about a birth date.
    Birth,
    /// A nearby date is something else (order, delivery, appointment …).
    NotBirth,
    /// The text talks about a phone number.
    Phone,
    /// A nearby number is not a phone number (order, invoice, tracking …).
    NotPhone,
    /// A nearby card-like number is something else (IMEI, tracking, gift card …).
    NotCard,
}

impl Topic {
    /// This topic's bit in a topic set (see [`ContextIndex::hits_of`]).
    #[inline]
    pub(crate) const fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// A context word found in a window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub topic: Topic,
    pub span: Range<usize>,
    /// The automaton pattern that matched (see [`ContextIndex::phone_topic`]).
    pub pattern: u32,
}

/// The built-in context words of every detector, compiled once.
pub(crate) struct ContextIndex {
    automaton: Table,
    /// The automaton the table was built from, for the test that compares them.
    #[cfg(test)]
    dfa: DFA,
    /// The topics of each pattern: one word may matter to several detectors (`order` is not a
    /// phone, not an SSN and not a birth date), and all of them must see it.
    topics: Vec<Vec<Topic>>,
    /// The topics of each pattern as a set of [`Topic::bit`]s.
    masks: Vec<u8>,
    /// What each pattern means to the phone detector (`phone::own_topic` of its text): the
    /// pattern's text equals every hit's text up to ASCII case, so the answer is the same as
    /// for the hit's own text.
    phone: Vec<Option<Topic>>,
}

/// Every detector's context-word table: the built-in index holds all of them.
const BUILTIN_TABLES: [&[(&str, Topic)]; 5] = [
    crate::detect::card::CONTEXT,
    crate::detect::ssn::CONTEXT,
    crate::detect::email::CONTEXT,
    crate::detect::phone::CONTEXT,
    crate::detect::dob::CONTEXT,
];

static BUILTIN: Lazy<ContextIndex> =
    Lazy::new(|| ContextIndex::new(BUILTIN_TABLES.iter().flat_map(|t| t.iter().copied())));

impl ContextIndex {
    /// The index of all built-in detectors' words.
    pub(crate) fn builtin() -> &'static ContextIndex {
        &BUILTIN
    }

    fn new<'a>(words: impl Iterator<Item = (&'a str, Topic)>) -> ContextIndex {
        let mut patterns: Vec<&str> = Vec::new();
        let mut topics: Vec<Vec<Topic>> = Vec::new();
        for (word, topic) in words {
            match patterns.iter().position(|p| p.eq_ignore_ascii_case(word)) {
                Some(i) if !topics[i].contains(&topic) => topics[i].push(topic),
                Some(_) => {}
                None => {
                    patterns.push(word);
                    topics.push(vec![topic]);
                }
            }
        }
        // A full DFA, used through its concrete type (no dynamic dispatch): one table lookup
        // per byte. The searched ranges are short (a detector's window), so the per-search
        // setup and per-byte cost dominate, not the one-time build.
        let automaton = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            // The tables are static ASCII literals: building cannot fail.
            .expect("context word tables compile");
        let phone = patterns
            .iter()
            .map(|p| crate::detect::phone::own_topic(p.as_bytes()))
            .collect();
        let table = Table::new(&automaton, &patterns);
        let masks = topics
            .iter()
            .map(|t| t.iter().fold(0, |m, t| m | t.bit()))
            .collect();
        ContextIndex {
            automaton: table,
            #[cfg(test)]
            dfa: automaton,
            topics,
            masks,
            phone,
        }
    }

    /// Every whole-word context hit inside `bytes[range]`, left to right (a word with several
    /// topics gives one hit per topic).
    ///
    /// A hit must not be glued to letters or digits on either side (`reborn` does not say
    /// `born`), nor sit in an email address (`dob.smith@example.com`, `help@example.dob`: masking
    /// the address would remove the word, and a second redaction would then decide
    /// differently). Both are judged on the bytes of the range, so the answer depends on
    /// nothing outside it.
    pub(crate) fn hits<'b>(&'b self, bytes: &'b [u8], range: Range<usize>) -> Hits<'b> {
        self.hits_of(bytes, range, u8::MAX)
    }

    /// The hits of [`hits`](Self::hits) whose topic is in `topics` (a set of [`Topic::bit`]s),
    /// the same as filtering them by topic, but words of no such topic are not judged at all.
    pub(crate) fn hits_of<'b>(
        &'b self,
        bytes: &'b [u8],
        range: Range<usize>,
        topics: u8,
    ) -> Hits<'b> {
        Hits {
            index: self,
            lo: range.start,
            hay: &bytes[range],
            at: 0,
            topics,
            pending: None,
        }
    }

    /// The next leftmost-longest match in `hay[at..]`: `(pattern, start, end)`.
    ///
    /// The same walk as `aho_corasick`'s own unanchored forward search (which `try_find_iter`
    /// repeats from the end of each match), without its per-search setup: remember the last
    /// match state, stop at the dead state or the end.
    #[inline]
    fn find(&self, hay: &[u8], from: usize) -> Option<(PatternID, usize, usize)> {
        let t = &self.automaton;
        let mut sid = t.start;
        let mut at = from;
        // The last match state seen and where it was entered (the end of its match).
        let mut last = None;
        while let Some((s, e)) = t.run(sid, hay, at) {
            if s == DEAD {
                break;
            }
            last = Some((s, e));
            (sid, at) = (s, e);
        }
        let (sid, end) = last?;
        let (pid, len) = t.matches[sid as usize / t.stride - 1];
        Some((pid, end - len, end))
    }

    /// The phone detector's meaning of a hit: `phone::own_topic` of its text.
    #[inline]
    pub(crate) fn phone_topic(&self, h: &Hit) -> Option<Topic> {
        self.phone[h.pattern as usize]
    }

    /// The end of the last word of `topic` inside `bytes[range]`, if any.
    pub(crate) fn last(&self, bytes: &[u8], range: Range<usize>, topic: Topic) -> Option<Hit> {
        self.hits_of(bytes, range, topic.bit()).last()
    }
}

/// The dead state of a [`Table`]: the walk stops there.
const DEAD: u32 = 0;

/// The context-word DFA copied into one flat table, so that a step is two loads and the walk
/// stops only at the states that matter (dead or match): `aho_corasick`'s DFA also stops at
/// its start state and reaches its table through a bounds-checked index of wider arithmetic.
/// Built from that DFA state by state, so every walk is the same walk.
struct Table {
    /// The equivalence class of each byte (bytes no state tells apart share one).
    classes: [u8; 256],
    /// Number of classes: a state's row length.
    stride: usize,
    /// `next[state + class]`: the next state, as the index of its row. Row 0 is the dead
    /// state, then the match states, then the rest.
    next: Vec<u32>,
    /// States below this are dead or match states.
    special: u32,
    /// The start state.
    start: u32,
    /// For the match state of row `k + 1`: its pattern and the pattern's length.
    matches: Vec<(PatternID, usize)>,
}

impl Table {
    /// The table of `dfa`, the ASCII case-insensitive automaton of `patterns`.
    fn new(dfa: &DFA, patterns: &[&str]) -> Table {
        let start = dfa
            .start_state(Anchored::No)
            // An unanchored DFA (the default start kind) has an unanchored start state.
            .expect("unanchored start state");
        let step = |sid: StateID, b: u8| dfa.next_state(Anchored::No, sid, b);
        let (classes, reps) = byte_classes(patterns);
        let stride = reps.len();
        // Every state a walk can reach (`StateID`s are small dense numbers).
        let mut states = vec![start];
        let mut seen = vec![false; start.as_usize() + 1];
        seen[start.as_usize()] = true;
        let mut i = 0;
        while i < states.len() {
            for &b in &reps {
                let n = step(states[i], b);
                if seen.len() <= n.as_usize() {
                    seen.resize(n.as_usize() + 1, false);
                }
                if !seen[n.as_usize()] {
                    seen[n.as_usize()] = true;
                    states.push(n);
                }
            }
            i += 1;
        }
        // Rows: the dead state first, then match states, then the others. Without a
        // reachable dead state, row 0 is entered by no transition.
        let dead = states.iter().copied().find(|&s| dfa.is_dead(s));
        let matching: Vec<StateID> = states
            .iter()
            .copied()
            .filter(|&s| dfa.is_match(s))
            .collect();
        let rest = states
            .iter()
            .copied()
            .filter(|&s| !dfa.is_dead(s) && !dfa.is_match(s));
        let order: Vec<Option<StateID>> = std::iter::once(dead)
            .chain(matching.iter().copied().map(Some))
            .chain(rest.map(Some))
            .collect();
        let mut rank = vec![0; seen.len()];
        for (k, s) in order.iter().enumerate() {
            if let Some(s) = s {
                rank[s.as_usize()] = k;
            }
        }
        let row = |s: StateID| u32::try_from(rank[s.as_usize()] * stride).expect("u32 indices");
        let mut next = vec![DEAD; order.len() * stride];
        for (k, s) in order.iter().enumerate() {
            let Some(s) = *s else { continue };
            for (class, &b) in reps.iter().enumerate() {
                next[k * stride + class] = row(step(s, b));
            }
        }
        let matches = matching
            .iter()
            .map(|&s| {
                let pid = dfa.match_pattern(s, 0);
                (pid, dfa.pattern_len(pid))
            })
            .collect();
        Table {
            classes,
            stride,
            next,
            special: u32::try_from((1 + matching.len()) * stride).expect("u32 indices"),
            start: row(start),
            matches,
        }
    }

    /// Walks from state `sid` over `hay[at..]` to the next dead or match state: that state and
    /// where the walk stopped (just after its byte), or `None` at the end of `hay`.
    #[inline(always)]
    fn run(&self, mut sid: u32, hay: &[u8], mut at: usize) -> Option<(u32, usize)> {
        while let Some(&byte) = hay.get(at) {
            sid = self.next(sid, byte);
            at += 1;
            if sid < self.special {
                return Some((sid, at));
            }
        }
        None
    }

    /// The state after `sid` on `byte`.
    #[inline(always)]
    fn next(&self, sid: u32, byte: u8) -> u32 {
        self.next[sid as usize + usize::from(self.classes[usize::from(byte)])]
    }
}

/// Byte classes of an ASCII case-insensitive Aho-Corasick automaton of `patterns`, and one
/// byte of each class: its transitions only ask whether a byte is the next byte of a pattern,
/// so the two cases of an ASCII letter act alike, and so do all bytes in no pattern (class 0).
/// The `table_walks_like_the_automaton` test checks this on every state and byte.
fn byte_classes(patterns: &[&str]) -> ([u8; 256], Vec<u8>) {
    let mut classes = [0u8; 256];
    let mut reps = vec![0u8];
    let outside = (0..=255u8).find(|b| {
        !patterns
            .iter()
            .any(|p| p.bytes().any(|c| c.eq_ignore_ascii_case(b)))
    });
    if let Some(b) = outside {
        reps[0] = b;
    }
    for p in patterns {
        for c in p.bytes().map(|c| c.to_ascii_lowercase()) {
            if classes[c as usize] == 0 && reps[0] != c {
                let class = u8::try_from(reps.len()).expect("at most 256 classes");
                reps.push(c);
                classes[c as usize] = class;
                classes[c.to_ascii_uppercase() as usize] = class;
            }
        }
    }
    (classes, reps)
}

/// The iterator of [`ContextIndex::hits`].
pub(crate) struct Hits<'b> {
    index: &'b ContextIndex,
    /// Where `hay` starts in the caller's bytes.
    lo: usize,
    hay: &'b [u8],
    /// Where the next search starts (the end of the last match).
    at: usize,
    /// The topics asked for (a set of [`Topic::bit`]s).
    topics: u8,
    /// The match being reported, one hit per topic: its pattern, span and next topic.
    pending: Option<(PatternID, Range<usize>, usize)>,
}

impl Iterator for Hits<'_> {
    type Item = Hit;

    #[inline]
    fn next(&mut self) -> Option<Hit> {
        loop {
            if let Some((pid, span, k)) = &mut self.pending {
                let topics = &self.index.topics[pid.as_usize()];
                while let Some(&topic) = topics.get(*k) {
                    *k += 1;
                    if topic.bit() & self.topics != 0 {
                        return Some(Hit {
                            topic,
                            span: self.lo + span.start..self.lo + span.end,
                            pattern: pid.as_u32(),
                        });
                    }
                }
                self.pending = None;
            }
            let hay = self.hay;
            let (mut pid, s, mut e) = self.index.find(hay, self.at)?;
            self.at = e;
            let glued_left =
                s > 0 && hay[s - 1].is_ascii_alphanumeric() && hay[s].is_ascii_alphanumeric();
            loop {
                if self.index.masks[pid.as_usize()] & self.topics == 0 {
                    break;
                }
                let glued_right = e < hay.len()
                    && hay[e].is_ascii_alphanumeric()
                    && hay[e - 1].is_ascii_alphanumeric();
                if !(glued_left || glued_right || in_address(hay, s, e)) {
                    self.pending = Some((pid, s..e, 0));
                    break;
                }
                // A phrase rejected at its end may start with a word of its own: `social` of
                // `social security0numb@example.com`. Without this, masking the address would
                // reveal that word on a second pass (masking must be idempotent).
                match self.index.find(&hay[..e - 1], s) {
                    Some((p, s2, e2)) if !glued_left && s2 == s => {
                        (pid, e) = (p, e2);
                        self.at = e2;
                    }
                    _ => break,
                }
            }
        }
    }
}

/// How far around a context word to look for the `@` of an address it would belong to.
const ADDRESS_REACH: usize = 64;

/// True when `hay[s..e]` lies in a whitespace-free token that contains `@` or a percent escape
/// (`%40`, `%2B`; a `%` then two letters, digits or `*`, so that a masked escape `%**` reads
/// the same as before masking, whatever it was): the token reaches at most [`ADDRESS_REACH`]
/// bytes to either side of the word. (No context word
/// holds `@` or `%`, so scanning the token with the word in it is the same as scanning its two
/// sides; see the `context_words_are_plain` test.)
#[inline]
fn in_address(hay: &[u8], s: usize, e: usize) -> bool {
    let lo = s.saturating_sub(ADDRESS_REACH);
    let hi = (e + ADDRESS_REACH).min(hay.len());
    let mut before = s;
    while before > lo && !hay[before - 1].is_ascii_whitespace() {
        before -= 1;
    }
    let mut after = e;
    while after < hi && !hay[after].is_ascii_whitespace() {
        after += 1;
    }
    let token = &hay[before..after];
    token.iter().enumerate().any(|(i, &c)| {
        // Masking turns letters and digits into `*`, so the escape stays one after masking.
        let escape = |b: &u8| crate::detect::was_alphanumeric(*b);
        c == b'@'
            || (c == b'%'
                && token
                    .get(i + 1..i + 3)
                    .is_some_and(|x| x.iter().all(escape)))
    })
}

/// Start of the line that contains `i` (just after the previous `\n`), within `bytes`.
pub(crate) fn line_start(bytes: &[u8], i: usize) -> usize {
    memchr::memrchr(b'\n', &bytes[..i]).map_or(0, |p| p + 1)
}

/// End of the line that contains `i` (the index of the next `\n`, or `bytes.len()`).
pub(crate) fn line_end(bytes: &[u8], i: usize) -> usize {
    memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |p| i + p)
}

/// The sentence of the line `line` that asks something: the last one that ends with `?`, or
/// the last one when none does. Sentences end at `.`, `!`, `?` or `;` followed by a space.
///
/// In `What's your date of birth so I can process the refund?` the thing asked for is named
/// first, and the words after it (`refund`) only say why; in `Thanks for calling! What's your
/// account number?` the greeting is not the question. Detectors that read a question on the
/// line before an answer take the first of their words in this sentence.
pub(crate) fn asking_sentence(bytes: &[u8], line: Range<usize>) -> Range<usize> {
    let text = &bytes[line.clone()];
    let mut start = 0;
    let mut last = 0..text.len();
    let mut question: Option<Range<usize>> = None;
    for (i, pair) in text.windows(2).enumerate() {
        if matches!(pair[0], b'.' | b'!' | b'?' | b';') && pair[1] == b' ' {
            if pair[0] == b'?' {
                question = Some(start..i + 1);
            }
            start = i + 2;
        }
    }
    if start < text.len() {
        last = start..text.len();
        if text.trim_ascii_end().ends_with(b"?") {
            question = Some(last.clone());
        }
    }
    let r = question.unwrap_or(last);
    line.start + r.start..line.start + r.end
}

/// True when the text between a context word and a number (`gap`) makes the word that
/// number's label: only spaces and punctuation within the clause (`claim: 1234`, `order #1234`),
/// and at most label words (`claim number is 1234`, `member id 1234`). `claim is 1234` and
/// `invoice, is 1234` are not labels: `my SSN for the claim is 123456789` is about the SSN.
pub(crate) fn labels(gap: &[u8]) -> bool {
    /// Nouns that name a number, and the verbs that may follow them.
    const NOUNS: &[&[u8]] = &[
        b"number",
        b"no",
        b"nr",
        b"num",
        b"id",
        b"nummer",
        "numéro".as_bytes(),
    ];
    const VERBS: &[&[u8]] = &[b"is", b"was"];
    let abbreviated = |i: usize| {
        let head = &gap[..i];
        let w = head.len()
            - head
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
        NOUNS.iter().any(|n| n.eq_ignore_ascii_case(&head[w..]))
    };
    let sentence_end = gap
        .windows(2)
        .enumerate()
        .any(|(i, p)| p == b". " && !abbreviated(i));
    if sentence_end || gap.iter().any(|c| matches!(c, b',' | b';' | b'!' | b'?')) {
        return false;
    }
    let mut noun = false;
    let mut verb = false;
    for word in gap.split(|c| c.is_ascii_whitespace() || c.is_ascii_punctuation()) {
        if word.is_empty() {
            continue;
        }
        if NOUNS.iter().any(|n| n.eq_ignore_ascii_case(word)) {
            noun = true;
        } else if VERBS.iter().any(|v| v.eq_ignore_ascii_case(word)) {
            verb = true;
        } else {
            return false;
        }
    }
    noun || !verb
}

/// The speaker label of the line starting at `ls` (`Agent (Julie)` in
/// `[18:09] Agent (Julie): …`), if the line has one.
pub(crate) fn speaker_label(b: &[u8], ls: usize) -> Option<Range<usize>> {
    /// Longest speaker label.
    const SPEAKER_MAX: usize = 40;
    let mut i = ls;
    if b.get(i) == Some(&b'[') {
        // A `[14:02]`, `[00:01:23]` or `[2024-03-22 10:28]` time before the label.
        let close = b.get(i..)?.iter().take(32).position(|&c| c == b']')?;
        i += close + 1;
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    let rest = b.get(i..)?;
    let colon = label_colon(&rest[..rest.len().min(SPEAKER_MAX)])?;
    plain_label(&rest[..colon]).then(|| i..i + colon)
}

/// The `:` that would end a speaker label at the start of `text`: the first one outside
/// brackets, before any line end. A time in brackets belongs to the label
/// (`caller (0:52): …`, `Speaker 2 (1:01:05): …`).
pub(crate) fn label_colon(text: &[u8]) -> Option<usize> {
    let mut depth = 0u8;
    for (i, &c) in text.iter().enumerate() {
        match c {
            b'\n' => return None,
            b'(' | b'[' => depth = depth.saturating_add(1),
            b')' | b']' => depth = depth.saturating_sub(1),
            b':' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// True for text that can be a speaker's name or role: it starts with a letter and holds
/// letters, spaces, `( ) - . _ '`, digit runs of at most two (`spk_0`, `Speaker 12`,
/// `Agent (Julie)`) and `:` (only inside brackets, see [`label_colon`]: `caller (0:52)`).
/// Two digit runs joined by `-`, `.`, `/` or a space are not allowed: that is how every
/// numeric PII value is written (`4-06-59`, `06 12 34 56 78`), and a label must not hold one,
/// which masking would change. No longer numbers and no `*`: a label must read the same before and after
/// masking, or redacting redacted text could see a different speaker.
pub(crate) fn plain_label(label: &[u8]) -> bool {
    let starts = label
        .first()
        .is_some_and(|&c| c.is_ascii_alphabetic() || c >= 0x80);
    // One pass: every byte allowed, no run of more than two digits, no digits joined.
    let mut digits = 0;
    let joined = label.windows(3).any(|w| {
        w[0].is_ascii_digit() && matches!(w[1], b'-' | b'.' | b'/' | b' ') && w[2].is_ascii_digit()
    });
    starts
        && !joined
        && label.iter().all(|&c| {
            digits = if c.is_ascii_digit() { digits + 1 } else { 0 };
            digits <= 2
                && (c.is_ascii_alphanumeric()
                    || c >= 0x80
                    || matches!(c, b' ' | b'(' | b')' | b'-' | b'.' | b'_' | b'\'' | b':'))
        })
}

/// True when no sentence ends in `gap` (`.`, `!`, `?` or `;` then a space).
pub(crate) fn same_sentence(gap: &[u8]) -> bool {
    !gap.windows(2)
        .any(|p| matches!(p[0], b'.' | b'!' | b'?' | b';') && p[1] == b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rejected_phrase_falls_back_to_its_first_word() {
        let ix = ContextIndex::new(
            [("social", Topic::Ssn), ("social security", Topic::Ssn)].into_iter(),
        );
        let text = b"my social security0numb334@example.com";
        let words: Vec<_> = ix.hits(text, 0..text.len()).map(|h| h.span).collect();
        assert_eq!(words, vec![3..9]);
    }

    #[test]
    fn label_gaps() {
        for gap in [
            " ",
            ": ",
            " #",
            " number is ",
            " no. ",
            " id: ",
            " number ",
            "\":\"",
        ] {
            assert!(labels(gap.as_bytes()), "{gap:?}");
        }
        for gap in [
            " is ",
            ", is ",
            " is wrong, it should be ",
            " I registered with is ",
        ] {
            assert!(!labels(gap.as_bytes()), "{gap:?}");
        }
    }

    #[test]
    fn the_asking_sentence() {
        let ask = |t: &str| {
            let r = asking_sentence(t.as_bytes(), 0..t.len());
            t[r].to_string()
        };
        assert_eq!(
            ask("Thanks for calling! What's your account number?"),
            "What's your account number?"
        );
        assert_eq!(
            ask("Could you give me your DOB? I need it for the booking."),
            "Could you give me your DOB?"
        );
        assert_eq!(
            ask("I need your SSN to open the claim."),
            "I need your SSN to open the claim."
        );
        assert_eq!(ask("Got it. Your DOB please"), "Your DOB please");
        assert_eq!(ask(""), "");
    }

    #[test]
    fn whole_words_only() {
        let ix = ContextIndex::new([("born", Topic::Birth), ("ssn", Topic::Ssn)].into_iter());
        let text = b"reborn SSN: x born";
        let hits: Vec<_> = ix.hits(text, 0..text.len()).collect();
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].topic, Topic::Ssn);
        assert_eq!(hits[1].span, 14..18);
    }

    #[test]
    fn a_word_of_several_detectors_reaches_all_of_them() {
        let ix = ContextIndex::new(
            [
                ("order", Topic::NotPhone),
                ("ORDER", Topic::NotSsn),
                ("order", Topic::NotPhone),
            ]
            .into_iter(),
        );
        let text = b"order 123";
        let topics: Vec<_> = ix.hits(text, 0..text.len()).map(|h| h.topic).collect();
        assert_eq!(topics, vec![Topic::NotPhone, Topic::NotSsn]);
    }

    #[test]
    fn words_inside_addresses_are_not_context() {
        let ix = ContextIndex::new([("dob", Topic::Birth)].into_iter());
        for text in [
            &b"mail dob.smith@example.com now"[..],
            b"help@example.dob: x",
            b"r?email=dob%40example.com",
            // Any escape, masked or not: masking an address turns `%42` into `%**`.
            b"q=dob%42x",
            b"q=dob%**x",
            b"q=dob%zz",
        ] {
            assert_eq!(ix.hits(text, 0..text.len()).count(), 0, "{text:?}");
        }
        assert_eq!(ix.hits(b"DOB: a@b.co", 0..11).count(), 1);
        assert_eq!(ix.hits(b"dob 50% x", 0..9).count(), 1);
    }

    #[test]
    fn context_words_are_plain() {
        // `in_address` relies on this: no built-in context word holds `@` or `%`.
        for (p, _) in BUILTIN_TABLES.iter().flat_map(|t| t.iter()) {
            let b = p.as_bytes();
            assert!(!b.iter().any(|c| matches!(c, b'@' | b'%')), "{p:?}");
        }
    }

    #[test]
    fn table_walks_like_the_automaton() {
        // Every reachable pair of (automaton state, table row), on every byte: the table
        // enters a row for exactly one automaton state, and agrees on dead and match states.
        let ix = ContextIndex::builtin();
        let (dfa, t) = (&ix.dfa, &ix.automaton);
        let start = dfa.start_state(Anchored::No).unwrap();
        let mut row_of = std::collections::HashMap::from([(start, t.start)]);
        let mut todo = vec![(start, t.start)];
        while let Some((s, r)) = todo.pop() {
            for b in 0..=255u8 {
                let (s2, r2) = (dfa.next_state(Anchored::No, s, b), t.next(r, b));
                match row_of.get(&s2) {
                    Some(&known) => assert_eq!(known, r2, "byte {b}"),
                    None => {
                        row_of.insert(s2, r2);
                        todo.push((s2, r2));
                    }
                }
                assert_eq!(dfa.is_dead(s2), r2 == DEAD);
                assert_eq!(dfa.is_match(s2), r2 != DEAD && r2 < t.special);
                if dfa.is_match(s2) {
                    let pid = dfa.match_pattern(s2, 0);
                    assert_eq!(
                        t.matches[r2 as usize / t.stride - 1],
                        (pid, dfa.pattern_len(pid))
                    );
                }
            }
        }
        // Distinct states get distinct rows.
        let mut rows: Vec<u32> = row_of.values().copied().collect();
        rows.sort_unstable();
        rows.dedup();
        assert_eq!(rows.len(), row_of.len());
    }

    #[test]
    fn lines() {
        let t = b"ab\ncd\nef";
        assert_eq!(line_start(t, 4), 3);
        assert_eq!(line_end(t, 4), 5);
        assert_eq!(line_start(t, 1), 0);
        assert_eq!(line_end(t, 7), 8);
    }
}
