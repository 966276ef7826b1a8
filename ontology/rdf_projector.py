"""Following the event log into the RDF store, through the same mapping as the RDF export.

Each event's facts go into its named graph (what it stated when it was recorded: the history)
and into the default graph (what is true now). A correction (a retraction, a replacement, a
correction of details) replays its city or mission through the mapping with the corrected
view as of that correction, and the default graph takes that aggregate's facts as they now
stand; the named graphs keep what the withdrawn events said, and the retraction's graph says
which event it invalidated. Every triple an event states is about its own city or mission
(the things under their IRIs, the events' own descriptions), so one aggregate can be replaced
in the default graph without touching another's.

People's names never reach the store's files (see ``events.references``): a name is written as
a reference to its person, and the SPARQL endpoint resolves references as it answers.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path
from typing import Any, cast
from uuid import UUID

from eventsourcing.domain import Aggregate
from pyoxigraph import DefaultGraph

from events.application import MissionAtlas
from events.city import City
from events.mission import Mission
from events.notification_log import each_decoded
from events.owners import Owner
from events.recorded import RecordedAggregate
from events.references import reference
from events.storage.log_rows import LogRows
from ontology import derived, mapping, window
from ontology import vocabulary as v
from ontology.catalogue import catalogue_triples
from ontology.export import CorrectedView
from ontology.iris import Iris
from ontology.mapping import RdfMapping
from ontology.rdf_batch import DEFAULT, AfterBatch, Batch, Quad, node
from ontology.rdf_store import REBUILDING, RdfStore
from ontology.terms import Term, Triple, text

log = logging.getLogger(__name__)

# Events after which an earlier fact may no longer stand: the corrections, and an
# instrument's extension (the latest replaces those before it), as in the export's view.
CORRECTIONS = (
    Mission.EventRetracted,
    City.CityEventRetracted,
    Mission.MissionDetailsCorrected,
    City.CityDetailsCorrected,
    Mission.InstrumentExtended,
)
TERMS = (City.AdministrationBegan, City.AdministrationEnded)
# A build loads this many quads at a time (about 6,000 events' worth): each bulk load writes
# files of its own, and fewer, larger ones cost less to write and to read.
BULK_QUADS = 250_000


def mapping_stamp() -> str:
    """A fingerprint of the code that decides what the store holds: a store built by other
    code is rebuilt rather than patched."""
    digest = hashlib.sha256()
    for module in (mapping, derived, window, v):
        digest.update(Path(cast(str, module.__file__)).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


class RdfProjector:
    def __init__(self, app: MissionAtlas, store: RdfStore, iris: Iris, batch_size: int = 500):
        self.app, self.store, self.iris, self.batch_size = app, store, iris, batch_size
        self._lock = threading.Lock()
        self._rows = LogRows(app.recorder)
        self._owners: dict[UUID, Owner] = {}
        self._mappings: dict[UUID, RdfMapping] = {}  # the mapping's state is per city/mission
        self._cities: dict[Term, derived.City] = {}  # as the store holds them, for the links
        self.failure: Exception | None = None

    @property
    def position(self) -> int:
        return self.store.position

    @property
    def outdated(self) -> bool:
        """Built by another version of the mapping, or a build that never finished."""
        stamp = self.store.stamp
        return stamp == REBUILDING or (self.store.position > 0 and stamp != mapping_stamp())

    def rebuild(self) -> int:
        """Drop the store's content and project it again from the first event."""
        with self._lock:
            self.store.clear()
            self._owners.clear()
            self._mappings.clear()
            self._cities.clear()
        return self.catch_up()

    def catch_up(self, until: int | None = None, stop: threading.Event | None = None) -> int:
        with self._lock:
            position = self.store.position
            if position == 0:
                position = self._build(until, stop)
            while (until is None or position < until) and not (stop and stop.is_set()):
                rows = self._rows.after(position, self.batch_size)
                if not rows:
                    break
                batch = Batch()
                for at, e in each_decoded(self.app, rows):
                    self._project(batch, at, e)
                graph = AfterBatch(self.store.store, batch)
                for city in batch.cities:  # its terms changed: read them again
                    self._cities.pop(city, None)
                scope = derived.scope(graph, batch.items, batch.cities)
                batch.relink(*derived.relinked(graph, scope, self._cities))
                try:
                    self.store.apply(batch.update(), position, rows[-1][0])
                except Exception:
                    self._cities.clear()  # read from a batch the store did not take
                    raise
                position = rows[-1][0]
                self.failure = None
            return position

    def _build(self, until: int | None, stop: threading.Event | None) -> int:
        """Project the log into an empty store from the first event, loading in bulk, and
        derive every link once at the end; the position it reached, set last."""
        rows = self._rows.after(0, self.batch_size)
        if not rows:
            if self.store.stamp != mapping_stamp():
                self.store.begin_build()
                self.store.finish_build(0, mapping_stamp())
            return 0
        self.store.begin_build()
        self._owners.clear()
        self._mappings.clear()
        self._cities.clear()
        batch, position = Batch(), 0
        catalogue = self.iris.catalogue()
        batch.insert((s, p, o, g) for s, p, o in catalogue_triples(self.iris)
                     for g in (catalogue, DEFAULT))  # fmt: skip
        while rows:
            for at, e in each_decoded(self.app, rows):
                self._project(batch, at, e)
            position = rows[-1][0]
            if (until is not None and position >= until) or (stop and stop.is_set()):
                break
            if len(batch.changes) >= BULK_QUADS:
                self.store.load(batch.steps)
                batch = Batch()
            rows = self._rows.after(position, self.batch_size)
        self.store.load(batch.steps)
        # Every item names its mission. Deriving the links of all of them once, at the end,
        # reads each item once, where a batch would read again every item of a city whose
        # terms it touched.
        items = self.store.store.quads_for_pattern(
            None, node(derived.MISSION), None, DefaultGraph()
        )
        links = Batch()
        links.relink(*derived.relinked(AfterBatch(self.store.store, links),
                                       {str(q.subject) for q in items}, self._cities))  # fmt: skip
        self.store.load(links.steps)
        self.store.finish_build(position, mapping_stamp())
        self.failure = None
        return position

    def run(self, stop: threading.Event, interval: float = 0.5, max_backoff: float = 10.0) -> None:
        """Poll until ``stop`` is set; a failing batch is retried, with a growing pause."""
        delay = interval
        while not stop.is_set():
            try:
                self.catch_up(stop=stop)
                delay = interval
            except Exception as error:
                if self.failure is None or str(self.failure) != str(error):
                    log.exception("projecting into the RDF store failed")
                self.failure = error
                delay = min(delay * 2, max_backoff)
            stop.wait(delay)

    # --- one event -------------------------------------------------------------------------

    def _owner(self, e: Aggregate.Event) -> Owner | None:
        uuid = e.originator_id
        if uuid not in self._owners:
            first = e if e.originator_version == 1 else next(iter(self.app.events.get(uuid, lte=1)))
            if isinstance(first, City.CityRegistered):
                city_id = getattr(first, "city_id")  # noqa: B009 (attributes made by @event)
                self._owners[uuid] = Owner(city_id, city_id, kind="city")
            elif isinstance(first, Mission.MissionLaunched):
                mission_id, city_id = getattr(first, "mission_id"), getattr(first, "city_id")  # noqa: B009
                self._owners[uuid] = Owner(mission_id, city_id)
            else:
                return None  # not part of the mission record (API tokens)
        return self._owners[uuid]

    def _mapping(self, e: Aggregate.Event, owner: Owner) -> RdfMapping:
        """The aggregate's mapping, its state caught up with the events before ``e``."""
        uuid = e.originator_id
        if uuid not in self._mappings:
            if e.originator_version == 1:
                self._mappings[uuid] = RdfMapping(
                    self.iris, with_events=True, person=self.app.people.person_of
                )
            else:
                self._mappings[uuid], _ = self._replayed(uuid, owner, e.originator_version - 1, {})
        return self._mappings[uuid]

    def _project(self, batch: Batch, position: int, e: Any) -> None:
        owner = self._owner(e)
        if owner is None:
            return
        facts = self._mapping(e, owner).facts(e, owner, position)
        if facts is None:
            return
        names = self._names(e)
        stated = [(*_named(t, names), facts.graph) for t in facts.triples]
        batch.insert(stated)
        if isinstance(e, CORRECTIONS):
            self._correct(batch, e, owner, stated)
        else:
            batch.insert((s, p, o, DEFAULT) for s, p, o, _ in stated)
        if isinstance(e, TERMS) or (owner.is_city and isinstance(e, CORRECTIONS)):
            batch.cities.add(self.iris.city(owner.id))

    def _correct(self, batch: Batch, e: Any, owner: Owner, stated: list[Quad]) -> None:
        """The default graph takes the corrected aggregate's facts as they now stand."""
        uuid, version = e.originator_id, e.originator_version
        said = self._said(uuid, owner, version, batch) + [
            (s, p, o, DEFAULT) for s, p, o, _ in stated
        ]
        positions = {s: int(o.split('"')[1]) for s, p, o, _ in said if p == v.atlas("position")}
        fresh, now = self._replayed(uuid, owner, version, positions)
        self._mappings[uuid] = fresh
        now_set = set(now)
        batch.delete(q for q in dict.fromkeys(said) if q not in now_set)
        batch.insert(now)

    def _said(self, uuid: UUID, owner: Owner, version: int, batch: Batch) -> list[Quad]:
        """What the aggregate's events before ``version`` stated, as default-graph quads:
        from their named graphs in the store, and in the batch not yet applied."""
        kind = "city" if owner.is_city else "mission"
        graphs = {self.iris.event(kind, owner.id, n) for n in range(1, version)}
        quads: list[Quad] = []
        for g in graphs:
            for q in self.store.store.quads_for_pattern(None, None, None, node(g)):
                quads.append((str(q.subject), str(q.predicate), str(q.object), DEFAULT))
        for g in graphs:
            quads += [(s, p, o, DEFAULT) for s, p, o, _ in batch.stated.get(g, [])]
        return quads

    def _replayed(
        self, uuid: UUID, owner: Owner, version: int, positions: dict[Term, int]
    ) -> tuple[RdfMapping, list[Quad]]:
        """A fresh mapping fed the aggregate's events up to ``version`` in the corrected view
        as of then, and the default-graph facts they state in that view."""
        aggregate: Aggregate = self.app.repository.get(uuid, version=version)
        assert isinstance(aggregate, RecordedAggregate)
        events = [cast(Aggregate.Event, e) for e in self.app.events.get(uuid, lte=version)]
        view = CorrectedView()
        view.learn(aggregate, events)
        fresh = RdfMapping(self.iris, with_events=True, person=self.app.people.person_of)
        kind = "city" if owner.is_city else "mission"
        quads: list[Quad] = []
        for event in events:
            e = cast(Any, event)
            key = (uuid, e.originator_version)
            graph = self.iris.event(kind, owner.id, e.originator_version)
            facts = fresh.facts(
                e, owner, positions.get(graph), key in view.withdrawn,
                view.superseded.get(key, frozenset()),
            )  # fmt: skip
            if facts is not None:
                names = self._names(e)
                quads += [(*_named(t, names), DEFAULT) for t in facts.triples]
        return fresh, quads

    def _names(self, e: Any) -> dict[Term, Term]:
        """The event's personal names as literals, each with the literal of its reference."""
        names: dict[Term, Term] = {}
        for name in (getattr(e, "mayor", None), getattr(e, "decided_by", None),
                     getattr(getattr(e, "provenance", None), "recorded_by", None)):  # fmt: skip
            if isinstance(name, str) and (person := self.app.people.person_of(name)):
                names[cast(Term, text(name))] = cast(Term, text(reference(person)))
        return names


def _named(triple: Triple, names: dict[Term, Term]) -> Triple:
    s, p, o = triple
    return (s, p, names.get(o, o))
