//! The panic boundary and the pointer-check helpers every export uses.
//!
//! `return` inside an [`ffi_boundary!`] body returns from the export (the body is a closure),
//! so the check macros can bail out with the right value for any return type through
//! [`Defaults`](crate::macros::Defaults).

use crate::status::redactor_status;
use std::cell::Cell;
use std::ffi::c_char;
use std::sync::Once;

/// What an export returns when a pointer argument is NULL or when its body panicked, by return
/// type: a status for fallible functions, NULL for pointers, 0 for sizes, nothing for `void`.
pub(crate) trait Defaults {
    /// The value for a NULL (or otherwise unusable) argument.
    fn null_arg() -> Self;
    /// The value after a caught panic.
    fn panicked() -> Self;
}

impl Defaults for redactor_status {
    fn null_arg() -> Self {
        redactor_status::NullArgument
    }
    fn panicked() -> Self {
        redactor_status::Panic
    }
}

impl Defaults for () {
    fn null_arg() -> Self {}
    fn panicked() -> Self {}
}

impl Defaults for usize {
    fn null_arg() -> Self {
        0
    }
    fn panicked() -> Self {
        0
    }
}

impl Defaults for *const c_char {
    fn null_arg() -> Self {
        std::ptr::null()
    }
    fn panicked() -> Self {
        std::ptr::null()
    }
}

/// Runs an export's body, turning a panic into [`Defaults::panicked`] plus a last-error message.
/// Unwinding across `extern "C"` would abort the host process; this makes it a status instead.
macro_rules! ffi_boundary {
    ( $($body:tt)* ) => {{
        let _inside = $crate::macros::Inside::enter();
        let result = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| { $($body)* }));
        match result {
            Ok(value) => value,
            Err(_) => {
                $crate::status::set_last_error(
                    $crate::status::redactor_status::Panic,
                    "internal error: a panic was caught at the C boundary (please report it)",
                );
                $crate::macros::Defaults::panicked()
            }
        }
    }};
}

/// `&T` behind a `const` handle pointer, or return NULL_ARGUMENT (by return type).
macro_rules! try_ref {
    ($ptr:expr) => {
        match $crate::handle::try_ref($ptr) {
            Some(r) => r,
            None => return $crate::macros::null_arg(stringify!($ptr)),
        }
    };
}

/// `&mut T` behind a `Box` handle pointer, or return NULL_ARGUMENT.
macro_rules! try_mut {
    ($ptr:expr) => {
        match $crate::handle::try_mut($ptr) {
            Some(r) => r,
            None => return $crate::macros::null_arg(stringify!($ptr)),
        }
    };
}

/// `&[T]` from `(ptr, len)`: NULL is fine when `len == 0`; otherwise NULL_ARGUMENT.
macro_rules! try_slice {
    ($ptr:expr, $len:expr) => {
        match $crate::handle::try_slice($ptr, $len) {
            Ok(s) => s,
            Err(status) => return $crate::macros::bad_buffer(status, stringify!($ptr)),
        }
    };
}

/// `&mut [T]` over an initialised in-place buffer; NULL is fine when `len == 0`.
macro_rules! try_slice_mut {
    ($ptr:expr, $len:expr) => {
        match $crate::handle::try_slice_mut($ptr, $len) {
            Ok(s) => s,
            Err(status) => return $crate::macros::bad_buffer(status, stringify!($ptr)),
        }
    };
}

/// Checks a C output buffer `(ptr, cap)` (NULL only with `cap == 0`), or returns NULL_ARGUMENT.
macro_rules! try_out_buf {
    ($ptr:expr, $cap:expr) => {
        if let Err(status) = $crate::handle::out_buf_ok($ptr, $cap) {
            return $crate::macros::bad_buffer(status, stringify!($ptr));
        }
    };
}

/// `&mut T` from an out-pointer, or return NULL_ARGUMENT.
macro_rules! try_out {
    ($ptr:expr) => {
        // SAFETY: the C contract: a non-NULL out-pointer points to writable, aligned memory
        // for one value of its type.
        match unsafe { $ptr.as_mut() } {
            Some(r) => r,
            None => return $crate::macros::null_arg(stringify!($ptr)),
        }
    };
}

thread_local! {
    /// Whether this thread is inside an export (see [`Inside`]).
    static INSIDE: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Marks the current thread as inside an export for as long as it lives.
///
/// A panic payload can quote the text being redacted (Rust's `str` slicing panics print the
/// string), and the default panic hook writes it to stderr. So the first export call installs a
/// hook that, for panics inside an export, prints only the source location; other panics of the
/// host program go to the hook that was there before.
pub(crate) struct Inside {
    was: bool,
}

impl Inside {
    pub(crate) fn enter() -> Inside {
        QUIET_HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if INSIDE.try_with(Cell::get).unwrap_or(false) {
                    let at = info
                        .location()
                        .map(|l| format!(" at {}:{}", l.file(), l.line()))
                        .unwrap_or_default();
                    eprintln!(
                        "redactor: internal error (panic){at}; returning REDACTOR_STATUS_PANIC"
                    );
                } else {
                    previous(info);
                }
            }));
        });
        let was = INSIDE.try_with(|c| c.replace(true)).unwrap_or(false);
        Inside { was }
    }
}

impl Drop for Inside {
    fn drop(&mut self) {
        let _ = INSIDE.try_with(|c| c.set(self.was));
    }
}

/// Records "argument `name` is NULL" as the last error and returns the NULL-argument value.
pub(crate) fn null_arg<T: Defaults>(name: &'static str) -> T {
    crate::status::set_last_error_owned(
        redactor_status::NullArgument,
        format!("argument `{name}` is NULL"),
    );
    T::null_arg()
}

/// Records why buffer argument `name` is unusable and returns that status (only functions
/// that return a status take buffers).
pub(crate) fn bad_buffer(status: redactor_status, name: &'static str) -> redactor_status {
    let why = if status == redactor_status::NullArgument {
        "is NULL with a nonzero length"
    } else {
        "has a length no buffer can have"
    };
    crate::status::set_last_error_owned(status, format!("buffer `{name}` {why}"));
    status
}

#[cfg(test)]
mod tests {
    use crate::status::{redactor_last_error, redactor_status};
    use std::ffi::CStr;

    fn panics(yes: bool) -> redactor_status {
        ffi_boundary! {
            if yes {
                panic!("boom: secret input text");
            }
            redactor_status::Ok
        }
    }

    fn len_or_zero(yes: bool) -> usize {
        ffi_boundary! {
            if yes {
                panic!("boom");
            }
            7
        }
    }

    #[test]
    fn panics_become_statuses() {
        assert_eq!(panics(false), redactor_status::Ok);
        assert_eq!(panics(true), redactor_status::Panic);
        // SAFETY: the pointer is valid until the next failing call on this thread.
        let msg = unsafe { CStr::from_ptr(redactor_last_error()) };
        assert!(msg.to_str().unwrap().contains("panic"));
        assert!(!msg.to_str().unwrap().contains("boom"));
        assert_eq!(len_or_zero(false), 7);
        assert_eq!(len_or_zero(true), 0);
    }
}
