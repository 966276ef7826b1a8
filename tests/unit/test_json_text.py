"""JSON read through orjson answers what the json module answers, value for value and type for
type, or raises what it raises: for any text json writes (integers beyond 64 bits, NaN and
the infinities, lone surrogates, both escapings), and for texts that are not JSON at all. Read
with a hook, every object is replaced innermost first, in the order written, as json's
``object_hook`` does."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from events.json_text import loads, loads_hooked

LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def same(a: Any, b: Any) -> bool:
    """Equal, of the same types all the way down (1 is not 1.0), NaN equal to NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def answer(read: Any, text: Any) -> tuple[str, Any]:
    try:
        return "value", read(text)
    except Exception as error:
        return type(error).__name__, str(error)


@given(VALUES, st.booleans())
@example(2**64, False)
@example(-(2**63) - 1, False)
@example(float("nan"), False)
@example(float("-inf"), False)
@example("\ud800", True)
@example({"a": [1.5e300, 2**65, {"b": None}]}, False)
def test_any_text_json_writes_reads_as_json_reads_it(value: Any, ascii_only: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only)
    expected = json.loads(text)
    assert same(loads(text), expected)
    if not ascii_only and any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return  # a lone surrogate cannot be UTF-8 bytes
    assert same(loads(text.encode()), expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "{",
        '{"a":1,}',
        "[01]",
        "NaNa",
        "1e400x",
        '{"a":1} {}',
        "\ufeff{}",
        '"\x01"',
        "[" * 2000,
    ],
)
def test_what_is_not_json_is_refused_as_json_refuses_it(text: str) -> None:
    assert answer(loads, text) == answer(json.loads, text)


def tag(value: dict[str, Any]) -> Any:
    """A hook that shows where and in which order it was called."""
    calls.append(sorted(value))
    if "_type_" in value:
        return ("decoded", value["_type_"], value.get("_data_"))
    return value


calls: list[list[str]] = []


def by_json(text: bytes) -> Any:
    del calls[:]  # orjson's walk may have hooked some objects before it set its answer aside
    return json.JSONDecoder(object_hook=tag).decode(text.decode())


OBJECTS = st.dictionaries(
    st.sampled_from(["a", "b", "_type_", "_data_"]) | st.text(max_size=3), VALUES, max_size=4
)
NESTED = st.recursive(
    OBJECTS,
    lambda inner: st.dictionaries(st.text(max_size=3), inner | st.lists(inner, max_size=3)),
    max_leaves=6,
)


@given(NESTED)
@example({"t": {"_type_": "date", "_data_": "2024-01-02"}, "n": 2**64})
@example({"n": float("nan"), "t": {"_type_": "x", "_data_": [{"_type_": "y"}]}})
def test_every_object_is_hooked_as_json_hooks_it(value: dict[str, Any]) -> None:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        text = json.dumps(value, separators=(",", ":"))
    del calls[:]
    expected = by_json(text.encode())
    expected_calls = list(calls)
    del calls[:]
    assert same(loads_hooked(text.encode(), tag, by_json), expected)
    assert calls == expected_calls


@pytest.mark.parametrize(
    "text", [b' {"a":1}', b'{"a":1} ', b'{"a":1}{}', b"[1]", b"{", b'{"a":NaN}']
)
def test_a_text_orjson_could_read_otherwise_goes_to_the_fallback(text: bytes) -> None:
    fell_back: list[bytes] = []

    def fallback(given: bytes) -> str:
        fell_back.append(given)
        return "json's answer"

    assert loads_hooked(text, tag, fallback) == "json's answer"
    assert fell_back == [text]
