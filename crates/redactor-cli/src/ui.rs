//! What the user sees: a progress bar on a terminal (nothing when stderr is piped), warnings
//! and errors on stderr, `--check` locations on stdout.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Prints an error line on stderr.
pub(crate) fn error(message: &str) {
    eprintln!("redactor: {message}");
}

/// Progress and messages of one batch run.
pub(crate) struct Ui {
    bar: Option<ProgressBar>,
    files: usize,
    done: AtomicUsize,
    /// Print the closing summary on stderr.
    pub(crate) summary: bool,
}

impl Ui {
    /// A progress bar over `total_bytes` in `files` files when `show` (the caller checks for a
    /// terminal and `--quiet`) and there is something to measure; `summary`: print the closing
    /// summary.
    pub(crate) fn new(total_bytes: u64, files: usize, show: bool, summary: bool) -> Ui {
        let bar = (show && total_bytes > 0).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{wide_bar}] {binary_bytes}/{binary_total_bytes} \
                 {binary_bytes_per_sec} {msg} eta {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message(format!("0/{files} files"));
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Ui {
            bar,
            files,
            done: AtomicUsize::new(0),
            summary,
        }
    }

    /// Runs `f` with the bar cleared, so printed lines do not mix with it.
    fn quietly<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    pub(crate) fn warn(&self, message: &str) {
        self.quietly(|| eprintln!("redactor: warning: {message}"));
    }

    pub(crate) fn error(&self, message: &str) {
        self.quietly(|| error(message));
    }

    /// Prints lines to stdout (`--check` locations).
    pub(crate) fn print_lines(&self, lines: &[String]) -> io::Result<()> {
        if lines.is_empty() {
            return Ok(());
        }
        self.quietly(|| {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            for l in lines {
                writeln!(out, "{l}")?;
            }
            out.flush()
        })
    }

    /// `bytes` more input bytes were read.
    pub(crate) fn advance(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }

    /// One more file is done.
    pub(crate) fn file_done(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.set_message(format!("{done}/{} files", self.files));
        }
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
