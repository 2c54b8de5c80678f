//! Streaming redaction: the one-shot scanner, run over a bounded holdback buffer.
//!
//! # Why the output equals one-shot output
//!
//! Every detector decides from a window of at most `BEHIND` (256) bytes before its anchor and
//! `AHEAD` (320) bytes after it (see `detect`), and overlaps are settled by a local rule (see
//! `scan::resolve`). So the stream:
//!
//! 1. judges an anchor only once `AHEAD` (320) bytes after it have arrived (or the stream ended),
//!    keeping at least `BEHIND` (256) bytes before it, so the window is exactly the one-shot window;
//! 2. knows that candidates from later anchors start at or after `F = next anchor - BEHIND`;
//! 3. emits text up to the largest `E <= F` that no pending candidate straddles, settling the
//!    candidates that end before `E` (their overlapping neighbours are all known by then).
//!
//! # Memory
//!
//! A push copies at most `BEHIND + AHEAD` bytes of its chunk into the holdback buffer (for the
//! windows that straddle the seam) and judges the rest of the chunk where it is, [`BLOCK`] bytes
//! of anchors at a time; only the unfinished tail is copied into the buffer afterwards. So the
//! buffer never holds more than `MAX_HOLDBACK + BEHIND + AHEAD` bytes; it is allocated once at
//! that size and never grows. Emitted bytes are wiped from it as it rolls, and the whole buffer
//! is wiped on [`StreamRedactor::finish`] and on drop.

use crate::detect::{Candidate, AHEAD, BEHIND};
use crate::scan::{self, MAX_CANDIDATE_LEN};
use crate::{Finding, Redactor};
use std::fmt;
use std::io::{self, Write};
use zeroize::Zeroize;

/// The most input bytes a stream holds back, however long it runs: the lookahead a window needs,
/// the lookbehind the next window needs, and one candidate that may straddle the emit point.
pub const MAX_HOLDBACK: usize = AHEAD + BEHIND + MAX_CANDIDATE_LEN;

/// Anchors of a chunk are judged (and output written) in blocks of at most this many bytes,
/// whatever the chunk size, so the candidates pending at once stay bounded.
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
    /// Input bytes `[base, base + buf.len())`: between pushes, exactly the bytes not yet
    /// emitted.
    buf: Vec<u8>,
    base: usize,
    /// Absolute position up to which output has been written (`== base` between pushes).
    emitted: usize,
    /// Absolute position where the anchor search resumes.
    scan_pos: usize,
    /// Absolute position where custom rules resume.
    custom_pos: usize,
    /// Candidates not yet settled, absolute coordinates.
    pending: Vec<Candidate>,
    fresh: Vec<Candidate>,
    settled: Vec<Finding>,
    /// Scratch for one masked value on its way to the writer (wiped after each use).
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

/// The bytes of a chunk that go through the holdback buffer: enough for every anchor whose
/// window reaches back before the chunk (it starts less than `BEHIND` (256) bytes into it) to see
/// its whole `AHEAD` (320) lookahead there. Anchors after them are judged in the caller's chunk
/// itself, whose bytes are never copied except for the unfinished tail.
const SEAM: usize = BEHIND + AHEAD;

/// Where the input bytes of one push live: the holdback `buf` holds `[base, base + buf.len())`
/// and the caller's chunk `[chunk_start, chunk_start + chunk.len())`; the two may overlap (the
/// chunk's first bytes were copied into `buf`) and together cover `[base, end)`.
struct Input<'a> {
    buf: &'a [u8],
    base: usize,
    chunk: &'a [u8],
    chunk_start: usize,
}

impl<'a> Input<'a> {
    fn buf_end(&self) -> usize {
        self.base + self.buf.len()
    }

    /// The bytes of `[s, e)`, in at most two pieces (from `buf`, then from the chunk).
    fn pieces(&self, s: usize, e: usize) -> [&'a [u8]; 2] {
        let split = self.buf_end().clamp(s, e);
        let first = match s < split {
            true => &self.buf[s - self.base..split - self.base],
            false => &[][..],
        };
        let second = match split < e {
            true => &self.chunk[split - self.chunk_start..e - self.chunk_start],
            false => &[][..],
        };
        [first, second]
    }

    /// The bytes of a candidate span: it was found inside one hay, so it lies wholly in `buf`
    /// or wholly in the chunk.
    fn span(&self, s: usize, e: usize) -> &'a [u8] {
        if e <= self.buf_end() {
            &self.buf[s - self.base..e - self.base]
        } else {
            &self.chunk[s - self.chunk_start..e - self.chunk_start]
        }
    }
}

impl StreamRedactor {
    fn new(redactor: Redactor) -> StreamRedactor {
        StreamRedactor {
            redactor,
            buf: Vec::with_capacity(SEAM + MAX_HOLDBACK),
            base: 0,
            emitted: 0,
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
    /// The first `BEHIND + AHEAD` (576) bytes of the chunk are appended to the holdback
    /// buffer, so that anchors near the seam see their whole window; the rest of the chunk is
    /// scanned where it is, [`BLOCK`] bytes of anchors at a time, and written out from there.
    /// Only the unfinished tail (at most [`MAX_HOLDBACK`] bytes) is copied into the holdback.
    ///
    /// # Errors
    /// Only errors from `out`; the stream then stays usable, but the bytes of the failed write
    /// (and of later writes in the same push) are lost to `out`.
    pub fn push(&mut self, chunk: &[u8], out: &mut impl Write) -> io::Result<()> {
        let mut result = Ok(());
        let chunk_start = self.base + self.buf.len();
        let end = chunk_start + chunk.len();
        let head = chunk.len().min(SEAM);
        self.buf.extend_from_slice(&chunk[..head]);
        self.high_water = self.high_water.max(self.buf.len());
        // Anchors whose window starts before the chunk: judged in the holdback buffer.
        let to = (chunk_start + head).saturating_sub(AHEAD);
        self.scan(true, chunk, chunk_start, to);
        self.emit(chunk, chunk_start, false, out, &mut result);
        // The others: judged in the chunk.
        let last = end.saturating_sub(AHEAD);
        while self.scan_pos.min(self.horizon()) < last {
            let to = (self.horizon() + BLOCK).min(last);
            self.scan(false, chunk, chunk_start, to);
            self.emit(chunk, chunk_start, false, out, &mut result);
        }
        self.keep_tail(chunk, chunk_start);
        result
    }

    /// Ends the stream: writes everything held back. The stream then starts afresh at offset 0.
    ///
    /// # Errors
    /// Only errors from `out`.
    pub fn finish(&mut self, out: &mut impl Write) -> io::Result<()> {
        let mut result = Ok(());
        let end = self.base + self.buf.len();
        self.scan(true, &[], end, end);
        self.emit(&[], end, true, out, &mut result);
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
        self.emitted = 0;
        self.scan_pos = 0;
        self.custom_pos = 0;
    }

    /// Where the slower of the two scans (built-in detectors, custom rules) stands.
    fn horizon(&self) -> usize {
        if self.redactor.custom_rules().is_some() {
            self.scan_pos.min(self.custom_pos)
        } else {
            self.scan_pos
        }
    }

    /// Collects the candidates of anchors before `to` into `pending`, scanning the holdback
    /// buffer (`in_buf`) or the chunk. The caller makes sure every such window lies in that hay.
    fn scan(&mut self, in_buf: bool, chunk: &[u8], chunk_start: usize, to: usize) {
        let (hay, start) = match in_buf {
            true => (&self.buf[..], self.base),
            false => (chunk, chunk_start),
        };
        self.fresh.clear();
        if to > self.scan_pos {
            let next = self.redactor.scanner().candidates(
                hay,
                self.scan_pos - start,
                to - start,
                &mut self.fresh,
            );
            self.scan_pos = start + next;
        }
        if let Some(custom) = self.redactor.custom_rules() {
            if to > self.custom_pos {
                let next =
                    custom.candidates(hay, self.custom_pos - start, to - start, &mut self.fresh);
                self.custom_pos = start + next;
            }
        }
        for c in &self.fresh {
            if !self.redactor.is_allowed(hay, c) {
                self.pending.push(Candidate {
                    start: c.start + start,
                    end: c.end + start,
                    ..*c
                });
            }
        }
    }

    /// Settles what is final and writes output up to the emit point.
    fn emit(
        &mut self,
        chunk: &[u8],
        chunk_start: usize,
        eof: bool,
        out: &mut impl Write,
        result: &mut io::Result<()>,
    ) {
        let end = chunk_start + chunk.len();
        // Later candidates start at or after `frontier`.
        let frontier = if eof {
            end
        } else {
            self.horizon().saturating_sub(BEHIND).max(self.emitted)
        };
        let emit_to = self.emit_point(frontier);
        self.settle_before(emit_to);
        let input = Input {
            buf: &self.buf,
            base: self.base,
            chunk,
            chunk_start,
        };
        let mut write = |bytes: &[u8]| {
            if result.is_ok() && !bytes.is_empty() {
                *result = out.write_all(bytes);
            }
        };
        let mut last = self.emitted;
        for f in &self.settled {
            for piece in input.pieces(last, f.span.start) {
                write(piece);
            }
            let value = input.span(f.span.start, f.span.end);
            self.redactor.policy(f.kind).write(
                f.kind,
                self.redactor.kind_name(f.kind),
                value,
                &mut self.staging,
            );
            write(&self.staging);
            self.staging.zeroize();
            self.staging.clear();
            last = f.span.end;
        }
        for piece in input.pieces(last, emit_to.max(last)) {
            write(piece);
        }
        self.emitted = emit_to.max(self.emitted);
        if let Some(all) = &mut self.findings {
            all.append(&mut self.settled);
        }
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
        let settled = &mut self.settled;
        scan::for_each_survivor(&self.pending, |c| {
            if c.end <= emit_to {
                settled.push(scan::to_finding(c));
            }
        });
        self.pending.retain(|c| c.end > emit_to);
    }

    /// Makes the holdback buffer hold exactly the bytes not yet emitted, `[emitted, end)`:
    /// drops (and wipes) what was emitted from it, then copies the chunk's unemitted tail.
    fn keep_tail(&mut self, chunk: &[u8], chunk_start: usize) {
        let buf_end = self.base + self.buf.len();
        let keep_from = self.emitted.min(buf_end);
        let n = keep_from - self.base;
        if n > 0 {
            let len = self.buf.len();
            self.buf.copy_within(n.., 0);
            self.buf[len - n..].zeroize();
            self.buf.truncate(len - n);
            self.base = keep_from;
        }
        let tail_from = self.emitted.max(buf_end);
        if tail_from > self.base + self.buf.len() {
            // Everything up to `emitted` left the buffer above, so it is empty here.
            self.base = tail_from;
        }
        self.buf
            .extend_from_slice(&chunk[tail_from - chunk_start..]);
        self.high_water = self.high_water.max(self.buf.len());
    }
}

impl Drop for StreamRedactor {
    fn drop(&mut self) {
        self.buf.zeroize();
        self.staging.zeroize();
    }
}
