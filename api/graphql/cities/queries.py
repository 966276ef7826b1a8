from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.cities.types import City
from api.graphql.context import Info, read
from api.graphql.lookahead import below, selects
from api.graphql.missions.lists import city_with_missions
from graph.reads.cities import all_cities, cities_with_administrations


@strawberry.type
class CityQueries:
    @strawberry.field(description="Every city in the atlas, by name.")
    async def cities(self, info: Info) -> list[City]:
        store = info.context.atlas.graph
        if not selects(info, "administrations"):
            return [City.from_row(row) for row in await read(all_cities, store)]
        found = await read(cities_with_administrations, store)
        # What `City.administrations` would read next: it reads none.
        loader = info.context.loaders.administrations_of_city
        for city, terms in found:
            loader.prime(city.id, terms)
        return [City.from_row(city) for city, _ in found]

    @strawberry.field(description="One city by its id, or null if there is none.")
    async def city(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The city's id.")],
    ) -> City | None:
        missions = below(info.selected_fields, "missions")
        if len(missions) != 1:  # none, or several selections each with its own lists
            return await City.load(info, id)
        row = await city_with_missions(info, id, missions[0])
        return None if row is None else City.from_row(row)
