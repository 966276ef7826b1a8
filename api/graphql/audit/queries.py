from __future__ import annotations

from datetime import date, datetime
from functools import partial
from typing import Annotated

import strawberry
from anyio import to_thread

from api.graphql.audit.types import AuditEntryType, HandoverType, RecordedMission
from api.graphql.cities.types import City
from api.graphql.context import Info, read
from api.graphql.missions.types import Mission
from api.graphql.pagination import AFTER, FIRST, Connection, decode_cursor, page_size
from events.audit import audit_trail
from events.errors import InvalidInput, NotFound
from events.history import end_of, handover, mission_as_of
from graph.reads.missions import missions_of_cities


@strawberry.type
class AuditQueries:
    @strawberry.field(
        description="Every stored event of a mission, oldest first, with its position, hash, "
        "dates, recorder, source, the administration in office, and the corrections "
        "linked to what they correct. Read from the event store itself."
    )
    async def audit_trail(
        self,
        info: Info,
        mission_id: Annotated[strawberry.ID, strawberry.argument(description="The mission.")],
        from_: Annotated[
            date | None,
            strawberry.argument(name="from", description="Recorded on or after this day."),
        ] = None,
        to: Annotated[
            date | None, strawberry.argument(description="Recorded on or before.")
        ] = None,
        first: Annotated[int | None, strawberry.argument(description=FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
    ) -> Connection[AuditEntryType]:
        size, last = page_size(first), decode_cursor("audit", after)
        entries = await to_thread.run_sync(
            partial(audit_trail, info.context.atlas.events, mission_id, from_, to)
        )
        mission = await Mission.load(info, mission_id)
        city_id = mission.city_id if mission else ""
        shown = [e for e in entries if last is None or e.version > int(last)][: size + 1]
        return Connection.of(
            "audit", [(str(e.version), AuditEntryType.of(e, city_id)) for e in shown], size
        )

    @strawberry.field(
        description="A mission as it was recorded at a moment: what could have been known then."
    )
    async def mission_as_of(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The mission's id.")],
        at: Annotated[
            datetime,
            strawberry.argument(description="The moment (ISO 8601, with its time zone)."),
        ],
    ) -> RecordedMission:
        if at.tzinfo is None:
            # Events are stamped in UTC; a moment without a zone could be any of 26 hours.
            raise InvalidInput("needs a time zone, such as 2024-01-31T12:00:00Z or +01:00", "at")
        try:
            record = await to_thread.run_sync(
                partial(mission_as_of, info.context.atlas.events, id, at)
            )
        except NotFound as error:
            raise NotFound(error.problem, "id") from error  # the argument's name
        return RecordedMission.of(record)

    @strawberry.field(
        description="The handover report for the day a new administration takes office: each "
        "active mission's status, open roadblocks, last decisions and latest outcomes against "
        "targets, from what happened up to that day (by real-world date), as the record knows "
        "it today with every correction applied, or as it stood at the end of that day."
    )
    async def handover(
        self,
        info: Info,
        city_id: Annotated[strawberry.ID, strawberry.argument(description="The city.")],
        day: Annotated[date, strawberry.argument(description="The day of the handover.")],
        as_known_then: Annotated[
            bool,
            strawberry.argument(
                description="Show the record as it stood at the end of that day (what the "
                "incoming administration could have read), not as it is known today."
            ),
        ] = False,
    ) -> HandoverType:
        if await City.load(info, city_id) is None:
            raise NotFound(f"no city {city_id!r} is registered", "city_id")
        (runs,) = await read(missions_of_cities, info.context.atlas.graph, [city_id])
        moment = end_of(day) if as_known_then else None
        missions = [mission.id for mission in runs]
        report = await to_thread.run_sync(
            partial(handover, info.context.atlas.events, city_id, day, missions, moment)
        )
        return HandoverType.of(report)
