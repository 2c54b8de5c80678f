"""ctypes declarations of every function in include/redactor.h.

The library is found through the ``REDACTOR_LIB`` environment variable (a path to
``libredactor_ffi.so``), else the copy installed inside this package. Every function gets its
argtypes and restype here, so a wrong call fails in Python instead of corrupting memory; the
test suite checks that this table and the header list the same functions.
"""

from __future__ import annotations

import ctypes
import os
import sys
from ctypes import (
    CFUNCTYPE,
    POINTER,
    c_bool,
    c_char,
    c_char_p,
    c_float,
    c_int,
    c_size_t,
    c_uint32,
    c_void_p,
)
from pathlib import Path
from typing import Dict, List, Tuple

if sys.platform == "darwin":
    LIB_FILE = "libredactor_ffi.dylib"
elif sys.platform == "win32":
    LIB_FILE = "redactor_ffi.dll"
else:
    LIB_FILE = "libredactor_ffi.so"

# redactor_status values (include/redactor.h).
OK = 0
NULL_ARGUMENT = 100
BUFFER_TOO_SMALL = 101
INVALID_ARGUMENT = 102
INVALID_UTF8 = 103
INVALID_CONFIG = 200
INVALID_PATTERN = 201
UNSUPPORTED_POLICY = 202
IO = 300
CALLBACK_FAILED = 301
PANIC = 900
POISONED = 901
OTHER_ERROR = 999

KIND_CUSTOM_BASE = 1000
ROLE_AGENT = 1
ROLE_CUSTOMER = 2


class redactor_finding_t(ctypes.Structure):
    """``redactor_finding_t``: kind number, UTF-8 byte span, confidence."""

    _fields_ = [
        ("kind", c_uint32),
        ("start", c_size_t),
        ("end", c_size_t),
        ("confidence", c_float),
    ]


#: ``redactor_write_cb``: int (*)(void *userdata, const uint8_t *data, size_t len)
redactor_write_cb = CFUNCTYPE(c_int, c_void_p, POINTER(c_char), c_size_t)

# Opaque handles are plain void pointers on this side; inputs are bytes (c_char_p passes the
# bytes object's own buffer, no copy); output buffers are c_char arrays.
_handle = c_void_p
_status = c_uint32
_in = c_char_p
_out = POINTER(c_char)
_size_out = POINTER(c_size_t)
_finding_p = POINTER(redactor_finding_t)

#: name -> (restype, argtypes), in header order.
FUNCTIONS: Dict[str, Tuple[object, List[object]]] = {
    "redactor_new": (_status, [POINTER(_handle)]),
    "redactor_new_from_json": (_status, [_in, c_size_t, POINTER(_handle)]),
    "redactor_free": (None, [_handle]),
    "redactor_redact": (_status, [_handle, _in, c_size_t, _out, c_size_t, _size_out]),
    "redactor_redact_alloc": (_status, [_handle, _in, c_size_t, POINTER(c_void_p), _size_out]),
    "redactor_bytes_free": (None, [c_void_p, c_size_t]),
    "redactor_redact_in_place": (_status, [_handle, _out, c_size_t, _size_out]),
    "redactor_find": (_status, [_handle, _in, c_size_t, _finding_p, c_size_t, _size_out]),
    "redactor_find_alloc": (_status, [_handle, _in, c_size_t, POINTER(_finding_p), _size_out]),
    "redactor_findings_free": (None, [_finding_p, c_size_t]),
    "redactor_kind_name": (c_char_p, [_handle, c_uint32]),
    "redactor_last_error": (c_char_p, []),
    "redactor_status_message": (c_char_p, [c_uint32]),
    "redactor_stream_new": (_status, [_handle, POINTER(_handle)]),
    "redactor_stream_free": (None, [_handle]),
    "redactor_stream_push": (_status, [_handle, _in, c_size_t, _out, c_size_t, _size_out]),
    "redactor_stream_finish": (_status, [_handle, _out, c_size_t, _size_out]),
    "redactor_stream_push_cb": (_status, [_handle, _in, c_size_t, redactor_write_cb, c_void_p]),
    "redactor_stream_finish_cb": (_status, [_handle, redactor_write_cb, c_void_p]),
    "redactor_stream_record_findings": (_status, [_handle, c_bool]),
    "redactor_stream_take_findings": (_status, [_handle, _finding_p, c_size_t, _size_out]),
    "redactor_stream_reset": (_status, [_handle]),
    "redactor_conversation_new": (_status, [_handle, POINTER(_handle)]),
    "redactor_conversation_free": (None, [_handle]),
    "redactor_conversation_redact_alloc": (
        _status,
        [_handle, c_uint32, _in, c_size_t, POINTER(c_void_p), _size_out],
    ),
    "redactor_conversation_find_alloc": (
        _status,
        [_handle, c_uint32, _in, c_size_t, POINTER(_finding_p), _size_out],
    ),
    "redactor_conversation_clear": (_status, [_handle]),
    "redactor_version": (c_char_p, []),
}


def library_path() -> str:
    """Where the shared library is loaded from: ``$REDACTOR_LIB``, else the packaged copy."""
    env = os.environ.get("REDACTOR_LIB")
    if env:
        return env
    packaged = Path(__file__).resolve().parent / LIB_FILE
    if packaged.is_file():
        return str(packaged)
    raise ImportError(
        f"redactor: {LIB_FILE} is not inside the package ({packaged.parent}); reinstall with "
        "`pip install ./bindings/python` or set REDACTOR_LIB to a built library"
    )


def _load() -> ctypes.CDLL:
    # CDLL (not PyDLL) releases the GIL during every call, so threads run redactions in parallel.
    lib = ctypes.CDLL(library_path())
    for name, (restype, argtypes) in FUNCTIONS.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


lib = _load()
