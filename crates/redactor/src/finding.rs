//! What a scan reports.

use crate::Kind;
use std::ops::Range;

/// One piece of personal data found in a text.
///
/// A finding holds no PII: only the kind, the UTF-8 byte span and a confidence. Use
/// [`Finding::matched`] to look the text up in the haystack when you really need it.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// What was found.
    pub kind: Kind,
    /// Half-open UTF-8 byte offsets into the scanned text.
    pub span: Range<usize>,
    /// How sure the detector is, in `0.0..=1.0`. Validated formats (Luhn, SSA rules) score high;
    /// matches that lean on context words score lower.
    pub confidence: f32,
}

impl Finding {
    /// The matched bytes, borrowed from the haystack the finding came from.
    ///
    /// This is the only way to get at the PII itself: findings never copy it.
    ///
    /// # Panics
    /// Panics when `haystack` is not the text the finding was made from and the span is out of
    /// bounds.
    pub fn matched<'h>(&self, haystack: &'h [u8]) -> &'h [u8] {
        &haystack[self.span.clone()]
    }

    /// Start byte offset.
    pub fn start(&self) -> usize {
        self.span.start
    }

    /// End byte offset (exclusive).
    pub fn end(&self) -> usize {
        self.span.end
    }
}
