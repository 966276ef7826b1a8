"""An event file is read as it is checked, a batch at a time, and still stored all or
nothing: its lines are never held whole, and a writer that stores first makes it run again."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator

import pytest

from events.application import MissionAtlas
from events.errors import Conflict
from events.import_run import BATCH
from events.importing import BadLine, import_events
from tests import factories as f
from tests.synthetic import as_event_lines, synthetic_commands

LINES = list(as_event_lines(synthetic_commands(cities=2, missions=5, events=BATCH * 2 + 500)))


def decisions(count: int) -> list[str]:
    """A file of decisions on the one mission stored beforehand."""
    return [
        json.dumps({"event": "DecisionRecorded", "mission_id": "retrofit", "title": "D", **f.WHO})
        for _ in range(count)
    ]


def test_the_lines_are_read_a_batch_at_a_time_as_they_are_checked(
    sqlite_events: MissionAtlas,
) -> None:
    read: list[str] = []

    def lines() -> Iterator[str]:
        for line in LINES:
            read.append(line)
            yield line

    read_when_reported: list[int] = []
    imported = import_events(
        sqlite_events, lines(), lambda done, total: read_when_reported.append(len(read))
    )
    assert read_when_reported == [BATCH, BATCH * 2, len(LINES)]
    assert imported.stored == sqlite_events.last_position == len(LINES)


def test_a_bad_line_after_batches_were_checked_still_stores_nothing(
    sqlite_events: MissionAtlas,
) -> None:
    bad = json.dumps({"event": "DecisionRecorded", "mission_id": "nowhere", "title": "D", **f.WHO})
    with pytest.raises(BadLine) as rejected:
        import_events(sqlite_events, [*LINES, bad])
    assert (rejected.value.line, rejected.value.field) == (len(LINES) + 1, "mission_id")
    assert sqlite_events.last_position == 0


def test_a_file_overtaken_by_another_writer_is_checked_again_against_what_it_stored(
    sqlite_events: MissionAtlas,
) -> None:
    sqlite_events.execute([f.register_city(), f.launch()])

    def another_writer_once(done: int, total: int | None) -> None:
        if done == BATCH and sqlite_events.mission("retrofit").version == 1:
            sqlite_events.execute([f.decide("retrofit", "Meanwhile")])

    imported = import_events(sqlite_events, decisions(BATCH + 10), another_writer_once)
    assert imported.stored == BATCH + 10
    assert sqlite_events.mission("retrofit").version == 1 + 1 + BATCH + 10


def test_a_file_read_once_and_overtaken_is_refused_with_nothing_stored(
    sqlite_events: MissionAtlas,
) -> None:
    sqlite_events.execute([f.register_city(), f.launch()])

    def another_writer(done: int, total: int | None) -> None:
        if done == BATCH:
            sqlite_events.execute([f.decide("retrofit", "Meanwhile")])

    with pytest.raises(Conflict):
        import_events(sqlite_events, iter(decisions(BATCH + 10)), another_writer)
    assert sqlite_events.mission("retrofit").version == 2  # the launch and the other writer's


def test_an_import_sets_its_objects_aside_from_the_collector_only_while_it_runs(
    sqlite_events: MissionAtlas,
) -> None:
    frozen: list[int] = []
    gc.unfreeze()  # as in a process that set nothing aside (an earlier test may have)
    import_events(sqlite_events, LINES, lambda done, total: frozen.append(gc.get_freeze_count()))
    assert frozen[-1] > 0  # the aggregates of the batches checked so far
    assert gc.get_freeze_count() == 0


def test_the_collector_is_off_while_an_import_runs_and_on_again_after(
    sqlite_events: MissionAtlas,
) -> None:
    enabled: list[bool] = []
    import_events(sqlite_events, LINES, lambda done, total: enabled.append(gc.isenabled()))
    assert enabled == [False, False, False]
    assert gc.isenabled()


def test_an_import_makes_no_cyclic_garbage_for_the_collector_it_turns_off(
    sqlite_events: MissionAtlas,
) -> None:
    gc.collect()
    gc.disable()  # so that whatever the import left is still there to be found
    try:
        import_events(sqlite_events, LINES)
        assert not gc.isenabled()  # left as it found it
        unreachable = gc.collect()
    finally:
        gc.enable()
    assert unreachable == 0


def test_an_import_in_a_process_that_set_objects_aside_leaves_them_so(
    sqlite_events: MissionAtlas,
) -> None:
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        import_events(sqlite_events, LINES)
        assert gc.get_freeze_count() <= before  # nothing more set aside (some freed since)
    finally:
        gc.unfreeze()
