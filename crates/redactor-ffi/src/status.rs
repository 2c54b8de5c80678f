//! Status codes and the thread-local last-error message.

use std::cell::RefCell;
use std::ffi::{c_char, CString};

/// The result of every fallible function. `REDACTOR_STATUS_OK` (0) is success.
///
/// Numbers are grouped by origin (1xx: the caller's arguments, 2xx: the configuration,
/// 3xx: I/O and callbacks, 9xx: inside redactor) and never reused. After a status other than OK,
/// `redactor_last_error()` explains it on the same thread.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum redactor_status {
    /// Success.
    Ok = 0,
    /// A required pointer argument is NULL (or a buffer pointer is NULL with a nonzero length).
    NullArgument = 100,
    /// The output buffer is too small. Nothing was written to it; `*out_len` holds the size
    /// needed (bytes, or findings for finding arrays).
    BufferTooSmall = 101,
    /// An argument is out of range (an unknown role, a length no buffer can have).
    InvalidArgument = 102,
    /// Text that must be UTF-8 (a JSON config) is not.
    InvalidUtf8 = 103,
    /// The JSON config is malformed, has unknown fields or names unknown kinds.
    InvalidConfig = 200,
    /// A custom rule's pattern does not compile or exceeds the limits.
    InvalidPattern = 201,
    /// The operation cannot be done with the configured masking policy (e.g. in-place redaction
    /// with a policy that changes the length).
    UnsupportedPolicy = 202,
    /// Input or output failed.
    Io = 300,
    /// A write callback returned nonzero. Its output is kept and delivered by the next call.
    CallbackFailed = 301,
    /// A bug: redactor panicked. The call had no effect on shared state; a stream or
    /// conversation it was working on is wiped and poisoned.
    Panic = 900,
    /// The stream or conversation was wiped after an earlier panic; free it and make a new one.
    Poisoned = 901,
    /// An error redactor cannot classify more precisely (a newer error kind).
    OtherError = 999,
}

impl redactor_status {
    /// The static description of a status.
    fn message(self) -> &'static str {
        match self {
            redactor_status::Ok => "ok\0",
            redactor_status::NullArgument => "a required pointer argument is NULL\0",
            redactor_status::BufferTooSmall => {
                "the output buffer is too small; *out_len holds the size needed\0"
            }
            redactor_status::InvalidArgument => "an argument is out of range\0",
            redactor_status::InvalidUtf8 => "text that must be UTF-8 is not\0",
            redactor_status::InvalidConfig => "invalid config\0",
            redactor_status::InvalidPattern => "invalid custom pattern\0",
            redactor_status::UnsupportedPolicy => "unsupported by the masking policy\0",
            redactor_status::Io => "I/O error\0",
            redactor_status::CallbackFailed => "a write callback reported failure\0",
            redactor_status::Panic => "internal error (panic); please report it\0",
            redactor_status::Poisoned => "the handle was wiped after an earlier internal error\0",
            redactor_status::OtherError => "error\0",
        }
    }

    /// Every status, for [`redactor_status_message`] and the tests.
    pub(crate) const ALL: [redactor_status; 13] = [
        redactor_status::Ok,
        redactor_status::NullArgument,
        redactor_status::BufferTooSmall,
        redactor_status::InvalidArgument,
        redactor_status::InvalidUtf8,
        redactor_status::InvalidConfig,
        redactor_status::InvalidPattern,
        redactor_status::UnsupportedPolicy,
        redactor_status::Io,
        redactor_status::CallbackFailed,
        redactor_status::Panic,
        redactor_status::Poisoned,
        redactor_status::OtherError,
    ];
}

impl From<&redactor::Error> for redactor_status {
    fn from(e: &redactor::Error) -> redactor_status {
        match e.kind() {
            redactor::ErrorKind::Config => redactor_status::InvalidConfig,
            redactor::ErrorKind::Pattern => redactor_status::InvalidPattern,
            redactor::ErrorKind::Policy => redactor_status::UnsupportedPolicy,
            redactor::ErrorKind::Io => redactor_status::Io,
            _ => redactor_status::OtherError,
        }
    }
}

thread_local! {
    /// The message of the last failing call on this thread.
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

/// Records a static message for `status` as this thread's last error.
pub(crate) fn set_last_error(status: redactor_status, message: &'static str) {
    set_last_error_owned(status, message.to_owned());
}

/// Records a message for `status` as this thread's last error. Callers pass static text or
/// names of config fields, never input bytes.
pub(crate) fn set_last_error_owned(status: redactor_status, message: String) {
    let text = format!(
        "{}: {}",
        status.message().trim_end_matches('\0'),
        message.replace('\0', " ")
    );
    // Cannot fail: NULs were replaced above.
    let c = CString::new(text).unwrap_or_default();
    // try_with: during thread teardown the slot may be gone; then there is nobody to tell.
    let _ = LAST_ERROR.try_with(|slot| *slot.borrow_mut() = c);
}

/// Records `e` as the last error and returns its status.
pub(crate) fn error_status(e: &redactor::Error) -> redactor_status {
    let status = redactor_status::from(e);
    // Error messages name config fields, offsets and limits, never scanned text.
    set_last_error_owned(status, e.message().to_owned());
    status
}

/// The message of the last call on this thread that returned a status other than OK: a
/// NUL-terminated string of static text and config field names, never input bytes; "" when
/// nothing failed yet. Successful calls leave it unchanged, so read it right after the failure.
///
/// The pointer stays valid until the next failing call on the same thread; copy the text if you
/// need it longer. Never NULL.
#[no_mangle]
pub extern "C" fn redactor_last_error() -> *const c_char {
    ffi_boundary! {
        LAST_ERROR
            .try_with(|slot| slot.borrow().as_ptr())
            .unwrap_or(c"".as_ptr())
    }
}

/// A static, NUL-terminated description of a status code, e.g. for logging. Unknown codes get
/// "unknown status". Never NULL; never freed.
#[no_mangle]
pub extern "C" fn redactor_status_message(status: u32) -> *const c_char {
    ffi_boundary! {
        let text = redactor_status::ALL
            .iter()
            .find(|s| **s as u32 == status)
            .map_or("unknown status\0", |s| s.message());
        text.as_ptr().cast::<c_char>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn every_status_has_a_nul_terminated_message() {
        for s in redactor_status::ALL {
            assert!(s.message().ends_with('\0'), "{s:?}");
            assert_eq!(s.message().matches('\0').count(), 1, "{s:?}");
            // SAFETY: static NUL-terminated text.
            let m = unsafe { CStr::from_ptr(redactor_status_message(s as u32)) };
            assert!(!m.to_bytes().is_empty());
        }
        // SAFETY: static NUL-terminated text.
        let m = unsafe { CStr::from_ptr(redactor_status_message(12345)) };
        assert_eq!(m.to_str().unwrap(), "unknown status");
    }

    #[test]
    fn status_numbers_are_unique() {
        let mut n: Vec<u32> = redactor_status::ALL.iter().map(|s| *s as u32).collect();
        n.sort_unstable();
        n.dedup();
        assert_eq!(n.len(), redactor_status::ALL.len());
        assert_eq!(redactor_status::Ok as u32, 0);
    }
}
