//! Detector stub: being written.

use super::{Candidate, DetectOptions, Window};
use crate::context::Topic;

/// Context words of this detector.
pub(crate) const CONTEXT: &[(&str, Topic)] = &[];

/// Pushes validated candidates for the anchor of `w`.
pub(crate) fn detect(w: &Window<'_>, opts: &DetectOptions<'_>, out: &mut Vec<Candidate>) {
    let _ = (w, opts, out);
}
