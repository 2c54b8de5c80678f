//! One input, one output: the per-file job shared by every mode (stdout, output directory,
//! in place, check). Text is streamed through [`StreamRedactor`] in `--buffer-size` reads;
//! JSON Lines and CSV go record by record (see `jsonl` and `csvfile`).

use crate::lines::LineTracker;
use crate::ui::Ui;
use crate::{csvfile, interrupt, jsonl, Failure, OnError};
use redactor::{Finding, Kind, Redactor, StreamRedactor};
use std::collections::BTreeMap;
use std::io::{self, BufReader, Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// How inputs are read.
pub(crate) enum Format {
    /// Any bytes, redacted whole.
    Text,
    /// JSON Lines; only the values at these paths are redacted.
    Jsonl(Vec<jsonl::FieldPath>),
    /// CSV with a header row; only these columns are redacted.
    Csv { fields: Vec<String>, delimiter: u8 },
}

impl Format {
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Jsonl(_) => "jsonl",
            Format::Csv { .. } => "csv",
        }
    }

    /// The `--field` arguments, as given.
    pub(crate) fn field_names(&self) -> Vec<String> {
        match self {
            Format::Text => Vec::new(),
            Format::Jsonl(paths) => paths.iter().map(ToString::to_string).collect(),
            Format::Csv { fields, .. } => fields.clone(),
        }
    }
}

/// What every job of a run shares.
pub(crate) struct Settings<'a> {
    pub(crate) redactor: &'a Redactor,
    pub(crate) format: &'a Format,
    pub(crate) on_error: OnError,
    /// Record where findings are (`--check`).
    pub(crate) locate: bool,
    pub(crate) buffer_size: usize,
    /// Set when an error under `--on-error fail` stops the run.
    pub(crate) cancel: &'a AtomicBool,
    /// Progress, advanced as input is read.
    pub(crate) ui: &'a Ui,
    /// `--fsync`.
    pub(crate) fsync: bool,
}

impl Settings<'_> {
    /// True when this job should stop at once (Ctrl-C, or another job failed).
    pub(crate) fn should_stop(&self) -> bool {
        interrupt::interrupted() || self.cancel.load(Ordering::Relaxed)
    }

    pub(crate) fn kind_name(&self, kind: Kind) -> &str {
        self.redactor.kind_name(kind)
    }
}

/// Per-thread state, reused from file to file.
pub(crate) struct Worker {
    pub(crate) stream: StreamRedactor,
    pub(crate) buf: Vec<u8>,
    /// The redacted text of the last field value (JSON Lines, CSV).
    pub(crate) value_out: Vec<u8>,
}

impl Worker {
    pub(crate) fn new(s: &Settings) -> Worker {
        let mut stream = s.redactor.stream();
        stream.record_findings(true);
        Worker {
            stream,
            buf: vec![0; s.buffer_size],
            value_out: Vec::new(),
        }
    }

    /// Redacts one field value into `self.value_out` and returns its findings (offsets in
    /// `value`), reading the value as labelled by its field's name.
    ///
    /// A column or key names what its values are (`dob`, `date_of_birth`, `phone`, `ssn`):
    /// in a document that name would stand before the value as its label, and detectors need
    /// it for values that only context makes PII (a birth date, bare digits). So the value is
    /// redacted as `name: value`, with the name reduced to ASCII letters and spaces (no byte a
    /// built-in detector starts a match at), and the label is cut off the output again. When a
    /// custom pattern matches inside the label, the value is redacted without it.
    pub(crate) fn redact_value(&mut self, name: &str, value: &[u8]) -> Vec<Finding> {
        let label = field_label(name);
        let findings = self.redact_labelled(label.as_bytes(), value);
        if findings.iter().all(|f| f.span.start >= label.len()) {
            self.value_out.drain(..label.len());
            return findings
                .into_iter()
                .map(|mut f| {
                    f.span = f.span.start - label.len()..f.span.end - label.len();
                    f
                })
                .collect();
        }
        self.redact_labelled(b"", value)
    }

    /// Redacts `label` then `value` as one text into `self.value_out`; returns the findings.
    fn redact_labelled(&mut self, label: &[u8], value: &[u8]) -> Vec<Finding> {
        self.value_out.clear();
        // Writing into a Vec cannot fail.
        let pushed = self.stream.push(label, &mut self.value_out);
        let pushed_value = self.stream.push(value, &mut self.value_out);
        let finished = self.stream.finish(&mut self.value_out);
        debug_assert!(pushed.is_ok() && pushed_value.is_ok() && finished.is_ok());
        self.stream.take_findings()
    }
}

/// Longest field label passed to the detectors (see [`Worker::redact_value`]).
const MAX_LABEL: usize = 48;

/// The label `name: ` for a value of the field `name` (a CSV column, or the last key of a JSON
/// path): ASCII letters kept, every other byte a space (`date_of_birth` reads as
/// `date of birth`), at most [`MAX_LABEL`] bytes; empty when no letter is left.
fn field_label(name: &str) -> String {
    let last = name.rsplit('.').next().unwrap_or(name);
    let words: String = last
        .bytes()
        .take(MAX_LABEL)
        .map(|b| {
            if b.is_ascii_alphabetic() {
                b as char
            } else {
                ' '
            }
        })
        .collect();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        words
    } else {
        format!("{words}: ")
    }
}
pub(crate) struct RecordError {
    pub(crate) line: usize,
    pub(crate) message: String,
}

/// What one input gave.
#[derive(Default)]
pub(crate) struct FileStats {
    pub(crate) bytes_in: u64,
    pub(crate) bytes_out: u64,
    /// Findings per kind. A few kinds, counted once per finding: a B-tree of one node is a
    /// short linear search, where a `HashMap` would hash every finding with SipHash.
    pub(crate) findings: BTreeMap<Kind, u64>,
    /// JSON Lines or CSV records read (the CSV header not counted).
    pub(crate) records: u64,
    /// Malformed records left out, with where.
    pub(crate) skipped: Vec<RecordError>,
    /// Values matched per `--field`, to warn about paths that match nothing.
    pub(crate) field_hits: Vec<u64>,
    /// `file:line: KIND` lines for `--check`.
    pub(crate) locations: Vec<String>,
}

/// `--check` locations are printed in batches of this many, so memory stays bounded however
/// many findings a file has.
const LOCATION_BATCH: usize = 1024;

impl FileStats {
    /// Prints the gathered `--check` locations once there are many (or with `all`).
    pub(crate) fn flush_locations(&mut self, s: &Settings, all: bool) -> Result<(), Stop> {
        if self.locations.len() >= LOCATION_BATCH || (all && !self.locations.is_empty()) {
            s.ui.print_lines(&self.locations)
                .map_err(|e| Stop::Failed(Failure::io("standard output", &e)))?;
            self.locations.clear();
        }
        Ok(())
    }

    pub(crate) fn total_findings(&self) -> u64 {
        self.findings.values().sum()
    }

    pub(crate) fn count(&mut self, kind: Kind) {
        *self.findings.entry(kind).or_default() += 1;
    }
}

/// Why a job ended early.
#[derive(Debug)]
pub(crate) enum Stop {
    /// This input failed.
    Failed(Failure),
    /// Ctrl-C, or another input failed under `--on-error fail`.
    Cancelled,
}

impl From<Failure> for Stop {
    fn from(f: Failure) -> Stop {
        Stop::Failed(f)
    }
}

/// Counts the bytes written through it.
struct Counted<'w> {
    inner: &'w mut dyn Write,
    n: u64,
}

impl Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.n += n as u64;
        Ok(n)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf)?;
        self.n += buf.len() as u64;
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Redacts `input` (called `name` in messages) into `out` (called `out_name`).
pub(crate) fn process(
    w: &mut Worker,
    s: &Settings,
    name: &str,
    input: &mut dyn Read,
    out: &mut dyn Write,
    out_name: &str,
) -> Result<FileStats, Stop> {
    // A stream left dirty by a failed file must not leak into this one.
    w.stream.reset();
    let _ = w.stream.take_findings();
    let mut stats = FileStats::default();
    let mut out = Counted { inner: out, n: 0 };
    let io = Io { name, out_name };
    match s.format {
        Format::Text => text(w, s, &io, input, &mut out, &mut stats)?,
        Format::Jsonl(paths) => {
            stats.field_hits = vec![0; paths.len()];
            let mut reader = BufReader::with_capacity(s.buffer_size, input);
            jsonl::process(w, s, paths, &io, &mut reader, &mut out, &mut stats)?;
        }
        Format::Csv { fields, delimiter } => {
            stats.field_hits = vec![0; fields.len()];
            let mut reader = BufReader::with_capacity(s.buffer_size, input);
            csvfile::process(
                w,
                s,
                fields,
                *delimiter,
                &io,
                &mut reader,
                &mut out,
                &mut stats,
            )?;
        }
    }
    out.flush().map_err(|e| io.write_err(&e))?;
    stats.bytes_out = out.n;
    Ok(stats)
}

/// Names for messages about one job's input and output.
pub(crate) struct Io<'a> {
    pub(crate) name: &'a str,
    pub(crate) out_name: &'a str,
}

impl Io<'_> {
    pub(crate) fn read_err(&self, e: &io::Error) -> Stop {
        Stop::Failed(Failure::io(self.name, e))
    }

    pub(crate) fn write_err(&self, e: &io::Error) -> Stop {
        Stop::Failed(Failure::io(self.out_name, e))
    }

    /// A malformed record: left out under `--on-error skip`, the end of the run under `fail`.
    pub(crate) fn malformed(
        &self,
        s: &Settings,
        stats: &mut FileStats,
        line: usize,
        message: String,
    ) -> Result<(), Stop> {
        match s.on_error {
            OnError::Fail => Err(Stop::Failed(Failure::new(
                format!("{}:{line}: {message}", self.name),
                crate::exit::DATA,
            ))),
            OnError::Skip => {
                stats.skipped.push(RecordError { line, message });
                Ok(())
            }
        }
    }
}

/// Plain text: stream the bytes through in `--buffer-size` reads.
fn text(
    w: &mut Worker,
    s: &Settings,
    io: &Io,
    input: &mut dyn Read,
    mut out: &mut dyn Write,
    stats: &mut FileStats,
) -> Result<(), Stop> {
    let mut lines = LineTracker::new();
    loop {
        if s.should_stop() {
            return Err(Stop::Cancelled);
        }
        let n = match input.read(&mut w.buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io.read_err(&e)),
        };
        stats.bytes_in += n as u64;
        s.ui.advance(n as u64);
        if s.locate {
            lines.push(&w.buf[..n]);
        }
        w.stream
            .push(&w.buf[..n], &mut out)
            .map_err(|e| io.write_err(&e))?;
        note(w, s, io, &mut lines, stats);
        stats.flush_locations(s, false)?;
        // No finding can start before what the stream has written out.
        lines.advance(w.stream.position() - w.stream.held_back());
    }
    w.stream.finish(&mut out).map_err(|e| io.write_err(&e))?;
    note(w, s, io, &mut lines, stats);
    Ok(())
}

/// Counts (and with `--check` locates) the findings the stream settled since the last call.
fn note(w: &mut Worker, s: &Settings, io: &Io, lines: &mut LineTracker, stats: &mut FileStats) {
    for f in w.stream.take_findings() {
        stats.count(f.kind);
        if s.locate {
            let (line, col) = lines.locate(f.span.start);
            stats
                .locations
                .push(format!("{}:{line}:{col}: {}", io.name, s.kind_name(f.kind)));
        }
    }
}
