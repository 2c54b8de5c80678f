"""Find and mask personal data (PII) in text: payment cards, US SSNs, emails, phone numbers and
dates of birth. Python bindings over the redactor C ABI (ctypes).

>>> import redactor
>>> r = redactor.Redactor()
>>> r.redact("mail jane@example.com")
'mail [EMAIL]'

Threads: one :class:`Redactor` may be shared by any number of threads (the C calls release the
GIL). A :class:`Stream` or :class:`Conversation` serialises its own calls with a lock.

Memory: redactor wipes the buffers it owns, but Python ``str`` and ``bytes`` objects cannot be
wiped; the text you pass in and get back stays in memory until Python reuses it.
"""

from __future__ import annotations

import codecs
import ctypes
import enum
import json
import threading
import struct
from typing import Any, Callable, Dict, List, Mapping, NamedTuple, Optional, TypeVar, Union, cast

from . import _ffi
from .errors import (
    BufferTooSmallError,
    CallbackFailedError,
    InternalError,
    InvalidArgumentError,
    InvalidConfigError,
    InvalidPatternError,
    InvalidUtf8Error,
    NullArgumentError,
    PoisonedError,
    RedactorError,
    RedactorIOError,
    UnsupportedPolicyError,
    check,
)

__version__ = "0.1.0"

__all__ = [
    "Redactor",
    "Stream",
    "Conversation",
    "Finding",
    "Role",
    "RedactorError",
    "NullArgumentError",
    "BufferTooSmallError",
    "InvalidArgumentError",
    "InvalidUtf8Error",
    "InvalidConfigError",
    "InvalidPatternError",
    "UnsupportedPolicyError",
    "RedactorIOError",
    "CallbackFailedError",
    "InternalError",
    "PoisonedError",
    "library_version",
]

_lib = _ffi.lib
# Bytes 0x80..0xBF continue a UTF-8 character; deleting them leaves one byte per character.
_CONTINUATION = bytes(range(0x80, 0xC0))

# redactor_finding_t as the struct module sees it (native alignment plus tail padding); checked
# against ctypes so a layout change cannot go unnoticed.
_FINDING = struct.Struct("@IQQf4x" if ctypes.sizeof(ctypes.c_size_t) == 8 else "@IIIf")
assert _FINDING.size == ctypes.sizeof(_ffi.redactor_finding_t)

# Per-thread scratch buffers: a ctypes buffer costs more to allocate than the call itself.
# Buffers above _REUSE_MAX are allocated per call so no thread keeps a huge one.
_tls = threading.local()
_REUSE_MAX = 1 << 16
_SCRATCH_FINDINGS = 64


_new_tuple = tuple.__new__


def _scratch_bytes(cap: int) -> Any:
    if cap > _REUSE_MAX:
        return ctypes.create_string_buffer(cap)
    buf = getattr(_tls, "bytes", None)
    if buf is None or len(buf) < cap:
        buf = _tls.bytes = ctypes.create_string_buffer(max(cap, 4096))
    return buf


def _scratch_findings() -> Any:
    arr = getattr(_tls, "findings", None)
    if arr is None:
        arr = _tls.findings = (_ffi.redactor_finding_t * _SCRATCH_FINDINGS)()
    return arr


def library_version() -> str:
    """The version of the loaded C library, e.g. ``"0.1.0"``."""
    version: bytes = _lib.redactor_version()
    return version.decode()


class Finding(NamedTuple):
    """One piece of personal data: its kind name, span and confidence. Holds no PII.

    ``start``/``end`` are half-open indices into the text you passed: ``str`` indices for
    ``find(str)``, byte offsets for ``find_bytes`` and for stream findings.
    """

    kind: str
    start: int
    end: int
    confidence: float
    #: The C kind number (``1``..``5`` built in, ``1000 + n`` for custom rule ``n``).
    kind_id: int = 0


class Role(enum.IntEnum):
    """Who wrote a conversation message."""

    AGENT = _ffi.ROLE_AGENT
    CUSTOMER = _ffi.ROLE_CUSTOMER


_BUILTIN_NAMES = {
    1: "CREDIT_CARD",
    2: "US_SSN",
    3: "EMAIL",
    4: "PHONE",
    5: "DATE_OF_BIRTH",
}


_H = TypeVar("_H", bound="_Handle")


class _Handle:
    """Owns one C handle: ``close()`` is idempotent, also runs on ``with`` exit and on GC."""

    _ptr: Optional[int] = None
    _free: Callable[[int], None]

    def close(self) -> None:
        """Frees the C handle now (later calls raise ``ValueError``). Safe to call twice."""
        ptr, self._ptr = self._ptr, None
        if ptr:
            type(self)._free(ptr)

    def _p(self) -> int:
        ptr = self._ptr
        if not ptr:
            raise ValueError(f"{type(self).__name__} is closed")
        return ptr

    def __enter__(self: _H) -> _H:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone already
            pass


def _role(role: Union[Role, int, str]) -> int:
    if isinstance(role, str):
        try:
            return Role[role.upper()].value
        except KeyError:
            raise InvalidArgumentError(
                _ffi.INVALID_ARGUMENT, f"role must be 'agent' or 'customer', not {role!r}"
            ) from None
    return int(role)


def _char_offsets(data: bytes, text: str, findings: List[Finding]) -> List[Finding]:
    """Findings with UTF-8 byte offsets turned into ``str`` indices of ``text``."""
    if not findings or len(data) == len(text):  # ASCII: bytes are characters
        return findings
    out = []
    byte_at = char_at = 0

    def to_char(b: int) -> int:
        # Offsets only grow: findings are sorted and never overlap.
        nonlocal byte_at, char_at
        char_at += len(data[byte_at:b].translate(None, _CONTINUATION))
        byte_at = b
        return char_at

    for f in findings:
        start = to_char(f.start)
        end = to_char(f.end)
        out.append(Finding(f.kind, start, end, f.confidence, f.kind_id))
    return out


class Redactor(_Handle):
    """A compiled redactor: detectors, masking policies and custom rules.

    ``config`` is the JSON config as a dict (or a JSON string); ``None`` means the defaults (all
    five kinds, birth dates only, labels like ``[EMAIL]``). Example::

        Redactor({"policies": {"CREDIT_CARD": {"type": "keep_last", "n": 4}},
                  "custom_rules": [{"name": "TICKET", "pattern": "TICKET-[0-9]{4}"}]})

    Raises :class:`InvalidConfigError` (or :class:`InvalidPatternError`) naming the bad field.
    Thread-safe: share one instance between threads.
    """

    _free = _lib.redactor_free

    def __init__(self, config: Union[Mapping[str, Any], str, None] = None) -> None:
        handle = ctypes.c_void_p()
        if config is None:
            check(_lib.redactor_new(ctypes.byref(handle)))
        else:
            text = config if isinstance(config, str) else json.dumps(config)
            raw = text.encode("utf-8")
            check(_lib.redactor_new_from_json(raw, len(raw), ctypes.byref(handle)))
        self._ptr = handle.value
        self._names: Dict[int, str] = dict(_BUILTIN_NAMES)

    def redact(self, text: str) -> str:
        """``text`` with every finding replaced according to its policy."""
        data = text.encode("utf-8")
        out = self.redact_bytes(data)
        return text if out == data else out.decode("utf-8", "replace")

    def redact_bytes(self, data: bytes) -> bytes:
        """Like :meth:`redact` on arbitrary bytes (invalid UTF-8 passes through)."""
        ptr = self._p()
        n = ctypes.c_size_t()
        buf = _scratch_bytes(2 * len(data) + 64)
        status = _lib.redactor_redact(ptr, data, len(data), buf, len(buf), ctypes.byref(n))
        if status == _ffi.BUFFER_TOO_SMALL:
            buf = ctypes.create_string_buffer(n.value)
            status = _lib.redactor_redact(ptr, data, len(data), buf, n.value, ctypes.byref(n))
        check(status)
        return cast(bytes, buf[: n.value])

    def redact_in_place(self, buf: bytearray) -> int:
        """Masks findings inside ``buf`` without moving bytes; returns how many. Needs a
        length-preserving policy (``mask``/``keep_last``) for every kind, else raises
        :class:`UnsupportedPolicyError`."""
        ptr = self._p()
        n = ctypes.c_size_t()
        c_buf = (ctypes.c_char * len(buf)).from_buffer(buf) if buf else None
        check(_lib.redactor_redact_in_place(ptr, c_buf, len(buf), ctypes.byref(n)))
        return n.value

    def find(self, text: str) -> List[Finding]:
        """The findings in ``text``, sorted and non-overlapping, with ``str`` indices."""
        data = text.encode("utf-8")
        return _char_offsets(data, text, self.find_bytes(data))

    def find_bytes(self, data: bytes) -> List[Finding]:
        """The findings in ``data`` with UTF-8 byte offsets."""
        ptr = self._p()
        n = ctypes.c_size_t()
        arr = _scratch_findings()
        status = _lib.redactor_find(ptr, data, len(data), arr, len(arr), ctypes.byref(n))
        if status == _ffi.BUFFER_TOO_SMALL:
            arr = (_ffi.redactor_finding_t * n.value)()
            status = _lib.redactor_find(ptr, data, len(data), arr, n.value, ctypes.byref(n))
        check(status)
        return self._findings(arr, n.value)

    def _findings(self, arr: Any, count: int) -> List[Finding]:
        """Finding tuples from the first ``count`` structs of a ``redactor_finding_t`` array."""
        if count == 0:
            return []
        size = count * _FINDING.size
        raw: Union[bytes, memoryview]
        if isinstance(arr, ctypes.Array):  # cheaper than a string_at call
            raw = memoryview(arr).cast("B")[:size]
        else:
            raw = ctypes.string_at(arr, size)
        names = self._names
        out = []
        for k, start, end, conf in _FINDING.iter_unpack(raw):
            name = names.get(k)
            if name is None:
                name = self.kind_name(k) or str(k)
            # tuple.__new__ skips NamedTuple's Python-level __new__ (half the cost per finding).
            out.append(_new_tuple(Finding, (name, start, end, conf, k)))
        return out

    def kind_name(self, kind_id: int) -> Optional[str]:
        """The name of a kind number (built-in or a custom rule's name), or ``None``."""
        name = self._names.get(kind_id)
        if name is None:
            raw = _lib.redactor_kind_name(self._p(), kind_id)
            if raw is None:
                return None
            name = self._names[kind_id] = raw.decode("utf-8", "replace")
        return name

    def stream(self, findings: bool = False) -> "Stream":
        """A new :class:`Stream`; with ``findings=True`` it records findings for
        :meth:`Stream.take_findings`."""
        return Stream(self, findings)

    def conversation(self) -> "Conversation":
        """A new :class:`Conversation` that carries context from message to message."""
        return Conversation(self)


class Stream(_Handle):
    """Redacts text pushed in chunks; the concatenated output equals :meth:`Redactor.redact` of
    the whole input, whatever the chunking. Holds back about a kilobyte, wiped as it rolls.

    Use it as a context manager (``with r.stream() as s:``) or call :meth:`close`. Use either
    the ``str`` methods (:meth:`push`, :meth:`finish`) or the ``bytes`` ones on one stream.
    Calls are serialised by a lock.
    """

    _free = _lib.redactor_stream_free

    def __init__(self, redactor: Redactor, findings: bool = False) -> None:
        handle = ctypes.c_void_p()
        check(_lib.redactor_stream_new(redactor._p(), ctypes.byref(handle)))
        self._ptr = handle.value
        self._redactor = redactor  # for kind names only: the C stream keeps its own reference
        self._lock = threading.Lock()
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._buf = ctypes.create_string_buffer(4096)
        if findings:
            check(_lib.redactor_stream_record_findings(self._ptr, True))

    def push(self, text: str) -> str:
        """Takes a chunk; returns the output that is final so far (often shorter than the
        chunk: up to about a kilobyte is held back until more text or :meth:`finish`)."""
        return self._decoder.decode(self.push_bytes(text.encode("utf-8")))

    def finish(self) -> str:
        """Ends the input and returns the rest of the output. The stream can then be reused."""
        out = self._decoder.decode(self.finish_bytes(), final=True)
        self._decoder.reset()
        return out

    def push_bytes(self, data: bytes) -> bytes:
        """Like :meth:`push` on bytes (a chunk may end inside a character)."""
        with self._lock:
            return self._call(_lib.redactor_stream_push, data, len(data))

    def finish_bytes(self) -> bytes:
        """Like :meth:`finish`, returning bytes."""
        with self._lock:
            return self._call(_lib.redactor_stream_finish)

    def _call(self, fn: Any, *args: Any) -> bytes:
        ptr = self._p()
        n = ctypes.c_size_t()
        buf = self._buf
        status = fn(ptr, *args, buf, len(buf), ctypes.byref(n))
        if status == _ffi.BUFFER_TOO_SMALL:
            # The input was taken; its output waits. Collect it with an empty push.
            buf = ctypes.create_string_buffer(n.value)
            status = _lib.redactor_stream_push(ptr, None, 0, buf, n.value, ctypes.byref(n))
        check(status)
        return cast(bytes, buf[: n.value])

    def take_findings(self) -> List[Finding]:
        """The findings recorded since the last call (needs ``stream(findings=True)``), with
        byte offsets from the start of the stream (or the last finish)."""
        with self._lock:
            ptr = self._p()
            n = ctypes.c_size_t()
            check_status = _lib.redactor_stream_take_findings(ptr, None, 0, ctypes.byref(n))
            if check_status == _ffi.OK:
                return []
            if check_status != _ffi.BUFFER_TOO_SMALL:
                check(check_status)
            arr = (_ffi.redactor_finding_t * n.value)()
            check(_lib.redactor_stream_take_findings(ptr, arr, n.value, ctypes.byref(n)))
            return self._redactor._findings(arr, n.value)

    def reset(self) -> None:
        """Forgets held-back input and undelivered output (wiped); starts afresh."""
        with self._lock:
            check(_lib.redactor_stream_reset(self._p()))
            self._decoder.reset()

    def close(self) -> None:
        """Frees the stream, wiping what it holds back without returning it."""
        lock = getattr(self, "_lock", None)
        if lock is None:
            super().close()
            return
        with lock:
            super().close()


class Conversation(_Handle):
    """A chat whose messages are redacted one by one, each at once, with context carried from
    the two previous messages (an agent asking for the date of birth makes the reply's date a
    birth date). The carried text is wiped when replaced and on close. Calls are serialised by
    a lock.
    """

    _free = _lib.redactor_conversation_free

    def __init__(self, redactor: Redactor) -> None:
        handle = ctypes.c_void_p()
        check(_lib.redactor_conversation_new(redactor._p(), ctypes.byref(handle)))
        self._ptr = handle.value
        self._redactor = redactor
        self._lock = threading.Lock()

    def redact_message(self, role: Union[Role, str], text: str) -> str:
        """``text`` (written by ``role``: ``Role.AGENT``/``"agent"`` or ``Role.CUSTOMER``/
        ``"customer"``) fully redacted; then remembers it as context."""
        data = text.encode("utf-8")
        out = ctypes.c_void_p()
        n = ctypes.c_size_t()
        with self._lock:
            check(
                _lib.redactor_conversation_redact_alloc(
                    self._p(), _role(role), data, len(data), ctypes.byref(out), ctypes.byref(n)
                )
            )
        try:
            result = ctypes.string_at(out, n.value)
        finally:
            _lib.redactor_bytes_free(out, n.value)
        return text if result == data else result.decode("utf-8", "replace")

    def find_message(self, role: Union[Role, str], text: str) -> List[Finding]:
        """The findings in one message (``str`` indices), given the messages before it; then
        remembers it as context."""
        data = text.encode("utf-8")
        arr = ctypes.POINTER(_ffi.redactor_finding_t)()
        n = ctypes.c_size_t()
        with self._lock:
            check(
                _lib.redactor_conversation_find_alloc(
                    self._p(), _role(role), data, len(data), ctypes.byref(arr), ctypes.byref(n)
                )
            )
        try:
            found = self._redactor._findings(arr, n.value)
        finally:
            _lib.redactor_findings_free(arr, n.value)
        return _char_offsets(data, text, found)

    def clear(self) -> None:
        """Forgets the carried context (wiped)."""
        with self._lock:
            check(_lib.redactor_conversation_clear(self._p()))
