from __future__ import annotations

import strawberry

from api.context import Info
from api.missions.types import Mission


@strawberry.type
class MissionQueries:
    @strawberry.field(description="One mission by its id, or null if there is none.")
    async def mission(self, info: Info, id: strawberry.ID) -> Mission | None:
        row = await info.context.loaders.missions.load(id)
        return None if row is None else Mission.from_row(row)
