from __future__ import annotations

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.catalogue.types import Approach
from api.graphql.cities.types import Administration, administration_on
from api.graphql.context import Info
from api.graphql.enums import Result
from api.graphql.missions.items import Outcome, stored_date
from events.dates import PartialDate
from graph.reads.lessons import LessonRow

if TYPE_CHECKING:
    from api.graphql.cities.types import City
    from api.graphql.missions.types import Mission

EVIDENCE = 3  # outcome measurements shown with each lesson


@strawberry.enum(description="Where a lesson comes from.")
class LessonKind(Enum):
    DECISION = "decision"
    ITERATION = "iteration"


@strawberry.type(
    name="Lesson",
    description="What a decision or a concluded iteration taught: the result, why, and the "
    "evidence, under the administration in office.",
)
class Lesson:
    id: strawberry.ID = strawberry.field(description="The decision's or iteration's id.")
    kind: LessonKind = strawberry.field(description="A decision, or a concluded iteration.")
    title: str = strawberry.field(description="What was decided or tried.")
    hypothesis: str | None = strawberry.field(description="What an iteration expected.")
    result: Result | None = strawberry.field(description="How an iteration turned out.")
    why: str | None = strawberry.field(
        description="Why: a decision's rationale, or why an iteration turned out as it did."
    )
    lessons: str | None = strawberry.field(description="What others should take from it.")
    started_on: date | None = strawberry.field(description="When it began, if known.")
    occurred_on: date | None = strawberry.field(
        description="When it was decided or concluded: the earliest day it can mean when the "
        "source gave only a year or a month (see occurred)."
    )
    occurred: PartialDate | None = strawberry.field(
        description="When it was decided or concluded, as precise as the source gave it."
    )
    sources: list[str] = strawberry.field(description="The citations it rests on.")
    mission_id: strawberry.Private[str]
    city_id: strawberry.Private[str]
    approach_id: strawberry.Private[str | None]

    @classmethod
    def from_row(cls, r: LessonRow) -> Lesson:
        return cls(
            id=strawberry.ID(r.id),
            kind=LessonKind(r.kind),
            title=r.title,
            hypothesis=r.hypothesis,
            result=Result(r.result) if r.result else None,
            why=r.why,
            lessons=r.lessons,
            started_on=r.started_on,
            occurred_on=r.occurred_on,
            occurred=stored_date(r.occurred_on, r.occurred_precision),
            sources=list(r.sources),
            mission_id=r.mission_id,
            city_id=r.city_id,
            approach_id=r.approach_id,
        )

    @strawberry.field(description="The mission it belongs to.")
    async def mission(
        self, info: Info
    ) -> Annotated[Mission, strawberry.lazy("api.graphql.missions.types")]:
        from api.graphql.missions.types import Mission

        mission = await Mission.load(info, self.mission_id)
        assert mission is not None
        return mission

    @strawberry.field(description="The city whose mission it is.")
    async def city(
        self, info: Info
    ) -> Annotated[City, strawberry.lazy("api.graphql.cities.types")]:
        from api.graphql.cities.types import City

        city = await City.load(info, self.city_id)
        assert city is not None
        return city

    @strawberry.field(description="The approach an iteration tested, if it named one.")
    def approach(self) -> Approach | None:
        return Approach.of(self.approach_id) if self.approach_id else None

    @strawberry.field(description="The administration in office when it happened, if known.")
    async def administration(self, info: Info) -> Administration | None:
        return await administration_on(info, self.city_id, self.occurred)

    @strawberry.field(
        description=f"Evidence: the mission's latest {EVIDENCE} outcome measurements up to "
        "the lesson's date."
    )
    async def evidence(self, info: Info) -> list[Outcome]:
        rows = await info.context.loaders.outcomes_of_mission.load(self.mission_id)
        known = [
            r
            for r in rows
            if self.occurred_on is None or (r.occurred_on and r.occurred_on <= self.occurred_on)
        ]
        return [Outcome.from_row(r) for r in known[-EVIDENCE:]][::-1]


@strawberry.input(description="Which lessons to return; every given condition must hold.")
class LessonFilter:
    approach_id: str | None = strawberry.field(
        default=None, description="From missions using this approach, or iterations testing it."
    )
    theme: str | None = strawberry.field(default=None, description="Missions' theme, any case.")
    city_id: str | None = strawberry.field(default=None, description="From this city.")
    result: Result | None = strawberry.field(
        default=None, description="Iterations with this result."
    )
    administration_id: str | None = strawberry.field(
        default=None, description="Decided or concluded while this administration was in office."
    )
    occurred_from: date | None = strawberry.field(
        default=None, description="On or after this date."
    )
    occurred_to: date | None = strawberry.field(default=None, description="On or before this date.")
    text: str | None = strawberry.field(
        default=None, description="Words to find in titles, hypotheses, reasons and lessons."
    )
