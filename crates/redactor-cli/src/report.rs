//! Run totals, the closing summary and the `--report` JSON audit summary.
//!
//! Nothing here holds input text: counts, kinds, policy types (never an HMAC key), paths, line
//! numbers and fixed error messages.

use crate::config::Loaded;
use crate::process::FileStats;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// One error for the report.
pub(crate) struct ErrorEntry {
    pub(crate) file: String,
    pub(crate) line: Option<usize>,
    pub(crate) message: String,
}

/// Totals over every job of a run.
#[derive(Default)]
pub(crate) struct Totals {
    pub(crate) files_planned: usize,
    pub(crate) files_done: usize,
    pub(crate) files_failed: usize,
    pub(crate) files_with_findings: usize,
    pub(crate) entries_skipped: usize,
    pub(crate) bytes_in: u64,
    pub(crate) bytes_out: u64,
    pub(crate) records: u64,
    pub(crate) records_skipped: u64,
    pub(crate) findings: HashMap<redactor::Kind, u64>,
    pub(crate) field_hits: Vec<u64>,
    pub(crate) errors: Vec<ErrorEntry>,
}

impl Totals {
    /// Adds a finished file.
    pub(crate) fn add(&mut self, name: &str, stats: &FileStats) {
        self.files_done += 1;
        self.bytes_in += stats.bytes_in;
        self.bytes_out += stats.bytes_out;
        self.records += stats.records;
        self.records_skipped += stats.skipped.len() as u64;
        if stats.total_findings() > 0 {
            self.files_with_findings += 1;
        }
        for (k, n) in &stats.findings {
            *self.findings.entry(*k).or_default() += n;
        }
        if self.field_hits.len() < stats.field_hits.len() {
            self.field_hits.resize(stats.field_hits.len(), 0);
        }
        for (t, n) in self.field_hits.iter_mut().zip(&stats.field_hits) {
            *t += n;
        }
        for e in &stats.skipped {
            self.errors.push(ErrorEntry {
                file: name.to_string(),
                line: Some(e.line),
                message: format!("{} (record left out)", e.message),
            });
        }
    }

    pub(crate) fn fail(&mut self, file: &str, message: &str) {
        self.files_failed += 1;
        self.errors.push(ErrorEntry {
            file: file.to_string(),
            line: None,
            message: message.to_string(),
        });
    }

    pub(crate) fn total_findings(&self) -> u64 {
        self.findings.values().sum()
    }

    /// Findings per kind name, every configured kind listed (zeros too).
    fn by_kind(&self, loaded: &Loaded) -> BTreeMap<String, u64> {
        let mut map: BTreeMap<String, u64> = loaded
            .kinds()
            .into_iter()
            .map(|(k, name)| (name, self.findings.get(&k).copied().unwrap_or(0)))
            .collect();
        for (k, n) in &self.findings {
            map.entry(loaded.redactor.kind_name(*k).to_string())
                .or_insert(*n);
        }
        map
    }

    /// One line for stderr at the end of a run on a terminal.
    pub(crate) fn summary(&self, loaded: &Loaded, verb: &str, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64();
        let mib = self.bytes_in as f64 / (1024.0 * 1024.0);
        let kinds: Vec<String> = self
            .by_kind(loaded)
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        let mut s = format!(
            "{verb} {} file{} ({mib:.1} MiB) in {secs:.2} s ({:.1} MiB/s): {} finding{}",
            self.files_done,
            if self.files_done == 1 { "" } else { "s" },
            if secs > 0.0 { mib / secs } else { 0.0 },
            self.total_findings(),
            if self.total_findings() == 1 { "" } else { "s" },
        );
        if !kinds.is_empty() {
            s.push_str(&format!(" ({})", kinds.join(", ")));
        }
        s
    }
}

/// What the report says about the run besides the totals.
pub(crate) struct RunInfo<'a> {
    pub(crate) loaded: &'a Loaded,
    pub(crate) check: bool,
    pub(crate) format: &'a str,
    pub(crate) fields: Vec<String>,
    pub(crate) output: &'a str,
    pub(crate) started: SystemTime,
    pub(crate) elapsed: Duration,
    pub(crate) interrupted: bool,
    pub(crate) exit_status: u8,
}

/// The audit summary as JSON.
pub(crate) fn to_json(t: &Totals, info: &RunInfo) -> Value {
    let started = info
        .started
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let errors: Vec<Value> = t
        .errors
        .iter()
        .map(|e| {
            let mut v = json!({"file": e.file, "message": e.message});
            if let Some(line) = e.line {
                v["line"] = json!(line);
            }
            v
        })
        .collect();
    let mut report = json!({
        "redactor_version": env!("CARGO_PKG_VERSION"),
        "command": if info.check { "check" } else { "redact" },
        "format": info.format,
        "output": info.output,
        "config": info.loaded.source,
        "policies": info.loaded.policies(),
        "date_mode": info.loaded.config.date_mode,
        "custom_rules": info.loaded.config.custom_rules.len(),
        "allowlist_entries": info.loaded.config.allowlist.len(),
        "files": {
            "planned": t.files_planned,
            "processed": t.files_done,
            "failed": t.files_failed,
            "not_processed": t.files_planned.saturating_sub(t.files_done + t.files_failed),
            "with_findings": t.files_with_findings,
            "entries_skipped": t.entries_skipped,
        },
        "bytes": {"read": t.bytes_in, "written": t.bytes_out},
        "findings": {"total": t.total_findings(), "by_kind": t.by_kind(info.loaded)},
        "errors": errors,
        "interrupted": info.interrupted,
        "started_unix": started,
        "duration_seconds": (info.elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
        "exit_status": info.exit_status,
    });
    if !info.fields.is_empty() {
        let hits: BTreeMap<&str, u64> = info
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f.as_str(), t.field_hits.get(i).copied().unwrap_or(0)))
            .collect();
        report["fields"] = json!(hits);
        report["records"] = json!({"processed": t.records, "skipped": t.records_skipped});
    }
    report
}

/// Writes the report atomically (temp file and rename).
pub(crate) fn write(path: &Path, report: &Value) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(crate::plan::TEMP_PREFIX)
        .suffix(crate::plan::TEMP_SUFFIX)
        .tempfile_in(dir)?;
    serde_json::to_writer_pretty(&mut tmp, report)?;
    std::io::Write::write_all(&mut tmp, b"\n")?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
