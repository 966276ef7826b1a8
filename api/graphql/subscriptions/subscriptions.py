from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry

from api.graphql.cities.types import City
from api.graphql.context import Info
from api.graphql.missions.items import TimelineEvent
from events.errors import NotFound


@strawberry.type(description="Live news of the record, as it reaches the graph.")
class Subscription:
    @strawberry.subscription(
        description="Events of a city and of its missions, as soon as they are in the graph."
    )
    async def event_recorded(
        self,
        info: Info,
        city_id: Annotated[strawberry.ID, strawberry.argument(description="The city to follow.")],
    ) -> AsyncGenerator[TimelineEvent, None]:
        if await City.load(info, city_id) is None:
            raise NotFound(f"no city {city_id!r} is registered", "city_id")
        async with info.context.feed.subscribe() as queue:
            while True:
                row = await queue.get()
                if row.city_id == city_id:
                    yield TimelineEvent.from_row(row)
