from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any, NamedTuple, TypeVar, cast

import strawberry
from strawberry.scalars import JSON

from api.graphql.catalogue.types import Approach
from api.graphql.cities.types import Administration, administration_on
from api.graphql.context import Info
from api.graphql.enums import MissionStatus
from api.graphql.missions.items import Decision, Iteration, Outcome, Partner, Roadblock, Spillover
from events.audit import AuditEntry
from events.history import Handover, Item, MissionRecord, in_time_order
from events.owners import Owner
from graph.projection.change import event_key
from graph.reads.learning import (
    DecisionRow,
    IterationRow,
    OutcomeRow,
    RoadblockRow,
    SpilloverRow,
)
from graph.reads.missions import PartnerRow

LAST_DECISIONS = 3
GraphRow = TypeVar("GraphRow", bound=NamedTuple)  # a row type of the graph's read façade


@strawberry.type(name="AuditEntry", description="One stored event of a mission, as stored.")
class AuditEntryType:
    position: int = strawberry.field(description="Position in the event store's log.")
    version: int = strawberry.field(description="Version within the mission.")
    kind: str = strawberry.field(description="The kind of event, e.g. DecisionRecorded.")
    hash: str = strawberry.field(description="SHA-256 over the previous hash and this content.")
    previous_hash: str = strawberry.field(description="The hash of the mission's event before.")
    occurred_on: date | None = strawberry.field(description="Real-world date, if known.")
    recorded_at: datetime = strawberry.field(description="When it was stored.")
    recorded_by: str = strawberry.field(description="Who recorded it ([erased] once erased).")
    source: str = strawberry.field(description="The citation it rests on.")
    details: JSON = strawberry.field(description="The event's own fields, as recorded.")
    retracted_by: int | None = strawberry.field(
        description="The version of the correction that withdrew it, if one did."
    )
    superseded_by: int | None = strawberry.field(
        description="The version of the event that replaced it, if one did."
    )
    city_id: strawberry.Private[str]

    @classmethod
    def of(cls, entry: AuditEntry, city_id: str) -> AuditEntryType:
        details: dict[str, Any] = {
            k: v.isoformat() if isinstance(v, date) else v for k, v in entry.details.items()
        }
        return cls(
            position=entry.position,
            version=entry.version,
            kind=entry.kind,
            hash=entry.hash,
            previous_hash=entry.previous_hash,
            occurred_on=entry.occurred_on,
            recorded_at=entry.recorded_at,
            recorded_by=entry.recorded_by,
            source=entry.source,
            details=cast(JSON, details),
            retracted_by=entry.retracted_by,
            superseded_by=entry.superseded_by,
            city_id=city_id,
        )

    @strawberry.field(description="The administration in office when it happened, if known.")
    async def administration(self, info: Info) -> Administration | None:
        return await administration_on(info, self.city_id, self.occurred_on)


def _row(
    shape: type[GraphRow], record: MissionRecord, item: Item, key: str, **renames: str
) -> GraphRow:
    """A replayed item as the graph's row of its kind, naming the events that recorded and
    closed it by their ids in the graph; what was never recorded is None."""
    owner = Owner(record.mission_id, record.city_id)
    closed = item.get("closed_by")
    closing = None if closed is None else event_key(owner, closed)
    # The graph names the closing event after what it closed: concluded_in, resolved_in.
    events = {
        "recorded_in": event_key(owner, item["added_by"]),
        "concluded_in": closing,
        "resolved_in": closing,
    }
    row: dict[str, Any] = defaultdict(lambda: None, {"id": item[key], **item, **events})
    row.update({new: row[old] for new, old in renames.items()})
    return shape._make(row[name] for name in shape._fields)


@strawberry.type(description="A mission as the record stood at a moment, corrections applied.")
class RecordedMission:
    mission_id: strawberry.ID = strawberry.field(description="The mission's id.")
    title: str = strawberry.field(description="Short title.")
    goal: str = strawberry.field(description="The bold, concrete goal.")
    status: MissionStatus = strawberry.field(description="Its status at that moment.")
    version: int = strawberry.field(description="How many events had been recorded by then.")
    approaches: list[Approach] = strawberry.field(description="Approaches adopted by then.")
    partners: list[Partner] = strawberry.field(description="Partners by then.")
    decisions: list[Decision] = strawberry.field(description="Decisions recorded by then.")
    iterations: list[Iteration] = strawberry.field(description="Iterations recorded by then.")
    roadblocks: list[Roadblock] = strawberry.field(description="Roadblocks recorded by then.")
    outcomes: list[Outcome] = strawberry.field(description="Outcome measurements by then.")
    spillovers: list[Spillover] = strawberry.field(description="Spillovers recorded by then.")

    @classmethod
    def of(cls, r: MissionRecord) -> RecordedMission:
        def rows(
            shape: type[GraphRow], items: dict[str, Item], key: str, **renames: str
        ) -> list[GraphRow]:
            return [_row(shape, r, item, key, **renames) for item in items.values()]

        return cls(
            mission_id=strawberry.ID(r.mission_id),
            title=r.title,
            goal=r.goal,
            status=MissionStatus(r.status),
            version=r.version,
            approaches=[Approach.of(a) for a in r.approaches],
            partners=[
                Partner.from_row(row)
                for row in rows(
                    PartnerRow, r.partners, "partner_id", left_on="closed_on", left_reason="reason"
                )
            ],
            decisions=[
                Decision.from_row(row) for row in rows(DecisionRow, r.decisions, "decision_id")
            ],
            iterations=[
                Iteration.from_row(row)
                for row in rows(
                    IterationRow,
                    r.iterations,
                    "iteration_id",
                    started_on="occurred_on",
                    concluded_on="closed_on",
                )
            ],
            roadblocks=[
                Roadblock.from_row(row)
                for row in rows(
                    RoadblockRow,
                    r.roadblocks,
                    "roadblock_id",
                    encountered_on="occurred_on",
                    resolved_on="closed_on",
                )
            ],
            outcomes=[Outcome.from_row(row) for row in rows(OutcomeRow, r.outcomes, "outcome_id")],
            spillovers=[
                Spillover.from_row(row) for row in rows(SpilloverRow, r.spillovers, "spillover_id")
            ],
        )


@strawberry.type(description="One active mission in a handover report.")
class HandoverMission:
    mission: RecordedMission = strawberry.field(description="The mission as then recorded.")
    open_roadblocks: list[Roadblock] = strawberry.field(description="Roadblocks still open.")
    last_decisions: list[Decision] = strawberry.field(
        description=f"The {LAST_DECISIONS} most recent decisions, newest first."
    )
    latest_outcomes: list[Outcome] = strawberry.field(
        description="The latest measurement of each indicator, against its target."
    )


@strawberry.type(name="Handover", description="What an incoming administration inherits.")
class HandoverType:
    day: date = strawberry.field(description="The day the administration takes office.")
    administration: Administration | None = strawberry.field(
        description="The administration in office that day, as then recorded."
    )
    missions: list[HandoverMission] = strawberry.field(
        description="Every mission still active (or renewed) that day."
    )

    @classmethod
    def of(cls, h: Handover) -> HandoverType:
        term = h.administration
        administration = (
            None
            if term is None
            else Administration(
                id=strawberry.ID(f"{h.city_id}/{term.administration_id}"),
                mayor=term.mayor,
                party=term.party,
                term_start=term.term_start,
                term_end=term.term_end,
            )
        )
        return cls(
            day=h.day, administration=administration, missions=[_handed(m) for m in h.missions]
        )


def _handed(record: MissionRecord) -> HandoverMission:
    recorded = RecordedMission.of(record)
    # "Latest" by when it happened, not by when it was recorded: a 2019 figure entered in
    # 2024 must not stand over a 2023 one.
    latest: dict[str, Outcome] = {}
    for item in in_time_order(record.outcomes.values()):
        latest[item["indicator"]] = Outcome.from_row(_row(OutcomeRow, record, item, "outcome_id"))
    decisions = in_time_order(record.decisions.values())[-LAST_DECISIONS:][::-1]
    return HandoverMission(
        mission=recorded,
        open_roadblocks=[r for r in recorded.roadblocks if r.resolution is None],
        last_decisions=[
            Decision.from_row(_row(DecisionRow, record, d, "decision_id")) for d in decisions
        ],
        latest_outcomes=list(latest.values()),
    )
