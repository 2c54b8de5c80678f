//! The properties of the redact, stream and config targets, as plain functions: the targets call them, and
//! `tests/fuzz_replay.rs` in the main workspace replays the committed seeds and crash inputs
//! through them on stable Rust.

use setup::Redactors;

mod setup {
    use redactor::{Kind, Policy, Redactor};
    use std::sync::OnceLock;

    /// The redactors every check runs: labels (default), masks, and HMAC tokens with all dates.
    pub struct Redactors {
        pub default: Redactor,
        pub mask: Redactor,
        pub hmac: Redactor,
    }

    impl Redactors {
        pub fn get() -> &'static Redactors {
            static R: OnceLock<Redactors> = OnceLock::new();
            R.get_or_init(|| Redactors {
                default: Redactor::default(),
                mask: Redactor::builder()
                    .default_policy(Policy::Mask)
                    .policy(Kind::CreditCard, Policy::KeepLast(4))
                    .build()
                    .expect("valid"),
                hmac: Redactor::builder()
                    .default_policy(Policy::hmac(b"fuzzing key 0123456789"))
                    .all_dates(true)
                    .build()
                    .expect("valid"),
            })
        }
    }
}

/// `find` and `redact` on arbitrary bytes: no panic; findings in bounds, sorted,
/// non-overlapping, on character boundaries of valid UTF-8; bytes outside findings unchanged;
/// masking is idempotent; in-place masking equals `redact`.
pub fn check_redact(data: &[u8]) {
    let rs = Redactors::get();
    for r in [&rs.default, &rs.mask, &rs.hmac] {
        let findings: Vec<_> = r.find_bytes(data).collect();
        let mut last = 0;
        for f in &findings {
            assert!(f.span.start >= last, "findings sorted and non-overlapping");
            assert!(
                f.span.start < f.span.end && f.span.end <= data.len(),
                "in bounds"
            );
            assert!((0.0..=1.0).contains(&f.confidence));
            if let Ok(s) = std::str::from_utf8(data) {
                assert!(s.is_char_boundary(f.span.start) && s.is_char_boundary(f.span.end));
            }
            last = f.span.end;
        }
        let out = r.redact_bytes(data);
        if findings.is_empty() {
            assert_eq!(&*out, data);
        }
        if let Ok(s) = std::str::from_utf8(data) {
            assert!(std::str::from_utf8(&out).is_ok(), "valid UTF-8 stays valid");
            assert_eq!(r.redact(s).as_bytes(), &*out);
        }
    }
    let masked = rs.mask.redact_bytes(data).into_owned();
    assert_eq!(masked.len(), data.len(), "mask preserves length");
    let mut in_place = data.to_vec();
    rs.mask
        .redact_in_place(&mut in_place)
        .expect("mask is in-place");
    assert_eq!(in_place, masked);
    let again = rs.mask.redact_bytes(&masked);
    assert_eq!(&*again, &masked[..], "masking is idempotent");
}

/// Streaming with arbitrary chunk cuts equals one-shot, output and findings.
///
/// The first byte picks the redactor, the next four seed the chunk sizes.
pub fn check_stream(data: &[u8]) {
    if data.len() < 5 {
        return;
    }
    let rs = Redactors::get();
    let r = [&rs.default, &rs.mask, &rs.hmac][data[0] as usize % 3];
    let mut seed = u32::from_le_bytes([data[1], data[2], data[3], data[4]]) | 1;
    let input = &data[5..];
    let expected_out = r.redact_bytes(input).into_owned();
    let expected_findings: Vec<_> = r.find_bytes(input).collect();

    let mut s = r.stream();
    s.record_findings(true);
    let mut out = Vec::new();
    let mut findings = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let n = (seed as usize % 64)
            .min(rest.len())
            .max(usize::from(seed.is_multiple_of(7)));
        let (chunk, tail) = rest.split_at(n.min(rest.len()));
        s.push(chunk, &mut out).expect("Vec never fails");
        findings.extend(s.take_findings());
        assert!(s.held_back() <= redactor::stream::MAX_HOLDBACK);
        rest = tail;
    }
    s.finish(&mut out).expect("Vec never fails");
    findings.extend(s.take_findings());
    assert!(out == expected_out, "stream output equals one-shot");
    assert_eq!(findings, expected_findings);
}

/// The JSON config parser and builder: never panic; a built redactor works.
pub fn check_config(data: &[u8]) {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    match redactor::Redactor::from_json_config(json) {
        Ok(r) => {
            let _ = r.redact("card 4111 1111 1111 1111, jane@example.com, SSN 123-45-6789");
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.is_empty());
        }
    }
}
