from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.held import HeldList
from api.graphql.loaders import Loaders
from api.graphql.pagination import AFTER, FIRST, Connection, decode_cursor, page_size
from events.catalogue import APPROACHES, CAPABILITIES
from graph.reads.cities import CityRow

if TYPE_CHECKING:
    from api.graphql.cities.types import City
    from api.graphql.missions.types import Mission


def _city(row: CityRow) -> City:
    from api.graphql.cities.types import City  # which imports this module

    return City.from_row(row)


# Read for every approach before they are reached when `approaches` selects them
# (api.graphql.catalogue.queries): held by then.
CITIES: HeldList[Loaders, CityRow, City] = HeldList(
    lambda loaders: loaders.cities_of_approach,
    _city,
    same=frozenset(("id", "name", "country", "wikidata_id", "version")),
)


@strawberry.type(name="Capability", description="One of the four capabilities missions rely on.")
class Capability:
    id: strawberry.ID = strawberry.field(description="Stable id, e.g. city-as-orchestrator.")
    label: str = strawberry.field(description="Human-readable name.")
    definition: str = strawberry.field(description="What the capability means.")

    @classmethod
    def of(cls, capability_id: str) -> Capability:
        c = CAPABILITIES[capability_id]
        return cls(id=strawberry.ID(c.id), label=c.label, definition=c.definition)


@strawberry.type(description="How the iterations that tested an approach turned out.")
class IterationResults:
    worked: int = strawberry.field(description="Iterations that worked.")
    did_not_work: int = strawberry.field(description="Iterations that did not work.")
    mixed: int = strawberry.field(description="Iterations with mixed results.")
    open: int = strawberry.field(description="Iterations not concluded yet.")


@strawberry.type(description="An indicator measured by missions using an approach.")
class IndicatorSummary:
    indicator: str = strawberry.field(description="What was measured.")
    kind: str = strawberry.field(description="capacity, net_impact, units_delivered or other.")
    measurements: int = strawberry.field(description="How many measurements were recorded.")


@strawberry.type(description="The roadblocks met by missions using an approach.")
class RoadblockSummary:
    met: int = strawberry.field(description="Roadblocks met.")
    resolved: int = strawberry.field(description="Of those, resolved.")
    open: int = strawberry.field(description="Of those, still open.")


@strawberry.type(name="Approach", description="An approach from the catalogue that missions adopt.")
class Approach:
    id: strawberry.ID = strawberry.field(description="Stable id, e.g. challenge-groups.")
    label: str = strawberry.field(description="Human-readable name.")
    definition: str = strawberry.field(description="What the approach is.")
    capability: Capability = strawberry.field(description="The capability it serves.")

    @classmethod
    def of(cls, approach_id: str) -> Approach:
        a = APPROACHES[approach_id]
        return cls(
            id=strawberry.ID(a.id),
            label=a.label,
            definition=a.definition,
            capability=Capability.of(a.capability),
        )

    @strawberry.field(
        description="The cities whose missions use this approach.", metadata=CITIES.metadata
    )
    async def cities(
        self, info: Info
    ) -> list[Annotated[City, strawberry.lazy("api.graphql.cities.types")]]:
        return await CITIES.resolve(self, info)

    @strawberry.field(description="How many missions use this approach.")
    async def mission_count(self, info: Info) -> int:
        return len(await info.context.loaders.missions_of_approach.load(self.id))

    @strawberry.field(description="The missions that use this approach, by id.")
    async def missions(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description=FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
    ) -> Connection[Annotated[Mission, strawberry.lazy("api.graphql.missions.types")]]:
        from api.graphql.missions.types import Mission

        size, last = page_size(first), decode_cursor("mission", after)
        using = await info.context.loaders.missions_of_approach.load(self.id)
        ids = [mission_id for mission_id in using if last is None or mission_id > last][: size + 1]
        page = zip(ids, await Mission.load_many(info, ids), strict=True)
        return Connection.of("mission", [(k, m) for k, m in page if m is not None], size)

    @strawberry.field(description="How the iterations that tested this approach turned out.")
    async def iteration_results(self, info: Info) -> IterationResults:
        results = await info.context.loaders.iteration_results_of_approach.load(self.id)
        return IterationResults(
            worked=results.worked,
            did_not_work=results.did_not_work,
            mixed=results.mixed,
            open=results.open,
        )

    @strawberry.field(description="Indicators measured by missions using it, most measured first.")
    async def outcome_indicators(self, info: Info) -> list[IndicatorSummary]:
        rows = await info.context.loaders.indicators_of_approach.load(self.id)
        return [
            IndicatorSummary(indicator=r.indicator, kind=r.kind, measurements=r.measurements)
            for r in rows
        ]

    @strawberry.field(description="Roadblocks met by missions using it.")
    async def roadblocks(self, info: Info) -> RoadblockSummary:
        count = await info.context.loaders.roadblocks_of_approach.load(self.id)
        return RoadblockSummary(
            met=count.met, resolved=count.resolved, open=count.met - count.resolved
        )
