//! The C ABI under arbitrary input: every function, with arbitrary configs, buffers, lengths
//! and NULL pointers, agrees with the Rust API and never crashes.

use redactor::Redactor;
use redactor_ffi::*;
use std::ffi::CStr;
use std::ptr;

/// Byte 0 picks the mode (bit 0: a JSON config follows, length-prefixed by byte 1; bits 1..:
/// buffer sizes and chunking); the rest is the input text.
pub fn check_ffi(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (config, input) = match rest.split_first() {
        Some((&n, tail)) if mode & 1 == 1 => {
            let n = usize::from(n).min(tail.len());
            (Some(&tail[..n]), &tail[n..])
        }
        _ => (None, rest),
    };
    let expected = match config {
        None => Some(Redactor::default()),
        Some(c) => std::str::from_utf8(c)
            .ok()
            .and_then(|s| Redactor::from_json_config(s).ok()),
    };
    // SAFETY (whole block): every pointer handed to the C ABI points into a live Rust buffer
    // of the stated length, or is NULL where the test means NULL; handles are freed once.
    unsafe {
        null_arguments_are_refused(input);
        let mut r: *const redactor_t = ptr::null();
        let status = match config {
            None => redactor_new(&mut r),
            Some(c) => redactor_new_from_json(c.as_ptr(), c.len(), &mut r),
        };
        let Some(expected) = expected else {
            assert_ne!(
                status,
                redactor_status::Ok,
                "a config Rust rejects is rejected"
            );
            assert!(r.is_null());
            let msg = CStr::from_ptr(redactor_last_error()).to_bytes();
            assert!(!msg.is_empty());
            return;
        };
        assert_eq!(status, redactor_status::Ok);
        let want = expected.redact_bytes(input).into_owned();
        redact_into_buffers(r, input, &want, usize::from(mode >> 1));
        find_into_arrays(r, &expected, input, usize::from(mode >> 3));
        in_place(r, &expected, input);
        stream(r, input, &want, mode);
        conversation(r, input);
        redactor_free(r);
    }
}

unsafe fn null_arguments_are_refused(input: &[u8]) {
    let mut n = 0usize;
    let mut out = [0u8; 8];
    assert_eq!(
        redactor_redact(
            ptr::null(),
            input.as_ptr(),
            input.len(),
            out.as_mut_ptr(),
            8,
            &mut n
        ),
        redactor_status::NullArgument
    );
    assert_eq!(redactor_new(ptr::null_mut()), redactor_status::NullArgument);
    redactor_free(ptr::null());
    redactor_stream_free(ptr::null_mut());
    redactor_conversation_free(ptr::null_mut());
    redactor_bytes_free(ptr::null_mut(), 0);
    redactor_findings_free(ptr::null_mut(), 0);
    assert!(!redactor_status_message(12345).is_null());
}

unsafe fn redact_into_buffers(r: *const redactor_t, input: &[u8], want: &[u8], cap: usize) {
    let mut out = vec![0u8; cap];
    let mut n = 0usize;
    match redactor_redact(
        r,
        input.as_ptr(),
        input.len(),
        out.as_mut_ptr(),
        cap,
        &mut n,
    ) {
        redactor_status::Ok => assert_eq!(&out[..n], want),
        redactor_status::BufferTooSmall => {
            assert_eq!(n, want.len(), "the size needed");
            let mut out = vec![0u8; n];
            let mut m = 0usize;
            let st = redactor_redact(r, input.as_ptr(), input.len(), out.as_mut_ptr(), n, &mut m);
            assert_eq!(st, redactor_status::Ok);
            assert_eq!(&out[..m], want);
        }
        other => panic!("redact: {other:?}"),
    }
    let mut p: *mut u8 = ptr::null_mut();
    let mut len = 0usize;
    assert_eq!(
        redactor_redact_alloc(r, input.as_ptr(), input.len(), &mut p, &mut len),
        redactor_status::Ok
    );
    assert_eq!(std::slice::from_raw_parts(p, len), want);
    redactor_bytes_free(p, len);
}

unsafe fn find_into_arrays(r: *const redactor_t, expected: &Redactor, input: &[u8], cap: usize) {
    let want: Vec<_> = expected.find_bytes(input).collect();
    let mut out = vec![
        redactor_finding_t {
            kind: 0,
            start: 0,
            end: 0,
            confidence: 0.0
        };
        cap
    ];
    let mut n = 0usize;
    match redactor_find(
        r,
        input.as_ptr(),
        input.len(),
        out.as_mut_ptr(),
        cap,
        &mut n,
    ) {
        redactor_status::Ok => {
            assert_eq!(n, want.len());
            for (got, f) in out[..n].iter().zip(&want) {
                assert_eq!((got.start, got.end), (f.span.start, f.span.end));
                let name = CStr::from_ptr(redactor_kind_name(r, got.kind));
                assert_eq!(name.to_bytes(), expected.kind_name(f.kind).as_bytes());
            }
        }
        redactor_status::BufferTooSmall => assert_eq!(n, want.len()),
        other => panic!("find: {other:?}"),
    }
    let mut p: *mut redactor_finding_t = ptr::null_mut();
    let mut len = 0usize;
    assert_eq!(
        redactor_find_alloc(r, input.as_ptr(), input.len(), &mut p, &mut len),
        redactor_status::Ok
    );
    assert_eq!(len, want.len());
    redactor_findings_free(p, len);
}

unsafe fn in_place(r: *const redactor_t, expected: &Redactor, input: &[u8]) {
    let mut buf = input.to_vec();
    let mut count = 0usize;
    let mut want = input.to_vec();
    let rust = expected.redact_in_place(&mut want);
    let st = redactor_redact_in_place(r, buf.as_mut_ptr(), buf.len(), &mut count);
    match rust {
        Ok(n) => {
            assert_eq!(st, redactor_status::Ok);
            assert_eq!(count, n);
            assert_eq!(buf, want);
        }
        Err(_) => {
            assert_eq!(st, redactor_status::UnsupportedPolicy);
            assert_eq!(buf, input, "untouched on error");
        }
    }
}

unsafe fn stream(r: *const redactor_t, input: &[u8], want: &[u8], mode: u8) {
    let mut s: *mut redactor_stream_t = ptr::null_mut();
    assert_eq!(redactor_stream_new(r, &mut s), redactor_status::Ok);
    let chunk = usize::from(mode % 17) + 1;
    let mut cap = usize::from(mode >> 4) * 8;
    let mut got = Vec::new();
    let mut buf = vec![0u8; cap];
    let mut pieces = input.chunks(chunk).peekable();
    let mut pending: Option<&[u8]> = pieces.next();
    loop {
        let mut n = 0usize;
        let (ptr, len) = pending.map_or((ptr::null(), 0), |c| (c.as_ptr(), c.len()));
        let st = if pending.is_none() && pieces.peek().is_none() {
            redactor_stream_finish(s, buf.as_mut_ptr(), cap, &mut n)
        } else {
            redactor_stream_push(s, ptr, len, buf.as_mut_ptr(), cap, &mut n)
        };
        match st {
            redactor_status::Ok => {
                got.extend_from_slice(&buf[..n]);
                if pending.is_none() && pieces.peek().is_none() {
                    break;
                }
                pending = pieces.next();
                if pending.is_none() && pieces.peek().is_none() {
                    continue;
                }
            }
            redactor_status::BufferTooSmall => {
                // The chunk was taken in; collect its output with a large enough buffer.
                cap = n;
                buf = vec![0u8; cap];
                if pending.is_some() {
                    pending = Some(&[]);
                }
            }
            other => panic!("stream: {other:?}"),
        }
    }
    assert_eq!(got, want, "stream output equals one-shot");
    redactor_stream_free(s);
}

unsafe fn conversation(r: *const redactor_t, input: &[u8]) {
    let mut c: *mut redactor_conversation_t = ptr::null_mut();
    assert_eq!(redactor_conversation_new(r, &mut c), redactor_status::Ok);
    for (i, msg) in input.split(|&b| b == b'\n').take(8).enumerate() {
        let role = if i % 2 == 0 { 1 } else { 2 };
        let mut p: *mut u8 = ptr::null_mut();
        let mut len = 0usize;
        let st =
            redactor_conversation_redact_alloc(c, role, msg.as_ptr(), msg.len(), &mut p, &mut len);
        assert_eq!(st, redactor_status::Ok);
        redactor_bytes_free(p, len);
    }
    let mut p: *mut u8 = ptr::null_mut();
    let mut len = 0usize;
    assert_ne!(
        redactor_conversation_redact_alloc(c, 77, input.as_ptr(), input.len(), &mut p, &mut len),
        redactor_status::Ok,
        "an unknown role is refused"
    );
    redactor_conversation_free(c);
}
