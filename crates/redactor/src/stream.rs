//! Streaming redaction: the one-shot scanner, run over a bounded holdback buffer.
//!
//! # Why the output equals one-shot output
//!
//! Every detector decides from a window of at most [`BEHIND`] bytes before its anchor and
//! [`AHEAD`] bytes after it (see `detect`), and overlaps are settled by a local rule (see
//! `scan::resolve`). So the stream:
//!
//! 1. judges an anchor only once [`AHEAD`] bytes after it have arrived (or the stream ended),
//!    keeping at least [`BEHIND`] bytes before it, so the window is exactly the one-shot window;
//! 2. knows that candidates from later anchors start at or after `F = next anchor - BEHIND`;
//! 3. emits text up to the largest `E <= F` that no pending candidate straddles, settling the
//!    candidates that end before `E` (their overlapping neighbours are all known by then).
//!
//! # Memory
//!
//! Input is taken in blocks of at most [`BLOCK`] bytes, so the buffer never holds more than
//! `BLOCK + MAX_HOLDBACK` bytes; it is allocated once at that size and never grows. Emitted bytes
//! are wiped from it as it rolls, and the whole buffer is wiped on [`StreamRedactor::finish`]
//! and on drop.

use crate::detect::{Candidate, AHEAD, BEHIND};
use crate::scan::{self, MAX_CANDIDATE_LEN};
use crate::{Finding, Redactor};
use std::fmt;
use std::io::{self, Write};
use zeroize::Zeroize;

/// The most input bytes a stream holds back, however long it runs: the lookahead a window needs,
/// the lookbehind the next window needs, and one candidate that may straddle the emit point.
pub const MAX_HOLDBACK: usize = AHEAD + BEHIND + MAX_CANDIDATE_LEN;

/// Input is processed in blocks of at most this many bytes, whatever the chunk size.
pub const BLOCK: usize = 16 * 1024;

/// Redacts a byte stream pushed in chunks of any size; the concatenated output equals
/// [`Redactor::redact_bytes`] on the whole input.
///
/// # Example
/// ```
/// # fn main() -> std::io::Result<()> {
/// let r = redactor::Redactor::default();
/// let mut s = r.stream();
/// let mut out = Vec::new();
/// s.push(b"mail jane.doe@exa", &mut out)?;
/// s.push(b"mple.com now", &mut out)?;
/// s.finish(&mut out)?;
/// assert_eq!(out, b"mail [EMAIL] now");
/// # Ok(()) }
/// ```
///
/// # Invalid UTF-8
/// The stream works on bytes: invalid UTF-8 passes through unchanged outside findings, and
/// detection carries on around it. A chunk may end inside a multi-byte character.
pub struct StreamRedactor {
    redactor: Redactor,
    /// Input bytes `[base, base + buf.len())` not yet emitted.
    buf: Vec<u8>,
    base: usize,
    /// Absolute position where the anchor search resumes.
    scan_pos: usize,
    /// Absolute position where custom rules resume.
    custom_pos: usize,
    /// Candidates not yet settled, absolute coordinates.
    pending: Vec<Candidate>,
    fresh: Vec<Candidate>,
    settled: Vec<Finding>,
    staging: Vec<u8>,
    findings: Option<Vec<Finding>>,
    high_water: usize,
}

impl fmt::Debug for StreamRedactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never print buffered text.
        f.debug_struct("StreamRedactor")
            .field("position", &(self.base + self.buf.len()))
            .field("held_back", &self.buf.len())
            .finish_non_exhaustive()
    }
}

impl Redactor {
    /// A stream that redacts input pushed in chunks.
    pub fn stream(&self) -> StreamRedactor {
        StreamRedactor::new(self.clone())
    }
}

impl StreamRedactor {
    fn new(redactor: Redactor) -> StreamRedactor {
        StreamRedactor {
            redactor,
            buf: Vec::with_capacity(BLOCK + MAX_HOLDBACK),
            base: 0,
            scan_pos: 0,
            custom_pos: 0,
            pending: Vec::new(),
            fresh: Vec::new(),
            settled: Vec::new(),
            staging: Vec::new(),
            findings: None,
            high_water: 0,
        }
    }

    /// Also record findings (absolute stream offsets), to be taken with
    /// [`StreamRedactor::take_findings`]. Off by default so memory stays bounded on endless
    /// streams; if you turn it on, take them regularly.
    pub fn record_findings(&mut self, on: bool) {
        self.findings = on.then(Vec::new);
    }

    /// The findings recorded since the last call (see [`StreamRedactor::record_findings`]).
    pub fn take_findings(&mut self) -> Vec<Finding> {
        self.findings
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Bytes pushed so far.
    pub fn position(&self) -> usize {
        self.base + self.buf.len()
    }

    /// Bytes currently held back (not yet written out).
    pub fn held_back(&self) -> usize {
        self.buf.len()
    }

    /// The largest number of bytes ever held back after a push (at most [`MAX_HOLDBACK`]).
    pub fn max_held_back(&self) -> usize {
        self.high_water
    }

    /// Takes `chunk` and writes every byte that no later input can change.
    ///
    /// # Errors
    /// Only errors from `out`; the stream then stays usable, but the bytes of the failed write
    /// are lost to `out`.
    pub fn push(&mut self, chunk: &[u8], out: &mut impl Write) -> io::Result<()> {
        for block in chunk.chunks(BLOCK) {
            self.buf.extend_from_slice(block);
            self.step(false);
            self.high_water = self.high_water.max(self.buf.len());
            self.flush_staging(out)?;
        }
        Ok(())
    }

    /// Ends the stream: writes everything held back. The stream then starts afresh at offset 0.
    ///
    /// # Errors
    /// Only errors from `out`.
    pub fn finish(&mut self, out: &mut impl Write) -> io::Result<()> {
        self.step(true);
        let result = self.flush_staging(out);
        self.reset();
        result
    }

    /// Forgets all state and wipes the buffers, as on drop.
    pub fn reset(&mut self) {
        self.buf.zeroize();
        self.staging.zeroize();
        self.buf.clear();
        self.staging.clear();
        self.pending.clear();
        self.base = 0;
        self.scan_pos = 0;
        self.custom_pos = 0;
    }

    fn flush_staging(&mut self, out: &mut impl Write) -> io::Result<()> {
        let result = out.write_all(&self.staging);
        self.staging.zeroize();
        self.staging.clear();
        result
    }

    /// Scans what is judgeable, settles what is final and stages output up to the emit point.
    fn step(&mut self, eof: bool) {
        let end = self.base + self.buf.len();
        let to = if eof { end } else { end.saturating_sub(AHEAD) };
        let base = self.base;
        self.fresh.clear();
        if to > self.scan_pos {
            let next = self.redactor.scanner().candidates(
                &self.buf,
                self.scan_pos - base,
                to - base,
                &mut self.fresh,
            );
            self.scan_pos = base + next;
        }
        if let Some(custom) = self.redactor.custom_rules() {
            if to > self.custom_pos {
                let next = custom.candidates(
                    &self.buf,
                    self.custom_pos - base,
                    to - base,
                    &mut self.fresh,
                );
                self.custom_pos = base + next;
            }
        }
        for c in &self.fresh {
            if !self.redactor.is_allowed(&self.buf, c) {
                self.pending.push(Candidate {
                    start: c.start + base,
                    end: c.end + base,
                    ..*c
                });
            }
        }
        // Later candidates start at or after `frontier`.
        let frontier = if eof {
            end
        } else {
            let horizon = if self.redactor.custom_rules().is_some() {
                self.scan_pos.min(self.custom_pos)
            } else {
                self.scan_pos
            };
            horizon.saturating_sub(BEHIND).max(base)
        };
        let emit_to = self.emit_point(frontier);
        self.settle_before(emit_to);
        self.stage_output(emit_to);
        self.roll(emit_to);
    }

    /// The largest position `<= frontier` that no pending candidate straddles.
    fn emit_point(&self, frontier: usize) -> usize {
        let mut e = frontier;
        loop {
            let lower = self
                .pending
                .iter()
                .filter(|c| c.start < e && e < c.end)
                .map(|c| c.start)
                .min();
            match lower {
                Some(s) => e = s,
                None => return e,
            }
        }
    }

    /// Settles the pending candidates that end at or before `emit_to` into `self.settled`.
    fn settle_before(&mut self, emit_to: usize) {
        scan::sort_dedup(&mut self.pending);
        self.settled.clear();
        for (i, c) in self.pending.iter().enumerate() {
            if c.end <= emit_to && !scan::is_beaten(&self.pending, i) {
                self.settled.push(Finding {
                    kind: c.kind,
                    span: c.start..c.end,
                    confidence: c.confidence,
                });
            }
        }
        self.pending.retain(|c| c.end > emit_to);
    }

    /// Writes input `[base, emit_to)` with the settled findings masked into the staging buffer.
    fn stage_output(&mut self, emit_to: usize) {
        let base = self.base;
        let mut last = base;
        for f in &self.settled {
            self.staging
                .extend_from_slice(&self.buf[last - base..f.span.start - base]);
            let value = &self.buf[f.span.start - base..f.span.end - base];
            self.redactor.policy(f.kind).write(
                f.kind,
                self.redactor.kind_name(f.kind),
                value,
                &mut self.staging,
            );
            last = f.span.end;
        }
        self.staging
            .extend_from_slice(&self.buf[last - base..emit_to - base]);
        if let Some(all) = &mut self.findings {
            all.append(&mut self.settled);
        }
    }

    /// Drops the emitted bytes from the front of the buffer and wipes the vacated tail.
    fn roll(&mut self, emit_to: usize) {
        let n = emit_to - self.base;
        if n == 0 {
            return;
        }
        let len = self.buf.len();
        self.buf.copy_within(n.., 0);
        self.buf[len - n..].zeroize();
        self.buf.truncate(len - n);
        self.base = emit_to;
    }
}

impl Drop for StreamRedactor {
    fn drop(&mut self) {
        self.buf.zeroize();
        self.staging.zeroize();
    }
}
