"""How each stored event changes the graph: a pure mapping from events to batched rows.

``batch_writes`` turns a batch of (position, event) into one ``Write`` per kind of write, in
the order of ``WriteKind``, so that a node is always created before it is updated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace

from eventsourcing.domain import Aggregate

from events import kinds
from events.application import MissionAtlas
from events.city import City
from events.mission import Mission
from events.owners import Owner
from graph.port import Row, Write
from graph.projection import cities, corrections, learning, missions
from graph.projection.change import CorrectionMapper, Mapper, event_id
from graph.projection.names import Names
from graph.writes import WriteKind

__all__ = ["Names", "Owner", "batch_writes", "replayed"]

MAPPERS: dict[type, Mapper] = {
    City.CityRegistered: cities.city_registered,
    City.AdministrationBegan: cities.administration_began,
    City.AdministrationEnded: cities.administration_ended,
    Mission.MissionLaunched: missions.launched,
    Mission.ApproachAdopted: missions.approach_adopted,
    Mission.InstrumentEnded: missions.instrument_ended,
    Mission.InstrumentExtended: missions.instrument_extended,
    Mission.PartnerJoined: missions.partner_joined,
    Mission.PartnerLeft: missions.partner_left,
    Mission.MissionStatusChanged: missions.status_changed,
    Mission.DecisionRecorded: learning.decision_recorded,
    Mission.IterationStarted: learning.iteration_started,
    Mission.IterationConcluded: learning.iteration_concluded,
    Mission.RoadblockEncountered: learning.roadblock_encountered,
    Mission.RoadblockResolved: learning.roadblock_resolved,
    Mission.OutcomeMeasured: learning.outcome_measured,
    Mission.SpilloverObserved: learning.spillover_observed,
}

# Corrections: mapped with the city or mission as it stands after them.
CORRECTIONS: dict[type, CorrectionMapper] = {
    Mission.EventRetracted: corrections.event_retracted,
    City.CityEventRetracted: corrections.event_retracted,
    Mission.MissionDetailsCorrected: corrections.mission_details_corrected,
    City.CityDetailsCorrected: corrections.city_details_corrected,
}

# The city or mission an event belongs to, as it stood once that event was applied.
StateAfter = Callable[[Aggregate.Event], Aggregate]


def replayed(app: MissionAtlas) -> StateAfter:
    """Reads the aggregate again up to the event: corrections are rare, so this costs little."""
    return lambda e: app.repository.get(e.originator_id, version=e.originator_version)


def _event_row(e: Aggregate.Event, owner: Owner, position: int, summary: str) -> Row:
    provenance = e.provenance  # type: ignore[attr-defined]
    return {
        "id": event_id(owner, e),
        "owner_id": owner.id,
        "city_id": owner.city_id,
        "kind": kinds.public_name(e),
        "position": position,
        "version": e.originator_version,
        "occurred_on": provenance.occurred_on,
        "occurred_precision": provenance.precision if provenance.occurred_on else None,
        "recorded_at": e.timestamp.isoformat(),
        "recorded_by": provenance.recorded_by,
        "source": provenance.source,
        "summary": summary,
    }


# Writes of which only the last row for one key must stand, and that key.
LAST_WINS = {WriteKind.SET_MISSION_STATUSES: "mission_id", WriteKind.EXTEND_INSTRUMENTS: "id"}


class _Wave:
    """Rows that may run as one pass of ``WriteKind`` without changing their meaning.

    Within a pass, writes run in a fixed order, not in the order of the events. That is
    the same thing only while no item is touched twice out of order: without corrections an
    item is created once and closed at most once, and creation comes first in the order. A
    correction may close an item again or bring it back, so each correction gets a pass of its
    own, after everything recorded before it and before everything recorded after it.
    """

    def __init__(self) -> None:
        self.grouped: dict[WriteKind, list[Row]] = defaultdict(list)
        # Only the last status of each mission, and the last extension of each instrument,
        # must stand: the embedded store does not promise that later rows of one statement
        # see earlier rows' writes.
        self.last: dict[WriteKind, dict[str, Row]] = {kind: {} for kind in LAST_WINS}

    def add(self, kind: WriteKind, row: Row) -> None:
        if kind in LAST_WINS:
            self.last[kind][row[LAST_WINS[kind]]] = row
        else:
            self.grouped[kind].append(row)

    def writes(self) -> list[Write]:
        for kind, rows in self.last.items():
            self.grouped[kind] = list(rows.values())
        return [Write.of(kind, self.grouped[kind]) for kind in WriteKind if self.grouped.get(kind)]


def batch_writes(
    events: Sequence[tuple[int, Aggregate.Event]], names: Names, state_after: StateAfter
) -> list[Write]:
    """The writes for a batch of (position, event), in the order they must run. Events of
    other aggregates (API tokens) have no place in the graph and are passed over."""
    writes: list[Write] = []
    wave = _Wave()
    versions: dict[tuple[WriteKind, str], int] = {}
    for position, e in events:
        mapper = MAPPERS.get(type(e))
        correcting = CORRECTIONS.get(type(e))
        if mapper is None and correcting is None:
            continue
        correction = correcting is not None
        if correction:
            writes += wave.writes()
            wave = _Wave()
        owner = names[e.originator_id]
        if correcting is not None:
            after = state_after(e)
            change = correcting(e, owner, position, after)
            theme = getattr(after, "theme", None)  # a mission's; cities have none
            if theme is not None and theme != owner.theme:
                # Lessons recorded from now on carry the corrected theme.
                names.owners[e.originator_id] = replace(owner, theme=theme)
        else:
            assert mapper is not None
            change = mapper(e, owner, position)
        for kind, row in change.rows:
            wave.add(kind, row)
        is_city = isinstance(e, City.Event)
        event_kind = WriteKind.CREATE_CITY_EVENTS if is_city else WriteKind.CREATE_MISSION_EVENTS
        wave.add(event_kind, _event_row(e, owner, position, change.summary))
        versions[
            (WriteKind.SET_CITY_VERSIONS if is_city else WriteKind.SET_MISSION_VERSIONS, owner.id)
        ] = e.originator_version
        if correction:
            writes += wave.writes()
            wave = _Wave()
    for (kind, owner_id), version in versions.items():
        wave.add(kind, {"id": owner_id, "version": version})
    return writes + wave.writes()
