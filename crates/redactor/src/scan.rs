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

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// High bit set in every byte of `x` that is zero, exact up to the first such byte (higher
/// bytes may be flagged falsely, which never matters: callers want the lowest).
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(LO) & !x & HI
}

/// High bit set in every byte of `x` that is an ASCII digit (exact for every byte: the
/// arithmetic stays within each byte; "Bit Twiddling Hacks", `hasbetween`).
#[inline(always)]
fn digit_bytes(x: u64) -> u64 {
    let low7 = x & (LO * 0x7F);
    (LO * (0x7F + b':' as u64)).wrapping_sub(low7) & !x & (low7 + LO * (0x7F - b'/' as u64)) & HI
}

/// High bit set in the bytes of `x` that are anchors; the lowest set bit is exact.
#[inline(always)]
fn anchor_bytes(x: u64) -> u64 {
    digit_bytes(x) | zero_bytes(x ^ (LO * b'@' as u64)) | zero_bytes(x ^ (LO * b'%' as u64))
}

#[inline(always)]
fn word_at(hay: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&hay[i..i + 8]);
    u64::from_le_bytes(w)
}

/// The next anchor byte at or after `from`.
///
/// On x86_64, clean text is skipped 64 bytes per step with SSE2 (part of the x86_64 baseline,
/// so no runtime detection is needed); elsewhere eight bytes per step with SWAR arithmetic in
/// safe code. Both are checked against [`next_anchor_scalar`] in the tests.
#[inline]
pub(crate) fn next_anchor(hay: &[u8], from: usize) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    {
        sse2::next_anchor(hay, from)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        next_anchor_swar(hay, from)
    }
}

/// SSE2 anchor search: the only `unsafe` code of the crate.
#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod sse2 {
    use core::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_sub_epi8,
    };

    /// 0xFF in every lane of `v` that holds an anchor byte (`0-9`, `@`, `%`), 0 elsewhere.
    #[inline(always)]
    fn anchors(v: __m128i) -> __m128i {
        // SAFETY: SSE2 is enabled on every x86_64 target; these intrinsics only compute on
        // register values.
        unsafe {
            // Digits: `b - b'0'` (wrapping) is at most 9, i.e. `min(x, 9) == x` unsigned.
            let x = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
            let digit = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(9)), x);
            let at = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'@' as i8));
            let pct = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'%' as i8));
            _mm_or_si128(digit, _mm_or_si128(at, pct))
        }
    }

    /// The 16 bytes of `chunk` in a register.
    #[inline(always)]
    fn load(chunk: &[u8; 16]) -> __m128i {
        // SAFETY: SSE2 is enabled on every x86_64 target; `_mm_loadu_si128` reads exactly the
        // 16 bytes of `chunk` (a valid, initialised `[u8; 16]`) and has no alignment
        // requirement.
        unsafe { _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>()) }
    }

    /// Bit `k` set when lane `k` of `m` has its high bit set.
    #[inline(always)]
    fn bits(m: __m128i) -> u64 {
        // SAFETY: SSE2 is enabled on every x86_64 target; a register-only intrinsic.
        let b = unsafe { _mm_movemask_epi8(m) };
        u64::from(b as u16)
    }

    /// Bit `k` set when `chunk[k]` is an anchor byte.
    #[inline(always)]
    fn mask16(chunk: &[u8; 16]) -> u64 {
        bits(anchors(load(chunk)))
    }

    #[inline(always)]
    fn chunk(hay: &[u8], i: usize) -> &[u8; 16] {
        hay[i..i + 16].try_into().expect("16 bytes")
    }

    /// See [`super::next_anchor`].
    #[inline]
    pub(super) fn next_anchor(hay: &[u8], from: usize) -> Option<usize> {
        let mut i = from;
        // Anchors are often close together (digit runs, dense PII): look at 16 bytes first.
        if i + 16 <= hay.len() {
            let m = mask16(chunk(hay, i));
            if m != 0 {
                return Some(i + m.trailing_zeros() as usize);
            }
            i += 16;
        }
        while i + 64 <= hay.len() {
            let a = anchors(load(chunk(hay, i)));
            let b = anchors(load(chunk(hay, i + 16)));
            let c = anchors(load(chunk(hay, i + 32)));
            let d = anchors(load(chunk(hay, i + 48)));
            // SAFETY: SSE2 is enabled on every x86_64 target; register-only intrinsics.
            let any = unsafe { _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d)) };
            if bits(any) != 0 {
                let m = bits(a) | bits(b) << 16 | bits(c) << 32 | bits(d) << 48;
                return Some(i + m.trailing_zeros() as usize);
            }
            i += 64;
        }
        while i + 16 <= hay.len() {
            let m = mask16(chunk(hay, i));
            if m != 0 {
                return Some(i + m.trailing_zeros() as usize);
            }
            i += 16;
        }
        super::next_anchor_scalar(hay, i)
    }
}

/// The portable anchor search: SWAR arithmetic in safe code, eight bytes per word and 32
/// bytes per loop iteration.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
pub(crate) fn next_anchor_swar(hay: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i + 32 <= hay.len() {
        let (a, b, c, d) = (
            anchor_bytes(word_at(hay, i)),
            anchor_bytes(word_at(hay, i + 8)),
            anchor_bytes(word_at(hay, i + 16)),
            anchor_bytes(word_at(hay, i + 24)),
        );
        if (a | b | c | d) != 0 {
            for (k, m) in [a, b, c, d].into_iter().enumerate() {
                if m != 0 {
                    return Some(i + 8 * k + (m.trailing_zeros() / 8) as usize);
                }
            }
        }
        i += 32;
    }
    while i + 8 <= hay.len() {
        let m = anchor_bytes(word_at(hay, i));
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    next_anchor_scalar(hay, i)
}

/// The byte-by-byte reference for [`next_anchor`].
pub(crate) fn next_anchor_scalar(hay: &[u8], from: usize) -> Option<usize> {
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
    /// next call should start: the first anchor at or after `to`, or the end of `hay` when
    /// there is none (a digit run that starts before `to` is judged here as a whole).
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
                    let run_end = (run_end - lo).min(window.bytes.len());
                    detect::numeric(&window, run_end, &opts, &self.enabled, out);
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
        // No anchor in `i..`: the next one can only come after the end.
        hay.len().max(from)
    }
}

/// Picks non-overlapping findings from candidates (absolute coordinates), appending them to
/// `out` sorted by start.
///
/// The rule is local so that streaming can apply it as soon as a candidate's neighbourhood is
/// known: a candidate is kept unless an overlapping candidate *beats* it (longer; then higher
/// confidence; then earlier start; then kind order). Two overlapping candidates never both
/// survive, and a decision depends only on candidates that overlap, which lie within
/// [`MAX_CANDIDATE_LEN`] bytes. A failed validator never produced a candidate, so it cannot
/// hide a valid match of another kind.
pub(crate) fn resolve(cands: &mut Vec<Candidate>, out: &mut Vec<Finding>) {
    sort_dedup(cands);
    for_each_survivor(cands, |c| out.push(to_finding(c)));
}

/// Calls `f` on every candidate of `cands` (sorted by start, see [`sort_dedup`]) that no
/// overlapping candidate beats, in order.
#[inline]
pub(crate) fn for_each_survivor(cands: &[Candidate], mut f: impl FnMut(&Candidate)) {
    // The furthest end of the candidates before `i`: when it is at most `c.start`, nothing
    // before `c` overlaps it, and only the ones after it need a look (the same answer as
    // `is_beaten`, without walking back over the non-overlapping ones).
    let mut reach = 0;
    for (i, c) in cands.iter().enumerate() {
        let beaten = match reach > c.start {
            true => is_beaten(cands, i),
            false => beaten_by_later(cands, i),
        };
        if !beaten {
            f(c);
        }
        reach = reach.max(c.end);
    }
}

/// Sorts candidates by start (then end, kind) and drops exact duplicates.
pub(crate) fn sort_dedup(cands: &mut Vec<Candidate>) {
    cands.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(a.end.cmp(&b.end))
            .then(a.kind.cmp(&b.kind))
            .then(b.confidence.total_cmp(&a.confidence))
    });
    cands.dedup_by(|b, a| a.start == b.start && a.end == b.end && a.kind == b.kind);
}

/// True when some candidate overlapping `cands[i]` beats it; `cands` sorted by start.
pub(crate) fn is_beaten(cands: &[Candidate], i: usize) -> bool {
    let c = &cands[i];
    let earlier = cands[..i]
        .iter()
        .rev()
        .take_while(|d| d.start + MAX_CANDIDATE_LEN > c.start);
    let later = cands[i + 1..].iter().take_while(|d| d.start < c.end);
    earlier
        .chain(later)
        .any(|d| d.start < c.end && c.start < d.end && beats(d, c))
}

/// [`is_beaten`] by a candidate after `cands[i]` only.
fn beaten_by_later(cands: &[Candidate], i: usize) -> bool {
    let c = &cands[i];
    cands[i + 1..]
        .iter()
        .take_while(|d| d.start < c.end)
        .any(|d| c.start < d.end && beats(d, c))
}

/// The total order that settles overlaps.
fn beats(d: &Candidate, c: &Candidate) -> bool {
    let key = |x: &Candidate| (x.end - x.start, x.confidence);
    let (dl, dc) = key(d);
    let (cl, cc) = key(c);
    dl.cmp(&cl)
        .then(dc.total_cmp(&cc))
        .then(c.start.cmp(&d.start))
        .then(c.kind.cmp(&d.kind))
        .then(c.end.cmp(&d.end))
        .is_gt()
}

/// No candidate is longer than this: a detector sees at most its window.
pub(crate) const MAX_CANDIDATE_LEN: usize = detect::BEHIND + detect::AHEAD;

pub(crate) fn to_finding(c: &Candidate) -> Finding {
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
    fn fast_paths_match_scalar_on_every_byte_value() {
        for b in 0..=255u8 {
            for len in [40, 150] {
                for pos in 0..len {
                    let mut hay = vec![b'x'; len];
                    hay[pos] = b;
                    for from in [0, 1, pos.saturating_sub(3), pos, pos + 1] {
                        let want = next_anchor_scalar(&hay, from);
                        assert_eq!(
                            next_anchor(&hay, from),
                            want,
                            "byte {b} at {pos} from {from}"
                        );
                        assert_eq!(next_anchor_swar(&hay, from), want, "swar {b} {pos} {from}");
                    }
                }
            }
        }
        // Mixed bytes around anchors, including high-bit bytes and near-misses.
        let hay: Vec<u8> = (0..2000u32).map(|i| (i * 37 % 251) as u8).collect();
        let mut i = 0;
        while let Some(p) = next_anchor(&hay, i) {
            assert_eq!(Some(p), next_anchor_scalar(&hay, i));
            assert_eq!(Some(p), next_anchor_swar(&hay, i));
            i = p + 1;
        }
        assert_eq!(next_anchor_scalar(&hay, i), None);
        assert_eq!(next_anchor_swar(&hay, i), None);
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
    fn longest_wins_locally() {
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
        // A chain: b beats a and c; a and c do not overlap each other but lose to b.
        let mut c = vec![
            cand(0, 4, Kind::Phone),
            cand(3, 10, Kind::Phone),
            cand(9, 12, Kind::Phone),
        ];
        out.clear();
        resolve(&mut c, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].span, 3..10);
    }
}
