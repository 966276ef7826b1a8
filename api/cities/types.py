from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info
from graph.port import Row

if TYPE_CHECKING:
    from api.missions.types import Mission


@strawberry.type(name="Administration", description="A term of office of a city's mayor or leader.")
class Administration:
    id: strawberry.ID = strawberry.field(description="Stable id: city id / administration id.")
    mayor: str = strawberry.field(description="Who held office.")
    party: str | None = strawberry.field(description="Their party, if any.")
    term_start: date = strawberry.field(description="First day in office.")
    term_end: date | None = strawberry.field(description="Last day in office; null while serving.")

    @classmethod
    def from_row(cls, row: Row) -> Administration:
        return cls(
            id=strawberry.ID(row["id"]),
            mayor=row["mayor"],
            party=row["party"],
            term_start=row["term_start"],
            term_end=row["term_end"],
        )

    def covers(self, day: date) -> bool:
        return self.term_start <= day and (self.term_end is None or day <= self.term_end)


@strawberry.type(name="City", description="A city (or borough, or city-region) that runs missions.")
class City:
    id: strawberry.ID = strawberry.field(description="Readable id, e.g. greater-manchester.")
    name: str = strawberry.field(description="The city's name.")
    country: str = strawberry.field(description="ISO 3166-1 alpha-2 country code.")
    wikidata_id: str | None = strawberry.field(description="The city's Wikidata item, if known.")

    @classmethod
    def from_row(cls, row: Row) -> City:
        return cls(
            id=strawberry.ID(row["id"]),
            name=row["name"],
            country=row["country"],
            wikidata_id=row["wikidata_id"],
        )

    @strawberry.field(description="The city's missions, by title.")
    async def missions(
        self, info: Info
    ) -> list[Annotated[Mission, strawberry.lazy("api.missions.types")]]:
        from api.missions.types import Mission

        rows = await info.context.loaders.missions_by_city.load(self.id)
        return [Mission.from_row(row) for row in rows]

    @strawberry.field(description="The city's administrations, oldest first.")
    async def administrations(self, info: Info) -> list[Administration]:
        rows = await info.context.loaders.administrations_by_city.load(self.id)
        return [Administration.from_row(row) for row in rows]
