//! `redactor redact`: files or standard input to standard output.

use crate::{open, Failure};
use redactor::Redactor;
use std::io::{self, Read, Write};
use std::path::PathBuf;

pub(crate) fn run(r: &Redactor, files: &[PathBuf]) -> Result<(), Failure> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let inputs: Vec<Option<&PathBuf>> = if files.is_empty() {
        vec![None]
    } else {
        files.iter().map(Some).collect()
    };
    for input in inputs {
        let name = input.map_or("standard input".to_string(), |p| p.display().to_string());
        let mut buf = Vec::new();
        open(input.map(PathBuf::as_path))?
            .read_to_end(&mut buf)
            .map_err(|e| Failure::io(&name, &e))?;
        out.write_all(&r.redact_bytes(&buf))
            .map_err(|e| Failure::io("standard output", &e))?;
    }
    out.flush().map_err(|e| Failure::io("standard output", &e))
}
