"""The registry of event kinds: one public name per event, and what each kind does."""

from __future__ import annotations

import dataclasses

from eventsourcing.domain import Aggregate
from eventsourcing.utils import resolve_topic

from events import kinds
from events.city import City
from events.commands import COMMANDS
from events.mission import Mission

BASE_FIELDS = {"originator_id", "originator_version", "timestamp", "originator_topic"}


def event_classes(aggregate: type[Aggregate]) -> dict[str, type]:
    """The event classes made by @event in the aggregate, by their own name (not aliases)."""
    return {
        name: value
        for name, value in vars(aggregate).items()
        if isinstance(value, type)
        and issubclass(value, Aggregate.Event)
        and value.__name__ == name
        and name not in ("Event", "Created")  # the library's bases
        and value.__qualname__.startswith(f"{aggregate.__name__}.")
    }


def test_every_event_class_is_a_kind_of_the_registry_under_its_own_name() -> None:
    for aggregate in (City, Mission):
        classes = event_classes(aggregate)
        of = kinds.of(aggregate.__name__)  # type: ignore[arg-type]
        registered = {k.name for k in of}
        assert set(classes) == registered, aggregate.__name__


def test_the_registry_states_each_event_s_fields_as_the_event_has_them() -> None:
    for aggregate in (City, Mission):
        for name, cls in event_classes(aggregate).items():
            fields = [f.name for f in dataclasses.fields(cls) if f.name not in BASE_FIELDS]
            kind = kinds.BY_CLASS[f"{aggregate.__name__}.{name}"]
            assert tuple(f for f in fields if f != "provenance") == kind.fields


def test_every_command_records_a_kind_of_the_registry_by_its_public_name() -> None:
    assert set(COMMANDS) == set(kinds.KINDS)


def test_a_closing_kind_is_opened_by_the_kind_that_adds_the_same_items() -> None:
    assert kinds.OPENED_BY == {
        "AdministrationEnded": "AdministrationBegan",
        "PartnerLeft": "PartnerJoined",
        "IterationConcluded": "IterationStarted",
        "RoadblockResolved": "RoadblockEncountered",
    }
    assert kinds.KINDS["IterationConcluded"].closing_fields == ("result", "why", "lessons")


def test_former_names_resolve_to_the_renamed_kinds() -> None:
    assert resolve_topic("events.mission:Mission.Launched") is Mission.MissionLaunched
    assert resolve_topic("events.city:City.Registered") is City.CityRegistered
    assert not hasattr(Mission, "Launched")  # one name in the code: the public one
    assert kinds.renamed("Mission", "StatusChanged") == "MissionStatusChanged"
    assert kinds.renamed("Mission", "DecisionRecorded") == "DecisionRecorded"
