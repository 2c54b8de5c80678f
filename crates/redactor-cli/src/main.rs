//! `redactor`: redact files and streams, or scan JSON Lines for findings.
//!
//! Flag parsing and I/O only; all detection lives in the `redactor` crate.

mod redact;
mod scan;

use clap::{Parser, Subcommand};
use redactor::Redactor;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "redactor",
    version,
    about = "Find and mask personal data (PII) in text"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Redact files (or standard input) to standard output.
    Redact {
        /// Files to redact, in order; none or `-` reads standard input.
        files: Vec<PathBuf>,
        /// JSON config file (see `redactor config --default`).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Read size in bytes; output never depends on it, memory stays constant.
        #[arg(long, default_value_t = redact::DEFAULT_BUFFER)]
        buffer_size: usize,
    },
    /// Report findings (kind, byte span, confidence) without the PII itself.
    Scan {
        /// Read JSON Lines with a `text` field (and an optional `id`) and write one JSON line
        /// of findings per record.
        #[arg(long)]
        jsonl: bool,
        /// Input file; none or `-` reads standard input.
        file: Option<PathBuf>,
        /// JSON config file.
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

/// A CLI failure: a message for stderr (never containing input text) and an exit code.
pub(crate) struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    pub(crate) fn new(message: impl Into<String>, code: u8) -> Failure {
        Failure {
            message: message.into(),
            code,
        }
    }

    /// An I/O failure on `what` (a path or "standard output").
    pub(crate) fn io(what: &str, e: &io::Error) -> Failure {
        Failure::new(format!("{what}: {e}"), 74)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Redact {
            files,
            config,
            buffer_size,
        } => load(config.as_deref()).and_then(|r| redact::run(&r, &files, buffer_size)),
        Command::Scan {
            jsonl,
            file,
            config,
        } => load(config.as_deref()).and_then(|r| scan::run(&r, jsonl, file.as_deref())),
        Command::Config { default } => {
            if default {
                println!("{}", redactor::Config::default().to_json_pretty());
                Ok(())
            } else {
                Err(Failure::new(
                    "config: pass --default to print the default config",
                    64,
                ))
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`redactor redact big | head`) is not an error.
        Err(f) if f.message.ends_with("Broken pipe (os error 32)") => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("redactor: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

/// The redactor from `--config`, or the default one.
fn load(config: Option<&Path>) -> Result<Redactor, Failure> {
    let Some(path) = config else {
        return Ok(Redactor::default());
    };
    let json =
        std::fs::read_to_string(path).map_err(|e| Failure::io(&path.display().to_string(), &e))?;
    Redactor::from_json_config(&json)
        .map_err(|e| Failure::new(format!("{}: {e}", path.display()), 78))
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
