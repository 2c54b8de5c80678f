//! The shared table of cases (`tests/data/cases.json`, also run by the C and Python suites):
//! each case one-shot, at every two-chunk split and in 1-byte chunks, all identical.

use redactor::Redactor;
use serde_json::Value;

fn cases() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cases.json");
    let data = std::fs::read_to_string(path).expect("tests/data/cases.json is checked in");
    let table: Value = serde_json::from_str(&data).expect("valid JSON");
    table["cases"].as_array().expect("cases").clone()
}

fn streamed(r: &Redactor, input: &[u8], cuts: &[usize]) -> Vec<u8> {
    let mut s = r.stream();
    let mut out = Vec::new();
    let mut last = 0;
    for &c in cuts {
        s.push(&input[last..c], &mut out).unwrap();
        last = c;
    }
    s.push(&input[last..], &mut out).unwrap();
    s.finish(&mut out).unwrap();
    out
}

#[test]
fn names_are_unique() {
    let cases = cases();
    let mut names: Vec<&str> = cases.iter().map(|c| c["name"].as_str().unwrap()).collect();
    names.sort_unstable();
    let n = names.len();
    names.dedup();
    assert_eq!(n, names.len(), "duplicate case names");
}

#[test]
fn every_case_one_shot_and_streamed() {
    let r = Redactor::default();
    for case in cases() {
        let name = case["name"].as_str().unwrap();
        let input = case["input"].as_str().unwrap();
        let expected: Vec<(String, usize, usize)> = case["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["kind"].as_str().unwrap().to_string(),
                    f["start"].as_u64().unwrap() as usize,
                    f["end"].as_u64().unwrap() as usize,
                )
            })
            .collect();
        let found: Vec<(String, usize, usize)> = r
            .find(input)
            .map(|f| (r.kind_name(f.kind).to_string(), f.span.start, f.span.end))
            .collect();
        assert_eq!(found, expected, "{name}: findings");
        let redacted = case["redacted"].as_str().unwrap();
        assert_eq!(r.redact(input), redacted, "{name}: redaction");
        let bytes = input.as_bytes();
        for cut in 0..=bytes.len() {
            assert_eq!(
                streamed(&r, bytes, &[cut]),
                redacted.as_bytes(),
                "{name}: cut at {cut}"
            );
        }
        let singles: Vec<usize> = (1..bytes.len()).collect();
        assert_eq!(
            streamed(&r, bytes, &singles),
            redacted.as_bytes(),
            "{name}: 1-byte chunks"
        );
    }
}
