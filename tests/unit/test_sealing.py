"""Reading a stored event back: what was recorded, opened, with the erased reading as erased
and the old versions upcast. (On SQLite: the people's keys live beside the events.)"""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from cryptography.exceptions import InvalidTag
from eventsourcing.persistence import JSONTranscoder, MapperDeserialisationError, StoredEvent

from events.application import MissionAtlas
from events.people import ERASED
from events.provenance import Provenance
from events.state import event_state
from tests import factories as f
from tests.stories import springfield_story
from tests.synthetic import synthetic_commands


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
    decision = record(sqlite_events)[3]
    (stored,) = sqlite_events.recorder.select_events(
        decision.originator_id, gt=decision.originator_version - 1
    )
    state = json.loads(stored.state)
    assert state.pop("class_version") == 2
    del state["answers_roadblock"]  # as version 1 of the event was stored
    as_v1 = StoredEvent(
        stored.originator_id, stored.originator_version, stored.topic, json.dumps(state).encode()
    )
    read: Any = sqlite_events.mapper.to_domain_event(as_v1)
    assert fields(read) == fields(decision)
    assert (read.decided_by, read.answers_roadblock) == ("Marge Simpson", None)
    assert isinstance(read.provenance, Provenance)


def test_the_state_sealed_is_the_state_the_library_would_write(
    sqlite_events: MissionAtlas,
) -> None:
    """Sealing makes the state's JSON values itself rather than write them with the
    transcoder and parse them back: for every kind of event, they are the same values."""
    executed = sqlite_events.execute(
        [
            *springfield_story(),
            *synthetic_commands(cities=2, missions=4, events=300),
            f.retract("mission-00001", 3, reason="Entered twice"),
        ]
    )
    transcoder = sqlite_events.mapper.transcoder
    assert isinstance(transcoder, JSONTranscoder)
    events = [r.domain_event for r in executed.recordings]
    assert {type(e).__name__ for e in events} >= {
        "MissionLaunched",
        "DecisionRecorded",
        "EventRetracted",
    }
    for event in events:
        state = dict(vars(event))
        del state["originator_id"], state["originator_version"]
        if getattr(type(event), "class_version", 1) > 1:
            state["class_version"] = type(event).class_version  # type: ignore[attr-defined]
        assert event_state(transcoder, event) == json.loads(transcoder.encode(state))


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
    decision = record(sqlite_events)[3]
    (stored,) = sqlite_events.recorder.select_events(
        decision.originator_id, gt=decision.originator_version - 1
    )
    state = json.loads(stored.state)
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
