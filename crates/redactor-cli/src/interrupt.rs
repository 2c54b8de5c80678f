//! Ctrl-C: the first press asks every worker to stop at its next read (unfinished temp files are
//! removed as they are dropped); a second press quits at once.

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Installs the handler. Only batch runs do this: a plain `redact` to stdout keeps the default
/// (die at once), so a read blocked on a terminal still ends on the first Ctrl-C.
pub(crate) fn install() {
    // Failing to install (a handler already set) only loses the clean-up; say nothing.
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(i32::from(crate::exit::INTERRUPTED));
        }
        eprintln!("\nredactor: interrupted; finishing up (Ctrl-C again to quit at once)");
    });
}

/// True once Ctrl-C was pressed.
pub(crate) fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}
