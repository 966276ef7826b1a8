"""Reading a stored event back: what was recorded, opened, with the erased reading as erased
and the old versions upcast. (On SQLite: the people's keys live beside the events.)"""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

import pytest
from cryptography.exceptions import InvalidTag
from eventsourcing.persistence import JSONTranscoder, MapperDeserialisationError, StoredEvent

from events.application import MissionAtlas
from events.chain import CHAIN, event_hash
from events.people import ERASED, PERSONAL_FIELDS
from events.provenance import Provenance
from tests import factories as f
from tests.stories import springfield_story
from tests.synthetic import synthetic_commands

# The json encoder as the library's transcoder sets it up: keys as given, no spaces.
STORED = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def record(app: MissionAtlas) -> list[Any]:
    """A city with a mayor, a mission, and a decision somebody took; the events recorded."""
    executed = app.execute(
        [
            f.register_city(),
            f.begin_term("springfield", "quimby", date(2010, 1, 1), mayor="Joe Quimby"),
            f.launch(recorded_by="Lisa Simpson", occurred_on=date(2011, 3, 1)),
            f.decide("retrofit", "Insulate", decided_by="Marge Simpson"),
        ]
    )
    return [r.domain_event for r in executed.recordings]


def read_back(app: MissionAtlas, limit: int = 100) -> list[Any]:
    stored = app.recorder.select_notifications(start=None, limit=limit)
    return [app.mapper.to_domain_event(n) for n in stored]


def stored_decision(app: MissionAtlas) -> tuple[Any, StoredEvent, dict[str, Any]]:
    """The record's decision as recorded, as stored, and its stored state parsed."""
    decision = record(app)[3]
    (stored,) = app.recorder.select_events(
        decision.originator_id, gt=decision.originator_version - 1
    )
    return decision, stored, json.loads(stored.state)


def fields(event: Any) -> tuple[type, dict[str, Any]]:
    return type(event), vars(event)


def test_a_stored_event_reads_back_as_the_event_recorded(sqlite_events: MissionAtlas) -> None:
    recorded = record(sqlite_events)
    assert [fields(e) for e in read_back(sqlite_events)] == [fields(e) for e in recorded]


def test_an_erased_person_reads_as_erased_wherever_they_were_named(
    sqlite_events: MissionAtlas,
) -> None:
    recorded = record(sqlite_events)
    for name in ("Joe Quimby", "Marge Simpson", "Lisa Simpson"):
        assert sqlite_events.people.forget(name)
    term, launch, decision = read_back(sqlite_events)[1:]
    assert term.mayor == ERASED
    assert decision.decided_by == ERASED
    assert launch.provenance.recorded_by == ERASED
    # Everything else reads as recorded.
    assert launch.provenance == replace(recorded[2].provenance, recorded_by=ERASED)
    assert {**vars(decision), "decided_by": "Marge Simpson"} == vars(recorded[3])


def test_a_decision_stored_as_version_1_reads_upcast_with_its_person_opened(
    sqlite_events: MissionAtlas,
) -> None:
    decision, stored, state = stored_decision(sqlite_events)
    assert state.pop("class_version") == 2
    del state["answers_roadblock"]  # as version 1 of the event was stored
    as_v1 = StoredEvent(
        stored.originator_id, stored.originator_version, stored.topic, json.dumps(state).encode()
    )
    read: Any = sqlite_events.mapper.to_domain_event(as_v1)
    assert fields(read) == fields(decision)
    assert (read.decided_by, read.answers_roadblock) == ("Marge Simpson", None)
    assert isinstance(read.provenance, Provenance)


def test_each_event_is_stored_as_the_encoder_writes_its_state_and_hashed_canonically(
    sqlite_events: MissionAtlas,
) -> None:
    """Sealing writes the state's two texts itself, in one walk: for every kind of event the
    stored bytes are the json encoder's text of the library's state (keys in the event's
    order, the personal fields sealed, the chain's link last), and the hash is the chain's
    own, over the canonical JSON of that state."""
    executed = sqlite_events.execute(
        [
            *springfield_story(),
            *synthetic_commands(cities=2, missions=4, events=300),
            f.decide("retrofit", "Insulate", decided_by="Marge Simpson"),
            f.retract("mission-00001", 3, reason="Entered twice"),
        ]
    )
    transcoder = sqlite_events.mapper.transcoder
    assert isinstance(transcoder, JSONTranscoder)
    events: dict[tuple[UUID | str, int], Any] = {}
    for recording in executed.recordings:
        event = recording.domain_event
        events[(event.originator_id, event.originator_version)] = event
    assert {type(e).__name__ for e in events.values()} >= {
        "MissionLaunched",
        "AdministrationBegan",
        "DecisionRecorded",
        "EventRetracted",
    }
    rows = sqlite_events.recorder.select_notifications(start=None, limit=1_000)
    assert len(rows) == len(events)
    for row in rows:
        event = events[(row.originator_id, row.originator_version)]
        stored = json.loads(row.state)
        assert list(stored)[-1] == CHAIN
        assert STORED.encode(stored).encode() == row.state
        chain = stored.pop(CHAIN)
        expected = json.loads(transcoder.encode(state_of(event)))
        for path in PERSONAL_FIELDS:  # sealed in place: the same values around them
            *within, field = path
            holder, sealed = expected, stored
            for step in within:
                holder, sealed = holder.get(step, {}), sealed.get(step, {})
            if isinstance(holder.get(field), str):
                assert set(sealed[field]) == {"_sealed_", "_data_"}
                holder[field] = sealed[field]
        assert stored == expected
        assert chain["hash"] == event_hash(
            chain["previous"], row.originator_id, row.originator_version, row.topic, stored
        )


def state_of(event: Any) -> dict[str, Any]:
    """The state ``Mapper.to_stored_event`` gives the transcoder."""
    state = dict(vars(event))
    del state["originator_id"], state["originator_version"]
    if getattr(type(event), "class_version", 1) > 1:
        state["class_version"] = type(event).class_version
    return state


def test_every_kind_of_event_reads_back_as_the_event_recorded(
    sqlite_events: MissionAtlas,
) -> None:
    """Reading decodes the transcoded values and opens the sealed ones in one pass over the
    JSON: whatever the kind, the event read is the event recorded."""
    executed = sqlite_events.execute(
        [
            *springfield_story(),
            *synthetic_commands(cities=2, missions=4, events=300),
            f.retract("mission-00001", 3, reason="Entered twice"),
        ]
    )
    recorded = [r.domain_event for r in executed.recordings]
    assert len({type(e) for e in recorded}) >= 12
    assert [fields(e) for e in read_back(sqlite_events, 1000)] == [fields(e) for e in recorded]


def test_a_sealed_value_that_does_not_open_fails_as_itself_not_as_bad_json(
    sqlite_events: MissionAtlas,
) -> None:
    _, stored, state = stored_decision(sqlite_events)
    sealed = base64.b64decode(state["decided_by"]["_data_"])
    state["decided_by"]["_data_"] = base64.b64encode(sealed[:-1] + bytes([sealed[-1] ^ 1])).decode()
    tampered = replace(stored, state=json.dumps(state).encode())
    with pytest.raises(InvalidTag):
        sqlite_events.mapper.to_domain_event(tampered)
    unknown = {**json.loads(stored.state), "in_force_from": {"_type_": "nothing", "_data_": 1}}
    with pytest.raises(MapperDeserialisationError, match="not deserializable"):
        sqlite_events.mapper.to_domain_event(replace(stored, state=json.dumps(unknown).encode()))
    with pytest.raises(MapperDeserialisationError, match="extra data"):
        sqlite_events.mapper.to_domain_event(replace(stored, state=stored.state + b" {}"))
