//! The properties the fuzz targets check, as plain functions (see fuzz/README.md).

mod checks;
mod ffi_checks;

pub use checks::{check_config, check_redact, check_stream};
pub use ffi_checks::check_ffi;
