//! Streaming equals one-shot, for every chunking; the holdback stays bounded.

use proptest::prelude::*;
use redactor::stream::MAX_HOLDBACK;
use redactor::{CustomRule, Finding, Redactor};

/// Fragments that build PII, near-misses, context words, separators and non-ASCII text.
const FRAGMENTS: &[&[u8]] = &[
    b"4111 1111 1111 1111",
    b"4111111111111111",
    b"5500-0000-0000-0004",
    b"3782 822463 10005",
    b"123-45-6789",
    b"123456789",
    b"SSN ",
    b"social security ",
    b"DOB: ",
    b"born ",
    b"04/12/1985",
    b"April 12, 1985",
    b"12 avril 1985",
    b"jane.doe@example.com",
    b"jane.doe%40example.com",
    b"mailto:",
    b"@",
    b"%40",
    b"(415) 555-2671",
    b"415-555-2671",
    b"+44 20 7183 8750",
    b"phone ",
    b" ext. 204",
    b"IMEI ",
    b"TICKET-1234",
    b" ",
    b"  ",
    b"\n",
    b"-",
    b".",
    b"/",
    b":",
    b"1",
    b"12",
    b"0",
    b"abc",
    b"Agent: what is your date of birth?\n",
    b"Customer: ",
    "é".as_bytes(),
    "日本語".as_bytes(),
    "\u{a0}".as_bytes(),
    "März".as_bytes(),
    b"\xff",
    b"\xe6\x97",
];

fn redactors() -> Vec<Redactor> {
    vec![
        Redactor::default(),
        Redactor::builder()
            .policy(redactor::Kind::CreditCard, redactor::Policy::KeepLast(4))
            .custom_rule(CustomRule::new("TICKET", "TICKET-[0-9]{4}"))
            .custom_rule(CustomRule::new("NUM", r"\b[0-9]{3,5}\b").context(["ticket"]))
            .allow("4111 1111 1111 1111")
            .all_dates(true)
            .build()
            .unwrap(),
    ]
}

fn one_shot(r: &Redactor, input: &[u8]) -> (Vec<u8>, Vec<Finding>) {
    (
        r.redact_bytes(input).into_owned(),
        r.find_bytes(input).collect(),
    )
}

fn streamed(r: &Redactor, input: &[u8], cuts: &[usize]) -> (Vec<u8>, Vec<Finding>) {
    let mut s = r.stream();
    s.record_findings(true);
    let mut out = Vec::new();
    let mut findings = Vec::new();
    let mut last = 0;
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (input.len() + 1)).collect();
    cuts.sort_unstable();
    for c in cuts {
        s.push(&input[last..c], &mut out).unwrap();
        findings.extend(s.take_findings());
        last = c;
    }
    s.push(&input[last..], &mut out).unwrap();
    assert!(s.max_held_back() <= MAX_HOLDBACK + redactor::stream::BLOCK);
    s.finish(&mut out).unwrap();
    findings.extend(s.take_findings());
    (out, findings)
}

fn build(parts: &[usize]) -> Vec<u8> {
    parts
        .iter()
        .flat_map(|&i| FRAGMENTS[i % FRAGMENTS.len()].iter().copied())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000),
        .. ProptestConfig::default()
    })]

    #[test]
    fn stream_equals_one_shot(
        parts in proptest::collection::vec(0usize..1000, 0..40),
        cuts in proptest::collection::vec(0usize..10_000, 0..8),
        which in 0usize..2,
    ) {
        let input = build(&parts);
        let r = &redactors()[which];
        let expected = one_shot(r, &input);
        prop_assert_eq!(&streamed(r, &input, &cuts), &expected);
    }
}

/// Every fragment pair at every cut, and 1-byte chunks.
#[test]
fn every_two_chunk_split_and_single_bytes() {
    for r in redactors() {
        for a in FRAGMENTS {
            for b in FRAGMENTS {
                let input: Vec<u8> = [*a, b" ", *b].concat();
                let expected = one_shot(&r, &input);
                for cut in 0..=input.len() {
                    assert_eq!(streamed(&r, &input, &[cut]), expected);
                }
                let all: Vec<usize> = (0..=input.len()).collect();
                assert_eq!(streamed(&r, &input, &all), expected);
            }
        }
    }
}

/// A long stream of mixed text never holds back more than the documented bound.
#[test]
fn holdback_stays_bounded() {
    let r = Redactor::default();
    let mut s = r.stream();
    let mut sink = std::io::sink();
    let block: Vec<u8> = build(&(0..400).map(|i| i * 7 + 3).collect::<Vec<_>>());
    let digits = vec![b'7'; 100_000];
    for i in 0..200 {
        s.push(&block, &mut sink).unwrap();
        if i % 50 == 0 {
            s.push(&digits, &mut sink).unwrap();
        }
        assert!(
            s.held_back() <= MAX_HOLDBACK,
            "held back {} > {MAX_HOLDBACK}",
            s.held_back()
        );
    }
    assert!(s.max_held_back() <= MAX_HOLDBACK + redactor::stream::BLOCK);
}

/// Long inputs pushed in large chunks: most anchors are judged inside the caller's chunk, not
/// in the holdback buffer, and the output must not change.
#[test]
fn long_inputs_in_large_chunks() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    };
    for r in redactors() {
        for len in [300, 3000] {
            let parts: Vec<usize> = (0..len).map(|_| next()).collect();
            let mut input = build(&parts);
            if len == 3000 {
                // A digit run longer than a block, and one across a chunk seam.
                input.resize(input.len() + 40_000, b'7');
                input.extend_from_slice(b" DOB: 04/12/1985 ");
            }
            let expected = one_shot(&r, &input);
            for chunk in [
                1usize,
                575,
                576,
                577,
                1000,
                4096,
                16_384,
                16_385,
                65_536,
                1 << 20,
            ] {
                let cuts: Vec<usize> = (chunk..input.len()).step_by(chunk).collect();
                if chunk > 1 || input.len() < 20_000 {
                    assert_eq!(streamed(&r, &input, &cuts), expected, "chunk {chunk}");
                }
            }
            for _ in 0..20 {
                let mut cuts: Vec<usize> = (0..6).map(|_| next() % (input.len() + 1)).collect();
                cuts.sort_unstable();
                assert_eq!(streamed(&r, &input, &cuts), expected, "cuts {cuts:?}");
            }
        }
    }
}
