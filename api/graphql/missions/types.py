from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.catalogue.types import Approach
from api.graphql.context import Info
from api.graphql.enums import MissionStatus
from api.graphql.held import HeldList
from api.graphql.loaders import Loaders
from api.graphql.missions.items import (
    Decision,
    Instrument,
    Iteration,
    Outcome,
    Partner,
    Roadblock,
    Spillover,
    StatusChange,
    TimelineEvent,
)
from graph.reads.learning import DecisionRow, IterationRow, RoadblockRow
from graph.reads.missions import MissionRow

if TYPE_CHECKING:
    from api.graphql.cities.types import City

# The lists a city's missions may be read with (api.graphql.missions.lists), each through one
# loader: the request then holds them before their fields are reached.
APPROACHES: HeldList[Loaders, str, Approach] = HeldList(
    lambda loaders: loaders.approaches_of_mission, Approach.of
)
DECISIONS: HeldList[Loaders, DecisionRow, Decision] = HeldList(
    lambda loaders: loaders.decisions_of_mission,
    Decision.from_row,
    same=frozenset(
        {"id", "title", "rationale", "decided_by", "in_force_from", "occurred_on"}
        | {"answers_roadblock_id"}
    ),
)
ITERATIONS: HeldList[Loaders, IterationRow, Iteration] = HeldList(
    lambda loaders: loaders.iterations_of_mission,
    Iteration.from_row,  # an unknown result or approach is an error: its rows never answer
)
ROADBLOCKS: HeldList[Loaders, RoadblockRow, Roadblock] = HeldList(
    lambda loaders: loaders.roadblocks_of_mission,
    Roadblock.from_row,
    same=frozenset(("id", "description", "encountered_on", "resolution", "resolved_on")),
)


@strawberry.type(name="Mission", description="A city's bold, long-horizon, cross-sector goal.")
class Mission:
    id: strawberry.ID = strawberry.field(description="Readable id, e.g. gm-retrofit.")
    title: str = strawberry.field(description="Short title.")
    goal: str = strawberry.field(description="The bold, concrete goal.")
    theme: str = strawberry.field(description="The challenge it addresses.")
    horizon_year: int | None = strawberry.field(description="The year the goal is due, if set.")
    status: MissionStatus = strawberry.field(description="Where the mission stands now.")
    launched_on: date | None = strawberry.field(description="When it was launched, if known.")
    version: int = strawberry.field(
        description="How many events the mission has; give it as expectedVersion to guard a write."
    )
    city_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: MissionRow) -> Mission:
        return cls(
            id=strawberry.ID(row.id),
            title=row.title,
            goal=row.goal,
            theme=row.theme,
            horizon_year=row.horizon_year,
            status=MissionStatus(row.status),
            launched_on=row.launched_on,
            version=row.version,
            city_id=row.city_id,
        )

    @classmethod
    async def load(cls, info: Info, mission_id: str) -> Mission | None:
        row = await info.context.loaders.mission.load(mission_id)
        return None if row is None else cls.from_row(row)

    @classmethod
    async def load_many(cls, info: Info, mission_ids: list[str]) -> list[Mission | None]:
        """Many missions in one read: awaiting ``load`` in a loop would read one at a time."""
        rows = await info.context.loaders.mission.load_many(mission_ids)
        return [None if row is None else cls.from_row(row) for row in rows]

    @strawberry.field(description="The city that runs the mission.")
    async def city(
        self, info: Info
    ) -> Annotated[City, strawberry.lazy("api.graphql.cities.types")]:
        from api.graphql.cities.types import City

        city = await City.load(info, self.city_id)
        assert city is not None  # a mission's city is projected before the mission
        return city

    @strawberry.field(
        description="The approaches the mission has adopted.", metadata=APPROACHES.metadata
    )
    async def approaches(self, info: Info) -> list[Approach]:
        return await APPROACHES.resolve(self, info)

    @strawberry.field(description="Named instruments: funds, kits, procurement, budgets.")
    async def instruments(self, info: Info) -> list[Instrument]:
        rows = await info.context.loaders.instruments_of_mission.load(self.id)
        return [Instrument.from_row(r) for r in rows]

    @strawberry.field(description="The partners taking part, by name.")
    async def partners(self, info: Info) -> list[Partner]:
        rows = await info.context.loaders.partners_of_mission.load(self.id)
        return [Partner.from_row(r) for r in rows]

    @strawberry.field(description="Decisions taken, oldest first.", metadata=DECISIONS.metadata)
    async def decisions(self, info: Info) -> list[Decision]:
        return await DECISIONS.resolve(self, info)

    @strawberry.field(description="Iterations tried, oldest first.", metadata=ITERATIONS.metadata)
    async def iterations(self, info: Info) -> list[Iteration]:
        return await ITERATIONS.resolve(self, info)

    @strawberry.field(description="Roadblocks met, oldest first.", metadata=ROADBLOCKS.metadata)
    async def roadblocks(self, info: Info) -> list[Roadblock]:
        return await ROADBLOCKS.resolve(self, info)

    @strawberry.field(description="Outcome measurements against their targets, oldest first.")
    async def outcomes(self, info: Info) -> list[Outcome]:
        rows = await info.context.loaders.outcomes_of_mission.load(self.id)
        return [Outcome.from_row(r) for r in rows]

    @strawberry.field(description="Spillovers observed, oldest first.")
    async def spillovers(self, info: Info) -> list[Spillover]:
        rows = await info.context.loaders.spillovers_of_mission.load(self.id)
        return [Spillover.from_row(r) for r in rows]

    @strawberry.field(description="Every change of status, oldest first.")
    async def status_history(self, info: Info) -> list[StatusChange]:
        rows = await info.context.loaders.status_changes_of_mission.load(self.id)
        return [StatusChange.from_row(r) for r in rows]

    @strawberry.field(description="Every recorded event of the mission, in the order recorded.")
    async def timeline(self, info: Info) -> list[TimelineEvent]:
        rows = await info.context.loaders.timeline_of_mission.load(self.id)
        return [TimelineEvent.from_row(r) for r in rows]
