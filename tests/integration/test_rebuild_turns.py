"""Processes that open one Neo4j graph at once (the workers of `serve --workers 2`, the
projector service) and find it built by an older graph model take turns: one rebuilds it, and
the others wait, then find it current, and their logs say which did which."""

from __future__ import annotations

import logging
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

from api.bootstrap import Atlas, bootstrap
from api.settings import Settings
from graph import model
from graph.cypher import NEO4J_TAKE_TURN
from graph.neo4j_store import Neo4jGraphStore
from graph.projector import MODEL_STAMP, PROJECTION
from graph.rebuilding import OUTDATED, REBUILD_TURN
from tests import factories as f
from tests.e2e.server import CLI
from tests.services.neo4j_server import Neo4jServer

PROCESSES = 2


def _waiting_for_the_turn(store: Neo4jGraphStore) -> int:
    rows = store.read("SHOW TRANSACTIONS YIELD status, currentQuery")
    return sum(
        1
        for row in rows
        if str(row["status"]).startswith("Blocked") and row["currentQuery"] == NEO4J_TAKE_TURN
    )


def neo4j_env(server: Neo4jServer, data_dir: Path) -> dict[str, str]:
    return {
        "MISSION_ATLAS_DATA_DIR": str(data_dir),
        "MISSION_ATLAS_GRAPH_STORE": "neo4j",
        "NEO4J_URI": server.uri,
        "NEO4J_PASSWORD": "",
    }


@pytest.mark.neo4j
def test_of_processes_finding_the_graph_outdated_one_rebuilds_and_the_others_find_it_current(
    neo4j_server: Neo4jServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings.from_env(neo4j_env(neo4j_server, tmp_path))
    store = Neo4jGraphStore.connect(neo4j_server.uri, "neo4j", "", "neo4j")
    store.clear()
    first = bootstrap(settings)
    try:
        first.events.execute([f.register_city(), f.launch(), f.decide("retrofit", "Kept")])
        first.projector.catch_up()
        # As an older projector left it.
        first.graph.apply([], MODEL_STAMP, model.VERSION, model.VERSION - 1)
    finally:
        first.close()

    started: list[Atlas] = []
    failed: list[BaseException] = []

    def start() -> None:
        try:
            started.append(bootstrap(settings))
        except BaseException as error:
            failed.append(error)

    processes = [threading.Thread(target=start) for _ in range(PROCESSES)]
    caplog.set_level(logging.WARNING, logger="graph.rebuilding")
    try:
        # Held here until every process has found the graph outdated and waits its turn,
        # so that none can find it current before it has looked.
        with store.turn(REBUILD_TURN):
            for process in processes:
                process.start()
            deadline = time.monotonic() + 60
            while _waiting_for_the_turn(store) < PROCESSES:
                assert time.monotonic() < deadline, "the processes never waited for the turn"
                time.sleep(0.1)
        for process in processes:
            process.join(timeout=120)
        assert failed == []
        assert len(started) == PROCESSES
        said = sorted(r.getMessage() for r in caplog.records if r.name == "graph.rebuilding")
        assert said == [
            f"{OUTDATED}; another process rebuilt it meanwhile: it is current",
            f"{OUTDATED}; rebuilding it",
        ]
        assert store.position(MODEL_STAMP) == model.VERSION
        assert store.position(PROJECTION) == started[0].events.last_position
        rows = store.read("MATCH (d:Decision) RETURN d.title AS title")
        assert rows == [{"title": "Kept"}]
    finally:
        for atlas in started:
            atlas.close()
        store.close()


@pytest.mark.neo4j
def test_the_rebuild_command_waits_for_a_rebuild_in_progress(
    neo4j_server: Neo4jServer, tmp_path: Path
) -> None:
    env = neo4j_env(neo4j_server, tmp_path)
    store = Neo4jGraphStore.connect(neo4j_server.uri, "neo4j", "", "neo4j")
    store.clear()
    first = bootstrap(Settings.from_env(env))
    try:
        first.events.execute([f.register_city(), f.launch()])
        first.projector.catch_up()
    finally:
        first.close()
    try:
        # A worker of a running server rebuilding: the command must not clear under it.
        with store.turn(REBUILD_TURN):
            command = subprocess.Popen(
                [*CLI, "rebuild"], env={**os.environ, **env}, text=True,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            )  # fmt: skip
            deadline = time.monotonic() + 120
            while _waiting_for_the_turn(store) < 1:
                assert command.poll() is None, command.communicate()
                assert time.monotonic() < deadline, "the command never waited for the turn"
                time.sleep(0.1)
        out, err = command.communicate(timeout=300)
        assert command.returncode == 0, err
        assert "rebuilt the graph from 2 events" in out
    finally:
        store.close()
