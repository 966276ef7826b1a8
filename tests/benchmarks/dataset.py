"""The synthetic record the benchmarks share: stored in SQLite, projected into Neo4j."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from api import bootstrap
from api.settings import Settings
from events.application import MissionAtlas
from events.settings import event_store_env
from graph.neo4j_store import Neo4jGraphStore
from tests.services.neo4j_server import Neo4jServer, start_neo4j
from tests.synthetic import synthetic_commands


@dataclass
class Dataset:
    events: MissionAtlas
    neo4j_server: Neo4jServer
    neo4j: Neo4jGraphStore

    def close(self) -> None:
        self.neo4j.close()
        self.neo4j_server.stop()
        self.events.close()


def store_events(work: Path, events: int) -> MissionAtlas:
    app = MissionAtlas(env=event_store_env("sqlite", work / "events.sqlite"))
    app.execute(synthetic_commands(events=events))
    return app


def start_graph(work: Path) -> tuple[Neo4jServer, Neo4jGraphStore]:
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    server = start_neo4j(work / "neo4j")
    store = Neo4jGraphStore.connect(server.uri, "neo4j", "", "neo4j")
    store.setup()
    return server, store


def catch_up_rdf(work: Path) -> int:
    """Bring the RDF store a server on ``work`` opens up to the event log before it starts;
    the position it reached.

    Every server process follows the log into its RDF store in a thread of its own. Left
    behind, the store would be built while the requests being timed are answered, holding the
    GIL of the process answering them: that, not the graph, was what made the lessons slow
    on a graph just written (issue 12). ``serve --workers N`` now does this itself before it
    copies the store; the single-process servers of the benchmarks do not."""
    return bootstrap.catch_up_rdf(Settings.from_env({"MISSION_ATLAS_DATA_DIR": str(work)}))
