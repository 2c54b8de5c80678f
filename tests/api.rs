//! Public API behaviour shared by all kinds.

use redactor::{Kind, Policy, Redactor};

#[test]
fn default_redactor_labels() {
    let r = Redactor::default();
    assert_eq!(r.redact("no pii here"), "no pii here");
    let _ = Kind::BUILTIN;
    let _ = Policy::Label;
}
