//! `redactor`: redact files, directory trees and ticket exports, check them for PII, or scan
//! JSON Lines for findings.
//!
//! Flag parsing and glue only; each job lives in its own module and all detection lives in the
//! `redactor` crate. Messages on stderr name paths, line numbers, field names and kinds, never
//! the input text: it may be PII.

mod batch;
mod config;
mod csvfile;
mod interrupt;
mod jsonl;
mod lines;
mod plan;
mod process;
mod redact;
mod report;
mod scan;
mod ui;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit statuses, documented in `--help` (see [`EXIT_STATUS`]).
pub(crate) mod exit {
    /// `--check` found PII.
    pub const FOUND: u8 = 1;
    /// Finished, but some files or records were skipped (`--on-error skip`).
    pub const PARTIAL: u8 = 2;
    /// Bad flags or field paths.
    pub const USAGE: u8 = 64;
    /// A malformed input record (or a CSV header without a named column).
    pub const DATA: u8 = 65;
    /// An input or output could not be read or written.
    pub const IO: u8 = 74;
    /// The config is malformed or names something unknown.
    pub const CONFIG: u8 = 78;
    /// Interrupted (Ctrl-C).
    pub const INTERRUPTED: u8 = 130;
}

/// The exit status table, as a literal so `concat!` can append it to other help texts.
macro_rules! exit_status {
    () => {
        "\
Exit status:
  0    success; with --check: no PII found
  1    --check: PII found
  2    finished, but some files or records were skipped (--on-error skip);
       each one is named on stderr and in --report
  64   usage error (bad flags or field paths)
  65   malformed input (a bad JSON line or CSV record, a CSV header without a named
       column) with --on-error fail
  74   I/O error (an unreadable input, an unwritable output)
  78   bad config (the message names the field)
  130  interrupted (Ctrl-C): finished files are complete, unfinished ones were removed

Messages never contain input text; they name files, line numbers, fields and kinds."
    };
}

const EXIT_STATUS: &str = exit_status!();

#[derive(Parser)]
#[command(
    name = "redactor",
    version,
    about = "Find and mask personal data (PII) in text",
    after_help = EXIT_STATUS
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Redact files, directory trees or standard input (to standard output, an output
    /// directory or in place), or check them for PII.
    #[command(after_help = REDACT_HELP)]
    Redact(RedactArgs),
    /// Report findings (kind, byte span, confidence) without the PII itself.
    #[command(after_help = EXIT_STATUS)]
    Scan {
        /// Read JSON Lines with a `text` field (and an optional `id`) and write one JSON line
        /// of findings per record.
        #[arg(long)]
        jsonl: bool,
        /// Input file; none or `-` reads standard input.
        file: Option<PathBuf>,
        /// Config file: JSON, or TOML when the name ends in `.toml`.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Print a configuration.
    Config {
        /// Print the default configuration as a starting point.
        #[arg(long)]
        default: bool,
    },
}

const REDACT_HELP: &str = concat!(
    "\
Examples:
  redactor redact notes.txt > notes.redacted.txt
  redactor redact -r exports/ --output-dir redacted/
  redactor redact -r exports/ --in-place --backup-suffix .orig
  redactor redact --jsonl --field subject --field 'comments[].body' tickets.jsonl > out.jsonl
  redactor redact --csv --field body -r exports/ --output-dir redacted/ --report audit.json
  redactor redact --check -r exports/          # exit 1 and list file:line: KIND if PII is found

Output is written to a temporary file next to its destination and renamed when complete, so
a file with its final name is always whole. Files run in parallel (one per core), each streamed
in constant memory (JSON Lines and CSV: one record at a time).

JSON Lines: only the string (or number) values at the --field paths are rewritten; every other
byte of the line is kept. A value with findings is re-encoded as a JSON string (same escaping
style where the original used \\uXXXX, \\/ or \\u003c); values without findings keep their bytes.
A path names object keys separated by dots; [] reaches into every array element, [N] into one;
a path that ends at an object or array covers every string inside it. HTML in a value is
redacted as text: markup never forms part of a finding, so tags stay intact (PII in an
attribute, such as a mailto: link, is redacted too); HTML entities are not decoded.

CSV: the first row is the header; --field names columns. Untouched fields keep their bytes and
quoting; a rewritten field keeps its quotes, or gains them when its new value needs them.

Both: a field's name (a CSV column, the last key of a JSON path) is read as the label of its
values, so a `dob` column is birth context for its dates and a `phone` or `ssn` column for
bare digits, as `DOB:` or `Phone:` before a value would be.

Symbolic links and special files inside directories are skipped with a warning. With
--in-place, files ending in the backup suffix are skipped (they are earlier backups).

",
    exit_status!()
);

#[derive(Args)]
pub(crate) struct RedactArgs {
    /// Files (or directories with -r) to read; none or `-` reads standard input.
    files: Vec<PathBuf>,
    /// Descend into directories given as inputs (needs --output-dir, --in-place or --check).
    #[arg(short = 'r', long)]
    recursive: bool,
    /// Write each redacted file under this directory, mirroring the input tree.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["in_place", "check"])]
    output_dir: Option<PathBuf>,
    /// Replace each input file with its redacted version.
    #[arg(long, conflicts_with = "check")]
    in_place: bool,
    /// With --in-place, keep the original as FILE<SUFFIX> (an existing backup is left as it
    /// is: it holds the oldest original); an empty suffix keeps no backup.
    #[arg(
        long,
        value_name = "SUFFIX",
        default_value = ".bak",
        requires = "in_place"
    )]
    backup_suffix: String,
    /// Write nothing; exit 1 if any PII is found and print where (file:line: KIND), not what.
    #[arg(long)]
    check: bool,
    /// Treat inputs as JSON Lines and redact only the --field values.
    #[arg(long, conflicts_with = "csv", requires = "field")]
    jsonl: bool,
    /// Treat inputs as CSV with a header row and redact only the --field columns.
    #[arg(long, requires = "field")]
    csv: bool,
    /// A JSON path (`body`, `customer.email`, `comments[].body`) or CSV column to redact;
    /// repeat for several.
    #[arg(long, value_name = "PATH")]
    field: Vec<String>,
    /// CSV field delimiter (one ASCII character; `\t` for tab).
    #[arg(long, default_value = ",", requires = "csv")]
    delimiter: String,
    /// What to do with a malformed record or an unreadable file: report it and stop the run
    /// (`fail`), or report it, leave it out and carry on (`skip`, exit status 2).
    #[arg(long, value_enum, default_value_t = OnError::Fail)]
    on_error: OnError,
    /// Write a JSON audit summary (files, bytes, findings per kind, policies, duration,
    /// errors) to FILE. It holds no PII.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Config file: JSON, or TOML when the name ends in `.toml` (see `redactor config --default`).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Read size in bytes; output never depends on it, memory stays constant.
    #[arg(long, default_value_t = redact::DEFAULT_BUFFER)]
    buffer_size: usize,
    /// Flush each output file to disk before renaming it into place, so a power loss cannot
    /// leave an empty file under the final name (slower; a killed process never can).
    #[arg(long)]
    fsync: bool,
    /// Worker threads for batch runs (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// No progress bar and no closing summary.
    #[arg(short, long)]
    quiet: bool,
}

/// `--on-error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OnError {
    /// Report and stop the run.
    Fail,
    /// Report, leave the record or file out, and carry on.
    Skip,
}

/// A CLI failure: a message for stderr (never containing input text) and an exit code.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) message: String,
    pub(crate) code: u8,
    /// Writing to a closed pipe: not an error for the user (`redactor redact big | head`).
    pub(crate) broken_pipe: bool,
}

impl Failure {
    pub(crate) fn new(message: impl Into<String>, code: u8) -> Failure {
        Failure {
            message: message.into(),
            code,
            broken_pipe: false,
        }
    }

    /// An I/O failure on `what` (a path or "standard output").
    pub(crate) fn io(what: &str, e: &io::Error) -> Failure {
        Failure {
            broken_pipe: e.kind() == io::ErrorKind::BrokenPipe,
            ..Failure::new(format!("{what}: {e}"), exit::IO)
        }
    }

    pub(crate) fn usage(message: impl Into<String>) -> Failure {
        Failure::new(message, exit::USAGE)
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors get the documented 64
            // rather than clap's 2, which here means "finished with skips".
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(exit::USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Redact(args) => batch::run(args),
        Command::Scan {
            jsonl,
            file,
            config,
        } => config::load(config.as_deref())
            .and_then(|c| scan::run(&c.redactor, jsonl, file.as_deref()).map(|()| 0)),
        Command::Config { default } => {
            if default {
                println!("{}", redactor::Config::default().to_json_pretty());
                Ok(0)
            } else {
                Err(Failure::usage(
                    "config: pass --default to print the default config",
                ))
            }
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(f) if f.broken_pipe => ExitCode::SUCCESS,
        Err(f) => {
            ui::error(&f.message);
            ExitCode::from(f.code)
        }
    }
}

/// Opens `path` for reading, `-` or `None` meaning standard input.
pub(crate) fn open(path: Option<&Path>) -> Result<Box<dyn io::Read>, Failure> {
    match path {
        None => Ok(Box::new(io::stdin().lock())),
        Some(p) if p == Path::new("-") => Ok(Box::new(io::stdin().lock())),
        Some(p) => std::fs::File::open(p)
            .map(|f| Box::new(f) as Box<dyn io::Read>)
            .map_err(|e| Failure::io(&p.display().to_string(), &e)),
    }
}
