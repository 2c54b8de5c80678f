//! The single pass: skip clean bytes to the next anchor, let the detectors judge the bounded
//! window around it, then settle overlaps between candidates.

use crate::detect::{self, Candidate, DetectOptions, Window};
use crate::Finding;
#[cfg(test)]
use crate::Kind;

/// Bytes that can start a match: ASCII digits (cards, SSNs, phones, dates), `@` (emails) and
/// `%` (the `%40` of percent-encoded emails).
static ANCHOR: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = b'0';
    while b <= b'9' {
        t[b as usize] = true;
        b += 1;
    }
    t[b'@' as usize] = true;
    t[b'%' as usize] = true;
    t
};

/// The next anchor byte at or after `from`.
#[inline]
pub(crate) fn next_anchor(hay: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .iter()
        .position(|&b| ANCHOR[b as usize])
        .map(|p| from + p)
}

/// Which detectors run and how.
#[derive(Clone, Debug)]
pub(crate) struct Scanner {
    /// Enabled built-in kinds, indexed like [`Kind::BUILTIN`].
    pub enabled: [bool; 5],
    /// Report every valid date, not only birth dates.
    pub all_dates: bool,
}

impl Scanner {
    /// Collects candidates for every anchor at a position in `from..to` and returns where the
    /// next call should start (at or after `to`; a digit run that starts before `to` is judged
    /// here as a whole, so the returned position may lie past `to`).
    ///
    /// A window reads `hay` up to [`detect::AHEAD`] bytes past its anchor, so a streaming caller
    /// passes `to <= hay.len() - AHEAD` unless `hay` ends where the stream ends.
    pub(crate) fn candidates(
        &self,
        hay: &[u8],
        from: usize,
        to: usize,
        out: &mut Vec<Candidate>,
    ) -> usize {
        let opts = DetectOptions {
            context: crate::context::ContextIndex::builtin(),
            all_dates: self.all_dates,
        };
        let mut i = from;
        while let Some(p) = next_anchor(hay, i) {
            if p >= to {
                return p;
            }
            let first = out.len();
            let (window, lo) = Window::around(hay, p);
            let b = hay[p];
            if b.is_ascii_digit() {
                // A digit run is judged once, from its first digit.
                let run_end = p + hay[p..].iter().take_while(|b| b.is_ascii_digit()).count();
                if p == 0 || !hay[p - 1].is_ascii_digit() {
                    detect::numeric(&window, &opts, &self.enabled, out);
                }
                i = run_end;
            } else {
                if self.enabled[2] {
                    detect::email::detect(&window, &opts, out);
                }
                i = p + 1;
            }
            for c in &mut out[first..] {
                c.start += lo;
                c.end += lo;
            }
        }
        to.max(i).min(hay.len()).max(from)
    }
}

/// Picks non-overlapping findings from candidates (in absolute coordinates), appending them to
/// `out` sorted by start.
///
/// Overlapping candidates form a cluster; inside a cluster the longest candidate wins (ties:
/// higher confidence, then earlier start, then kind order), then the rest of the cluster is
/// filled with whatever does not overlap a winner. A failed validator never produced a
/// candidate, so it cannot hide a valid match of another kind.
pub(crate) fn resolve(cands: &mut [Candidate], out: &mut Vec<Finding>) {
    cands.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.kind.cmp(&b.kind))
    });
    let mut i = 0;
    while i < cands.len() {
        let mut j = i + 1;
        let mut cluster_end = cands[i].end;
        while j < cands.len() && cands[j].start < cluster_end {
            cluster_end = cluster_end.max(cands[j].end);
            j += 1;
        }
        resolve_cluster(&mut cands[i..j], out);
        i = j;
    }
}

fn resolve_cluster(cluster: &mut [Candidate], out: &mut Vec<Finding>) {
    if let [only] = cluster {
        out.push(to_finding(only));
        return;
    }
    cluster.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.start.cmp(&b.start))
            .then(a.kind.cmp(&b.kind))
    });
    let first = out.len();
    for c in cluster.iter() {
        let overlaps = out[first..]
            .iter()
            .any(|f| c.start < f.span.end && f.span.start < c.end);
        if !overlaps {
            out.push(to_finding(c));
        }
    }
    out[first..].sort_by_key(|f| f.span.start);
}

fn to_finding(c: &Candidate) -> Finding {
    Finding {
        kind: c.kind,
        span: c.start..c.end,
        confidence: c.confidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(start: usize, end: usize, kind: Kind) -> Candidate {
        Candidate {
            start,
            end,
            kind,
            confidence: 0.9,
        }
    }

    #[test]
    fn anchors() {
        assert_eq!(next_anchor(b"abc 1", 0), Some(4));
        assert_eq!(next_anchor(b"a@b", 0), Some(1));
        assert_eq!(next_anchor(b"a%40b", 2), Some(2));
        assert_eq!(next_anchor(b"abc", 0), None);
        assert_eq!(next_anchor(b"abc", 9), None);
    }

    #[test]
    fn longest_wins_and_rest_fills() {
        let mut c = vec![
            cand(0, 10, Kind::Phone),
            cand(5, 25, Kind::CreditCard),
            cand(30, 40, Kind::Email),
            cand(30, 40, Kind::Email),
        ];
        let mut out = Vec::new();
        resolve(&mut c, &mut out);
        let spans: Vec<_> = out.iter().map(|f| (f.span.clone(), f.kind)).collect();
        assert_eq!(
            spans,
            vec![(5..25, Kind::CreditCard), (30..40, Kind::Email)]
        );
    }
}
