"""The @event methods of our aggregates, prepared once (events/triggering.py): they record the
events, and apply them, as eventsourcing's own decorator does."""

from __future__ import annotations

import inspect
from dataclasses import fields
from datetime import date
from typing import Any

import pytest
from eventsourcing.domain import Aggregate, DecoratedFuncCaller, decorated_funcs

from events.application import MissionAtlas
from events.city import City
from events.mission import Mission
from events.provenance import Provenance
from tests import factories as f
from tests.stories import springfield_story
from tests.synthetic import synthetic_commands

BASE_FIELDS = {"originator_id", "originator_version", "timestamp"}


def made_by_event_methods(cls: type[Aggregate]) -> list[type[Any]]:
    return [
        event_class
        for event_class in vars(cls).values()
        if isinstance(event_class, type) and event_class in decorated_funcs
    ]


def test_each_event_carries_exactly_what_its_method_takes() -> None:
    """The prepared method passes its arguments to the event by name: nothing dropped."""
    for cls in (City, Mission):
        classes = made_by_event_methods(cls)
        assert len(classes) >= 4
        for event_class in classes:
            body = decorated_funcs[event_class]
            taken = list(inspect.signature(body).parameters)[1:]
            carried = [f.name for f in fields(event_class) if f.name not in BASE_FIELDS]
            assert sorted(carried) == sorted(taken), event_class


def replayed_by_the_library(events: list[Any]) -> Any:
    """The aggregate as eventsourcing's own apply makes it from ``events``."""
    aggregate: Any = events[0].mutate(None)
    for event in events[1:]:
        assert isinstance(event, DecoratedFuncCaller)
        DecoratedFuncCaller.apply(event, aggregate)
        aggregate.version, aggregate.modified_on = event.originator_version, event.timestamp
    return aggregate


def test_recording_and_replaying_make_the_aggregate_the_library_makes(
    sqlite_events: MissionAtlas,
) -> None:
    commands = [
        *springfield_story(),
        *synthetic_commands(cities=2, missions=4, events=300),
        f.retract("mission-00001", 3, reason="Entered twice"),
    ]
    recorded = [r.domain_event for r in sqlite_events.execute(commands).recordings]
    by_aggregate: dict[Any, list[Any]] = {}
    for event in recorded:
        by_aggregate.setdefault(event.originator_id, []).append(event)
    kinds = {type(e).__name__ for e in recorded}
    assert {"AdministrationEnded", "DecisionRecorded", "EventRetracted"} <= kinds
    for uuid, events in by_aggregate.items():
        ours: Aggregate = sqlite_events.repository.get(uuid)
        assert vars(ours) == vars(replayed_by_the_library(events))


def test_a_prepared_method_refuses_more_arguments_than_it_takes() -> None:
    said = Provenance("test", "source")
    city = City("springfield", "Springfield", "GB", None, said)
    with pytest.raises(TypeError):
        city._administration_ended("first", date(2020, 1, 1), None, said, "more")  # type: ignore[call-arg]
