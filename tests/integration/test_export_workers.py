"""The export written by worker processes: the same bytes as in one process, and nothing left
running when a worker dies or the reader goes away."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Generator
from datetime import date
from pathlib import Path

import pytest

from events import commands as c
from events.application import MissionAtlas
from events.settings import event_store_env
from ontology.errors import ExportStopped
from ontology.export import Selection, export_graphs
from ontology.export_runs import Export
from ontology.export_workers import written_by_workers
from ontology.iris import Iris
from ontology.writers import FORMATS, serialize
from tests import factories as f
from tests.histories import seeded_history
from tests.synthetic import synthetic_commands

IRIS = Iris("http://atlas.test/id/")
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


@pytest.fixture(params=[3, 11])
def opened(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], MissionAtlas]:
    """A record with administrations in several cities and a history full of corrections."""
    path = tmp_path / "events.sqlite"
    app = MissionAtlas(env=event_store_env("sqlite", path))
    app.execute(synthetic_commands(cities=3, missions=6, events=150))
    app.execute(seeded_history(request.param).commands)
    app.close()
    return lambda: MissionAtlas(env=event_store_env("sqlite", path))


def by_workers(
    opened: Callable[[], MissionAtlas], fmt: str, export: Export, workers: int = 2, run: int = 1
) -> str:
    app = opened()
    try:
        return "".join(written_by_workers(app, opened, FORMATS[fmt], export, workers, run=run))
    finally:
        app.close()


def in_one_process(opened: Callable[[], MissionAtlas], fmt: str, export: Export) -> str:
    app = opened()
    try:
        graphs = export_graphs(
            app,
            export.iris,
            export.selection,
            export.with_events,
            history=export.history,
            licence=export.licence,
        )
        return "".join(serialize(FORMATS[fmt], graphs))
    finally:
        app.close()


def test_workers_write_what_one_process_writes_byte_for_byte(
    opened: Callable[[], MissionAtlas],
) -> None:
    # Runs of a single position and of a few: every run boundary falls between a city's
    # terms, or a mission's creation and its events, somewhere.
    everything = Export(IRIS, with_events=True, history=True, licence=LICENCE)
    selected = Export(IRIS, Selection("city-00001", date(2000, 1, 1)), with_events=True)
    for export in (everything, selected, Export(IRIS)):
        for fmt in ("nt", "nq"):
            alone = in_one_process(opened, fmt, export)
            for workers, run in ((2, 1), (3, 7)):
                assert by_workers(opened, fmt, export, workers=workers, run=run) == alone


def test_a_worker_follows_the_terms_it_skips_as_the_corrected_view_has_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "events.sqlite"
    app = MissionAtlas(env=event_store_env("sqlite", path))
    app.execute(
        [
            f.register_city("springfield"),
            f.begin_term("springfield", "a", date(2010, 1, 1)),
            f.end_term("springfield", "a", date(2013, 12, 31)),
            f.begin_term("springfield", "b", date(2014, 1, 1)),  # position 4: worker 2's
            c.RetractCityEvent(city_id="springfield", version=4, reason="Wrong", **f.WHO),
            f.launch("retrofit", "springfield"),
            f.begin_term("springfield", "c", date(2014, 1, 2)),  # position 7: worker 1's
        ]
    )
    app.close()
    opened = lambda: MissionAtlas(env=event_store_env("sqlite", path))  # noqa: E731
    alone = in_one_process(opened, "nt", Export(IRIS))
    # The withdrawn term was never in office: the city went from a to c.
    (outgoing,) = [line for line in alone.splitlines() if "#outgoing>" in line]
    assert outgoing.startswith("<http://atlas.test/id/city/springfield/administration/c/")
    assert outgoing.endswith("/city/springfield/administration/a> .")
    assert by_workers(opened, "nt", Export(IRIS), workers=2, run=1) == alone


def test_workers_write_only_the_formats_made_of_each_graph_in_turn(
    opened: Callable[[], MissionAtlas],
) -> None:
    with pytest.raises(ValueError, match="workers write only nq, nt"):
        by_workers(opened, "ttl", Export(IRIS))
    with pytest.raises(ValueError, match="workers=0"):
        by_workers(opened, "nt", Export(IRIS), workers=0)


def test_a_worker_killed_stops_the_export_with_an_error_and_ends_the_others(
    opened: Callable[[], MissionAtlas],
) -> None:
    app = opened()
    chunks = written_by_workers(app, opened, FORMATS["nt"], Export(IRIS, with_events=True), run=5)
    try:
        next(chunks)  # the opening graphs: the workers are not started yet
        next(chunks)  # the first run, from the first worker
        workers = {p.name: p for p in multiprocessing.active_children()}
        assert set(workers) == {"export worker 1 of 2", "export worker 2 of 2"}
        os.kill(workers["export worker 2 of 2"].pid or 0, signal.SIGKILL)
        with pytest.raises(ExportStopped, match=r"export worker 2 of 2 stopped \(exit code -9\)"):
            for _ in chunks:
                pass
        assert multiprocessing.active_children() == []
    finally:
        app.close()


def test_a_worker_that_fails_stops_the_export(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite"
    app = MissionAtlas(env=event_store_env("sqlite", path))
    app.execute(synthetic_commands(cities=2, missions=2, events=20))

    def missing() -> MissionAtlas:
        raise OSError("the store went away")

    try:
        with pytest.raises(ExportStopped, match=r"stopped \(exit code 1\)"):
            "".join(written_by_workers(app, missing, FORMATS["nt"], Export(IRIS)))
        assert multiprocessing.active_children() == []
    finally:
        app.close()


def test_a_reader_that_goes_away_ends_every_worker(opened: Callable[[], MissionAtlas]) -> None:
    app = opened()
    try:
        chunks = written_by_workers(app, opened, FORMATS["nt"], Export(IRIS), run=2)
        assert isinstance(chunks, Generator)
        next(chunks)
        next(chunks)
        assert len(multiprocessing.active_children()) == 2
        started = time.monotonic()
        chunks.close()
        assert multiprocessing.active_children() == []
        assert time.monotonic() - started < 5
    finally:
        app.close()
