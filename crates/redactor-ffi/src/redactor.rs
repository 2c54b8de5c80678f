//! `redactor_t`: building a redactor and one-shot redaction and search.

use crate::handle::{self, Castable, OwnershipArc};
use crate::status::{error_status, redactor_status, set_last_error, set_last_error_owned};
use redactor::{Config, Finding, Kind, Redactor};
use std::ffi::{c_char, CString};
use std::sync::Arc;

/// A compiled redactor: detectors, masking policies and custom rules.
///
/// Thread safety: a `redactor_t` is immutable. One `redactor_t` may be used by any number of
/// threads at the same time, with no locking; free it once, after every other thread is done
/// with it. Streams and conversations made from it keep what they need alive, so it may be freed
/// before them.
pub struct redactor_t {
    _private: [u8; 0],
}

/// What a `redactor_t` points to.
pub(crate) struct RedactorHandle {
    pub(crate) redactor: Redactor,
    /// Custom rule names as C strings, by rule index, for `redactor_kind_name`.
    names: Vec<CString>,
}

impl Castable for redactor_t {
    type Ownership = OwnershipArc;
    type RustType = RedactorHandle;
}

/// One finding: a kind and a half-open UTF-8 byte range `[start, end)` of the input. Holds no
/// PII.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct redactor_finding_t {
    /// A `REDACTOR_KIND_*` number, or `REDACTOR_KIND_CUSTOM_BASE + n` for the n-th custom rule
    /// of the config (from 0).
    pub kind: u32,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// How sure the detector is, from 0.0 to 1.0.
    pub confidence: f32,
}

/// A payment card number.
pub const REDACTOR_KIND_CREDIT_CARD: u32 = 1;
/// A US Social Security number.
pub const REDACTOR_KIND_US_SSN: u32 = 2;
/// An email address.
pub const REDACTOR_KIND_EMAIL: u32 = 3;
/// A telephone number.
pub const REDACTOR_KIND_PHONE: u32 = 4;
/// A date of birth.
pub const REDACTOR_KIND_DATE_OF_BIRTH: u32 = 5;
/// Custom rule n (in config order, from 0) is reported as `REDACTOR_KIND_CUSTOM_BASE + n`.
pub const REDACTOR_KIND_CUSTOM_BASE: u32 = 1000;

/// The C number of a kind.
pub(crate) fn kind_number(kind: Kind) -> u32 {
    match kind {
        Kind::CreditCard => REDACTOR_KIND_CREDIT_CARD,
        Kind::UsSsn => REDACTOR_KIND_US_SSN,
        Kind::Email => REDACTOR_KIND_EMAIL,
        Kind::Phone => REDACTOR_KIND_PHONE,
        Kind::DateOfBirth => REDACTOR_KIND_DATE_OF_BIRTH,
        Kind::Custom(n) => REDACTOR_KIND_CUSTOM_BASE + u32::from(n),
        // A kind this ABI does not know yet; 0 is never a valid kind.
        _ => 0,
    }
}

/// The C struct for a finding.
pub(crate) fn to_c(f: &Finding) -> redactor_finding_t {
    redactor_finding_t {
        kind: kind_number(f.kind),
        start: f.span.start,
        end: f.span.end,
        confidence: f.confidence,
    }
}

impl RedactorHandle {
    fn new(redactor: Redactor, config: &Config) -> Result<RedactorHandle, redactor_status> {
        let mut names = Vec::with_capacity(config.custom_rules.len());
        for (i, rule) in config.custom_rules.iter().enumerate() {
            match CString::new(rule.name.as_str()) {
                Ok(name) => names.push(name),
                Err(_) => {
                    set_last_error_owned(
                        redactor_status::InvalidConfig,
                        format!("custom_rules[{i}].name contains a NUL byte"),
                    );
                    return Err(redactor_status::InvalidConfig);
                }
            }
        }
        Ok(RedactorHandle { redactor, names })
    }
}

fn publish(handle: RedactorHandle, out: &mut *const redactor_t) -> redactor_status {
    *out = handle::into_arc_ptr::<redactor_t>(Arc::new(handle));
    redactor_status::Ok
}

/// Makes a redactor with the defaults: all five built-in kinds, birth dates only, every finding
/// replaced by its label (e.g. `[EMAIL]`). On success `*out` receives a handle to free with
/// `redactor_free`; on failure `*out` is left unchanged.
#[no_mangle]
pub extern "C" fn redactor_new(out: *mut *const redactor_t) -> redactor_status {
    ffi_boundary! {
        let out = try_out!(out);
        let handle = RedactorHandle { redactor: Redactor::default(), names: Vec::new() };
        publish(handle, out)
    }
}

/// Makes a redactor from a JSON config of `config_len` bytes (UTF-8, no terminating NUL
/// needed). Every field is optional, e.g.
/// `{"policies":{"CREDIT_CARD":{"type":"keep_last","n":4}},
///   "custom_rules":[{"name":"TICKET","pattern":"TICKET-[0-9]{4}"}]}`.
///
/// On success `*out` receives a handle to free with `redactor_free`; on failure `*out` is left
/// unchanged and `redactor_last_error()` names the offending field: INVALID_UTF8,
/// INVALID_CONFIG, INVALID_PATTERN.
#[no_mangle]
pub extern "C" fn redactor_new_from_json(
    config: *const u8,
    config_len: usize,
    out: *mut *const redactor_t,
) -> redactor_status {
    ffi_boundary! {
        let config = try_slice!(config, config_len);
        let out = try_out!(out);
        let Ok(json) = std::str::from_utf8(config) else {
            set_last_error(redactor_status::InvalidUtf8, "the config is not UTF-8");
            return redactor_status::InvalidUtf8;
        };
        let parsed = match Config::from_json(json) {
            Ok(c) => c,
            Err(e) => return error_status(&e),
        };
        let redactor = match parsed.build() {
            Ok(r) => r,
            Err(e) => return error_status(&e),
        };
        match RedactorHandle::new(redactor, &parsed) {
            Ok(handle) => publish(handle, out),
            Err(status) => status,
        }
    }
}

/// Frees a redactor. NULL is a no-op. Streams and conversations made from it stay usable.
#[no_mangle]
pub extern "C" fn redactor_free(redactor: *const redactor_t) {
    ffi_boundary! {
        handle::free_arc(redactor)
    }
}

/// Redacts `input` (any bytes; invalid UTF-8 is copied through) into the caller's buffer
/// `out` of `out_cap` bytes and sets `*out_len` to the output length. No NUL is appended.
///
/// When the output does not fit, returns REDACTOR_STATUS_BUFFER_TOO_SMALL, writes nothing to
/// `out` and still sets `*out_len` to the size needed: call again with a buffer that big (pass
/// `out = NULL, out_cap = 0` to ask for the size). `out` must not overlap `input`.
#[no_mangle]
pub extern "C" fn redactor_redact(
    redactor: *const redactor_t,
    input: *const u8,
    input_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> redactor_status {
    ffi_boundary! {
        let r = try_ref!(redactor);
        let input = try_slice!(input, input_len);
        try_out_buf!(out, out_cap);
        let out_len = try_out!(out_len);
        let redacted = r.redactor.redact_bytes(input);
        handle::copy_out(&redacted, out, out_cap, out_len)
    }
}

/// Redacts `input` into a buffer that redactor allocates. On success `*out` points to
/// `*out_len` bytes followed by one NUL byte (not counted), to release with
/// `redactor_bytes_free(*out, *out_len)`. On failure nothing is allocated.
#[no_mangle]
pub extern "C" fn redactor_redact_alloc(
    redactor: *const redactor_t,
    input: *const u8,
    input_len: usize,
    out: *mut *mut u8,
    out_len: *mut usize,
) -> redactor_status {
    ffi_boundary! {
        let r = try_ref!(redactor);
        let input = try_slice!(input, input_len);
        let out = try_out!(out);
        let out_len = try_out!(out_len);
        let redacted = r.redactor.redact_bytes(input).into_owned();
        (*out, *out_len) = handle::bytes_into_raw(redacted);
        redactor_status::Ok
    }
}

/// Releases a buffer from `redactor_redact_alloc` (or another `*_alloc` byte output): pass the
/// pointer and the length you got. NULL is a no-op.
#[no_mangle]
pub extern "C" fn redactor_bytes_free(bytes: *mut u8, len: usize) {
    ffi_boundary! {
        if bytes.is_null() {
            return;
        }
        // SAFETY: the C contract: (bytes, len) is exactly what a *_alloc function returned and
        // has not been freed before.
        drop(unsafe { handle::bytes_from_raw(bytes, len) });
    }
}

/// Masks findings in `buf` in place, without moving any byte, and sets `*out_count` to the
/// number of findings. Needs a length-preserving policy (`mask` or `keep_last`) for every
/// enabled kind, else returns REDACTOR_STATUS_UNSUPPORTED_POLICY and leaves `buf` untouched.
#[no_mangle]
pub extern "C" fn redactor_redact_in_place(
    redactor: *const redactor_t,
    buf: *mut u8,
    len: usize,
    out_count: *mut usize,
) -> redactor_status {
    ffi_boundary! {
        let r = try_ref!(redactor);
        let buf = try_slice_mut!(buf, len);
        let out_count = try_out!(out_count);
        match r.redactor.redact_in_place(buf) {
            Ok(n) => {
                *out_count = n;
                redactor_status::Ok
            }
            Err(e) => error_status(&e),
        }
    }
}

/// Finds personal data in `input` (any bytes) and writes the findings, sorted by start and never
/// overlapping, into the caller's array `out` of `out_cap` elements; `*out_len` receives their
/// number.
///
/// When they do not fit, returns REDACTOR_STATUS_BUFFER_TOO_SMALL, writes nothing to `out` and
/// sets `*out_len` to the number needed (pass `out = NULL, out_cap = 0` to count).
#[no_mangle]
pub extern "C" fn redactor_find(
    redactor: *const redactor_t,
    input: *const u8,
    input_len: usize,
    out: *mut redactor_finding_t,
    out_cap: usize,
    out_len: *mut usize,
) -> redactor_status {
    ffi_boundary! {
        let r = try_ref!(redactor);
        let input = try_slice!(input, input_len);
        try_out_buf!(out, out_cap);
        let out_len = try_out!(out_len);
        let found: Vec<redactor_finding_t> = r.redactor.find_bytes(input).map(|f| to_c(&f)).collect();
        handle::copy_out(&found, out, out_cap, out_len)
    }
}

/// Finds personal data in `input` into an array that redactor allocates: on success `*out`
/// points to `*out_len` findings (NULL when there are none), to release with
/// `redactor_findings_free(*out, *out_len)`.
#[no_mangle]
pub extern "C" fn redactor_find_alloc(
    redactor: *const redactor_t,
    input: *const u8,
    input_len: usize,
    out: *mut *mut redactor_finding_t,
    out_len: *mut usize,
) -> redactor_status {
    ffi_boundary! {
        let r = try_ref!(redactor);
        let input = try_slice!(input, input_len);
        let out = try_out!(out);
        let out_len = try_out!(out_len);
        let found: Vec<redactor_finding_t> = r.redactor.find_bytes(input).map(|f| to_c(&f)).collect();
        (*out, *out_len) = handle::vec_into_raw(found);
        redactor_status::Ok
    }
}

/// Releases an array from `redactor_find_alloc`: pass the pointer and the count you got. NULL
/// is a no-op.
#[no_mangle]
pub extern "C" fn redactor_findings_free(findings: *mut redactor_finding_t, len: usize) {
    ffi_boundary! {
        // SAFETY: the C contract: (findings, len) is exactly what redactor_find_alloc returned
        // and has not been freed before.
        unsafe { handle::vec_free(findings, len) }
    }
}

/// The name of a kind number as a NUL-terminated string: "CREDIT_CARD", "US_SSN", "EMAIL",
/// "PHONE", "DATE_OF_BIRTH", or a custom rule's name from `redactor`'s config. NULL for a number
/// that is not a kind of this redactor. `redactor` may be NULL for the built-in kinds.
///
/// Built-in names are static; a custom name lives as long as `redactor`.
#[no_mangle]
pub extern "C" fn redactor_kind_name(redactor: *const redactor_t, kind: u32) -> *const c_char {
    ffi_boundary! {
        let builtin: &'static str = match kind {
            REDACTOR_KIND_CREDIT_CARD => "CREDIT_CARD\0",
            REDACTOR_KIND_US_SSN => "US_SSN\0",
            REDACTOR_KIND_EMAIL => "EMAIL\0",
            REDACTOR_KIND_PHONE => "PHONE\0",
            REDACTOR_KIND_DATE_OF_BIRTH => "DATE_OF_BIRTH\0",
            _ => {
                let Some(r) = handle::try_ref(redactor) else {
                    return std::ptr::null();
                };
                let index = kind.checked_sub(REDACTOR_KIND_CUSTOM_BASE);
                return index
                    .and_then(|i| r.names.get(i as usize))
                    .map_or(std::ptr::null(), |name| name.as_ptr());
            }
        };
        builtin.as_ptr().cast::<c_char>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;
    use std::ptr;

    const TICKETS: &str = r#"{"custom_rules":[{"name":"TICKET","pattern":"TICKET-[0-9]{4}"}]}"#;

    fn new_from(json: &str) -> *const redactor_t {
        let mut r = ptr::null();
        let s = redactor_new_from_json(json.as_ptr(), json.len(), &mut r);
        assert_eq!(s, redactor_status::Ok);
        r
    }

    #[test]
    fn builtin_kind_numbers_match_names() {
        for k in Kind::BUILTIN {
            let name = redactor_kind_name(ptr::null(), kind_number(k));
            // SAFETY: static NUL-terminated text.
            let name = unsafe { CStr::from_ptr(name) }.to_str().unwrap();
            assert_eq!(Some(name), k.builtin_name());
        }
        assert!(redactor_kind_name(ptr::null(), 0).is_null());
        assert!(redactor_kind_name(ptr::null(), REDACTOR_KIND_CUSTOM_BASE).is_null());
    }

    #[test]
    fn redact_into_buffer_and_alloc() {
        let r = new_from(TICKETS);
        let input = b"see TICKET-1234 \xff ok";
        let mut need = 0;
        let s = redactor_redact(
            r,
            input.as_ptr(),
            input.len(),
            ptr::null_mut(),
            0,
            &mut need,
        );
        assert_eq!(s, redactor_status::BufferTooSmall);
        let mut buf = vec![0u8; need];
        let mut n = 0;
        let s = redactor_redact(
            r,
            input.as_ptr(),
            input.len(),
            buf.as_mut_ptr(),
            need,
            &mut n,
        );
        assert_eq!(s, redactor_status::Ok);
        assert_eq!(&buf[..n], b"see [TICKET] \xff ok");

        let (mut p, mut len) = (ptr::null_mut(), 0);
        let s = redactor_redact_alloc(r, input.as_ptr(), input.len(), &mut p, &mut len);
        assert_eq!(s, redactor_status::Ok);
        // SAFETY: p points to len + 1 bytes from bytes_into_raw.
        let got = unsafe { std::slice::from_raw_parts(p, len + 1) };
        assert_eq!(got, b"see [TICKET] \xff ok\0");
        redactor_bytes_free(p, len);

        let mut found = [redactor_finding_t {
            kind: 0,
            start: 0,
            end: 0,
            confidence: 0.0,
        }; 1];
        let s = redactor_find(
            r,
            input.as_ptr(),
            input.len(),
            found.as_mut_ptr(),
            1,
            &mut n,
        );
        assert_eq!(s, redactor_status::Ok);
        assert_eq!(n, 1);
        assert_eq!((found[0].kind, found[0].start, found[0].end), (1000, 4, 15));
        // SAFETY: the name lives as long as r.
        let name = unsafe { CStr::from_ptr(redactor_kind_name(r, 1000)) };
        assert_eq!(name.to_str().unwrap(), "TICKET");
        assert!(redactor_kind_name(r, 1001).is_null());
        redactor_free(r);
    }

    #[test]
    fn bad_configs_are_statuses() {
        let mut r = ptr::null();
        for (json, want) in [
            (&b"{"[..], redactor_status::InvalidConfig),
            (b"{\"nope\":1}", redactor_status::InvalidConfig),
            (b"\xff", redactor_status::InvalidUtf8),
            (
                br#"{"custom_rules":[{"name":"X","pattern":"("}]}"#,
                redactor_status::InvalidPattern,
            ),
            (
                b"{\"custom_rules\":[{\"name\":\"A\\u0000B\",\"pattern\":\"x\"}]}",
                redactor_status::InvalidConfig,
            ),
        ] {
            assert_eq!(
                redactor_new_from_json(json.as_ptr(), json.len(), &mut r),
                want
            );
            assert!(r.is_null());
        }
        assert_eq!(
            redactor_new_from_json(ptr::null(), 3, &mut r),
            redactor_status::NullArgument
        );
        assert_eq!(
            redactor_new_from_json(b"{}".as_ptr(), usize::MAX, &mut r),
            redactor_status::InvalidArgument
        );
    }
}
