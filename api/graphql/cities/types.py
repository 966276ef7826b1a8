from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.held import HeldList
from api.graphql.loaders import Loaders
from events.dates import PartialDate
from graph.reads.cities import AdministrationRow, CityRow

if TYPE_CHECKING:
    from api.graphql.missions.types import Mission


@strawberry.type(name="Administration", description="A term of office of a city's mayor or leader.")
class Administration:
    id: strawberry.ID = strawberry.field(description="Stable id: city id / administration id.")
    mayor: str = strawberry.field(description="Who held office.")
    party: str | None = strawberry.field(description="Their party, if any.")
    term_start: date = strawberry.field(description="First day in office.")
    term_end: date | None = strawberry.field(description="Last day in office; null while serving.")

    @classmethod
    def from_row(cls, row: AdministrationRow) -> Administration:
        return cls(
            id=strawberry.ID(row.id),
            mayor=row.mayor,
            party=row.party,
            term_start=row.term_start,
            term_end=row.term_end,
        )

    def covers(self, day: date) -> bool:
        return self.term_start <= day and (self.term_end is None or day <= self.term_end)


async def administration_on(
    info: Info, city_id: str, day: date | PartialDate | None
) -> Administration | None:
    """The administration of ``city_id`` in office on ``day``, if the record knows one. For a
    year or a month, only one in office from its first day to its last: a year that saw a
    change of mayor does not say under whom something happened."""
    if day is None:
        return None
    first, last = (day.earliest, day.latest) if isinstance(day, PartialDate) else (day, day)
    rows = await info.context.loaders.administrations_of_city.load(city_id)
    # Rows come by term start: on a handover day the one taking office answers.
    in_office = [
        a for a in map(Administration.from_row, rows) if a.covers(first) and a.covers(last)
    ]
    return in_office[-1] if in_office else None


# Read with every city when `cities` selects them (api.graphql.cities.queries): held by then.
ADMINISTRATIONS: HeldList[Loaders, AdministrationRow, Administration] = HeldList(
    lambda loaders: loaders.administrations_of_city,
    Administration.from_row,
    same=frozenset(("id", "mayor", "party", "term_start", "term_end")),
)


@strawberry.type(name="City", description="A city (or borough, or city-region) that runs missions.")
class City:
    id: strawberry.ID = strawberry.field(description="Readable id, e.g. greater-manchester.")
    name: str = strawberry.field(description="The city's name.")
    country: str = strawberry.field(description="ISO 3166-1 alpha-2 country code.")
    wikidata_id: str | None = strawberry.field(description="The city's Wikidata item, if known.")
    version: int = strawberry.field(
        description="How many events the city has; give it as expectedVersion to guard a write."
    )

    @classmethod
    def from_row(cls, row: CityRow) -> City:
        return cls(
            id=strawberry.ID(row.id),
            name=row.name,
            country=row.country,
            wikidata_id=row.wikidata_id,
            version=row.version,
        )

    @classmethod
    async def load(cls, info: Info, city_id: str) -> City | None:
        row = await info.context.loaders.city.load(city_id)
        return None if row is None else cls.from_row(row)

    @strawberry.field(description="The city's missions, by title.")
    async def missions(
        self, info: Info
    ) -> list[Annotated[Mission, strawberry.lazy("api.graphql.missions.types")]]:
        from api.graphql.missions.lists import missions_of
        from api.graphql.missions.types import Mission

        return [Mission.from_row(row) for row in await missions_of(info, self.id)]

    @strawberry.field(
        description="The city's administrations, oldest first.", metadata=ADMINISTRATIONS.metadata
    )
    async def administrations(self, info: Info) -> list[Administration]:
        return await ADMINISTRATIONS.resolve(self, info)
