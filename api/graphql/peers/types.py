from __future__ import annotations

import strawberry

from api.graphql.catalogue.types import Approach, Capability
from api.graphql.cities.types import City
from graph.reads.cities import CityRow
from graph.reads.peers import PeerLink


@strawberry.type(name="Peer", description="Another city worth learning from, and why.")
class Peer:
    score: int = strawberry.field(
        description="Rank score: 3 per shared approach, 1 per shared theme, "
        "1 per capability shared through different approaches."
    )
    reason: str = strawberry.field(description="The reason for the rank, in words.")
    shared_approaches: list[Approach] = strawberry.field(
        description="Approaches both cities' missions have adopted."
    )
    shared_themes: list[str] = strawberry.field(description="Themes both cities' missions address.")
    shared_capabilities: list[Capability] = strawberry.field(
        description="Capabilities both cities use through different approaches."
    )
    city_row: strawberry.Private[CityRow]

    @classmethod
    def of(cls, link: PeerLink) -> Peer:
        return cls(
            score=link.score,
            reason=link.reason,
            shared_approaches=[Approach.of(s.id) for s in link.approaches],
            shared_themes=[s.id for s in link.themes],
            shared_capabilities=[Capability.of(s.id) for s in link.capabilities],
            city_row=link.city,
        )

    @strawberry.field(description="The peer city.")
    def city(self) -> City:
        return City.from_row(self.city_row)
