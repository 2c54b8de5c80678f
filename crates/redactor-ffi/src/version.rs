//! Version macros and the version function.
//!
//! cbindgen can only copy literals into the header, so the numbers are written out here and
//! `tests/version` checks them against Cargo.toml.

use std::ffi::c_char;

/// The major version of the header (semver). Compare with `redactor_version()` at run time.
pub const REDACTOR_VERSION_MAJOR: u32 = 0;
/// The minor version of the header.
pub const REDACTOR_VERSION_MINOR: u32 = 1;
/// The patch version of the header.
pub const REDACTOR_VERSION_PATCH: u32 = 0;
/// The header version packed as `(MAJOR << 16) | (MINOR << 8) | PATCH`, for `#if` checks.
pub const REDACTOR_VERSION_NUMBER: u32 = 0x00_01_00;

/// The library's version as a static NUL-terminated string, e.g. "0.1.0". Never NULL; never
/// freed. It may differ from the header's `REDACTOR_VERSION_*` macros when the program runs
/// against another build of the shared library.
#[no_mangle]
pub extern "C" fn redactor_version() -> *const c_char {
    ffi_boundary! {
        concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast::<c_char>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn cargo(part: &str) -> u32 {
        part.parse().expect("numeric version component")
    }

    #[test]
    fn macros_match_cargo_toml() {
        assert_eq!(
            REDACTOR_VERSION_MAJOR,
            cargo(env!("CARGO_PKG_VERSION_MAJOR"))
        );
        assert_eq!(
            REDACTOR_VERSION_MINOR,
            cargo(env!("CARGO_PKG_VERSION_MINOR"))
        );
        assert_eq!(
            REDACTOR_VERSION_PATCH,
            cargo(env!("CARGO_PKG_VERSION_PATCH"))
        );
        const { assert!(REDACTOR_VERSION_MINOR < 256 && REDACTOR_VERSION_PATCH < 256) };
        assert_eq!(
            REDACTOR_VERSION_NUMBER,
            (REDACTOR_VERSION_MAJOR << 16) | (REDACTOR_VERSION_MINOR << 8) | REDACTOR_VERSION_PATCH
        );
        // SAFETY: static NUL-terminated text.
        let v = unsafe { CStr::from_ptr(redactor_version()) };
        assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}
