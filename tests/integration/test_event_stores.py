"""Both event stores (SQLite file, real PostgreSQL) keep the record the same way."""

from __future__ import annotations

import json
from datetime import date

import pytest

from events.application import CommandRejected, MissionAtlas
from events.commands import Command
from events.errors import NotFound
from events.importing import BadLine, import_events
from events.vocabulary import MissionStatus
from tests import factories as f


def test_commands_are_stored_and_read_back(events: MissionAtlas) -> None:
    recordings = events.execute(
        [f.register_city(), f.launch(occurred_on=date(2020, 1, 1)), f.decide("retrofit")]
    ).recordings
    assert [r.notification.id for r in recordings] == [1, 2, 3]
    assert events.last_position == 3
    mission = events.mission("retrofit")
    assert (mission.title, mission.version, mission.launched_on) == (
        "Retrofit",
        2,
        date(2020, 1, 1),
    )


def test_several_events_of_one_command_batch_are_saved_in_one_transaction(
    events: MissionAtlas,
) -> None:
    events.execute([f.register_city()])
    with pytest.raises(CommandRejected) as rejected:
        events.execute(
            [f.launch(), f.decide("retrofit"), f.status("retrofit", MissionStatus.ACTIVE)]
        )
    assert rejected.value.index == 2
    assert events.last_position == 1  # neither the launch nor the decision was stored
    with pytest.raises(NotFound):
        events.mission("retrofit")


def test_a_decision_on_a_mission_that_does_not_exist_is_refused(events: MissionAtlas) -> None:
    with pytest.raises(CommandRejected) as rejected:
        events.execute([f.decide("nowhere")])
    assert rejected.value.field == "mission_id"
    assert events.last_position == 0


def test_an_event_file_is_imported_whole_or_not_at_all(events: MissionAtlas) -> None:
    lines = [
        json.dumps(
            {"event": "CityRegistered", "city_id": "a", "name": "A", "country": "GB", **f.WHO}
        ),
        json.dumps(
            {
                "event": "MissionLaunched",
                "mission_id": "m",
                "city_id": "a",
                "title": "T",
                "goal": "G",
                "theme": "t",
                **f.WHO,
            }
        ),
        json.dumps(
            {
                "event": "IterationConcluded",
                "mission_id": "m",
                "iteration_id": "never",
                "result": "worked",
                "why": "?",
                **f.WHO,
            }
        ),
    ]
    with pytest.raises(BadLine) as bad:
        import_events(events, lines)
    assert (bad.value.line, bad.value.field) == (3, "iteration_id")
    assert events.last_position == 0
    assert import_events(events, lines[:2]).stored == 2
    assert events.last_position == 2


def test_an_event_id_already_stored_stores_nothing_new(events: MissionAtlas) -> None:
    events.execute([f.register_city(event_id="e1"), f.launch(event_id="e2")])
    again = events.execute(
        [
            f.register_city(event_id="e1"),
            f.launch(event_id="e2"),
            f.decide("retrofit", event_id="e3"),
        ]
    )
    assert [(r.index, r.subject_id, r.version) for r in again.replayed] == [
        (0, "springfield", 1),
        (1, "retrofit", 1),
    ]
    assert len(again.recordings) == 1
    repeat = events.execute([f.decide("retrofit", title="Different words", event_id="e3")])
    assert repeat.recordings == []
    assert events.last_position == 3
    assert events.stored_event(f.decide("retrofit"), 2).title == "A decision"  # type: ignore[attr-defined]


def test_the_same_id_twice_in_one_batch_is_stored_once(events: MissionAtlas) -> None:
    executed = events.execute([f.register_city(event_id="x"), f.register_city(event_id="x")])
    assert (len(executed.recordings), len(executed.replayed)) == (1, 1)


def test_notifications_are_read_from_a_position_in_order(events: MissionAtlas) -> None:
    events.execute([f.register_city(f"city-{n}") for n in range(25)])
    page = events.recorder.select_notifications(start=10, limit=10, inclusive_of_start=False)
    assert [n.id for n in page] == list(range(11, 21))
    assert events.mapper.to_domain_event(page[0]).city_id == "city-10"  # type: ignore[attr-defined]


def test_a_batch_that_launches_a_stored_mission_again_is_refused_at_that_command(
    events: MissionAtlas,
) -> None:
    """A batch of launches asks the store once which ids are taken: the taken one is still
    refused, at its own index, and nothing of the batch is stored."""
    events.execute([f.register_city(), f.launch("retrofit")])
    with pytest.raises(CommandRejected) as rejected:
        events.execute([f.launch("heat-pumps"), f.launch("retrofit"), f.launch("solar")])
    assert (rejected.value.index, rejected.value.field) == (1, "mission_id")
    assert events.last_position == 2


def test_people_named_in_a_batch_get_one_key_each_and_keep_it(events: MissionAtlas) -> None:
    mayors = ["Mayor A", "Mayor B", "Mayor A"]  # re-elected: one person, one key
    terms: list[Command] = []
    for n, mayor in enumerate(mayors):
        terms.append(f.begin_term("springfield", f"t{n}", date(2000 + 4 * n, 1, 1), mayor=mayor))
        terms.append(f.end_term("springfield", f"t{n}", date(2003 + 4 * n, 12, 31)))
    events.execute([f.register_city(), *terms])
    a, b = events.people.keys.person_of("Mayor A"), events.people.keys.person_of("Mayor B")
    assert a is not None
    assert b is not None
    assert a != b
    events.execute([f.begin_term("springfield", "t9", date(2020, 1, 1), mayor="Mayor A")])
    assert events.people.keys.person_of("Mayor A") == a
    assert [t.mayor for t in events.city("springfield").terms] == [*mayors, "Mayor A"]
