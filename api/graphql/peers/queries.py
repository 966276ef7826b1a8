from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.cities.types import City
from api.graphql.context import Info, read
from api.graphql.pagination import page_size
from api.graphql.peers.types import Peer
from events.errors import NotFound
from graph.reads.peers import rank_peers

PEERS = 10  # shown when the caller does not say how many


@strawberry.type
class PeerQueries:
    @strawberry.field(
        description="Other cities ranked by the approaches, themes and capabilities they share "
        "with this one."
    )
    async def peers(
        self,
        info: Info,
        city_id: Annotated[
            strawberry.ID, strawberry.argument(description="The city looking for peers.")
        ],
        first: Annotated[
            int | None,
            strawberry.argument(description=f"How many of the best peers ({PEERS} if not given)."),
        ] = None,
    ) -> list[Peer]:
        size = PEERS if first is None else page_size(first)
        links = await read(rank_peers, info.context.atlas.graph, city_id)
        # A city with peers is surely registered: only one without asks whether it is.
        if not links and await City.load(info, city_id) is None:
            raise NotFound(f"no city {city_id!r} is registered", "city_id")
        return [Peer.of(link) for link in links[:size]]
