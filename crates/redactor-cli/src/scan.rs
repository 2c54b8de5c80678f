//! `redactor scan --jsonl`: one JSON line of findings per input record.

use crate::{open, Failure};
use redactor::Redactor;
use serde_json::{json, Value};
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;

pub(crate) fn run(r: &Redactor, jsonl: bool, file: Option<&Path>) -> Result<(), Failure> {
    if !jsonl {
        return Err(Failure::new("scan: only --jsonl input is supported", 64));
    }
    let name = file.map_or("standard input".to_string(), |p| p.display().to_string());
    let reader = BufReader::new(open(file)?);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut findings = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Failure::io(&name, &e))?;
        if line.trim().is_empty() {
            continue;
        }
        let lineno = n + 1;
        let record: Value = serde_json::from_str(&line).map_err(|e| {
            Failure::new(
                format!("{name}:{lineno}: not JSON (column {})", e.column()),
                65,
            )
        })?;
        let text = record.get("text").and_then(Value::as_str).ok_or_else(|| {
            Failure::new(format!("{name}:{lineno}: no string field \"text\""), 65)
        })?;
        findings.clear();
        r.find_into(text.as_bytes(), &mut findings);
        let list: Vec<Value> = findings
            .iter()
            .map(|f| {
                json!({
                    "kind": r.kind_name(f.kind),
                    "start": f.span.start,
                    "end": f.span.end,
                    "confidence": (f64::from(f.confidence) * 1000.0).round() / 1000.0,
                })
            })
            .collect();
        let id = record.get("id").cloned().unwrap_or(Value::Null);
        serde_json::to_writer(&mut out, &json!({"id": id, "findings": list}))
            .map_err(|e| Failure::io("standard output", &e.into()))?;
        out.write_all(b"\n")
            .map_err(|e| Failure::io("standard output", &e))?;
    }
    out.flush().map_err(|e| Failure::io("standard output", &e))
}
