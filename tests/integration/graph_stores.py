"""Opening each graph store for a test: a fresh, set-up, empty graph."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from graph.embedded import EmbeddedGraphStore
from graph.neo4j_store import Neo4jGraphStore
from graph.port import GraphStore

if TYPE_CHECKING:
    from tests.services.neo4j_server import Neo4jServer

STORES = ["embedded", "neo4j"]


def open_store(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    store: GraphStore
    if kind == "neo4j":
        server: Neo4jServer = request.getfixturevalue("neo4j_server")
        store = Neo4jGraphStore.connect(server.uri, "neo4j", "", "neo4j")
        store.clear()
    else:
        store = EmbeddedGraphStore(tmp_path / "graph.lbug")
    store.setup()
    yield store
    store.close()
