"""JSON text read by orjson wherever its answer is the json module's, and by json otherwise.

orjson parses our stored states and import lines three to five times faster than json's C
scanner, but does not always give the same answer. Where it differs it either refuses the
text or reads an integer beyond 64 bits as a float:

- it refuses NaN and Infinity, a number too large for a float (``1e400``), and a lone
  surrogate (``"\\ud800"``), all of which json reads;
- it reads ``18446744073709551616`` as ``1.8446744073709552e+19`` where json reads the int.

So a refusal is answered by json itself (which reads the text, or raises its own error, as
before), and so is any answer holding a float at least 2**63 wide: every integer orjson widens
lands there, while a float that wide written as one is rare in a record, and reading it twice
only costs time. The answers are then json's, value for value and type for type
(``tests/unit/test_json_text.py`` compares the two over generated texts).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import orjson

# The smallest float orjson makes of an integer it cannot hold in 64 bits (signed or not).
_WIDE = float(2**63)
Hook = Callable[[dict[str, Any]], Any]


class _Widened(Exception):
    """orjson read an integer beyond 64 bits as a float, or may have."""


def loads(text: str | bytes) -> Any:
    """The value of ``text`` as ``json.loads`` reads it (and its errors, as it raises them)."""
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)
    try:
        _check(value)
    except _Widened:
        return json.loads(text)
    return value


def loads_hooked(text: bytes, hook: Hook, fallback: Callable[[bytes], Any]) -> Any:
    """The value of the JSON object ``text``, every object in it replaced by ``hook(object)``,
    innermost first and in the order written, as ``json.JSONDecoder(object_hook=hook)`` calls
    it; ``fallback(text)`` where orjson's answer could differ from json's. The text must be
    an object with nothing around it: anything else goes to ``fallback``, which decides.
    ``hook`` may be called on some objects before orjson's answer is set aside for
    ``fallback``'s, so it must not count on being called once per object."""
    if text[:1] != b"{" or text[-1:] != b"}":
        return fallback(text)
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        return fallback(text)
    try:
        return _hooked(value, hook)
    except _Widened:
        return fallback(text)


def _hooked(value: dict[str, Any], hook: Hook) -> Any:
    # Text first: most values of a stored state are text, and need nothing.
    for key, item in value.items():
        kind = type(item)
        if kind is str:
            continue
        if kind is dict:
            if len(item) == 2:
                # A pair of texts (a date, a sealed name, the chain's link): nothing inside
                # to hook or check, so it is hooked without walking it.
                first, second = item.values()
                if type(first) is str and type(second) is str:
                    value[key] = hook(item)
                    continue
            value[key] = _hooked(item, hook)
        elif kind is list:
            _hooked_items(item, hook)
        elif kind is float and not -_WIDE < item < _WIDE:
            raise _Widened
    return hook(value)


def _hooked_items(items: list[Any], hook: Hook) -> None:
    for index, item in enumerate(items):
        kind = type(item)
        if kind is dict:
            items[index] = _hooked(item, hook)
        elif kind is list:
            _hooked_items(item, hook)
        elif kind is float and not -_WIDE < item < _WIDE:
            raise _Widened


def _check(value: Any) -> None:
    if type(value) is dict:
        value = value.values()
    elif type(value) is not list:
        value = (value,)
    for item in value:
        kind = type(item)
        if kind is str:
            continue
        if kind is dict or kind is list:
            _check(item)
        elif kind is float and not -_WIDE < item < _WIDE:
            raise _Widened
