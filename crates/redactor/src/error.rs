//! The one error type of the crate.

use std::fmt;

/// What went wrong, coarsely, so callers (and the C ABI) can branch on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The configuration is malformed or names something unknown.
    Config,
    /// A custom rule's pattern does not compile or exceeds the documented limits.
    Pattern,
    /// The operation cannot be done with the chosen masking policy (for example in-place
    /// redaction with a policy that changes the length).
    Policy,
    /// Input/output failed while streaming.
    Io,
}

/// An error. Its message names a field, an offset or a limit, never the scanned text.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
        }
    }

    pub(crate) fn config(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Config, message)
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message without the kind prefix.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            ErrorKind::Config => "invalid config",
            ErrorKind::Pattern => "invalid custom pattern",
            ErrorKind::Policy => "unsupported by masking policy",
            ErrorKind::Io => "I/O error",
        };
        write!(f, "{what}: {}", self.message)
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        // io::Error messages come from the OS, not from the text.
        Error::new(ErrorKind::Io, e.to_string())
    }
}
