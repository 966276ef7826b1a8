"""A projector's listeners (the API's subscription feed) hear of every event once it is in the
graph, whichever process projected it: the API polls beside the projector service, and the
two take turns on the projection."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from events.application import MissionAtlas
from graph.embedded import EmbeddedGraphStore
from graph.projector import Projector
from graph.reads.events import EventRow
from tests.synthetic import synthetic_commands


def heard_by(projector: Projector) -> list[int]:
    heard: list[int] = []

    def listen(events: Sequence[EventRow]) -> None:
        heard.extend(event.position for event in events)

    projector.listeners.append(listen)
    return heard


def test_listeners_hear_of_the_events_another_projector_applied_first(
    sqlite_events: MissionAtlas, tmp_path: Path
) -> None:
    sqlite_events.execute(synthetic_commands(cities=2, missions=6, events=120))
    alone = EmbeddedGraphStore(tmp_path / "alone.lbug")
    alone.setup()
    lone = Projector(sqlite_events, alone, batch_size=10)
    every_event = heard_by(lone)
    lone.catch_up()
    alone.close()

    shared = EmbeddedGraphStore(tmp_path / "shared.lbug")
    shared.setup()
    # Batches of different sizes: the API also finds the graph ahead of it in the middle of
    # one of its own batches.
    service = Projector(sqlite_events, shared, batch_size=7)
    api = Projector(sqlite_events, shared, batch_size=5)
    heard = heard_by(api)
    api.catch_up(until=every_event[9])
    service.catch_up(until=every_event[len(every_event) // 3])
    api.catch_up(until=every_event[len(every_event) // 2])
    service.catch_up()
    assert api.catch_up() == sqlite_events.last_position
    assert heard == every_event
    shared.close()
