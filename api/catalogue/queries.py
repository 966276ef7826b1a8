from __future__ import annotations

import strawberry
from events.catalogue import APPROACHES

from api.catalogue.types import Approach


@strawberry.type
class CatalogueQueries:
    @strawberry.field(description="The catalogue of approaches missions can adopt.")
    def approaches(self) -> list[Approach]:
        return [Approach.of(approach_id) for approach_id in APPROACHES]
