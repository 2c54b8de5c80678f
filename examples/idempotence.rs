//! Explains a failed "masking is idempotent" fuzz check: prints what the first masking pass
//! finds in a file, and what a second pass finds in the masked text (it should find nothing).
//! Each finding comes with some bytes around it, so the rule that changed its mind shows.
//!
//! `cargo run --release --example idempotence fuzz/artifacts/redact/crash-…`

use redactor::{Kind, Policy, Redactor};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: idempotence FILE");
        std::process::exit(64);
    };
    let data = match std::fs::read(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(66);
        }
    };
    // The fuzz target's masking redactor (fuzz/src/checks.rs).
    let r = Redactor::builder()
        .default_policy(Policy::Mask)
        .policy(Kind::CreditCard, Policy::KeepLast(4))
        .build()
        .expect("valid policies");
    let once = r.redact_bytes(&data).into_owned();
    let around = |d: &[u8], s: &std::ops::Range<usize>| {
        String::from_utf8_lossy(&d[s.start.saturating_sub(30)..(s.end + 20).min(d.len())])
            .into_owned()
    };
    for f in r.find_bytes(&data) {
        println!(
            "pass 1: {} {:?} {:?}",
            f.kind,
            f.span,
            around(&data, &f.span)
        );
    }
    let mut new = 0;
    for f in r.find_bytes(&once) {
        new += 1;
        println!(
            "pass 2: {} {:?} {:?}",
            f.kind,
            f.span,
            around(&once, &f.span)
        );
    }
    if new > 0 {
        std::process::exit(1);
    }
}
