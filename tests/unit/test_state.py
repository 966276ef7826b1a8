"""An event's state written in one walk is, text for text, what the library's transcoder and
the chain's canonical encoder write: for any value an event may hold, odd ones included
(escapes, NaN, enums, tuples, dicts keyed by numbers), with the personal fields sealed where
the paths say."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from enum import Enum, IntEnum, StrEnum
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder
from hypothesis import example, given
from hypothesis import strategies as st

from events.chain import CANONICAL
from events.people import PERSONAL_FIELDS
from events.provenance import DateAsISO, Provenance, ProvenanceAsDict
from events.state import StateWriter, personal_paths

STORED = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


class Colour(Enum):
    RED = "red"


class Word(StrEnum):
    YES = "yes\u2028\"'"


class Count(IntEnum):
    TWO = 2


def transcoder() -> JSONTranscoder:
    made = JSONTranscoder()
    for transcoding in (DatetimeAsISO(), DateAsISO(), ProvenanceAsDict()):
        made.register(transcoding)
    return made


def seal(name: str) -> dict[str, str]:
    return {"_sealed_": f"id-{len(name)}", "_data_": name[::-1]}


def sealed_at_paths(state: dict[str, Any]) -> dict[str, Any]:
    """The personal fields of a state read back as JSON, sealed in place: how sealing was
    defined before it wrote the texts itself."""
    for path in PERSONAL_FIELDS:
        holder: Any = state
        for step in path[:-1]:
            holder = holder.get(step) if isinstance(holder, dict) else None
        if isinstance(holder, dict) and isinstance(holder.get(path[-1]), str):
            holder[path[-1]] = seal(holder[path[-1]])
    return state


class Event:
    """Anything with the attributes of a stored event."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(originator_id=UUID(int=1), originator_version=1, **fields)


TEXT = st.text(st.characters(codec="utf-8"), max_size=8)
LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    TEXT,
    st.dates(),
    st.datetimes(timezones=st.just(UTC)),
    st.sampled_from([Word.YES, Count.TWO]),
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.sampled_from(["b", "a", "_data_", "recorded_by", "é"]), inner),
        st.dictionaries(st.integers(-3, 12), inner, max_size=3),  # keys the encoder makes text
    ),
    max_leaves=8,
)
PROVENANCE = st.builds(
    Provenance,
    recorded_by=TEXT,
    source=TEXT,
    occurred_on=st.none() | st.dates(),
    event_id=st.none() | TEXT,
    precision=st.sampled_from(["day", "month"]),
)
FIELDS = st.dictionaries(
    st.sampled_from(["timestamp", "mayor", "decided_by", "title", "zeta", "lessons", "é"]),
    VALUES,
)


@given(fields=FIELDS, provenance=st.none() | PROVENANCE | VALUES)
@example(
    fields={
        "title": [float("nan"), float("inf"), -float("inf"), 2**70, -0.0, True, Word.YES],
        "zeta": {10: "ten", 9: (Count.TWO, '\x00"\\\ud7ff')},
        "mayor": Word.YES,
    },
    provenance={"_data_": {"recorded_by": "Cy"}},
)
def test_both_texts_are_the_encoders_own(fields: dict[str, Any], provenance: Any) -> None:
    made = transcoder()
    state = {**fields, "provenance": provenance}
    canonical, stored = StateWriter(made, personal_paths(PERSONAL_FIELDS), seal).texts(
        Event(**state)
    )
    expected = sealed_at_paths(json.loads(made.encode(state)))
    assert stored == STORED.encode(expected)
    assert canonical == CANONICAL.encode(expected)


def test_a_value_of_a_type_the_transcoder_does_not_know_is_refused_as_the_library_does() -> None:
    writer = StateWriter(transcoder(), personal_paths(PERSONAL_FIELDS), seal)
    with pytest.raises(TypeError, match="Colour"):
        writer.texts(Event(colour=Colour.RED))


def test_the_personal_fields_are_sealed_in_both_texts() -> None:
    writer = StateWriter(transcoder(), personal_paths(PERSONAL_FIELDS), seal)
    canonical, stored = writer.texts(
        Event(
            timestamp=datetime(2024, 5, 1, tzinfo=UTC),
            mayor="Ada",
            provenance=Provenance("Bo", "a page", date(2024, 5, 1)),
        )
    )
    assert stored == (
        '{"timestamp":{"_type_":"datetime_iso","_data_":"2024-05-01T00:00:00+00:00"},'
        '"mayor":{"_sealed_":"id-3","_data_":"adA"},'
        '"provenance":{"_type_":"provenance","_data_":{"recorded_by":{"_sealed_":"id-2",'
        '"_data_":"oB"},"source":"a page","occurred_on":{"_type_":"date_iso",'
        '"_data_":"2024-05-01"},"event_id":null}}}'
    )
    assert canonical == CANONICAL.encode(json.loads(stored))
