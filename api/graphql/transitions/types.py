from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from api.graphql.cities.types import Administration
from api.graphql.missions.items import Decision, Roadblock
from graph.reads.transitions import MissionFate, Transition


@strawberry.enum(description="What became of a mission when a new administration took office.")
class Fate(Enum):
    CONTINUED = "continued"
    PAUSED = "paused"
    HALTED = "halted"
    RENEWED = "renewed"
    ACHIEVED = "achieved"
    CLOSED = "closed"


@strawberry.type(description="One mission across one change of administration.")
class MissionTransition:
    mission_id: strawberry.ID = strawberry.field(description="The mission's id.")
    title: str = strawberry.field(description="The mission's title.")
    fate: Fate = strawberry.field(
        description="Its first change of status under the new administration, or CONTINUED."
    )
    reason: str | None = strawberry.field(description="The reason given for that change.")
    changed_on: date | None = strawberry.field(description="When that change happened.")
    decisions_before: list[Decision] = strawberry.field(
        description="The last decisions taken before the change, oldest first."
    )
    decisions_after: list[Decision] = strawberry.field(
        description="The first decisions taken after the change, oldest first."
    )
    roadblocks_carried_over: list[Roadblock] = strawberry.field(
        description="Roadblocks met before the change and still open on the day."
    )
    administrations_survived: int = strawberry.field(
        description="How many administrations the mission has lived through, up to a final halt."
    )

    @classmethod
    def of(cls, fate: MissionFate) -> MissionTransition:
        return cls(
            mission_id=strawberry.ID(fate.mission_id),
            title=fate.title,
            fate=Fate(fate.outcome),
            reason=fate.reason,
            changed_on=fate.changed_on,
            decisions_before=[Decision.from_row(r) for r in fate.decisions_before],
            decisions_after=[Decision.from_row(r) for r in fate.decisions_after],
            roadblocks_carried_over=[Roadblock.from_row(r) for r in fate.roadblocks_carried_over],
            administrations_survived=fate.administrations_survived,
        )


@strawberry.type(
    name="Transition", description="A change of mayor, and what it meant for missions."
)
class TransitionType:
    on: date = strawberry.field(description="The day the new administration took office.")
    outgoing: Administration = strawberry.field(description="The administration that left.")
    incoming: Administration = strawberry.field(description="The administration that came in.")
    missions: list[MissionTransition] = strawberry.field(
        description="Every mission alive on the day, and what became of it."
    )

    @classmethod
    def of(cls, transition: Transition) -> TransitionType:
        return cls(
            on=transition.on,
            outgoing=Administration.from_row(transition.outgoing),
            incoming=Administration.from_row(transition.incoming),
            missions=[MissionTransition.of(fate) for fate in transition.missions],
        )
