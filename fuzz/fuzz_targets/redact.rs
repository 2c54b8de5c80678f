#![no_main]
//! Fuzz target: see `redactor_fuzz::check_redact`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| redactor_fuzz::check_redact(data));
