from __future__ import annotations

import strawberry

from api.graphql.catalogue.types import Approach
from events.catalogue import APPROACHES


@strawberry.type
class CatalogueQueries:
    @strawberry.field(description="The catalogue of approaches missions can adopt.")
    def approaches(self) -> list[Approach]:
        return [Approach.of(approach_id) for approach_id in APPROACHES]
