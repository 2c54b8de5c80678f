"""Exceptions: one ``RedactorError`` subclass per ``redactor_status`` of the C ABI."""

from __future__ import annotations

from typing import Dict, Type

from . import _ffi


class RedactorError(Exception):
    """A call into the redactor library failed.

    ``status`` is the C status number; ``message`` explains it (static text and config field
    names only: it never contains the text being redacted).
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class NullArgumentError(RedactorError):
    """A required pointer was NULL (a bug in these bindings, or a closed handle)."""


class BufferTooSmallError(RedactorError):
    """An output buffer was too small (the bindings retry, so you should not see this)."""


class InvalidArgumentError(RedactorError, ValueError):
    """An argument is out of range, e.g. an unknown conversation role."""


class InvalidUtf8Error(RedactorError, ValueError):
    """A config was not UTF-8."""


class InvalidConfigError(RedactorError, ValueError):
    """The config is malformed, has unknown fields or names unknown kinds."""


class InvalidPatternError(InvalidConfigError):
    """A custom rule's pattern does not compile or exceeds the limits."""


class UnsupportedPolicyError(RedactorError):
    """The masking policy does not allow this operation (e.g. in-place with labels)."""


class RedactorIOError(RedactorError, OSError):
    """Input or output failed."""


class CallbackFailedError(RedactorError):
    """A write callback reported failure."""


class InternalError(RedactorError):
    """A bug inside redactor (a caught panic). The stream or conversation is now unusable."""


class PoisonedError(RedactorError):
    """The stream or conversation was wiped after an earlier internal error."""


_BY_STATUS: Dict[int, Type[RedactorError]] = {
    _ffi.NULL_ARGUMENT: NullArgumentError,
    _ffi.BUFFER_TOO_SMALL: BufferTooSmallError,
    _ffi.INVALID_ARGUMENT: InvalidArgumentError,
    _ffi.INVALID_UTF8: InvalidUtf8Error,
    _ffi.INVALID_CONFIG: InvalidConfigError,
    _ffi.INVALID_PATTERN: InvalidPatternError,
    _ffi.UNSUPPORTED_POLICY: UnsupportedPolicyError,
    _ffi.IO: RedactorIOError,
    _ffi.CALLBACK_FAILED: CallbackFailedError,
    _ffi.PANIC: InternalError,
    _ffi.POISONED: PoisonedError,
}


def error_for(status: int) -> RedactorError:
    """The exception for a failed call, with this thread's last-error message."""
    raw = _ffi.lib.redactor_last_error()
    message = raw.decode("utf-8", "replace") if raw else ""
    if not message:
        raw = _ffi.lib.redactor_status_message(status)
        message = raw.decode("utf-8", "replace") if raw else f"status {status}"
    return _BY_STATUS.get(status, RedactorError)(status, message)


def check(status: int) -> None:
    """Raises the matching ``RedactorError`` unless ``status`` is OK."""
    if status != _ffi.OK:
        raise error_for(status)
