"""Faults: the graph store going away, the projector dying mid-batch.

The event store is the source of truth: whatever happens to the graph or the projector, what
was accepted stays stored, and the graph converges to it without loss or duplicates.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from api.settings import Settings
from events.application import MissionAtlas
from events.settings import event_store_env
from graph import cypher
from graph.embedded import EmbeddedGraphStore
from graph.errors import ProjectionLagging
from graph.neo4j_store import Neo4jGraphStore
from graph.port import GraphStore
from graph.projector import PROJECTION, Projector
from graph.verification import verify_graph
from tests import factories as f
from tests.e2e.server import CLI
from tests.services.neo4j_server import Neo4jServer
from tests.synthetic import synthetic_commands


def eventually(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout}s: {what}")
        time.sleep(0.1)


@pytest.fixture
def neo4j(neo4j_server: Neo4jServer) -> Iterator[Neo4jGraphStore]:
    store = Neo4jGraphStore.connect(neo4j_server.uri, "neo4j", "", "neo4j")
    store.clear()
    store.setup()
    yield store
    if not neo4j_server.running:
        neo4j_server.start()
    store.close()


def test_commands_are_stored_while_neo4j_is_down_and_the_graph_converges_after(
    neo4j: Neo4jGraphStore, neo4j_server: Neo4jServer, sqlite_events: MissionAtlas
) -> None:
    projector = Projector(sqlite_events, neo4j)
    sqlite_events.execute([f.register_city(), f.launch()])
    projector.catch_up()

    neo4j_server.stop()
    stored = sqlite_events.execute([f.decide("retrofit", title=f"d{n}") for n in range(5)])
    last = stored.recordings[-1].notification.id
    with pytest.raises(ProjectionLagging):
        projector.wait_for(last, timeout=1.0)

    stop = threading.Event()
    poller = threading.Thread(target=projector.run, args=(stop, 0.1, 1.0))
    poller.start()
    try:
        time.sleep(1.0)  # a few failed attempts while the server is down
        neo4j_server.start()
        eventually(lambda: projector.position == last, 60, "the projector catches up")
    finally:
        stop.set()
        poller.join()
    assert verify_graph(sqlite_events, neo4j).consistent


def _open_graph(kind: str, data_dir: Path, request: pytest.FixtureRequest) -> GraphStore:
    if kind == "neo4j":
        server: Neo4jServer = request.getfixturevalue("neo4j_server")
        return Neo4jGraphStore.connect(server.uri, "neo4j", "", "neo4j")
    return EmbeddedGraphStore(
        Settings.from_env({"MISSION_ATLAS_DATA_DIR": str(data_dir)}).embedded_graph_path
    )


@pytest.mark.parametrize("graph_kind", ["embedded", "neo4j"])
def test_a_projector_killed_mid_batch_resumes_without_loss_or_duplicates(
    graph_kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    env = {"MISSION_ATLAS_DATA_DIR": str(tmp_path), "MISSION_ATLAS_GRAPH_STORE": graph_kind}
    settings = Settings.from_env(env)
    events = MissionAtlas(env=event_store_env("sqlite", settings.sqlite_path))
    events.execute(synthetic_commands(cities=10, missions=100, events=30_000))
    total = events.last_position
    if graph_kind == "neo4j":
        store = _open_graph(graph_kind, tmp_path, request)
        store.clear()
        store.close()
        env["NEO4J_URI"] = request.getfixturevalue("neo4j_server").uri

    projector = subprocess.Popen(
        [*CLI, "project", "--batch-size", "3000"],
        env={**os.environ, **env, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert projector.stdout is not None
    started = projector.stdout.readline()  # "projecting from position 0": startup is over
    assert "projecting from position 0" in started, started
    time.sleep(2.0)  # well into the run: most of the time is spent inside a batch
    projector.send_signal(signal.SIGKILL)
    projector.wait()

    store = _open_graph(graph_kind, tmp_path, request)
    try:
        killed_at = store.position(PROJECTION)
        assert killed_at < total, "the projector finished before it could be killed"
        assert Projector(events, store).catch_up() == total
        report = verify_graph(events, store)
        assert report.consistent, report.differences
        assert report.actual["Event"] == total
    finally:
        store.close()
        events.close()


# Two batches written, then the process dies without closing: both commits sit only in the
# write-ahead log, as they would after a crash between checkpoints.
_WRITE_TWO_BATCHES_AND_DIE = """
import os, sys
from pathlib import Path
from graph import cypher
from graph.embedded import EmbeddedGraphStore
from graph.port import Write
from graph.projector import PROJECTION

store = EmbeddedGraphStore(Path(sys.argv[1]))
store.setup()
for after, city in ((0, "a"), (10, "b")):
    row = {"id": city, "uuid": city, "name": city, "country": "GB", "wikidata_id": None}
    store.apply([Write(cypher.UPSERT_CITIES, [row])], PROJECTION, after, after + 10)
os._exit(0)
"""


def test_a_crash_inside_a_commit_costs_the_embedded_graph_only_that_batch(
    tmp_path: Path,
) -> None:
    path = tmp_path / "graph.lbug"
    subprocess.run([sys.executable, "-c", _WRITE_TWO_BATCHES_AND_DIE, str(path)], check=True)
    wal = path.with_name(path.name + ".wal")
    # Cut into the last commit: the torn tail a SIGKILL in the middle of the write leaves.
    with wal.open("r+b") as log:
        log.truncate(wal.stat().st_size - 10)

    store = EmbeddedGraphStore(path)
    try:
        assert store.position(PROJECTION) == 10
        assert [row["id"] for row in store.read(cypher.CITIES)] == ["a"]
    finally:
        store.close()
