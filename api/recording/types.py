from __future__ import annotations

from datetime import date
from typing import cast
from uuid import UUID

import strawberry
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Recording

from events.commands import CityCommand, Command, MissionCommand

ITEM_FIELDS = (
    "administration_id",
    "partner_id",
    "decision_id",
    "iteration_id",
    "roadblock_id",
    "outcome_id",
    "spillover_id",
)


@strawberry.type(name="RecordedEvent", description="An event that has been stored.")
class RecordedEvent:
    kind: str = strawberry.field(description="The kind of event, e.g. DecisionRecorded.")
    position: int = strawberry.field(description="Its position in the event store's log.")
    version: int = strawberry.field(description="Its version within the city or mission.")
    subject_id: strawberry.ID = strawberry.field(description="The city or mission it belongs to.")
    item_id: str | None = strawberry.field(
        description="The id of the item it recorded (decision, iteration...), to refer to later."
    )
    occurred_on: date | None = strawberry.field(description="Real-world date, if known.")
    recorded_at: str = strawberry.field(description="When it was stored (ISO 8601, UTC).")
    recorded_by: str = strawberry.field(description="Who recorded it.")
    source: str = strawberry.field(description="The citation it rests on.")
    projected: bool = strawberry.field(
        description="Whether queries already reflect it; false if the graph store is catching up."
    )

    @classmethod
    def of(cls, command: Command, recording: Recording[UUID], projected: bool) -> RecordedEvent:
        event = cast(Aggregate.Event, recording.domain_event)
        provenance = event.provenance  # type: ignore[attr-defined]
        subject = (
            command.mission_id
            if isinstance(command, MissionCommand)
            else (command.city_id if isinstance(command, CityCommand) else "")
        )
        item = next((getattr(event, f) for f in ITEM_FIELDS if hasattr(event, f)), None)
        return cls(
            kind=command.event,
            position=recording.notification.id,
            version=event.originator_version,
            subject_id=strawberry.ID(subject),
            item_id=item,
            occurred_on=provenance.occurred_on,
            recorded_at=event.timestamp.isoformat(),
            recorded_by=provenance.recorded_by,
            source=provenance.source,
            projected=projected,
        )
