"""What a mission holds: its decisions, iterations, roadblocks, outcomes, spillovers,
partners, instruments, status changes, and the timeline of events they came from."""

from __future__ import annotations

from datetime import date

import strawberry

from api.graphql.catalogue.types import Approach
from api.graphql.cities.types import Administration, administration_on
from api.graphql.context import Info
from api.graphql.enums import IndicatorKind, MissionStatus, Result, Sector
from events.dates import PartialDate
from graph.reads.events import EventRow
from graph.reads.learning import (
    DecisionRow,
    IterationRow,
    OutcomeRow,
    RoadblockRow,
    SpilloverRow,
)
from graph.reads.missions import InstrumentRow, PartnerRow, StatusChangeRow

RECORDED_IN = (
    "The event that recorded it: its source, who recorded it and its place in the log (the "
    "timeline's entry of the same id). Null only while the graph has yet to catch up with it."
)


async def recorded_event(info: Info, event_id: str | None) -> TimelineEvent | None:
    """The timeline event an item names as recording it, read in one batch per request."""
    if event_id is None:
        return None
    row = await info.context.loaders.event.load(event_id)
    return None if row is None else TimelineEvent.from_row(row)


def stored_date(day: date | None, precision: str | None) -> PartialDate | None:
    """A row's real-world date as precise as its source gave it."""
    if day is None:
        return None
    return PartialDate.stored(day, precision or "day")


@strawberry.type(name="Decision", description="A decision taken for a mission, and why.")
class Decision:
    id: strawberry.ID = strawberry.field(description="Stable id: mission id / decision id.")
    title: str = strawberry.field(description="What was decided.")
    rationale: str | None = strawberry.field(description="Why it was decided.")
    decided_by: str | None = strawberry.field(description="Who decided it.")
    in_force_from: date | None = strawberry.field(description="When it takes effect.")
    occurred_on: date | None = strawberry.field(
        description="When it was decided, if known: the earliest day it can mean when the "
        "source gave only a year or a month (see occurred)."
    )
    occurred: PartialDate | None = strawberry.field(
        description="When it was decided, as precise as the source gave it."
    )
    answers_roadblock_id: strawberry.ID | None = strawberry.field(
        description="The roadblock (mission id / roadblock id) it was taken in answer to, if any."
    )
    recording: strawberry.Private[str | None]

    @strawberry.field(description=RECORDED_IN)
    async def recorded_in(self, info: Info) -> TimelineEvent | None:
        return await recorded_event(info, self.recording)

    @classmethod
    def from_row(cls, r: DecisionRow) -> Decision:
        answers = r.answers_roadblock_id
        return cls(
            id=strawberry.ID(r.id),
            title=r.title,
            rationale=r.rationale,
            decided_by=r.decided_by,
            in_force_from=r.in_force_from,
            occurred_on=r.occurred_on,
            occurred=stored_date(r.occurred_on, r.occurred_precision),
            answers_roadblock_id=None if answers is None else strawberry.ID(answers),
            recording=r.recorded_in,
        )


@strawberry.type(name="Iteration", description="Something a mission tried, and how it went.")
class Iteration:
    id: strawberry.ID = strawberry.field(description="Stable id: mission id / iteration id.")
    title: str = strawberry.field(description="What was tried.")
    hypothesis: str | None = strawberry.field(description="What the team expected.")
    result: Result | None = strawberry.field(description="How it turned out; null while open.")
    why: str | None = strawberry.field(description="Why it turned out that way.")
    lessons: str | None = strawberry.field(description="What others should take from it.")
    started_on: date | None = strawberry.field(description="When it started, if known.")
    concluded_on: date | None = strawberry.field(description="When it concluded, if it has.")
    approach: Approach | None = strawberry.field(description="The approach it tested, if any.")
    recording: strawberry.Private[str | None]
    concluding: strawberry.Private[str | None]

    @strawberry.field(description=RECORDED_IN.replace("recorded it", "recorded its start"))
    async def recorded_in(self, info: Info) -> TimelineEvent | None:
        return await recorded_event(info, self.recording)

    @strawberry.field(description="The event that concluded it, in force; null while open.")
    async def concluded_in(self, info: Info) -> TimelineEvent | None:
        return await recorded_event(info, self.concluding)

    @classmethod
    def from_row(cls, r: IterationRow) -> Iteration:
        return cls(
            id=strawberry.ID(r.id),
            title=r.title,
            hypothesis=r.hypothesis,
            result=Result(r.result) if r.result else None,
            why=r.why,
            lessons=r.lessons,
            started_on=r.started_on,
            concluded_on=r.concluded_on,
            approach=Approach.of(r.approach_id) if r.approach_id else None,
            recording=r.recorded_in,
            concluding=r.concluded_in,
        )


@strawberry.type(name="Roadblock", description="Something that stood in a mission's way.")
class Roadblock:
    id: strawberry.ID = strawberry.field(description="Stable id: mission id / roadblock id.")
    description: str = strawberry.field(description="What stood in the way.")
    encountered_on: date | None = strawberry.field(description="When it was met, if known.")
    resolution: str | None = strawberry.field(description="How it was resolved; null if open.")
    resolved_on: date | None = strawberry.field(description="When it was resolved, if it was.")
    recording: strawberry.Private[str | None]
    resolving: strawberry.Private[str | None]

    @strawberry.field(description=RECORDED_IN.replace("recorded it", "recorded meeting it"))
    async def recorded_in(self, info: Info) -> TimelineEvent | None:
        return await recorded_event(info, self.recording)

    @strawberry.field(description="The event that resolved it, in force; null while open.")
    async def resolved_in(self, info: Info) -> TimelineEvent | None:
        return await recorded_event(info, self.resolving)

    @classmethod
    def from_row(cls, r: RoadblockRow) -> Roadblock:
        return cls(
            id=strawberry.ID(r.id),
            description=r.description,
            encountered_on=r.encountered_on,
            resolution=r.resolution,
            resolved_on=r.resolved_on,
            recording=r.recorded_in,
            resolving=r.resolved_in,
        )


@strawberry.type(name="Outcome", description="A measurement of an outcome indicator.")
class Outcome:
    id: strawberry.ID = strawberry.field(description="Stable id: mission id / outcome id.")
    indicator: str = strawberry.field(description="What was measured.")
    kind: IndicatorKind = strawberry.field(description="Capacity, net impact, units delivered...")
    value: float = strawberry.field(description="The measured value.")
    unit: str = strawberry.field(description="The unit of the value.")
    baseline: float | None = strawberry.field(description="The value before the mission.")
    target: float | None = strawberry.field(description="The value the mission aims for.")
    period_start: date | None = strawberry.field(description="Start of the period measured.")
    period_end: date | None = strawberry.field(description="End of the period measured.")
    measured_on: date | None = strawberry.field(description="When it was measured, if known.")
    recording: strawberry.Private[str | None]

    @strawberry.field(description=RECORDED_IN.replace("recorded it", "recorded the measurement"))
    async def recorded_in(self, info: Info) -> TimelineEvent | None:
        return await recorded_event(info, self.recording)

    @strawberry.field(
        description="Share of the way from baseline to target (0 at baseline, 1 at target); "
        "null without both."
    )
    def progress(self) -> float | None:
        if self.baseline is None or self.target is None or self.target == self.baseline:
            return None
        return (self.value - self.baseline) / (self.target - self.baseline)

    @classmethod
    def from_row(cls, r: OutcomeRow) -> Outcome:
        return cls(
            id=strawberry.ID(r.id),
            indicator=r.indicator,
            kind=IndicatorKind(r.kind),
            value=r.value,
            unit=r.unit,
            baseline=r.baseline,
            target=r.target,
            period_start=r.period_start,
            period_end=r.period_end,
            measured_on=r.occurred_on,
            recording=r.recorded_in,
        )


@strawberry.type(name="Spillover", description="An unexpected gain beyond the mission's aims.")
class Spillover:
    id: strawberry.ID = strawberry.field(description="Stable id: mission id / spillover id.")
    description: str = strawberry.field(description="What the gain was.")
    beneficiaries: str | None = strawberry.field(description="Who gained from it.")
    observed_on: date | None = strawberry.field(description="When it was observed, if known.")
    recording: strawberry.Private[str | None]

    @strawberry.field(description=RECORDED_IN)
    async def recorded_in(self, info: Info) -> TimelineEvent | None:
        return await recorded_event(info, self.recording)

    @classmethod
    def from_row(cls, r: SpilloverRow) -> Spillover:
        return cls(
            id=strawberry.ID(r.id),
            description=r.description,
            beneficiaries=r.beneficiaries,
            observed_on=r.occurred_on,
            recording=r.recorded_in,
        )


@strawberry.type(name="StatusChange", description="A change in where a mission stands.")
class StatusChange:
    status: MissionStatus = strawberry.field(description="The new status.")
    reason: str = strawberry.field(description="Why it changed.")
    occurred_on: date | None = strawberry.field(description="When it changed, if known.")

    @classmethod
    def from_row(cls, r: StatusChangeRow) -> StatusChange:
        return cls(status=MissionStatus(r.status), reason=r.reason, occurred_on=r.occurred_on)


@strawberry.type(name="Instrument", description="A named instrument that realises an approach.")
class Instrument:
    id: strawberry.ID = strawberry.field(description="Stable id of the adoption event.")
    name: str = strawberry.field(description="The instrument's name, e.g. a fund or a kit.")
    description: str | None = strawberry.field(description="How the mission uses it.")
    approach: Approach = strawberry.field(description="The approach it realises.")
    runs_until: date | None = strawberry.field(
        description="The last day it runs, as its latest extension set it, if one did."
    )
    ended_on: date | None = strawberry.field(
        description="When it ended, if it did and the day is known."
    )
    end_reason: str | None = strawberry.field(description="Why it ended, if known.")

    @classmethod
    def from_row(cls, r: InstrumentRow) -> Instrument:
        return cls(
            id=strawberry.ID(r.id),
            name=r.name,
            description=r.description,
            approach=Approach.of(r.approach_id),
            runs_until=r.runs_until,
            ended_on=r.ended_on,
            end_reason=r.end_reason,
        )


@strawberry.type(name="Partner", description="An organisation or group taking part in a mission.")
class Partner:
    id: strawberry.ID = strawberry.field(description="Stable id: mission id / partner id.")
    name: str = strawberry.field(description="The partner's name.")
    sector: Sector = strawberry.field(description="The sector it comes from.")
    role: str | None = strawberry.field(description="What it does in the mission.")
    left_on: date | None = strawberry.field(
        description="When it left the mission, if it did and the day is known."
    )
    left_reason: str | None = strawberry.field(description="Why it left, if known.")

    @classmethod
    def from_row(cls, r: PartnerRow) -> Partner:
        return cls(
            id=strawberry.ID(r.id),
            name=r.name,
            sector=Sector(r.sector),
            role=r.role,
            left_on=r.left_on,
            left_reason=r.left_reason,
        )


@strawberry.type(name="TimelineEvent", description="One recorded event in a mission's history.")
class TimelineEvent:
    id: strawberry.ID = strawberry.field(description="Stable id: mission id @ version.")
    kind: str = strawberry.field(description="The kind of event, e.g. DecisionRecorded.")
    position: int = strawberry.field(description="Position in the event store's log.")
    occurred_on: date | None = strawberry.field(
        description="Real-world date, if known; the earliest day it can mean when the source "
        "gave only a year or a month (see occurred)."
    )
    occurred: PartialDate | None = strawberry.field(
        description="Real-world date as precise as the source gave it: YYYY, YYYY-MM or YYYY-MM-DD."
    )
    recorded_at: str = strawberry.field(description="When it was recorded (ISO 8601, UTC).")
    recorded_by: str = strawberry.field(description="Who recorded it.")
    source: str = strawberry.field(description="The citation it rests on.")
    summary: str = strawberry.field(description="One line saying what happened.")
    retracted_by: str | None = strawberry.field(
        description="The correction that withdrew this event from the corrected view, if any."
    )
    retraction_reason: str | None = strawberry.field(description="Why it was withdrawn.")
    superseded_by: str | None = strawberry.field(
        description="The event that replaced it, if the correction named one."
    )
    city_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, r: EventRow) -> TimelineEvent:
        return cls(
            id=strawberry.ID(r.id),
            kind=r.kind,
            position=r.position,
            occurred_on=r.occurred_on,
            occurred=stored_date(r.occurred_on, r.occurred_precision),
            recorded_at=r.recorded_at,
            recorded_by=r.recorded_by,
            source=r.source,
            summary=r.summary,
            retracted_by=r.retracted_by,
            retraction_reason=r.retraction_reason,
            superseded_by=r.superseded_by,
            city_id=r.city_id,
        )

    @strawberry.field(description="The administration in office when it happened, if known.")
    async def administration(self, info: Info) -> Administration | None:
        return await administration_on(info, self.city_id, self.occurred)
