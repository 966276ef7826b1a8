"""The embedded store folds its write-ahead log into its file once the projector has caught up,
not in the middle of a catch-up: a checkpoint costs more the bigger the graph, and a long
catch-up that checkpointed every few batches spent a third of its time doing it."""

from __future__ import annotations

from pathlib import Path

from events.application import MissionAtlas
from graph.embedded import EmbeddedGraphStore
from graph.port import Write
from graph.projector import Projector
from tests.synthetic import synthetic_commands

CITY = "UNWIND $rows AS row MERGE (c:City {id: row.id}) SET c.name = row.name"


def log_size(graph: Path) -> int:
    log = graph.with_name(graph.name + ".wal")
    return log.stat().st_size if log.exists() else 0


def test_a_store_that_has_caught_up_folds_a_log_grown_past_its_fold_size(
    tmp_path: Path,
) -> None:
    path = tmp_path / "graph.lbug"
    store = EmbeddedGraphStore(path, fold_log_at=1)
    store.setup()
    store.apply([Write(CITY, [{"id": "valencia", "name": "Valencia"}])], "graph", 0, 1)
    assert log_size(path) > 0
    store.caught_up()
    assert log_size(path) == 0
    assert store.read("MATCH (c:City) RETURN c.name AS name") == [{"name": "Valencia"}]
    assert store.position("graph") == 1
    store.close()


def test_a_log_short_of_the_fold_size_stays_a_log(tmp_path: Path) -> None:
    """Following the log, the projector catches up every half second: a checkpoint each time
    would cost more than the few events it brings."""
    path = tmp_path / "graph.lbug"
    store = EmbeddedGraphStore(path)
    store.setup()
    store.apply([Write(CITY, [{"id": "valencia", "name": "Valencia"}])], "graph", 0, 1)
    written = log_size(path)
    store.caught_up()
    assert log_size(path) == written > 0
    store.close()


def test_a_catch_up_leaves_its_batches_in_the_log_and_folds_them_at_its_end(
    sqlite_events: MissionAtlas, tmp_path: Path
) -> None:
    sqlite_events.execute(synthetic_commands(cities=2, missions=6, events=120))
    path = tmp_path / "graph.lbug"
    store = EmbeddedGraphStore(path, fold_log_at=1)
    store.setup()
    sizes: list[int] = []
    position = Projector(sqlite_events, store, batch_size=10).catch_up(
        progress=lambda _position, _target: sizes.append(log_size(path))
    )
    assert position == sqlite_events.last_position
    assert len(sizes) > 2
    assert sizes == sorted(sizes)  # grown batch after batch, never folded
    assert log_size(path) == 0
    store.close()
