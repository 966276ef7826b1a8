"""States of plain values are written by orjson, byte for byte as json writes them; a state
holding anything orjson could write otherwise is left to the walk, and the names sealed before
the walk took over are not sealed a second time. (``test_state`` holds both paths to json's
texts over any value.)"""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import orjson
import pytest
from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder
from hypothesis import example, given
from hypothesis import strategies as st

from events.chain import CANONICAL
from events.people import PERSONAL_FIELDS
from events.plain_state import PlainState
from events.provenance import DateAsISO, Provenance, ProvenanceAsDict
from events.state import StateWriter, personal_paths

STORED = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)
PERSONAL = personal_paths(PERSONAL_FIELDS)


def transcoder() -> JSONTranscoder:
    made = JSONTranscoder()
    for transcoding in (DatetimeAsISO(), DateAsISO(), ProvenanceAsDict()):
        made.register(transcoding)
    return made


class Seals:
    """A seal that counts the names it sealed."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def __call__(self, name: str) -> dict[str, str]:
        self.names.append(name)
        return {"_sealed_": f"id-{len(self.names)}", "_data_": name[::-1]}


@given(st.floats(allow_nan=False, allow_infinity=False))
@example(1e-4)
@example(9999999999999998.0)
@example(-0.0)
def test_orjson_writes_a_float_as_repr_does_in_the_range_it_is_given(value: float) -> None:
    if value != 0.0 and not 1e-4 <= abs(value) < 1e16:
        return
    assert orjson.dumps(value).decode() == repr(value)


def test_a_state_of_plain_values_is_written_by_orjson_as_json_writes_it() -> None:
    seals = Seals()
    state: dict[str, Any] = {
        "timestamp": datetime(2024, 5, 1, 12, 30, tzinfo=UTC),
        "mayor": 'Ada \u2028\x00"\\é',
        "value": 42.5,
        "count": -(2**63),
        "flags": [True, None, (1, 0.0001)],
        "provenance": Provenance("Bo", "a page", date(2024, 5, 1), precision="month"),
        "zeta": {"b": 1, "a": {"é": "e", "e": 2**64 - 1}},
    }
    written = PlainState(transcoder(), seals).texts(state, PERSONAL)
    assert written is not None
    canonical, stored = written
    expected = json.loads(transcoder().encode(state))
    expected["mayor"] = {"_sealed_": "id-1", "_data_": state["mayor"][::-1]}
    expected["provenance"]["_data_"]["recorded_by"] = {"_sealed_": "id-2", "_data_": "oB"}
    assert stored == STORED.encode(expected)
    assert canonical == CANONICAL.encode(expected)
    assert seals.names == [state["mayor"], "Bo"]


@pytest.mark.parametrize(
    "unusual",
    [math.nan, math.inf, 1e-05, 1e16, 2**64, -(2**63) - 1, "\ud800", UUID(int=1), {1: "a"}],
)
def test_what_orjson_could_write_otherwise_is_left_to_the_walk(unusual: Any) -> None:
    assert PlainState(transcoder(), Seals()).texts({"zeta": [unusual]}, PERSONAL) is None


class Event:
    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(originator_id=UUID(int=1), originator_version=1, **fields)


@pytest.mark.parametrize("unusual", [math.nan, 2**70, "\ud800"])
def test_a_name_is_sealed_once_when_the_walk_takes_over(unusual: Any) -> None:
    seals = Seals()
    writer = StateWriter(transcoder(), PERSONAL, seals)
    event = Event(mayor="Ada", decided_by="Cy", zeta=unusual, provenance=Provenance("Bo", "p"))
    canonical, stored = writer.texts(event)
    assert seals.names == ["Ada", "Cy", "Bo"]
    assert canonical == CANONICAL.encode(json.loads(stored))
    assert seals.names == ["Ada", "Cy", "Bo"]
