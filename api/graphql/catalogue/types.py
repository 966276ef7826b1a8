from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.pagination import AFTER, FIRST, Connection, decode_cursor, page_size
from events.catalogue import APPROACHES, CAPABILITIES
from graph import cypher
from graph.port import Row

if TYPE_CHECKING:
    from api.graphql.cities.types import City
    from api.graphql.missions.types import Mission


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


async def _rows(info: Info, query: str, approach_id: str) -> list[Row]:
    return await info.context.loaders.rows_by_key(query).load(approach_id)


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

    @strawberry.field(description="The cities whose missions use this approach.")
    async def cities(
        self, info: Info
    ) -> list[Annotated[City, strawberry.lazy("api.graphql.cities.types")]]:
        from api.graphql.cities.types import City

        rows = await _rows(info, cypher.CITIES_BY_APPROACH, self.id)
        # Sorted here: not every store can order what it collects.
        cities = sorted((c for row in rows for c in row["cities"]), key=lambda c: str(c["id"]))
        return [City.from_row(city) for city in cities]

    @strawberry.field(description="How many missions use this approach.")
    async def mission_count(self, info: Info) -> int:
        return len(await _rows(info, cypher.APPROACH_MISSIONS, self.id))

    @strawberry.field(description="The missions that use this approach, by id.")
    async def missions(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description=FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
    ) -> Connection[Annotated[Mission, strawberry.lazy("api.graphql.missions.types")]]:
        from api.graphql.missions.types import Mission

        size, last = page_size(first), decode_cursor("mission", after)
        rows = [
            r
            for r in await _rows(info, cypher.APPROACH_MISSIONS, self.id)
            if last is None or r["id"] > last
        ]
        ids = [r["id"] for r in rows[: size + 1]]
        page = zip(ids, await Mission.load_many(info, ids), strict=True)
        return Connection.of("mission", [(k, m) for k, m in page if m is not None], size)

    @strawberry.field(description="How the iterations that tested this approach turned out.")
    async def iteration_results(self, info: Info) -> IterationResults:
        counts = {
            r["result"]: r["n"]
            for r in await _rows(info, cypher.APPROACH_ITERATION_RESULTS, self.id)
        }
        return IterationResults(
            worked=counts.get("worked", 0),
            did_not_work=counts.get("did_not_work", 0),
            mixed=counts.get("mixed", 0),
            open=counts.get(None, 0),
        )

    @strawberry.field(description="Indicators measured by missions using it, most measured first.")
    async def outcome_indicators(self, info: Info) -> list[IndicatorSummary]:
        rows = await _rows(info, cypher.APPROACH_OUTCOMES, self.id)
        return [
            IndicatorSummary(indicator=r["indicator"], kind=r["kind"], measurements=r["n"])
            for r in rows
        ]

    @strawberry.field(description="Roadblocks met by missions using it.")
    async def roadblocks(self, info: Info) -> RoadblockSummary:
        rows = await _rows(info, cypher.APPROACH_ROADBLOCKS, self.id)
        met, resolved = (rows[0]["met"], rows[0]["resolved"]) if rows else (0, 0)
        return RoadblockSummary(met=met, resolved=resolved, open=met - resolved)
