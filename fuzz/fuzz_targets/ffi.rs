#![no_main]
//! Fuzz target: see `redactor_fuzz::check_ffi`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| redactor_fuzz::check_ffi(data));
