from __future__ import annotations

import asyncio

import strawberry

from api.graphql.catalogue.types import Approach
from api.graphql.context import Info
from api.graphql.lookahead import selects
from events.catalogue import APPROACHES


@strawberry.type
class CatalogueQueries:
    @strawberry.field(description="The catalogue of approaches missions can adopt.")
    async def approaches(self, info: Info) -> list[Approach]:
        if selects(info, "cities"):
            # The one read their `cities` would make, made before they are reached, so that
            # each finds its list held (api.graphql.held). A failed read is left in the
            # loader: each `cities` meets it there and reports it at its own path, as before.
            loader = info.context.loaders.cities_of_approach
            await asyncio.gather(*map(loader.load, APPROACHES), return_exceptions=True)
        return [Approach.of(approach_id) for approach_id in APPROACHES]
