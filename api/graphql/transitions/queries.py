from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.cities.types import City
from api.graphql.context import Info, read
from api.graphql.transitions.types import TransitionType
from events.errors import NotFound
from graph.reads.transitions import transitions


@strawberry.type
class TransitionQueries:
    @strawberry.field(
        description="Each change of mayor in a city, oldest first, and what it meant for every "
        "mission: continued, paused, halted, renewed, achieved or closed."
    )
    async def transitions(
        self,
        info: Info,
        city_id: Annotated[strawberry.ID, strawberry.argument(description="The city.")],
    ) -> list[TransitionType]:
        found = await read(transitions, info.context.atlas.graph, city_id)
        # A city with a change of mayor is surely registered: only one without asks.
        if not found and await City.load(info, city_id) is None:
            raise NotFound(f"no city {city_id!r} is registered", "city_id")
        return TransitionType.all_of(found)
