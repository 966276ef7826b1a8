from __future__ import annotations

from datetime import date
from typing import cast
from uuid import UUID

import strawberry
from eventsourcing.domain import Aggregate, DomainEventProtocol

from events.commands import Command
from events.kinds import item_of
from events.unit_of_work import subject_id


@strawberry.type(name="RecordedEvent", description="An event that has been stored.")
class RecordedEvent:
    kind: str = strawberry.field(description="The kind of event, e.g. DecisionRecorded.")
    position: int = strawberry.field(description="Its position in the event store's log.")
    version: int = strawberry.field(description="Its version within the city or mission.")
    subject_id: strawberry.ID = strawberry.field(description="The city or mission it belongs to.")
    item_id: str | None = strawberry.field(
        description="The id of the item it recorded (decision, iteration...), to refer to later."
    )
    event_id: str | None = strawberry.field(description="The id the sender chose, if any.")
    occurred_on: date | None = strawberry.field(description="Real-world date, if known.")
    recorded_at: str = strawberry.field(description="When it was stored (ISO 8601, UTC).")
    recorded_by: str = strawberry.field(description="Who recorded it.")
    source: str = strawberry.field(description="The citation it rests on.")
    projected: bool = strawberry.field(
        description="Whether queries already reflect it; false if the graph store is catching up."
    )
    replayed: bool = strawberry.field(
        description="True when the eventId was already stored: this is that event, unchanged."
    )

    @classmethod
    def of(
        cls,
        command: Command,
        stored: DomainEventProtocol[UUID],
        position: int,
        projected: bool,
        replayed: bool,
    ) -> RecordedEvent:
        event = cast(Aggregate.Event, stored)
        provenance = event.provenance  # type: ignore[attr-defined]
        item = item_of(event)
        return cls(
            kind=command.event,
            position=position,
            version=event.originator_version,
            subject_id=strawberry.ID(subject_id(command)),
            item_id=item,
            event_id=provenance.event_id,
            occurred_on=provenance.occurred_on,
            recorded_at=event.timestamp.isoformat(),
            recorded_by=provenance.recorded_by,
            source=provenance.source,
            projected=projected,
            replayed=replayed,
        )
