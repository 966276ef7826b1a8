"""The Mission aggregate: a city's long-horizon goal and everything learned while pursuing it.

Public methods check the invariants and raise before anything is recorded; the ``@event``
methods only apply a change, so replaying history never re-runs a check against today's rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from events.catalogue import APPROACHES
from events.errors import AlreadyExists, NotFound, RuleViolated
from events.identity import mission_uuid
from events.provenance import Provenance
from events.recorded import RecordedAggregate
from events.vocabulary import IndicatorKind, MissionStatus, Result, Sector


@dataclass
class Opened:
    """Something that starts and may later close: an iteration or a roadblock."""

    opened_on: date | None
    closed: bool = False


# Events whose effect a correction can withdraw: the ones that add or close an item.
RETRACTABLE = frozenset(
    {
        "PartnerJoined",
        "DecisionRecorded",
        "IterationStarted",
        "IterationConcluded",
        "RoadblockEncountered",
        "RoadblockResolved",
        "OutcomeMeasured",
        "SpilloverObserved",
    }
)


def _not_before(day: date | None, earlier: date | None, field: str, what: str) -> None:
    if day is not None and earlier is not None and day < earlier:
        raise RuleViolated(f"{day} is before {what} ({earlier})", field)


class Mission(RecordedAggregate):
    # Event classes are made by @event below; declared here so type checkers see them.
    Launched: ClassVar[type[Aggregate.Created]]
    ApproachAdopted: ClassVar[type[Aggregate.Event]]
    PartnerJoined: ClassVar[type[Aggregate.Event]]
    DecisionRecorded: ClassVar[type[Aggregate.Event]]
    IterationStarted: ClassVar[type[Aggregate.Event]]
    IterationConcluded: ClassVar[type[Aggregate.Event]]
    RoadblockEncountered: ClassVar[type[Aggregate.Event]]
    RoadblockResolved: ClassVar[type[Aggregate.Event]]
    OutcomeMeasured: ClassVar[type[Aggregate.Event]]
    SpilloverObserved: ClassVar[type[Aggregate.Event]]
    StatusChanged: ClassVar[type[Aggregate.Event]]
    EventRetracted: ClassVar[type[Aggregate.Event]]

    @staticmethod
    def create_id(mission_id: str, **_: Any) -> UUID:
        return mission_uuid(mission_id)

    @event("Launched")
    def __init__(
        self,
        mission_id: str,
        city_id: str,
        title: str,
        goal: str,
        theme: str,
        horizon_year: int | None,
        provenance: Provenance,
    ) -> None:
        self.mission_id = mission_id
        self.city_id = city_id
        self.title = title
        self.launched_on = provenance.occurred_on
        self.status = MissionStatus.ACTIVE
        self.approaches: set[tuple[str, str | None]] = set()
        self.items: set[str] = set()
        self.iterations: dict[str, Opened] = {}
        self.roadblocks: dict[str, Opened] = {}
        self.retracted: set[int] = set()

    def _check_date(self, provenance: Provenance) -> None:
        _not_before(provenance.occurred_on, self.launched_on, "occurred_on", "the mission's launch")

    def _check_new_item(self, item_id: str, field: str) -> None:
        if item_id in self.items:
            raise AlreadyExists(f"{item_id!r} is already recorded in {self.mission_id}", field)

    def adopt_approach(
        self,
        approach_id: str,
        instrument: str | None,
        description: str | None,
        provenance: Provenance,
    ) -> None:
        if approach_id not in APPROACHES:
            raise NotFound(
                f"{approach_id!r} is not in the approach catalogue ({', '.join(APPROACHES)})",
                "approach_id",
            )
        if (approach_id, instrument) in self.approaches:
            raise AlreadyExists(
                f"{self.mission_id} already adopted {approach_id!r}"
                + (f" through {instrument!r}" if instrument else ""),
                "approach_id",
            )
        self._check_date(provenance)
        self._approach_adopted(approach_id, instrument, description, provenance)

    @event("ApproachAdopted")
    def _approach_adopted(
        self,
        approach_id: str,
        instrument: str | None,
        description: str | None,
        provenance: Provenance,
    ) -> None:
        self.approaches.add((approach_id, instrument))

    def add_partner(
        self, partner_id: str, name: str, sector: Sector, role: str | None, provenance: Provenance
    ) -> None:
        self._check_new_item(partner_id, "partner_id")
        self._check_date(provenance)
        self._partner_joined(partner_id, name, sector.value, role, provenance)

    @event("PartnerJoined")
    def _partner_joined(
        self, partner_id: str, name: str, sector: str, role: str | None, provenance: Provenance
    ) -> None:
        self.items.add(partner_id)

    def record_decision(
        self,
        decision_id: str,
        title: str,
        rationale: str | None,
        decided_by: str | None,
        in_force_from: date | None,
        provenance: Provenance,
    ) -> None:
        self._check_new_item(decision_id, "decision_id")
        self._check_date(provenance)
        self._decision_recorded(
            decision_id, title, rationale, decided_by, in_force_from, provenance
        )

    @event("DecisionRecorded")
    def _decision_recorded(
        self,
        decision_id: str,
        title: str,
        rationale: str | None,
        decided_by: str | None,
        in_force_from: date | None,
        provenance: Provenance,
    ) -> None:
        self.items.add(decision_id)

    def start_iteration(
        self,
        iteration_id: str,
        title: str,
        hypothesis: str | None,
        approach_id: str | None,
        provenance: Provenance,
    ) -> None:
        self._check_new_item(iteration_id, "iteration_id")
        if approach_id is not None and approach_id not in {a for a, _ in self.approaches}:
            raise RuleViolated(
                f"{self.mission_id} has not adopted {approach_id!r}; adopt it before testing it",
                "approach_id",
            )
        self._check_date(provenance)
        self._iteration_started(iteration_id, title, hypothesis, approach_id, provenance)

    @event("IterationStarted")
    def _iteration_started(
        self,
        iteration_id: str,
        title: str,
        hypothesis: str | None,
        approach_id: str | None,
        provenance: Provenance,
    ) -> None:
        self.items.add(iteration_id)
        self.iterations[iteration_id] = Opened(provenance.occurred_on)

    def conclude_iteration(
        self,
        iteration_id: str,
        result: Result,
        why: str,
        lessons: str | None,
        provenance: Provenance,
    ) -> None:
        iteration = self._open(self.iterations, iteration_id, "iteration_id", "iteration")
        _not_before(
            provenance.occurred_on, iteration.opened_on, "occurred_on", "the iteration started"
        )
        self._iteration_concluded(iteration_id, result.value, why, lessons, provenance)

    @event("IterationConcluded")
    def _iteration_concluded(
        self, iteration_id: str, result: str, why: str, lessons: str | None, provenance: Provenance
    ) -> None:
        self.iterations[iteration_id].closed = True

    def record_roadblock(self, roadblock_id: str, description: str, provenance: Provenance) -> None:
        self._check_new_item(roadblock_id, "roadblock_id")
        self._check_date(provenance)
        self._roadblock_encountered(roadblock_id, description, provenance)

    @event("RoadblockEncountered")
    def _roadblock_encountered(
        self, roadblock_id: str, description: str, provenance: Provenance
    ) -> None:
        self.items.add(roadblock_id)
        self.roadblocks[roadblock_id] = Opened(provenance.occurred_on)

    def resolve_roadblock(self, roadblock_id: str, resolution: str, provenance: Provenance) -> None:
        roadblock = self._open(self.roadblocks, roadblock_id, "roadblock_id", "roadblock")
        _not_before(
            provenance.occurred_on, roadblock.opened_on, "occurred_on", "the roadblock was met"
        )
        self._roadblock_resolved(roadblock_id, resolution, provenance)

    @event("RoadblockResolved")
    def _roadblock_resolved(
        self, roadblock_id: str, resolution: str, provenance: Provenance
    ) -> None:
        self.roadblocks[roadblock_id].closed = True

    def record_outcome(
        self,
        outcome_id: str,
        indicator: str,
        kind: IndicatorKind,
        value: float,
        unit: str,
        baseline: float | None,
        target: float | None,
        period_start: date | None,
        period_end: date | None,
        provenance: Provenance,
    ) -> None:
        self._check_new_item(outcome_id, "outcome_id")
        _not_before(period_end, period_start, "period_end", "the period's start")
        self._check_date(provenance)
        self._outcome_measured(
            outcome_id,
            indicator,
            kind.value,
            value,
            unit,
            baseline,
            target,
            period_start,
            period_end,
            provenance,
        )

    @event("OutcomeMeasured")
    def _outcome_measured(
        self,
        outcome_id: str,
        indicator: str,
        kind: str,
        value: float,
        unit: str,
        baseline: float | None,
        target: float | None,
        period_start: date | None,
        period_end: date | None,
        provenance: Provenance,
    ) -> None:
        self.items.add(outcome_id)

    def record_spillover(
        self, spillover_id: str, description: str, beneficiaries: str | None, provenance: Provenance
    ) -> None:
        self._check_new_item(spillover_id, "spillover_id")
        self._check_date(provenance)
        self._spillover_observed(spillover_id, description, beneficiaries, provenance)

    @event("SpilloverObserved")
    def _spillover_observed(
        self, spillover_id: str, description: str, beneficiaries: str | None, provenance: Provenance
    ) -> None:
        self.items.add(spillover_id)

    def change_status(self, status: MissionStatus, reason: str, provenance: Provenance) -> None:
        if status == self.status:
            raise RuleViolated(f"{self.mission_id} is already {status.value}", "status")
        if status == MissionStatus.RENEWED and self.status not in (
            MissionStatus.PAUSED,
            MissionStatus.HALTED,
        ):
            raise RuleViolated(
                f"only a paused or halted mission can be renewed; {self.mission_id} is "
                f"{self.status.value}",
                "status",
            )
        self._check_date(provenance)
        self._status_changed(status.value, reason, provenance)

    @event("StatusChanged")
    def _status_changed(self, status: str, reason: str, provenance: Provenance) -> None:
        self.status = MissionStatus(status)

    def retract(
        self, version: int, reason: str, superseded_by: int | None, provenance: Provenance
    ) -> None:
        """Withdraw an earlier event from the mission's corrected view, keeping it on record."""
        kind, item = self.recorded.get(version, ("", None))
        if not kind:
            raise NotFound(f"{self.mission_id} has no event at version {version}", "version")
        if kind not in RETRACTABLE:
            raise RuleViolated(
                f"a {kind} event cannot be retracted; only {', '.join(sorted(RETRACTABLE))}",
                "version",
            )
        if version in self.retracted:
            raise RuleViolated(f"the event at version {version} is already retracted", "version")
        if superseded_by is not None:
            replacement = self.recorded.get(superseded_by, ("", None))[0]
            if superseded_by <= version or replacement != kind or superseded_by in self.retracted:
                raise RuleViolated(
                    f"version {superseded_by} is not a later {kind} event still in force",
                    "superseded_by",
                )
        self._event_retracted(version, kind, item, reason, superseded_by, provenance)

    @event("EventRetracted")
    def _event_retracted(
        self,
        version: int,
        kind: str,
        item: str | None,
        reason: str,
        superseded_by: int | None,
        provenance: Provenance,
    ) -> None:
        self.retracted.add(version)
        if kind == "IterationStarted" and item is not None:
            self.iterations.pop(item, None)
        elif kind == "IterationConcluded" and item in self.iterations:
            self.iterations[item].closed = False
        elif kind == "RoadblockEncountered" and item is not None:
            self.roadblocks.pop(item, None)
        elif kind == "RoadblockResolved" and item in self.roadblocks:
            self.roadblocks[item].closed = False

    def _open(self, opened: dict[str, Opened], item_id: str, field: str, what: str) -> Opened:
        item = opened.get(item_id)
        if item is None:
            raise NotFound(f"no {what} {item_id!r} was started in {self.mission_id}", field)
        if item.closed:
            raise RuleViolated(f"{what} {item_id!r} is already closed", field)
        return item
