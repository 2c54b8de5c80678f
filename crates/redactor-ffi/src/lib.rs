//! The C ABI of redactor. `include/redactor.h` is generated from this crate by cbindgen (see
//! `cbindgen.toml` and `tests/header.rs`), so the doc comments here are the C documentation.
//!
//! ```c
//! const redactor_t *r = NULL;
//! if (redactor_new(&r) != REDACTOR_STATUS_OK) { fprintf(stderr, "%s\n", redactor_last_error()); }
//! uint8_t *out; size_t n;
//! redactor_redact_alloc(r, (const uint8_t *)"mail jane@example.com", 21, &out, &n);
//! redactor_bytes_free(out, n);
//! redactor_free(r);
//! ```
//!
//! # Design (after rustls-ffi)
//!
//! - Handles are opaque. Each C handle type is tied to its Rust type and to its ownership
//!   (`Box` or `Arc`) by one [`Castable`](handle::Castable) impl, so a wrong cast or a wrong free
//!   does not compile.
//! - Every export's body runs inside [`ffi_boundary!`]: a panic becomes
//!   `REDACTOR_STATUS_PANIC` (or NULL / 0 / nothing, by return type), never an unwind into C.
//!   A stream or conversation that panicked is wiped and answers `REDACTOR_STATUS_POISONED`.
//! - Pointer checks are one-line macros ([`try_ref!`], [`try_slice!`], ...), so bodies read like
//!   plain Rust. Inputs are `(const uint8_t *ptr, size_t len)` of arbitrary bytes; outputs come
//!   last and are written only on success.
//! - Errors: a `redactor_status` per call, and a thread-local message
//!   ([`redactor_last_error`](status::redactor_last_error)) made of static text and config field
//!   names only, never input bytes.
//!
//! This is the only crate of the workspace with `unsafe` code; every `unsafe` block states why it
//! is sound.

#![allow(non_camel_case_types)]
#![deny(missing_docs)]
// Every export checks its pointers before it dereferences them (the try_* macros); the C
// contract in the header says what must hold for the rest.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

#[macro_use]
mod macros;
mod handle;
mod redactor;
mod status;
mod stream;
mod version;

pub use crate::redactor::*;
pub use crate::status::*;
pub use crate::stream::*;
pub use crate::version::*;
