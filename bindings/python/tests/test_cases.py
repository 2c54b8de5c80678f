"""The shared table of cases (tests/data/cases.json), also run by the Rust suite: findings and
redactions through the Python API must match, one-shot and streamed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import redactor

ROOT = Path(__file__).resolve().parents[3]
CASES = json.loads((ROOT / "tests" / "data" / "cases.json").read_text(encoding="utf-8"))["cases"]


def char_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Byte offsets in the UTF-8 encoding of ``text`` to ``str`` indices."""
    raw = text.encode("utf-8")
    return len(raw[:start].decode("utf-8")), len(raw[:end].decode("utf-8"))


@pytest.fixture(scope="module")
def r() -> redactor.Redactor:
    return redactor.Redactor()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(r: redactor.Redactor, case: dict) -> None:
    text = case["input"]
    expected = [(f["kind"],) + char_span(text, f["start"], f["end"]) for f in case["findings"]]
    assert [(f.kind, f.start, f.end) for f in r.find(text)] == expected
    assert r.redact(text) == case["redacted"]
    with r.stream() as s:
        out = "".join(s.push(ch) for ch in text) + s.finish()
    assert out == case["redacted"]
