"""The one place that builds adapters: settings in, a wired ``Atlas`` out."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from api.auth import tokens  # noqa: F401 (registers the topic tokens were stored under)
from api.settings import Settings
from events.application import MissionAtlas
from events.settings import event_store_env
from graph.embedded import EmbeddedGraphStore, rebuild_beside
from graph.port import GraphStore
from graph.projector import Projector
from graph.pseudonyms import NamesResolved
from graph.rebuilding import OUTDATED, rebuild_in_turn
from ontology.errors import RdfStoreError
from ontology.iris import Iris
from ontology.rdf_copies import open_free
from ontology.rdf_projector import RdfProjector
from ontology.rdf_store import RdfStore

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
    # The RDF store behind /sparql, opened by the server only (its directory admits one
    # process: each worker of several has a copy, see ontology.rdf_copies); why it could not
    # be opened otherwise.
    rdf: RdfProjector | None = None
    rdf_unavailable: str | None = None
    _rdf_poller: threading.Thread | None = None

    def start_polling(self, interval: float = 0.5) -> None:
        """Follow the event store in the background, for events written by other processes."""
        self._poller = threading.Thread(
            target=self.projector.run, args=(self._stop, interval), name="projector", daemon=True
        )
        self._poller.start()

    def open_rdf(self, interval: float = 0.5) -> None:
        """Open the RDF store and follow the event store into it in the background; if it
        cannot be opened, the reason is kept for /sparql to give."""
        try:
            store = open_free(self.settings.rdf_store_path)
        except RdfStoreError as error:
            log.warning("SPARQL is unavailable: %s", error)
            self.rdf_unavailable = str(error)
            return
        self.rdf = _rdf_projector(self.settings, self.events, store)
        self._rdf_poller = threading.Thread(
            target=self.rdf.run, args=(self._stop, interval), name="rdf-projector", daemon=True
        )
        self._rdf_poller.start()

    def close(self) -> None:
        self._stop.set()
        if self._poller is not None:
            self._poller.join(timeout=10)
        if self._rdf_poller is not None:
            self._rdf_poller.join(timeout=10)
        if self.rdf is not None:
            self.rdf.store.close()
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


def _rdf_projector(settings: Settings, events: MissionAtlas, store: RdfStore) -> RdfProjector:
    """The projector into ``store``, which is cleared first if another version of the mapping
    built it or its build never finished: catching up then builds it from the first event."""
    projector = RdfProjector(events, store, Iris(settings.base_iri))
    if projector.outdated:
        log.warning("the RDF store was built by another version of the mapping; rebuilding")
        store.clear()
    return projector


def catch_up_rdf(settings: Settings, behind: Callable[[int, int], None] | None = None) -> int:
    """Bring the RDF store up to the event log in this process, and close it; the position it
    reached. ``behind(position, last)`` is told first if there is anything to do.
    :class:`RdfStoreHeld` if a server holds it."""
    store = RdfStore(settings.rdf_store_path)
    try:
        events = open_events(settings)
        try:
            projector = _rdf_projector(settings, events, store)
            if behind is not None and projector.position < events.last_position:
                behind(projector.position, events.last_position)
            return projector.catch_up()
        finally:
            events.close()
    finally:
        store.close()


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
        if settings.graph_store != "embedded":
            rebuild_in_turn(events, graph)  # other processes may be opening it too
            return graph
        log.warning("%s; rebuilding it", OUTDATED)
    except BaseException:
        graph.close()
        raise
    graph.close()
    rebuild_beside(settings.embedded_graph_path, lambda fresh: Projector(events, fresh).catch_up())
    graph = build_graph_store(settings)
    graph.setup()
    return graph
