//! The accuracy gate over the labelled dev corpus (`tests/data/dev.jsonl`, a copy of
//! `shared/corpus/dev.jsonl`), scored like `shared/tools/score.py`: per kind, a gold span is
//! found when a prediction of its kind overlaps it, and a prediction is correct when it
//! overlaps a gold span of its kind.
//!
//! Floors: recall >= 99% and precision >= 97% for every kind (the goal is 100% / 99.5%).

use redactor::Redactor;
use serde_json::Value;
use std::collections::BTreeMap;

const RECALL_FLOOR: f64 = 0.99;
const PRECISION_FLOOR: f64 = 0.97;

#[derive(Default)]
struct Counts {
    gold: usize,
    found: usize,
    pred: usize,
    correct: usize,
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

#[test]
fn dev_corpus_accuracy_gate() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/dev.jsonl");
    let data = std::fs::read_to_string(path).expect("tests/data/dev.jsonl is checked in");
    let r = Redactor::default();
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut leaked = 0usize;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let doc: Value = serde_json::from_str(line).expect("valid JSON line");
        let text = doc["text"].as_str().expect("text");
        let gold: Vec<(String, (usize, usize))> = doc["spans"]
            .as_array()
            .expect("spans")
            .iter()
            .map(|s| {
                (
                    s["type"].as_str().expect("type").to_string(),
                    (
                        s["start"].as_u64().expect("start") as usize,
                        s["end"].as_u64().expect("end") as usize,
                    ),
                )
            })
            .collect();
        let pred: Vec<(String, (usize, usize))> = r
            .find(text)
            .map(|f| (r.kind_name(f.kind).to_string(), (f.span.start, f.span.end)))
            .collect();
        for (kind, span) in &gold {
            let c = counts.entry(kind.clone()).or_default();
            c.gold += 1;
            if pred.iter().any(|(k, p)| k == kind && overlaps(*p, *span)) {
                c.found += 1;
            }
            if !pred.iter().any(|(_, p)| overlaps(*p, *span)) {
                leaked += 1;
            }
        }
        for (kind, span) in &pred {
            let c = counts.entry(kind.clone()).or_default();
            c.pred += 1;
            if gold.iter().any(|(k, g)| k == kind && overlaps(*g, *span)) {
                c.correct += 1;
            }
        }
    }
    println!(
        "{:<14} {:>6} {:>6} {:>6} {:>5} {:>8} {:>8}",
        "kind", "gold", "found", "pred", "FP", "recall", "prec"
    );
    let mut failures = Vec::new();
    for (kind, c) in &counts {
        let recall = if c.gold == 0 {
            1.0
        } else {
            c.found as f64 / c.gold as f64
        };
        let precision = if c.pred == 0 {
            1.0
        } else {
            c.correct as f64 / c.pred as f64
        };
        println!(
            "{:<14} {:>6} {:>6} {:>6} {:>5} {:>8.4} {:>8.4}",
            kind,
            c.gold,
            c.found,
            c.pred,
            c.pred - c.correct,
            recall,
            precision
        );
        if recall < RECALL_FLOOR || precision < PRECISION_FLOOR {
            failures.push(format!(
                "{kind}: recall {recall:.4}, precision {precision:.4}"
            ));
        }
    }
    println!("leaked gold spans (no prediction of any kind overlaps): {leaked}");
    assert!(failures.is_empty(), "below the floor: {failures:?}");
}
