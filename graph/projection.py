"""How each stored event changes the graph: a pure mapping from events to batched rows.

Rows use readable ids. Aggregate UUIDs are turned back into readable ids by ``Names``, which
learns them from creation events and asks the graph for any it has not seen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from events.catalogue import APPROACHES
from events.city import City
from events.mission import Mission
from graph import cypher
from graph.port import GraphStore, Row, Write

Event = Aggregate.Event


@dataclass
class Names:
    """Readable ids of the aggregates, by UUID."""

    cities: dict[UUID, str] = field(default_factory=dict)
    missions: dict[UUID, str] = field(default_factory=dict)

    def learn(self, store: GraphStore, events: Sequence[Event]) -> None:
        unknown: dict[str, set[UUID]] = {"city": set(), "mission": set()}
        for e in events:
            if isinstance(e, City.Registered):
                self.cities[e.originator_id] = getattr(e, "city_id")  # noqa: B009 (made by @event)
            elif isinstance(e, Mission.Launched):
                self.missions[e.originator_id] = getattr(e, "mission_id")  # noqa: B009
            elif isinstance(e, City.Event) and e.originator_id not in self.cities:
                unknown["city"].add(e.originator_id)
            elif isinstance(e, Mission.Event) and e.originator_id not in self.missions:
                unknown["mission"].add(e.originator_id)
        self._fetch(store, cypher.CITY_IDS_BY_UUID, unknown["city"], self.cities)
        self._fetch(store, cypher.MISSION_IDS_BY_UUID, unknown["mission"], self.missions)

    @staticmethod
    def _fetch(store: GraphStore, query: str, uuids: set[UUID], into: dict[UUID, str]) -> None:
        if uuids:
            for row in store.read(query, {"uuids": [u.hex for u in uuids]}):
                into[UUID(row["uuid"])] = row["id"]


@dataclass
class Change:
    """What one event contributes to a batch."""

    kind: str
    summary: str
    rows: list[tuple[str, Row]]


Mapper = Callable[[Any, str], Change]


def _item(owner: str, item_id: str) -> str:
    return f"{owner}/{item_id}"


def _city_registered(e: Any, city: str) -> Change:
    row = {
        "id": city,
        "uuid": e.originator_id.hex,
        "name": e.name,
        "country": e.country,
        "wikidata_id": e.wikidata_id,
    }
    return Change(
        "CityRegistered", f"{e.name} ({e.country}) registered", [(cypher.UPSERT_CITIES, row)]
    )


def _administration_began(e: Any, city: str) -> Change:
    row = {
        "id": _item(city, e.administration_id),
        "city_id": city,
        "mayor": e.mayor,
        "party": e.party,
        "term_start": e.term_start,
    }
    party = f" ({e.party})" if e.party else ""
    return Change(
        "AdministrationBegan",
        f"{e.mayor}{party} took office",
        [(cypher.BEGIN_ADMINISTRATIONS, row)],
    )


def _administration_ended(e: Any, city: str) -> Change:
    row = {"id": _item(city, e.administration_id), "term_end": e.term_end, "reason": e.reason}
    reason = f": {e.reason}" if e.reason else ""
    return Change(
        "AdministrationEnded",
        f"Administration {e.administration_id} ended{reason}",
        [(cypher.END_ADMINISTRATIONS, row)],
    )


def _launched(e: Any, mission: str) -> Change:
    row = {
        "id": mission,
        "uuid": e.originator_id.hex,
        "city_id": e.city_id,
        "title": e.title,
        "goal": e.goal,
        "theme": e.theme,
        "theme_id": e.theme.strip().lower(),
        "occurred_on": e.provenance.occurred_on,
    }
    rows = [(cypher.UPSERT_MISSIONS, row)]
    if e.horizon_year is not None:
        rows.append(
            (cypher.SET_MISSION_HORIZONS, {"mission_id": mission, "horizon_year": e.horizon_year})
        )
    return Change("MissionLaunched", f"Mission launched: {e.title}", rows)


def _approach_adopted(e: Any, mission: str) -> Change:
    link = {"mission_id": mission, "approach_id": e.approach_id}
    rows = [(cypher.ADOPT_APPROACHES, link)]
    if e.instrument:
        rows.append(
            (
                cypher.CREATE_INSTRUMENTS,
                {
                    **link,
                    "id": f"{mission}@{e.originator_version}",
                    "name": e.instrument,
                    "description": e.description,
                    "occurred_on": e.provenance.occurred_on,
                },
            )
        )
    through = f" through {e.instrument}" if e.instrument else ""
    label = APPROACHES[e.approach_id].label
    return Change("ApproachAdopted", f"Adopted approach: {label}{through}", rows)


def _mission_item(event_kind: str, query: str, summary: str, item: str, **values: str) -> Mapper:
    """A mapper for events that add or update one item of a mission."""

    def mapper(e: Any, mission: str) -> Change:
        row = {
            "id": _item(mission, getattr(e, item)),
            "mission_id": mission,
            "occurred_on": e.provenance.occurred_on,
        }
        row.update({name: getattr(e, attr) for name, attr in values.items()})
        return Change(event_kind, summary.format_map(row), [(query, row)])

    return mapper


def _iteration_started(e: Any, mission: str) -> Change:
    change = _mission_item(
        "IterationStarted",
        cypher.CREATE_ITERATIONS,
        "Iteration started: {title}",
        "iteration_id",
        title="title",
        hypothesis="hypothesis",
    )(e, mission)
    if e.approach_id:
        change.rows.append(
            (
                cypher.LINK_ITERATION_APPROACHES,
                {"id": _item(mission, e.iteration_id), "approach_id": e.approach_id},
            )
        )
    return change


def _outcome_measured(e: Any, mission: str) -> Change:
    change = _mission_item(
        "OutcomeMeasured",
        cypher.CREATE_OUTCOMES,
        "Outcome: {indicator} = {value} {unit}",
        "outcome_id",
        indicator="indicator",
        kind="kind",
        value="value",
        unit="unit",
        period_start="period_start",
        period_end="period_end",
    )(e, mission)
    outcome = _item(mission, e.outcome_id)
    if e.baseline is not None:
        change.rows.append((cypher.SET_OUTCOME_BASELINES, {"id": outcome, "baseline": e.baseline}))
    if e.target is not None:
        change.rows.append((cypher.SET_OUTCOME_TARGETS, {"id": outcome, "target": e.target}))
    return change


def _status_changed(e: Any, mission: str) -> Change:
    row = {"mission_id": mission, "status": e.status}
    return Change(
        "MissionStatusChanged",
        f"Status changed to {e.status}: {e.reason}",
        [(cypher.SET_MISSION_STATUSES, row)],
    )


MAPPERS: dict[type, Mapper] = {
    City.Registered: _city_registered,
    City.AdministrationBegan: _administration_began,
    City.AdministrationEnded: _administration_ended,
    Mission.Launched: _launched,
    Mission.ApproachAdopted: _approach_adopted,
    Mission.PartnerJoined: _mission_item(
        "PartnerJoined",
        cypher.CREATE_PARTNERS,
        "Partner joined: {name} ({sector})",
        "partner_id",
        name="name",
        sector="sector",
        role="role",
    ),
    Mission.DecisionRecorded: _mission_item(
        "DecisionRecorded",
        cypher.CREATE_DECISIONS,
        "Decision: {title}",
        "decision_id",
        title="title",
        rationale="rationale",
        decided_by="decided_by",
        in_force_from="in_force_from",
    ),
    Mission.IterationStarted: _iteration_started,
    Mission.IterationConcluded: _mission_item(
        "IterationConcluded",
        cypher.CONCLUDE_ITERATIONS,
        "Iteration concluded ({result}): {why}",
        "iteration_id",
        result="result",
        why="why",
        lessons="lessons",
    ),
    Mission.RoadblockEncountered: _mission_item(
        "RoadblockEncountered",
        cypher.CREATE_ROADBLOCKS,
        "Roadblock: {description}",
        "roadblock_id",
        description="description",
    ),
    Mission.RoadblockResolved: _mission_item(
        "RoadblockResolved",
        cypher.RESOLVE_ROADBLOCKS,
        "Roadblock resolved: {resolution}",
        "roadblock_id",
        resolution="resolution",
    ),
    Mission.OutcomeMeasured: _outcome_measured,
    Mission.SpilloverObserved: _mission_item(
        "SpilloverObserved",
        cypher.CREATE_SPILLOVERS,
        "Spillover: {description}",
        "spillover_id",
        description="description",
        beneficiaries="beneficiaries",
    ),
    Mission.StatusChanged: _status_changed,
}


def batch_writes(events: Sequence[tuple[int, Event]], names: Names) -> list[Write]:
    """The writes for a batch of (position, event), grouped by statement in ``WRITE_ORDER``."""
    grouped: dict[str, list[Row]] = defaultdict(list)
    for position, e in events:
        is_city = isinstance(e, City.Event)
        owner = (names.cities if is_city else names.missions)[e.originator_id]
        change = MAPPERS[type(e)](e, owner)
        for query, row in change.rows:
            grouped[query].append(row)
        provenance = e.provenance  # type: ignore[attr-defined]
        grouped[cypher.CREATE_CITY_EVENTS if is_city else cypher.CREATE_MISSION_EVENTS].append(
            {
                "id": f"{owner}@{e.originator_version}",
                "owner_id": owner,
                "kind": change.kind,
                "position": position,
                "occurred_on": provenance.occurred_on,
                "recorded_at": e.timestamp.isoformat(),
                "recorded_by": provenance.recorded_by,
                "source": provenance.source,
                "summary": change.summary,
            }
        )
    # A mission may change status twice in one batch; only the last change must stand.
    latest = {row["mission_id"]: row for row in grouped.get(cypher.SET_MISSION_STATUSES, [])}
    if latest:
        grouped[cypher.SET_MISSION_STATUSES] = list(latest.values())
    return [Write(query, grouped[query]) for query in cypher.WRITE_ORDER if grouped.get(query)]
