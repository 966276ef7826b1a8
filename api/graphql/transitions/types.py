from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import TypeVar

import strawberry

from api.graphql.cities.types import Administration
from api.graphql.missions.items import Decision, Roadblock
from graph.reads.cities import AdministrationRow
from graph.reads.learning import DecisionRow, RoadblockRow
from graph.reads.transitions import MissionFate, Transition

R = TypeVar("R")
T = TypeVar("T")


def _once(make: Callable[[R], T]) -> Callable[[R], T]:
    """``make`` of each row once: the façade hands the same row to every transition that
    shows it (a decision just after one change of mayor is often just before the next; each
    administration comes in, then goes out), and making its object again was most of the
    answer's conversion. Keyed by identity, which holds while the rows are in the answer."""
    made: dict[int, T] = {}

    def once(row: R) -> T:
        found = made.get(id(row))
        if found is None:
            found = made[id(row)] = make(row)
        return found

    return once


class _Items:
    """The GraphQL objects of one answer's rows, each made once."""

    def __init__(self) -> None:
        self.administration: Callable[[AdministrationRow], Administration] = _once(
            Administration.from_row
        )
        self.decision: Callable[[DecisionRow], Decision] = _once(Decision.from_row)
        self.roadblock: Callable[[RoadblockRow], Roadblock] = _once(Roadblock.from_row)


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
    def of(cls, fate: MissionFate, items: _Items) -> MissionTransition:
        return cls(
            mission_id=strawberry.ID(fate.mission_id),
            title=fate.title,
            fate=Fate(fate.outcome),
            reason=fate.reason,
            changed_on=fate.changed_on,
            decisions_before=[items.decision(r) for r in fate.decisions_before],
            decisions_after=[items.decision(r) for r in fate.decisions_after],
            roadblocks_carried_over=[items.roadblock(r) for r in fate.roadblocks_carried_over],
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
    def all_of(cls, transitions: list[Transition]) -> list[TransitionType]:
        """A city's transitions, each row they share made into one object."""
        items = _Items()
        return [
            cls(
                on=t.on,
                outgoing=items.administration(t.outgoing),
                incoming=items.administration(t.incoming),
                missions=[MissionTransition.of(fate, items) for fate in t.missions],
            )
            for t in transitions
        ]
