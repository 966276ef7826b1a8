from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.catalogue.types import Approach
from api.cities.types import Administration
from api.context import Info
from api.enums import MissionStatus, Sector
from graph.port import Row

if TYPE_CHECKING:
    from api.cities.types import City


@strawberry.type(name="Instrument", description="A named instrument that realises an approach.")
class Instrument:
    id: strawberry.ID = strawberry.field(description="Stable id of the adoption event.")
    name: str = strawberry.field(description="The instrument's name, e.g. a fund or a kit.")
    description: str | None = strawberry.field(description="How the mission uses it.")
    approach: Approach = strawberry.field(description="The approach it realises.")


@strawberry.type(name="Partner", description="An organisation or group taking part in a mission.")
class Partner:
    id: strawberry.ID = strawberry.field(description="Stable id: mission id / partner id.")
    name: str = strawberry.field(description="The partner's name.")
    sector: Sector = strawberry.field(description="The sector it comes from.")
    role: str | None = strawberry.field(description="What it does in the mission.")


@strawberry.type(name="TimelineEvent", description="One recorded event in a mission's history.")
class TimelineEvent:
    id: strawberry.ID = strawberry.field(description="Stable id: mission id @ version.")
    kind: str = strawberry.field(description="The kind of event, e.g. DecisionRecorded.")
    position: int = strawberry.field(description="Position in the event store's log.")
    occurred_on: date | None = strawberry.field(description="Real-world date, if known.")
    recorded_at: str = strawberry.field(description="When it was recorded (ISO 8601, UTC).")
    recorded_by: str = strawberry.field(description="Who recorded it.")
    source: str = strawberry.field(description="The citation it rests on.")
    summary: str = strawberry.field(description="One line saying what happened.")
    city_id: strawberry.Private[str]

    @strawberry.field(description="The administration in office when it happened, if known.")
    async def administration(self, info: Info) -> Administration | None:
        if self.occurred_on is None:
            return None
        rows = await info.context.loaders.administrations_by_city.load(self.city_id)
        terms = [Administration.from_row(row) for row in rows]
        return next((t for t in terms if t.covers(self.occurred_on)), None)


@strawberry.type(name="Mission", description="A city's bold, long-horizon, cross-sector goal.")
class Mission:
    id: strawberry.ID = strawberry.field(description="Readable id, e.g. gm-retrofit.")
    title: str = strawberry.field(description="Short title.")
    goal: str = strawberry.field(description="The bold, concrete goal.")
    theme: str = strawberry.field(description="The challenge it addresses.")
    horizon_year: int | None = strawberry.field(description="The year the goal is due, if set.")
    status: MissionStatus = strawberry.field(description="Where the mission stands now.")
    launched_on: date | None = strawberry.field(description="When it was launched, if known.")
    city_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: Row) -> Mission:
        return cls(
            id=strawberry.ID(row["id"]),
            title=row["title"],
            goal=row["goal"],
            theme=row["theme"],
            horizon_year=row["horizon_year"],
            status=MissionStatus(row["status"]),
            launched_on=row["launched_on"],
            city_id=row["city_id"],
        )

    @strawberry.field(description="The city that runs the mission.")
    async def city(self, info: Info) -> Annotated[City, strawberry.lazy("api.cities.types")]:
        from api.cities.types import City

        row = await info.context.loaders.cities.load(self.city_id)
        assert row is not None  # a mission's city is projected before the mission
        return City.from_row(row)

    @strawberry.field(description="The approaches the mission has adopted.")
    async def approaches(self, info: Info) -> list[Approach]:
        rows = await info.context.loaders.approaches_by_mission.load(self.id)
        return [Approach.of(row["id"]) for row in rows]

    @strawberry.field(description="Named instruments: funds, kits, procurement, budgets.")
    async def instruments(self, info: Info) -> list[Instrument]:
        rows = await info.context.loaders.instruments_by_mission.load(self.id)
        return [
            Instrument(
                id=strawberry.ID(r["id"]),
                name=r["name"],
                description=r["description"],
                approach=Approach.of(r["approach_id"]),
            )
            for r in rows
        ]

    @strawberry.field(description="The partners taking part, by name.")
    async def partners(self, info: Info) -> list[Partner]:
        rows = await info.context.loaders.partners_by_mission.load(self.id)
        return [
            Partner(
                id=strawberry.ID(r["id"]),
                name=r["name"],
                sector=Sector(r["sector"]),
                role=r["role"],
            )
            for r in rows
        ]

    @strawberry.field(description="Every recorded event of the mission, in the order recorded.")
    async def timeline(self, info: Info) -> list[TimelineEvent]:
        rows = await info.context.loaders.timeline_by_mission.load(self.id)
        return [
            TimelineEvent(
                id=strawberry.ID(r["id"]),
                kind=r["kind"],
                position=r["position"],
                occurred_on=r["occurred_on"],
                recorded_at=r["recorded_at"],
                recorded_by=r["recorded_by"],
                source=r["source"],
                summary=r["summary"],
                city_id=self.city_id,
            )
            for r in rows
        ]
