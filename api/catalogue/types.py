from __future__ import annotations

import strawberry

from events.catalogue import APPROACHES, CAPABILITIES


@strawberry.type(name="Capability", description="One of the four capabilities missions rely on.")
class Capability:
    id: strawberry.ID = strawberry.field(description="Stable id, e.g. city-as-orchestrator.")
    label: str = strawberry.field(description="Human-readable name.")
    definition: str = strawberry.field(description="What the capability means.")

    @classmethod
    def of(cls, capability_id: str) -> Capability:
        c = CAPABILITIES[capability_id]
        return cls(id=strawberry.ID(c.id), label=c.label, definition=c.definition)


@strawberry.type(name="Approach", description="An approach from the catalogue that missions adopt.")
class Approach:
    id: strawberry.ID = strawberry.field(description="Stable id, e.g. challenge-groups.")
    label: str = strawberry.field(description="Human-readable name.")
    definition: str = strawberry.field(description="What the approach is.")
    capability: Capability = strawberry.field(description="The capability it serves.")

    @classmethod
    def of(cls, approach_id: str) -> Approach:
        a = APPROACHES[approach_id]
        return cls(
            id=strawberry.ID(a.id),
            label=a.label,
            definition=a.definition,
            capability=Capability.of(a.capability),
        )
