"""An event's state as the plain values that orjson writes byte for byte as json does.

The state writer (``events.state``) writes both texts of a state in one walk in Python, about
a fifth of an import. orjson writes them in C, several times faster, and writes what json
writes for text, integers within 64 bits, floats of the magnitudes ``repr`` writes without an
exponent (and zero), true, false, null, lists and dicts keyed by text; keys sorted, as the
canonical text needs, by code point. It writes the rest otherwise: NaN and the infinities as
null, a small float in another notation (``0.00001`` for ``1e-05``), an Enum by its value
where json may refuse it, and it refuses wider integers and lone surrogates. So a state is
made plain here, personal fields sealed and registered types transcoded as the walk does,
and for anything that is not one of those values, exactly of its type, there is no answer: the
walk then writes the state as before (``tests/unit/test_state.py`` holds both to json's texts).
"""

from __future__ import annotations

from typing import Any

import orjson
from eventsourcing.persistence import JSONTranscoder

# Personal, Seal and Texts as events.state defines them (that module imports this one).
Personal = dict[str, Any]
# Floats that orjson writes as repr does: zero, and magnitudes from 1e-4 up to 1e16, the range
# repr writes in fixed notation (``test_plain_state`` checks it over every such float).
_SMALLEST, _WIDEST = 1e-4, 1e16
_LOWEST, _BEYOND = -(2**63), 2**64  # integers orjson writes
_SORTED = orjson.OPT_SORT_KEYS


class _Unusual(Exception):
    """A value that orjson could write otherwise than json: the walk writes the state."""


class PlainState:
    """Writes a state's two texts by orjson, when every value is plain (see the module)."""

    def __init__(self, transcoder: JSONTranscoder, seal: Any) -> None:
        self.types = transcoder.types
        self.seal = seal
        self.sealed: list[dict[str, str]] = []  # what ``seal`` made for the last state, in order

    def texts(self, state: dict[str, Any], personal: Personal) -> tuple[str, str] | None:
        """(canonical, as stored), or None for a state the walk must write; ``sealed`` is then
        what was sealed so far, in the order the walk seals it, so that it seals each name
        once."""
        self.sealed = []
        try:
            plain = self._dict(state, personal)
            return orjson.dumps(plain, option=_SORTED).decode(), orjson.dumps(plain).decode()
        except _Unusual:
            return None
        except orjson.JSONEncodeError:  # a lone surrogate, a dict nested too deeply
            return None

    def _dict(self, value: dict[str, Any], personal: Any) -> dict[str, Any]:
        inner = personal if type(personal) is dict else None
        plain = {}
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            within = None if inner is None else inner.get(key)
            plain[key] = self._value(item, within)
        return plain

    def _value(self, item: Any, within: Any) -> Any:
        kind = type(item)
        if kind is str:
            if within is True:
                sealed = self.seal(item)
                self.sealed.append(sealed)
                return sealed
            return item
        if item is None or kind is bool:
            return item
        if kind is int:
            if not _LOWEST <= item < _BEYOND:
                raise _Unusual
            return item
        if kind is float:
            if item != 0.0 and not _SMALLEST <= abs(item) < _WIDEST:  # NaN fails it too
                raise _Unusual
            return item
        if kind is dict:
            return self._dict(item, within)
        if kind is list or kind is tuple:
            return [self._value(each, None) for each in item]
        transcoding = self.types.get(kind)
        if transcoding is None:
            raise _Unusual  # the walk raises the transcoder's own error
        data = transcoding.encode(item)
        inner = within.get("_data_") if type(within) is dict else None
        if type(data) is not str or inner is True:
            data = self._value(data, inner)
        return {"_type_": transcoding.name, "_data_": data}
