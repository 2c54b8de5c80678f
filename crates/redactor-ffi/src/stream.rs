//! `redactor_stream_t` (chunked input) and `redactor_conversation_t` (chat messages).

use crate::handle::{self, Castable, OwnershipBox};
use crate::redactor::{redactor_finding_t, redactor_t, to_c};
use crate::status::{redactor_status, set_last_error};
use redactor::conversation::{Conversation, Role};
use redactor::stream::StreamRedactor;
use std::ffi::{c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use zeroize::Zeroize;

/// A redaction stream: push chunks of any size, get redacted output that is byte for byte the
/// one-shot output of the whole input, whatever the chunking. It holds back at most about a
/// kilobyte of input (wiped as it rolls, on finish and on free).
///
/// Thread safety: a stream belongs to one thread at a time. It may move between threads, but
/// two threads must never call functions on the same stream at once. Streams made from one
/// `redactor_t` are independent of each other.
pub struct redactor_stream_t {
    _private: [u8; 0],
}

/// A chat conversation: each message is redacted completely when it arrives, with context
/// carried from the two previous messages (an agent asking for the date of birth makes the
/// reply's date a birth date). The carried text is wiped when replaced and on free.
///
/// Thread safety: like `redactor_stream_t`, one thread at a time.
pub struct redactor_conversation_t {
    _private: [u8; 0],
}

/// Receives output from the `*_cb` stream functions: `len` bytes at `data`, valid only during
/// the call. Return 0 on success; anything else makes the stream function return
/// REDACTOR_STATUS_CALLBACK_FAILED, and the same bytes are offered again by the next call on the
/// stream. The callback must not call functions on the same stream.
pub type redactor_write_cb =
    Option<unsafe extern "C" fn(userdata: *mut c_void, data: *const u8, len: usize) -> c_int>;

/// A message written by the agent (or a bot) serving the customer.
pub const REDACTOR_ROLE_AGENT: u32 = 1;
/// A message written by the customer.
pub const REDACTOR_ROLE_CUSTOMER: u32 = 2;

/// What a `redactor_stream_t` points to.
pub(crate) struct StreamHandle {
    /// `None` once a panic wiped it: every later call answers POISONED.
    stream: Option<StreamRedactor>,
    /// Redacted output not yet delivered (the caller's buffer was too small or the callback
    /// failed). Wiped after delivery.
    pending: Vec<u8>,
    /// Findings taken from the stream but not yet delivered.
    findings: Vec<redactor_finding_t>,
    /// Test hook: make the next operation panic inside the stream.
    #[cfg(test)]
    panic_next: bool,
}

impl Castable for redactor_stream_t {
    type Ownership = OwnershipBox;
    type RustType = StreamHandle;
}

impl Drop for StreamHandle {
    fn drop(&mut self) {
        // The StreamRedactor wipes its own buffers on drop.
        self.pending.zeroize();
    }
}

impl StreamHandle {
    /// Runs `op` on the stream with the pending-output buffer. A panic inside drops (and so
    /// wipes) the stream, wipes the pending output and poisons the handle.
    fn with_stream(
        &mut self,
        op: impl FnOnce(&mut StreamRedactor, &mut Vec<u8>),
    ) -> Result<(), redactor_status> {
        let Some(mut stream) = self.stream.take() else {
            set_last_error(
                redactor_status::Poisoned,
                "this stream was wiped after an internal error; free it",
            );
            return Err(redactor_status::Poisoned);
        };
        #[cfg(test)]
        let panic_next = std::mem::take(&mut self.panic_next);
        let pending = &mut self.pending;
        let result = catch_unwind(AssertUnwindSafe(move || {
            #[cfg(test)]
            if panic_next {
                panic!("test hook");
            }
            op(&mut stream, pending);
            stream
        }));
        match result {
            Ok(stream) => {
                self.stream = Some(stream);
                Ok(())
            }
            Err(_) => {
                self.pending.zeroize();
                self.findings.clear();
                set_last_error(
                    redactor_status::Panic,
                    "internal error (a panic) in the stream; it was wiped and is now poisoned",
                );
                Err(redactor_status::Panic)
            }
        }
    }

    /// Hands the pending output to the caller's buffer (see `copy_out`), keeping it when it
    /// does not fit.
    fn deliver_to_buffer(
        &mut self,
        out: *mut u8,
        cap: usize,
        out_len: &mut usize,
    ) -> redactor_status {
        let status = handle::copy_out(&self.pending, out, cap, out_len);
        if status == redactor_status::Ok {
            self.pending.zeroize();
        }
        status
    }

    /// Hands the pending output to a callback, keeping it when the callback fails.
    fn deliver_to_callback(
        &mut self,
        callback: unsafe extern "C" fn(*mut c_void, *const u8, usize) -> c_int,
        userdata: *mut c_void,
    ) -> redactor_status {
        if self.pending.is_empty() {
            return redactor_status::Ok;
        }
        // SAFETY: the C contract: the callback is a valid function of this signature; it gets a
        // pointer to pending.len() initialised bytes that stay valid for the call.
        let rc = unsafe { callback(userdata, self.pending.as_ptr(), self.pending.len()) };
        if rc != 0 {
            set_last_error(
                redactor_status::CallbackFailed,
                "the write callback returned nonzero; the output is kept for the next call",
            );
            return redactor_status::CallbackFailed;
        }
        self.pending.zeroize();
        redactor_status::Ok
    }
}

/// Makes a stream from `redactor` (which may then be freed: the stream keeps what it needs).
/// On success `*out` receives a handle to free with `redactor_stream_free`.
#[no_mangle]
pub extern "C" fn redactor_stream_new(
    redactor: *const redactor_t,
    out: *mut *mut redactor_stream_t,
) -> redactor_status {
    ffi_boundary! {
        let r = try_ref!(redactor);
        let out = try_out!(out);
        *out = handle::into_box_ptr::<redactor_stream_t>(StreamHandle {
            stream: Some(r.redactor.stream()),
            pending: Vec::new(),
            findings: Vec::new(),
            #[cfg(test)]
            panic_next: false,
        });
        redactor_status::Ok
    }
}

/// Frees a stream, wiping what it holds back without writing it out. NULL is a no-op.
#[no_mangle]
pub extern "C" fn redactor_stream_free(stream: *mut redactor_stream_t) {
    ffi_boundary! {
        handle::free_box(stream)
    }
}

/// Takes `chunk` (any bytes; a chunk may end inside a character) and writes every output byte
/// that no later input can change into `out` (`out_cap` bytes); `*out_len` receives how many.
/// Most output lags the input by up to about a kilobyte; `redactor_stream_finish` writes the
/// rest.
///
/// When the output does not fit, returns REDACTOR_STATUS_BUFFER_TOO_SMALL, writes nothing and
/// sets `*out_len` to the size needed. The chunk HAS been taken in either way (never push it
/// again): its output waits inside the stream, and the next push or finish delivers it first.
/// To collect it now, push an empty chunk (`chunk = NULL, chunk_len = 0`) with a buffer of
/// `*out_len` bytes.
#[no_mangle]
pub extern "C" fn redactor_stream_push(
    stream: *mut redactor_stream_t,
    chunk: *const u8,
    chunk_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> redactor_status {
    ffi_boundary! {
        let s = try_mut!(stream);
        let chunk = try_slice!(chunk, chunk_len);
        try_out_buf!(out, out_cap);
        let out_len = try_out!(out_len);
        if let Err(status) = s.with_stream(|st, pending| push(st, chunk, pending)) {
            return status;
        }
        s.deliver_to_buffer(out, out_cap, out_len)
    }
}

/// Ends the input: writes everything still held back into `out` (`out_cap` bytes); `*out_len`
/// receives how many. The stream then starts afresh (offsets from 0) and can be reused.
///
/// BUFFER_TOO_SMALL works as for `redactor_stream_push`: the stream has finished anyway, and
/// calling finish again with a buffer of `*out_len` bytes collects the output.
#[no_mangle]
pub extern "C" fn redactor_stream_finish(
    stream: *mut redactor_stream_t,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> redactor_status {
    ffi_boundary! {
        let s = try_mut!(stream);
        try_out_buf!(out, out_cap);
        let out_len = try_out!(out_len);
        if let Err(status) = s.with_stream(finish) {
            return status;
        }
        s.deliver_to_buffer(out, out_cap, out_len)
    }
}

/// Like `redactor_stream_push`, but hands the output to `callback` (called at most once, and
/// not at all when there is no output) instead of a buffer.
#[no_mangle]
pub extern "C" fn redactor_stream_push_cb(
    stream: *mut redactor_stream_t,
    chunk: *const u8,
    chunk_len: usize,
    callback: redactor_write_cb,
    userdata: *mut c_void,
) -> redactor_status {
    ffi_boundary! {
        let s = try_mut!(stream);
        let chunk = try_slice!(chunk, chunk_len);
        let Some(callback) = callback else {
            return crate::macros::null_arg("callback");
        };
        if let Err(status) = s.with_stream(|st, pending| push(st, chunk, pending)) {
            return status;
        }
        s.deliver_to_callback(callback, userdata)
    }
}

/// Like `redactor_stream_finish`, but hands the output to `callback` (at most one call).
#[no_mangle]
pub extern "C" fn redactor_stream_finish_cb(
    stream: *mut redactor_stream_t,
    callback: redactor_write_cb,
    userdata: *mut c_void,
) -> redactor_status {
    ffi_boundary! {
        let s = try_mut!(stream);
        let Some(callback) = callback else {
            return crate::macros::null_arg("callback");
        };
        if let Err(status) = s.with_stream(finish) {
            return status;
        }
        s.deliver_to_callback(callback, userdata)
    }
}

/// Turns recording of findings on or off (off by default, so memory stays bounded on endless
/// streams). When on, take them regularly with `redactor_stream_take_findings`.
#[no_mangle]
pub extern "C" fn redactor_stream_record_findings(
    stream: *mut redactor_stream_t,
    on: bool,
) -> redactor_status {
    ffi_boundary! {
        let s = try_mut!(stream);
        if !on {
            s.findings.clear();
        }
        match s.with_stream(|st, _| st.record_findings(on)) {
            Ok(()) => redactor_status::Ok,
            Err(status) => status,
        }
    }
}

/// Moves the findings recorded so far (for output already written) into `out` (`out_cap`
/// elements); `*out_len` receives their number. Offsets count bytes from the start of the
/// stream (or from the last finish). On BUFFER_TOO_SMALL nothing is written, `*out_len` is the
/// number needed, and the findings stay for the next call.
#[no_mangle]
pub extern "C" fn redactor_stream_take_findings(
    stream: *mut redactor_stream_t,
    out: *mut redactor_finding_t,
    out_cap: usize,
    out_len: *mut usize,
) -> redactor_status {
    ffi_boundary! {
        let s = try_mut!(stream);
        try_out_buf!(out, out_cap);
        let out_len = try_out!(out_len);
        let mut taken = Vec::new();
        if let Err(status) = s.with_stream(|st, _| taken = st.take_findings()) {
            return status;
        }
        s.findings.extend(taken.iter().map(to_c));
        let status = handle::copy_out(&s.findings, out, out_cap, out_len);
        if status == redactor_status::Ok {
            s.findings.clear();
        }
        status
    }
}

/// Forgets everything: input held back, output and findings not yet delivered (all wiped). The
/// stream starts afresh; the findings setting is kept. Also the way to clear a
/// BUFFER_TOO_SMALL or CALLBACK_FAILED backlog you do not want.
#[no_mangle]
pub extern "C" fn redactor_stream_reset(stream: *mut redactor_stream_t) -> redactor_status {
    ffi_boundary! {
        let s = try_mut!(stream);
        s.findings.clear();
        s.pending.zeroize();
        match s.with_stream(|st, _| {
            st.reset();
            // Findings of the forgotten input are forgotten too.
            drop(st.take_findings());
        }) {
            Ok(()) => redactor_status::Ok,
            Err(status) => status,
        }
    }
}

fn push(stream: &mut StreamRedactor, chunk: &[u8], pending: &mut Vec<u8>) {
    // Writing into a Vec cannot fail.
    let _ = stream.push(chunk, pending);
}

fn finish(stream: &mut StreamRedactor, pending: &mut Vec<u8>) {
    // Writing into a Vec cannot fail.
    let _ = stream.finish(pending);
}

/// What a `redactor_conversation_t` points to: `None` once a panic wiped it.
pub(crate) struct ConversationHandle {
    conversation: Option<Conversation>,
}

impl Castable for redactor_conversation_t {
    type Ownership = OwnershipBox;
    type RustType = ConversationHandle;
}

impl ConversationHandle {
    /// Runs `op` on the conversation; a panic inside drops (and so wipes) it and poisons the
    /// handle.
    fn with<R>(&mut self, op: impl FnOnce(&mut Conversation) -> R) -> Result<R, redactor_status> {
        let Some(mut conversation) = self.conversation.take() else {
            set_last_error(
                redactor_status::Poisoned,
                "this conversation was wiped after an internal error; free it",
            );
            return Err(redactor_status::Poisoned);
        };
        let result = catch_unwind(AssertUnwindSafe(move || {
            let r = op(&mut conversation);
            (conversation, r)
        }));
        match result {
            Ok((conversation, r)) => {
                self.conversation = Some(conversation);
                Ok(r)
            }
            Err(_) => {
                set_last_error(
                    redactor_status::Panic,
                    "internal error (a panic) in the conversation; it was wiped and is now poisoned",
                );
                Err(redactor_status::Panic)
            }
        }
    }
}

fn role(number: u32) -> Result<Role, redactor_status> {
    match number {
        REDACTOR_ROLE_AGENT => Ok(Role::Agent),
        REDACTOR_ROLE_CUSTOMER => Ok(Role::Customer),
        _ => {
            set_last_error(
                redactor_status::InvalidArgument,
                "role must be REDACTOR_ROLE_AGENT or REDACTOR_ROLE_CUSTOMER",
            );
            Err(redactor_status::InvalidArgument)
        }
    }
}

/// Makes a conversation from `redactor` (which may then be freed). On success `*out` receives a
/// handle to free with `redactor_conversation_free`.
#[no_mangle]
pub extern "C" fn redactor_conversation_new(
    redactor: *const redactor_t,
    out: *mut *mut redactor_conversation_t,
) -> redactor_status {
    ffi_boundary! {
        let r = try_ref!(redactor);
        let out = try_out!(out);
        *out = handle::into_box_ptr::<redactor_conversation_t>(ConversationHandle {
            conversation: Some(r.redactor.conversation()),
        });
        redactor_status::Ok
    }
}

/// Frees a conversation, wiping the carried context. NULL is a no-op.
#[no_mangle]
pub extern "C" fn redactor_conversation_free(conversation: *mut redactor_conversation_t) {
    ffi_boundary! {
        handle::free_box(conversation)
    }
}

/// Redacts one message (any bytes) written by `role` (`REDACTOR_ROLE_*`), given the messages
/// before it, then remembers it as context. On success `*out` points to `*out_len` bytes plus a
/// NUL (not counted), to release with `redactor_bytes_free(*out, *out_len)`. An unknown role is
/// INVALID_ARGUMENT and leaves the conversation unchanged.
#[no_mangle]
pub extern "C" fn redactor_conversation_redact_alloc(
    conversation: *mut redactor_conversation_t,
    role: u32,
    text: *const u8,
    text_len: usize,
    out: *mut *mut u8,
    out_len: *mut usize,
) -> redactor_status {
    ffi_boundary! {
        let c = try_mut!(conversation);
        let text = try_slice!(text, text_len);
        let out = try_out!(out);
        let out_len = try_out!(out_len);
        let role = match self::role(role) {
            Ok(r) => r,
            Err(status) => return status,
        };
        match c.with(|conv| conv.redact_message_bytes(role, text).into_owned()) {
            Ok(redacted) => {
                (*out, *out_len) = handle::bytes_into_raw(redacted);
                redactor_status::Ok
            }
            Err(status) => status,
        }
    }
}

/// Finds personal data in one message written by `role`, given the messages before it, then
/// remembers it as context. On success `*out` points to `*out_len` findings with offsets into
/// `text` (NULL when none), to release with `redactor_findings_free(*out, *out_len)`.
#[no_mangle]
pub extern "C" fn redactor_conversation_find_alloc(
    conversation: *mut redactor_conversation_t,
    role: u32,
    text: *const u8,
    text_len: usize,
    out: *mut *mut redactor_finding_t,
    out_len: *mut usize,
) -> redactor_status {
    ffi_boundary! {
        let c = try_mut!(conversation);
        let text = try_slice!(text, text_len);
        let out = try_out!(out);
        let out_len = try_out!(out_len);
        let role = match self::role(role) {
            Ok(r) => r,
            Err(status) => return status,
        };
        match c.with(|conv| conv.find_message(role, text)) {
            Ok(found) => {
                (*out, *out_len) = handle::vec_into_raw(found.iter().map(to_c).collect());
                redactor_status::Ok
            }
            Err(status) => status,
        }
    }
}

/// Forgets the carried context (wiped), e.g. when a new chat starts on the same handle.
#[no_mangle]
pub extern "C" fn redactor_conversation_clear(
    conversation: *mut redactor_conversation_t,
) -> redactor_status {
    ffi_boundary! {
        let c = try_mut!(conversation);
        match c.with(Conversation::clear) {
            Ok(()) => redactor_status::Ok,
            Err(status) => status,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redactor::{redactor_free, redactor_new_from_json};
    use std::ptr;

    const TICKETS: &str = r#"{"custom_rules":[{"name":"TICKET","pattern":"TICKET-[0-9]{4}"}]}"#;

    fn redactor() -> *const redactor_t {
        let mut r = ptr::null();
        let s = redactor_new_from_json(TICKETS.as_ptr(), TICKETS.len(), &mut r);
        assert_eq!(s, redactor_status::Ok);
        r
    }

    fn stream(r: *const redactor_t) -> *mut redactor_stream_t {
        let mut s = ptr::null_mut();
        assert_eq!(redactor_stream_new(r, &mut s), redactor_status::Ok);
        s
    }

    #[test]
    fn stream_matches_one_shot_and_outlives_the_redactor() {
        let r = redactor();
        let s = stream(r);
        redactor_free(r);
        assert_eq!(
            redactor_stream_record_findings(s, true),
            redactor_status::Ok
        );
        let input = b"one TICKET-1234 two TICKET-98";
        let mut out = Vec::new();
        let mut buf = [0u8; 64];
        let mut n = 0;
        for chunk in input.chunks(3) {
            let st =
                redactor_stream_push(s, chunk.as_ptr(), chunk.len(), buf.as_mut_ptr(), 64, &mut n);
            assert_eq!(st, redactor_status::Ok);
            out.extend_from_slice(&buf[..n]);
        }
        // Too small: nothing written, the output waits.
        let st = redactor_stream_finish(s, buf.as_mut_ptr(), 1, &mut n);
        assert_eq!(st, redactor_status::BufferTooSmall);
        let need = n;
        let st = redactor_stream_push(s, ptr::null(), 0, buf.as_mut_ptr(), need, &mut n);
        assert_eq!(st, redactor_status::Ok);
        assert_eq!(n, need);
        out.extend_from_slice(&buf[..n]);
        assert_eq!(out, b"one [TICKET] two TICKET-98");

        let mut f = [redactor_finding_t {
            kind: 0,
            start: 0,
            end: 0,
            confidence: 0.0,
        }; 2];
        let st = redactor_stream_take_findings(s, f.as_mut_ptr(), 0, &mut n);
        assert_eq!((st, n), (redactor_status::BufferTooSmall, 1));
        let st = redactor_stream_take_findings(s, f.as_mut_ptr(), 2, &mut n);
        assert_eq!((st, n), (redactor_status::Ok, 1));
        assert_eq!((f[0].kind, f[0].start, f[0].end), (1000, 4, 15));
        redactor_stream_free(s);
    }

    #[test]
    fn a_panic_poisons_and_wipes_the_stream() {
        let r = redactor();
        let s = stream(r);
        let mut n = 0;
        let chunk = b"TICKET-1234 and more";
        let st = redactor_stream_push(s, chunk.as_ptr(), chunk.len(), ptr::null_mut(), 0, &mut n);
        assert_eq!(st, redactor_status::Ok);
        // SAFETY: s is a live Box handle used by this thread only.
        unsafe { (*s.cast::<StreamHandle>()).panic_next = true };
        let st = redactor_stream_finish(s, ptr::null_mut(), 0, &mut n);
        assert_eq!(st, redactor_status::Panic);
        let st = redactor_stream_finish(s, ptr::null_mut(), 0, &mut n);
        assert_eq!(st, redactor_status::Poisoned);
        assert_eq!(redactor_stream_reset(s), redactor_status::Poisoned);
        redactor_stream_free(s);
        redactor_free(r);
    }

    #[test]
    fn conversation_carries_context() {
        let r = redactor();
        let mut c = ptr::null_mut();
        assert_eq!(redactor_conversation_new(r, &mut c), redactor_status::Ok);
        let (mut p, mut n) = (ptr::null_mut(), 0);
        let msg = b"ticket TICKET-0001 please";
        let st = redactor_conversation_redact_alloc(c, 3, msg.as_ptr(), msg.len(), &mut p, &mut n);
        assert_eq!(st, redactor_status::InvalidArgument);
        let st = redactor_conversation_redact_alloc(c, 2, msg.as_ptr(), msg.len(), &mut p, &mut n);
        assert_eq!(st, redactor_status::Ok);
        // SAFETY: p points to n bytes from bytes_into_raw.
        assert_eq!(
            unsafe { std::slice::from_raw_parts(p, n) },
            b"ticket [TICKET] please"
        );
        crate::redactor::redactor_bytes_free(p, n);
        let (mut fp, mut fnum) = (ptr::null_mut(), 0);
        let st =
            redactor_conversation_find_alloc(c, 1, msg.as_ptr(), msg.len(), &mut fp, &mut fnum);
        assert_eq!((st, fnum), (redactor_status::Ok, 1));
        crate::redactor::redactor_findings_free(fp, fnum);
        assert_eq!(redactor_conversation_clear(c), redactor_status::Ok);
        redactor_conversation_free(c);
        redactor_free(r);
    }
}
