//! `redactor redact`: files or standard input to standard output, streamed through a fixed
//! buffer so memory stays constant however large the input is.

use crate::{open, Failure};
use redactor::Redactor;
use std::io::{self, Read, Write};
use std::path::PathBuf;

/// The default read buffer size.
pub(crate) const DEFAULT_BUFFER: usize = 64 * 1024;

pub(crate) fn run(r: &Redactor, files: &[PathBuf], buffer_size: usize) -> Result<(), Failure> {
    if buffer_size == 0 {
        return Err(Failure::new("--buffer-size must be at least 1", 64));
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(DEFAULT_BUFFER, stdout.lock());
    let inputs: Vec<Option<&PathBuf>> = if files.is_empty() {
        vec![None]
    } else {
        files.iter().map(Some).collect()
    };
    let mut buf = vec![0u8; buffer_size];
    let mut stream = r.stream();
    for input in inputs {
        let name = input.map_or("standard input".to_string(), |p| p.display().to_string());
        let mut reader = open(input.map(PathBuf::as_path))?;
        // Each file is its own stream: PII never spans two files.
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Failure::io(&name, &e)),
            };
            stream
                .push(&buf[..n], &mut out)
                .map_err(|e| Failure::io("standard output", &e))?;
        }
        stream
            .finish(&mut out)
            .map_err(|e| Failure::io("standard output", &e))?;
    }
    out.flush().map_err(|e| Failure::io("standard output", &e))
}
