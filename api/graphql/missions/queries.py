from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.missions.types import Mission


@strawberry.type
class MissionQueries:
    @strawberry.field(description="One mission by its id, or null if there is none.")
    async def mission(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The mission's id.")],
    ) -> Mission | None:
        return await Mission.load(info, id)
