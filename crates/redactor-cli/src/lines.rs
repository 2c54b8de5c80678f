//! Line and column numbers for stream offsets, in bounded memory.

use std::collections::VecDeque;

/// Tracks newline positions of a byte stream so findings (which arrive a little behind the
/// input, in increasing order) can be given a line and column. Only newlines not yet passed
/// are kept: those after the stream's emit point, which is at most a holdback plus one chunk.
#[derive(Debug, Default)]
pub(crate) struct LineTracker {
    /// Absolute offsets of newlines not yet passed.
    newlines: VecDeque<usize>,
    /// Input bytes seen.
    seen: usize,
    /// 1-based line number of the line that starts at `line_start`.
    line: usize,
    line_start: usize,
}

impl LineTracker {
    pub(crate) fn new() -> LineTracker {
        LineTracker {
            line: 1,
            ..LineTracker::default()
        }
    }

    /// Records the newlines of the next chunk of input.
    pub(crate) fn push(&mut self, chunk: &[u8]) {
        let base = self.seen;
        self.newlines
            .extend(memchr::memchr_iter(b'\n', chunk).map(|i| base + i));
        self.seen += chunk.len();
    }

    /// Forgets newlines before `pos`; later queries must be at or after `pos`.
    pub(crate) fn advance(&mut self, pos: usize) {
        while let Some(&nl) = self.newlines.front() {
            if nl >= pos {
                break;
            }
            self.newlines.pop_front();
            self.line += 1;
            self.line_start = nl + 1;
        }
    }

    /// The 1-based line and byte column of `pos` (not before an earlier query).
    pub(crate) fn locate(&mut self, pos: usize) -> (usize, usize) {
        self.advance(pos);
        (self.line, pos.saturating_sub(self.line_start) + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let mut t = LineTracker::new();
        t.push(b"ab\ncd");
        t.push(b"\n\nxyz");
        assert_eq!(t.locate(0), (1, 1));
        assert_eq!(t.locate(4), (2, 2));
        t.advance(6);
        assert_eq!(t.locate(7), (4, 1));
        assert_eq!(t.locate(9), (4, 3));
        assert!(t.newlines.is_empty());
    }
}
