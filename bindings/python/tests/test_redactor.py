"""Tests of the Python bindings. Findings come from a custom rule (TICKET-nnnn) so they do not
depend on how the built-in detectors evolve."""

from __future__ import annotations

import gc
import re
import threading
from pathlib import Path

import pytest

import redactor
from redactor import _ffi

ROOT = Path(__file__).resolve().parents[3]
HEADER = ROOT / "include" / "redactor.h"
TRANSCRIPT = ROOT / "examples" / "data" / "chat-transcript.txt"
TICKETS = {"custom_rules": [{"name": "TICKET", "pattern": "TICKET-[0-9]{4}"}]}


@pytest.fixture()
def r() -> redactor.Redactor:
    with redactor.Redactor(TICKETS) as r:
        yield r


def test_every_header_function_is_declared():
    header = HEADER.read_text()
    declared = set(re.findall(r"^[A-Za-z][\w\s\*]*?\b(redactor_\w+)\(", header, re.M))
    assert declared, "no functions found in the header"
    assert declared == set(_ffi.FUNCTIONS)


def test_status_numbers_match_the_header():
    header = HEADER.read_text()
    for name, number in re.findall(r"REDACTOR_STATUS_(\w+) = (\d+)", header):
        assert getattr(_ffi, name) == int(number), name


def test_versions_agree():
    assert redactor.library_version() == redactor.__version__
    pyproject = (ROOT / "bindings" / "python" / "pyproject.toml").read_text()
    assert f'version = "{redactor.__version__}"' in pyproject


def test_redact_and_find_with_str_indices(r):
    text = "né TICKET-1234 puis TICKET-5678 fin \U0001F600"
    assert r.redact(text) == "né [TICKET] puis [TICKET] fin \U0001F600"
    found = r.find(text)
    assert [(f.kind, f.start, f.end) for f in found] == [("TICKET", 3, 14), ("TICKET", 20, 31)]
    assert [text[f.start : f.end] for f in found] == ["TICKET-1234", "TICKET-5678"]
    assert all(0.0 < f.confidence <= 1.0 for f in found)
    assert found[0].kind_id == 1000
    # Byte offsets on the bytes API: é is two bytes.
    assert [(f.start, f.end) for f in r.find_bytes(text.encode())] == [(4, 15), (21, 32)]


def test_many_findings_grow_the_array(r):
    text = " ".join(f"TICKET-{i:04d}" for i in range(50))
    found = r.find(text)
    assert len(found) == 50
    assert found[-1].end == len(text)


def test_unchanged_text_is_returned_as_is(r):
    text = "nothing to see"
    assert r.redact(text) is text
    assert r.find(text) == []
    assert r.redact("") == ""


def test_output_longer_than_the_first_guess():
    with redactor.Redactor(
        {"custom_rules": [{"name": "X", "pattern": "x", "policy": {"type": "fixed", "text": "y" * 500}}]}
    ) as r:
        assert r.redact("x x") == "y" * 500 + " " + "y" * 500


def test_invalid_utf8_bytes_pass_through(r):
    data = b"\xff\xfe TICKET-0001 \xc3"
    assert r.redact_bytes(data) == b"\xff\xfe [TICKET] \xc3"


def test_default_redactor_runs():
    with redactor.Redactor() as r:
        assert isinstance(r.redact("plain words"), str)
        assert r.kind_name(3) == "EMAIL"


def test_kind_names(r):
    assert r.kind_name(1) == "CREDIT_CARD"
    assert r.kind_name(1000) == "TICKET"
    assert r.kind_name(1001) is None


def test_in_place():
    with redactor.Redactor(dict(TICKETS, default_policy={"type": "mask"})) as r:
        buf = bytearray(b"TICKET-1234 ok")
        assert r.redact_in_place(buf) == 1
        assert buf == bytearray(b"******-**** ok")
        assert r.redact_in_place(bytearray()) == 0
    with redactor.Redactor(TICKETS) as r:
        buf = bytearray(b"TICKET-1234 ok")
        with pytest.raises(redactor.UnsupportedPolicyError):
            r.redact_in_place(buf)
        assert buf == bytearray(b"TICKET-1234 ok")


@pytest.mark.parametrize(
    "config, error, words",
    [
        ("{", redactor.InvalidConfigError, "invalid config"),
        ({"nope": 1}, redactor.InvalidConfigError, "nope"),
        ({"kinds": ["PASSPORT"]}, redactor.InvalidConfigError, "kinds[0]"),
        ({"custom_rules": [{"name": "X", "pattern": "("}]}, redactor.InvalidPatternError, "custom_rules[0]"),
    ],
)
def test_bad_configs_raise_with_a_message(config, error, words):
    with pytest.raises(error) as info:
        redactor.Redactor(config)
    assert isinstance(info.value, redactor.RedactorError)
    assert isinstance(info.value, ValueError)
    assert words in str(info.value)
    assert info.value.status in (_ffi.INVALID_CONFIG, _ffi.INVALID_PATTERN)


def test_error_messages_never_contain_the_text(r):
    secret = "TICKET-9999 and my secret"
    with pytest.raises(redactor.InvalidArgumentError) as info:
        r.conversation().redact_message(7, secret)  # type: ignore[arg-type]
    assert "secret" not in str(info.value) and "9999" not in str(info.value)


def test_closed_handles_raise_and_close_is_idempotent():
    r = redactor.Redactor(TICKETS)
    r.close()
    r.close()
    with pytest.raises(ValueError):
        r.redact("x")
    with pytest.raises(ValueError):
        r.stream()


def test_stream_equals_one_shot_for_any_chunking(r):
    text = "start TICKET-1111 é middle TICKET-2222 and TICKET-3 " * 40
    want = r.redact(text)
    for size in (1, 3, 7, 64, 1000, 100000):
        with r.stream() as s:
            out = "".join(s.push(text[i : i + size]) for i in range(0, len(text), size))
            out += s.finish()
        assert out == want, size


def test_stream_bytes_split_inside_characters(r):
    data = "ünïcödé TICKET-4242 ✓".encode() * 10
    want = r.redact_bytes(data)
    with r.stream() as s:
        out = b"".join(s.push_bytes(data[i : i + 1]) for i in range(len(data))) + s.finish_bytes()
    assert out == want


def test_stream_large_output_and_reuse(r):
    text = "TICKET-0000 " * 2000  # more output per push than the 4 KiB buffer
    with r.stream() as s:
        assert s.push(text) + s.finish() == r.redact(text)
        assert s.push("again TICKET-1234") + s.finish() == "again [TICKET]"
        s.push("TICKET-5678 dropped")
        s.reset()
        assert s.finish() == ""


def test_stream_findings_have_stream_byte_offsets(r):
    with r.stream(findings=True) as s:
        s.push("ab TICKET-0001 ")
        s.push("cd TICKET-0002")
        s.finish()
        found = s.take_findings()
        assert [(f.kind, f.start, f.end) for f in found] == [("TICKET", 3, 14), ("TICKET", 18, 29)]
        assert s.take_findings() == []
    with r.stream() as s:
        s.push("TICKET-0001")
        s.finish()
        assert s.take_findings() == []


def test_stream_outlives_its_redactor():
    r = redactor.Redactor(TICKETS)
    s = r.stream()
    r.close()
    assert s.push("TICKET-1234") + s.finish() == "[TICKET]"
    s.close()
    s.close()
    with pytest.raises(ValueError):
        s.push("x")


def test_conversation(r):
    chat = r.conversation()
    assert chat.redact_message("agent", "Your ticket?") == "Your ticket?"
    assert chat.redact_message(redactor.Role.CUSTOMER, "it is TICKET-7777") == "it is [TICKET]"
    found = chat.find_message("customer", "é TICKET-7777")
    assert [(f.kind, f.start, f.end) for f in found] == [("TICKET", 2, 13)]
    chat.clear()
    with pytest.raises(redactor.InvalidArgumentError):
        chat.redact_message("robot", "hi")
    with pytest.raises(redactor.InvalidArgumentError):
        chat.redact_message(9, "hi")  # type: ignore[arg-type]
    chat.close()
    with pytest.raises(ValueError):
        chat.clear()


def test_conversation_uses_context_from_previous_messages():
    with redactor.Redactor() as r:
        chat = r.conversation()
        chat.redact_message("agent", "Can you confirm your date of birth?")
        # Whether the bare date counts depends on the detector; the call must work either way.
        assert chat.redact_message("customer", "04/12/1985") in ("04/12/1985", "[DATE_OF_BIRTH]")


def test_one_redactor_shared_by_threads(r):
    errors: list = []
    texts = [f"thread {i} TICKET-{i:04d} text é" for i in range(8)]

    def work(i: int) -> None:
        try:
            want = texts[i].replace(f"TICKET-{i:04d}", "[TICKET]")
            with r.stream() as s:
                for _ in range(300):
                    assert r.redact(texts[i]) == want
                    assert r.find(texts[i])[0].kind == "TICKET"
                    s.push(texts[i])
                s.finish()
        except BaseException as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_one_stream_shared_by_threads_is_serialised(r):
    s = r.stream()
    outputs: list = []

    def work() -> None:
        for _ in range(200):
            outputs.append(s.push("TICKET-1234 "))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    outputs.append(s.finish())
    # Appends race with each other (outside the stream's lock), so compare sizes, not order.
    assert sum(map(len, outputs)) == len("[TICKET] ") * 800
    s.close()


def test_garbage_collection_frees_handles():
    for _ in range(100):
        r = redactor.Redactor(TICKETS)
        s = r.stream()
        c = r.conversation()
        del r, s, c
    gc.collect()


@pytest.mark.skipif(not TRANSCRIPT.exists(), reason="no sample transcript")
def test_transcript_stream_equals_one_shot():
    text = TRANSCRIPT.read_text()
    with redactor.Redactor() as r:
        want = r.redact(text)
        with r.stream() as s:
            out = "".join(s.push(text[i : i + 17]) for i in range(0, len(text), 17)) + s.finish()
        assert out == want
