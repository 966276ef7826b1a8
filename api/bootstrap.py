"""The one place that builds adapters: settings in, a wired ``Atlas`` out."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from api.auth import tokens  # noqa: F401 (registers the topic tokens were stored under)
from api.settings import Settings
from events.application import MissionAtlas
from events.settings import event_store_env
from graph.embedded import EmbeddedGraphStore, rebuild_beside
from graph.port import GraphStore
from graph.projector import Projector
from graph.pseudonyms import NamesResolved

log = logging.getLogger(__name__)


@dataclass
class Atlas:
    """Everything a process needs: the event store, the graph store and the projector."""

    settings: Settings
    events: MissionAtlas
    graph: GraphStore
    projector: Projector
    _stop: threading.Event = field(default_factory=threading.Event)
    _poller: threading.Thread | None = None

    def start_polling(self, interval: float = 0.5) -> None:
        """Follow the event store in the background, for events written by other processes."""
        self._poller = threading.Thread(
            target=self.projector.run, args=(self._stop, interval), name="projector", daemon=True
        )
        self._poller.start()

    def close(self) -> None:
        self._stop.set()
        if self._poller is not None:
            self._poller.join(timeout=10)
        self.graph.close()
        self.events.close()


def build_graph_store(settings: Settings) -> GraphStore:
    if settings.graph_store == "neo4j":
        from graph.neo4j_store import Neo4jGraphStore

        return Neo4jGraphStore.connect(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password,
            settings.neo4j_database,
        )
    return EmbeddedGraphStore(settings.embedded_graph_path)


def open_events(settings: Settings) -> MissionAtlas:
    return MissionAtlas(
        env=event_store_env(settings.event_store, settings.sqlite_path, settings.postgres)
    )


def bootstrap(settings: Settings | None = None) -> Atlas:
    settings = settings or Settings.from_env()
    events = open_events(settings)
    try:
        store = _up_to_date(settings, events, build_graph_store(settings))
    except BaseException:
        events.close()
        raise
    graph = NamesResolved(store, events.people)
    return Atlas(settings, events, graph, Projector(events, graph))


def _up_to_date(settings: Settings, events: MissionAtlas, graph: GraphStore) -> GraphStore:
    """The graph, set up; rebuilt from the events first if an older projector built it."""
    try:
        graph.setup()
        if not Projector(events, graph).outdated:
            return graph
        log.warning("the graph was built by another version of the graph model; rebuilding it")
        if settings.graph_store != "embedded":
            Projector(events, graph).rebuild()
            return graph
    except BaseException:
        graph.close()
        raise
    graph.close()
    rebuild_beside(settings.embedded_graph_path, lambda fresh: Projector(events, fresh).catch_up())
    graph = build_graph_store(settings)
    graph.setup()
    return graph
