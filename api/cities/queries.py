from __future__ import annotations

from typing import Annotated

import strawberry

from api.cities.types import City
from api.context import Info, read
from graph import cypher


@strawberry.type
class CityQueries:
    @strawberry.field(description="Every city in the atlas, by name.")
    async def cities(self, info: Info) -> list[City]:
        return [City.from_row(row) for row in await read(info.context.atlas.graph, cypher.CITIES)]

    @strawberry.field(description="One city by its id, or null if there is none.")
    async def city(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The city's id.")],
    ) -> City | None:
        return await City.load(info, id)
