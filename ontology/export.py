"""Streaming the record as RDF: the event log, page by page, through the RDF mapping.

Memory stays flat however large the record: one page of events is in memory at a time, and
each event's facts are handed to the writer and forgotten. Only ``(graph, triples)`` pairs
leave this module; how they are written is the writers' business.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import cast
from uuid import UUID

from eventsourcing.domain import Aggregate

from events.application import MissionAtlas
from events.city import City
from events.identity import city_uuid, mission_uuid
from events.kinds import OPENED_BY
from events.mission import Mission
from events.notification_log import each_decoded, stored_pages
from events.owners import Owner
from events.recorded import RecordedAggregate, stored_topics
from ontology.catalogue import catalogue_triples
from ontology.iris import Iris
from ontology.mapping import Invalidation, RdfMapping
from ontology.terms import Term, Triple, iri
from ontology.vocabulary import LICENSE

Graph = tuple[Term, Sequence[Triple]]  # a named graph: its IRI and its triples


@dataclass(frozen=True)
class Selection:
    city_id: str | None = None  # only this city and its missions
    since: date | None = None  # only events recorded on or after this day


def _owner(e: Aggregate.Event, owners: dict[UUID, Owner]) -> Owner | None:
    if (created := Owner.created_by(e)) is not None:
        owners[e.originator_id] = created
    return owners.get(e.originator_id)


class Exporting:
    """What an export carries from one event to the next: whose each event is, what the
    record's corrections changed, and the mapping's own state. Only the events of
    ``STATEFUL`` change it: a reader that skips a stretch of the log follows those of it
    (``follow``) and goes on as though it had read the stretch (the export's workers do)."""

    def __init__(
        self,
        app: MissionAtlas,
        iris: Iris,
        upto: int,
        selection: Selection = Selection(),
        with_events: bool = False,
        history: bool = False,
        page: int = 2000,
    ) -> None:
        self.mapping = RdfMapping(iris, with_events, history, app.people.person_of)
        self.view = corrected_view(app, upto, page)
        self.selection = selection
        self._selecting = selection != Selection()
        self._owners: dict[UUID, Owner] = {}

    def graph(self, position: int, e: Aggregate.Event) -> Graph | None:
        """The graph of the event at ``position``, or None if it has none in this export."""
        owner = _owner(e, self._owners)
        if owner is None:
            return None  # not part of the mission record (API tokens)
        view = self.view
        if e.originator_id in view.corrected:
            key = (e.originator_id, e.originator_version)
            superseded = view.superseded.get(key, frozenset())
            withdrawn, invalidation = key in view.withdrawn, view.invalidated.get(key)
            facts = self.mapping.facts(e, owner, position, withdrawn, superseded, invalidation)
        else:  # most events: nothing of their city or mission was ever corrected
            facts = self.mapping.facts(e, owner, position)
        if facts is None or (self._selecting and not _selected(e, owner, self.selection)):
            return None
        return facts.graph, facts.triples

    def follow(self, e: Aggregate.Event) -> None:
        """Carry on past ``e`` as ``graph`` would, without mapping it: for a reader that skips
        it. Only the ``STATEFUL`` events change anything."""
        if (owner := _owner(e, self._owners)) is not None:
            withdrawn = (e.originator_id, e.originator_version) in self.view.withdrawn
            self.mapping.follow(e, owner, withdrawn)


def export_graphs(
    app: MissionAtlas,
    iris: Iris,
    selection: Selection = Selection(),
    with_events: bool = False,
    page: int = 2000,
    progress: Callable[[int, int], None] | None = None,
    history: bool = False,
    licence: str | None = None,
) -> Iterator[Graph]:
    """The dataset's own graphs (``opening_graphs``), then one graph per recorded event, in
    the order recorded, up to the end of the log as the export begins.

    The corrected view; with ``history``, also what corrections took back (see the mapping).
    With a ``licence``, the dataset's own graph comes first and says under which."""
    yield from opening_graphs(iris, licence)
    last = app.last_position
    exporting = Exporting(app, iris, last, selection, with_events, history, page)
    for rows in stored_pages(app, size=page, upto=last):
        for position, e in each_decoded(app, rows):
            if (graph := exporting.graph(position, e)) is not None:
                yield graph
        if progress is not None:
            progress(rows[-1][0], last)


def opening_graphs(iris: Iris, licence: str | None = None) -> list[Graph]:
    """What an export says before its events: under which licence, if given, and the
    catalogue of approaches."""
    graphs: list[Graph] = []
    if licence is not None:
        graphs.append((iris.dataset(), licence_triples(iris, licence)))
    graphs.append((iris.catalogue(), catalogue_triples(iris)))
    return graphs


def licence_triples(iris: Iris, licence: str) -> list[Triple]:
    """What every export says of the dataset it comes from."""
    return [(iris.dataset(), LICENSE, iri(licence))]


# The events after which an earlier one may no longer stand: the corrections, and the
# extensions of an instrument (the latest extension replaces the ones before it).
CORRECTIONS = stored_topics(
    Mission.EventRetracted,
    City.CityEventRetracted,
    Mission.MissionDetailsCorrected,
    City.CityDetailsCorrected,
    Mission.InstrumentExtended,
)
RETRACTIONS = (Mission.EventRetracted, City.CityEventRetracted)
DETAILS_CORRECTED = (Mission.MissionDetailsCorrected, City.CityDetailsCorrected)
# The events that change what an export carries to the next ones (see ``Exporting``): those
# that make a city or a mission, and those the mapping keeps state of.
STATEFUL = stored_topics(City.CityRegistered, Mission.MissionLaunched, *RdfMapping.STATEFUL)


@dataclass
class CorrectedView:
    """What the corrections of a record change in what its events state, and which event
    took each withdrawn or replaced fact back, when."""

    corrected: set[UUID] = field(default_factory=set)  # the aggregates learned
    withdrawn: set[tuple[UUID, int]] = field(default_factory=set)  # (aggregate, version)
    superseded: dict[tuple[UUID, int], frozenset[str]] = field(default_factory=dict)
    invalidated: dict[tuple[UUID, int], Invalidation] = field(default_factory=dict)

    def learn(self, aggregate: RecordedAggregate, events: Sequence[Aggregate.Event]) -> None:
        uuid = aggregate.id
        self.corrected.add(uuid)
        at = {e.originator_version: e.timestamp for e in events}
        retracted_in = {
            getattr(e, "version"): e.originator_version  # noqa: B009 (made by @event)
            for e in events
            if isinstance(e, RETRACTIONS)
        }
        for version in aggregate.withdrawn():
            self.withdrawn.add((uuid, version))
            by = retracted_in[_withdrawing(aggregate, version, retracted_in)]
            self.invalidated[(uuid, version)] = Invalidation(by, at[by])
        # The creation and every correction of details: any of them may have been replaced since.
        corrections = [e for e in events if isinstance(e, DETAILS_CORRECTED)]
        for version in {c.originator_version for c in corrections} | {1}:
            replaced = aggregate.superseded_details(version)
            if replaced:
                self.superseded[(uuid, version)] = frozenset(replaced)
                by = min(
                    c.originator_version
                    for c in corrections
                    if c.originator_version > version
                    and any(getattr(c, name, None) is not None for name in replaced)
                )
                self.invalidated[(uuid, version)] = Invalidation(by, at[by])
        for term in getattr(aggregate, "instruments", {}).values():
            standing = list(term.extensions)  # withdrawn extensions are gone from it
            for earlier, later in pairwise(standing):
                self.superseded[(uuid, earlier)] = frozenset({"runs_until"})
                self.invalidated[(uuid, earlier)] = Invalidation(later, at[later])


def _withdrawing(aggregate: RecordedAggregate, version: int, retracted: dict[int, int]) -> int:
    """The retracted version that withdrew ``version``: itself, or what it closed or ended."""
    if version in retracted:
        return version
    opened_in: int | None = getattr(aggregate, "instrument_events", {}).get(version)
    if opened_in is None:
        kind, item = aggregate.recorded[version]
        opened_in = max(
            v
            for v, (k, i) in aggregate.recorded.items()
            if v < version and (k, i) == (OPENED_BY.get(kind), item) and v in retracted
        )
    return opened_in


def corrected_view(app: MissionAtlas, upto: int, page: int) -> CorrectedView:
    """The corrected view of the events up to ``upto``: which were withdrawn, and which
    details a later correction replaced.

    Only the corrections are read from the log, and only the cities and missions they
    correct are replayed, so a record with few corrections pays little for this pass."""
    corrected: set[UUID] = set()
    for rows in stored_pages(app, size=page, upto=upto, topics=CORRECTIONS):
        corrected.update(originator_id for _, originator_id, _, _, _ in rows)
    view = CorrectedView()
    for uuid in corrected:
        aggregate: Aggregate = app.repository.get(uuid)
        assert isinstance(aggregate, RecordedAggregate)
        view.learn(aggregate, [cast(Aggregate.Event, e) for e in app.events.get(uuid)])
    return view


def _selected(e: Aggregate.Event, owner: Owner, selection: Selection) -> bool:
    if selection.city_id is not None and owner.city_id != selection.city_id:
        return False
    return selection.since is None or e.timestamp.date() >= selection.since


def aggregate_graphs(
    app: MissionAtlas, iris: Iris, kind: str, readable_id: str, history: bool = False
) -> list[Graph]:
    """The graphs of one city's or one mission's own events, read straight from its stream."""
    uuid = city_uuid(readable_id) if kind == "city" else mission_uuid(readable_id)
    mapping = RdfMapping(iris, True, history, app.people.person_of)
    owners: dict[UUID, Owner] = {}
    graphs: list[Graph] = []
    events = [cast(Aggregate.Event, e) for e in app.events.get(uuid)]
    if not events:
        return graphs
    aggregate: Aggregate = app.repository.get(uuid)
    assert isinstance(aggregate, RecordedAggregate)
    view = CorrectedView()
    view.learn(aggregate, events)
    for e in events:
        owner = _owner(e, owners) or owners.get(uuid)
        key = (uuid, e.originator_version)
        superseded = view.superseded.get(key, frozenset())
        gone, invalidation = key in view.withdrawn, view.invalidated.get(key)
        facts = mapping.facts(e, owner, None, gone, superseded, invalidation) if owner else None
        if facts is not None:
            graphs.append((facts.graph, facts.triples))
    return graphs
