//! Opaque handles: each C handle type names its Rust type and how C owns it.
//!
//! A `redactor_t` is an `Arc` (C may share it between threads, and streams keep it alive); a
//! `redactor_stream_t` is a `Box` (one owner at a time). The helpers below only accept the
//! matching ownership, so freeing an `Arc` handle as a `Box` does not compile.

use crate::status::{redactor_status, set_last_error};
use std::sync::Arc;

/// Marks a handle that C holds as `Box::into_raw`.
pub(crate) struct OwnershipBox;
/// Marks a handle that C holds as `Arc::into_raw`.
pub(crate) struct OwnershipArc;

/// Ties an opaque C type to the Rust type behind its pointer.
pub(crate) trait Castable {
    /// [`OwnershipBox`] or [`OwnershipArc`].
    type Ownership;
    /// What the pointer really points to.
    type RustType;
}

/// Hands `value` to C as a `Box` handle.
pub(crate) fn into_box_ptr<C: Castable<Ownership = OwnershipBox>>(value: C::RustType) -> *mut C {
    Box::into_raw(Box::new(value)).cast()
}

/// Hands `value` to C as an `Arc` handle.
pub(crate) fn into_arc_ptr<C: Castable<Ownership = OwnershipArc>>(
    value: Arc<C::RustType>,
) -> *const C {
    Arc::into_raw(value).cast()
}

/// Borrows the value behind a handle of either ownership; `None` for NULL.
pub(crate) fn try_ref<'a, C: Castable>(ptr: *const C) -> Option<&'a C::RustType> {
    // SAFETY: a non-NULL handle came from into_box_ptr / into_arc_ptr for this very C type
    // (Castable ties them together) and, by the C contract, has not been freed; both Box and Arc
    // pointers point at the value itself.
    unsafe { ptr.cast::<C::RustType>().as_ref() }
}

/// Mutably borrows the value behind a `Box` handle; `None` for NULL.
pub(crate) fn try_mut<'a, C: Castable<Ownership = OwnershipBox>>(
    ptr: *mut C,
) -> Option<&'a mut C::RustType> {
    // SAFETY: as in try_ref; the C contract also says a Box handle is used by one thread at a
    // time, so this is the only live reference.
    unsafe { ptr.cast::<C::RustType>().as_mut() }
}

/// Takes back and drops a `Box` handle; NULL is a no-op.
pub(crate) fn free_box<C: Castable<Ownership = OwnershipBox>>(ptr: *mut C) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: ptr came from into_box_ptr for this type and C gives it up by calling _free.
    drop(unsafe { Box::from_raw(ptr.cast::<C::RustType>()) });
}

/// Gives back C's reference of an `Arc` handle; NULL is a no-op.
pub(crate) fn free_arc<C: Castable<Ownership = OwnershipArc>>(ptr: *const C) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: ptr came from into_arc_ptr for this type and C gives up its one reference.
    drop(unsafe { Arc::from_raw(ptr.cast::<C::RustType>()) });
}

/// The largest byte length a Rust slice may have (`isize::MAX`); longer C lengths are refused
/// rather than turned into an invalid slice.
const MAX_BYTES: usize = isize::MAX as usize;

/// `&[T]` from a C `(ptr, len)`; an empty slice for `len == 0` (any pointer, even NULL);
/// NULL_ARGUMENT for NULL with a nonzero length, INVALID_ARGUMENT for a length no allocation
/// can have.
pub(crate) fn try_slice<'a, T>(ptr: *const T, len: usize) -> Result<&'a [T], redactor_status> {
    check_buf(ptr, len)?;
    if len == 0 {
        return Ok(&[]);
    }
    // SAFETY: the C contract: ptr points to len readable, initialised values that stay
    // unchanged for the duration of the call.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// `&mut [T]` over memory C has initialised (an in-place buffer), like [`try_slice`].
pub(crate) fn try_slice_mut<'a, T>(
    ptr: *mut T,
    len: usize,
) -> Result<&'a mut [T], redactor_status> {
    check_buf(ptr, len)?;
    if len == 0 {
        return Ok(&mut []);
    }
    // SAFETY: the C contract: ptr points to len initialised, writable values that nothing else
    // touches during the call.
    Ok(unsafe { std::slice::from_raw_parts_mut(ptr, len) })
}

/// Whether `(ptr, cap)` is a usable C output buffer: NULL only together with `cap == 0`.
/// (Output buffers may be uninitialised, so they are never turned into Rust slices: see
/// [`copy_out`].)
pub(crate) fn out_buf_ok<T>(ptr: *mut T, cap: usize) -> Result<(), redactor_status> {
    check_buf(ptr, cap)
}

/// A C buffer `(ptr, len)` is usable when its length is possible and its pointer is non-NULL
/// or its length is 0.
fn check_buf<T>(ptr: *const T, len: usize) -> Result<(), redactor_status> {
    if len == 0 {
        return Ok(());
    }
    if len
        .checked_mul(std::mem::size_of::<T>().max(1))
        .is_none_or(|n| n > MAX_BYTES)
    {
        return Err(redactor_status::InvalidArgument);
    }
    if ptr.is_null() {
        return Err(redactor_status::NullArgument);
    }
    Ok(())
}

/// Copies `src` into the C buffer `(out, cap)` and sets `*out_len = src.len()`. When it does not
/// fit, writes nothing, still reports the size needed in `*out_len`, and returns
/// BUFFER_TOO_SMALL. `(out, cap)` must have passed [`out_buf_ok`].
pub(crate) fn copy_out<T: Copy>(
    src: &[T],
    out: *mut T,
    cap: usize,
    out_len: &mut usize,
) -> redactor_status {
    *out_len = src.len();
    if src.len() > cap {
        set_last_error(
            redactor_status::BufferTooSmall,
            "the output buffer is too small; *out_len holds the size needed",
        );
        return redactor_status::BufferTooSmall;
    }
    if !src.is_empty() {
        // SAFETY: out is non-NULL (out_buf_ok with cap >= src.len() > 0) and, by the C
        // contract, valid for cap writes; src is a Rust slice, so the two cannot overlap
        // unless C passed an input buffer as its own output, which the header forbids.
        unsafe { std::ptr::copy_nonoverlapping(src.as_ptr(), out, src.len()) };
    }
    redactor_status::Ok
}

/// Hands a byte vector to C as `(ptr, len)` freed by `redactor_bytes_free`. One NUL byte is
/// appended past `len` so the result can also be used as a C string (when it has no inner NUL),
/// and so the pointer is never dangling, even for empty output.
pub(crate) fn bytes_into_raw(mut bytes: Vec<u8>) -> (*mut u8, usize) {
    let len = bytes.len();
    bytes.push(0);
    let boxed: Box<[u8]> = bytes.into_boxed_slice();
    (Box::into_raw(boxed).cast::<u8>(), len)
}

/// Takes back what [`bytes_into_raw`] handed out.
///
/// # Safety
/// `ptr` and `len` are exactly what `bytes_into_raw` returned, not freed before.
pub(crate) unsafe fn bytes_from_raw(ptr: *mut u8, len: usize) -> Box<[u8]> {
    let slice = std::ptr::slice_from_raw_parts_mut(ptr, len + 1);
    Box::from_raw(slice)
}

/// Hands a vector of plain values to C as `(ptr, len)`; NULL for an empty vector.
pub(crate) fn vec_into_raw<T>(values: Vec<T>) -> (*mut T, usize) {
    if values.is_empty() {
        return (std::ptr::null_mut(), 0);
    }
    let len = values.len();
    (Box::into_raw(values.into_boxed_slice()).cast::<T>(), len)
}

/// Takes back what [`vec_into_raw`] handed out; NULL is a no-op.
///
/// # Safety
/// `ptr` and `len` are exactly what `vec_into_raw` returned, not freed before.
pub(crate) unsafe fn vec_free<T>(ptr: *mut T, len: usize) {
    if ptr.is_null() {
        return;
    }
    drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)));
}
