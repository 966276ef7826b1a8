from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.neo4j_store import Neo4jGraphStore
from tests.e2e.server import Server, serve

# The embedded defaults, and the production pairing of PostgreSQL with Neo4j.
CONFIGURATIONS = ["sqlite+embedded", "postgres+neo4j"]


def atlas_env(configuration: str, request: pytest.FixtureRequest, data_dir: Path) -> dict[str, str]:
    event_store, graph_store = configuration.split("+")
    env = {
        "MISSION_ATLAS_DATA_DIR": str(data_dir),
        "MISSION_ATLAS_EVENT_STORE": event_store,
        "MISSION_ATLAS_GRAPH_STORE": graph_store,
    }
    if event_store == "postgres":
        env.update(request.getfixturevalue("postgres_env"))
    if graph_store == "neo4j":
        neo4j = request.getfixturevalue("neo4j_server")
        store = Neo4jGraphStore.connect(neo4j.uri, "neo4j", "", "neo4j")
        store.clear()
        store.close()
        env.update({"NEO4J_URI": neo4j.uri, "NEO4J_PASSWORD": ""})
    return env


@pytest.fixture(params=CONFIGURATIONS)
def env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    return atlas_env(request.param, request, tmp_path / "data")


@pytest.fixture
def demo(env: dict[str, str], tmp_path: Path) -> Iterator[Server]:
    """``mission-atlas serve --demo`` on a fresh store, in each configuration."""
    server = serve(env, tmp_path / "serve.log", "--demo")
    yield server
    server.stop()
