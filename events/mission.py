"""The Mission aggregate: a city's long-horizon goal and everything learned while pursuing it.

Public methods check the invariants and raise before anything is recorded; the ``@event``
methods only apply a change, so replaying history never re-runs a check against today's rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from events import kinds
from events.catalogue import APPROACHES
from events.errors import AlreadyExists, NotFound, RuleViolated
from events.identity import mission_uuid
from events.provenance import Provenance
from events.recorded import RecordedAggregate, keep_former_names
from events.triggering import prepare_events
from events.vocabulary import IndicatorKind, MissionStatus, Result, Sector


@dataclass
class Opened:
    """Something that starts and may later close: an iteration or a roadblock."""

    opened_on: date | None
    closed_by: int | None = None  # the version of the event in force that closed it

    @property
    def closed(self) -> bool:
        return self.closed_by is not None


@dataclass
class InstrumentTerm:
    """How long a named instrument runs: extended until a day, or ended."""

    extensions: dict[int, date] = field(default_factory=dict)  # version -> runs until
    ended_by: int | None = None  # the version of the ending in force
    ended_on: date | None = None
    end_reason: str | None = None

    @property
    def runs_until(self) -> date | None:
        return next(reversed(self.extensions.values()), None)


# Events whose effect a correction can withdraw: every one but the launch (whose details are
# corrected by replacing them) and the corrections themselves.
RETRACTABLE = kinds.retractable("Mission")
# Events that bring an item into being: withdrawing one frees its id.
ITEM_ADDING = kinds.adding("Mission")


RENEWABLE = (MissionStatus.PAUSED, MissionStatus.HALTED, MissionStatus.CLOSED)
ENDED = (MissionStatus.HALTED, MissionStatus.CLOSED, MissionStatus.ACHIEVED)


def _not_before(day: date | None, earlier: date | None, field: str, what: str) -> None:
    if day is not None and earlier is not None and day < earlier:
        raise RuleViolated(f"{day} is before {what} ({earlier})", field)


def _happened_after(provenance: Provenance, earlier: date | None, what: str) -> None:
    """Refuse a date that is surely before ``earlier``: even the latest day it can mean."""
    latest = provenance.latest
    if latest is not None and earlier is not None and latest < earlier:
        raise RuleViolated(f"{provenance.occurred} is before {what} ({earlier})", "occurred_on")


class Mission(RecordedAggregate):
    RETRACTABLE = RETRACTABLE
    # Event classes are made by @event below; declared here so type checkers see them.
    MissionLaunched: ClassVar[type[Aggregate.Created]]
    ApproachAdopted: ClassVar[type[Aggregate.Event]]
    InstrumentEnded: ClassVar[type[Aggregate.Event]]
    InstrumentExtended: ClassVar[type[Aggregate.Event]]
    PartnerJoined: ClassVar[type[Aggregate.Event]]
    PartnerLeft: ClassVar[type[Aggregate.Event]]
    DecisionRecorded: ClassVar[type[Aggregate.Event]]
    IterationStarted: ClassVar[type[Aggregate.Event]]
    IterationConcluded: ClassVar[type[Aggregate.Event]]
    RoadblockEncountered: ClassVar[type[Aggregate.Event]]
    RoadblockResolved: ClassVar[type[Aggregate.Event]]
    OutcomeMeasured: ClassVar[type[Aggregate.Event]]
    SpilloverObserved: ClassVar[type[Aggregate.Event]]
    MissionStatusChanged: ClassVar[type[Aggregate.Event]]
    EventRetracted: ClassVar[type[Aggregate.Event]]
    MissionDetailsCorrected: ClassVar[type[Aggregate.Event]]

    @staticmethod
    def create_id(mission_id: str, **_: Any) -> UUID:
        return mission_uuid(mission_id)

    @event("MissionLaunched")
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
        self.goal = goal
        self.horizon_year = horizon_year
        self.theme = theme
        self.detail_versions.update(dict.fromkeys(("title", "goal", "horizon_year", "theme"), 1))
        self.launched_on = provenance.occurred_on
        self.status = MissionStatus.ACTIVE
        self.approaches: set[tuple[str, str | None]] = set()
        self.items: set[str] = set()
        self.iterations: dict[str, Opened] = {}
        self.roadblocks: dict[str, Opened] = {}
        self.partners: dict[str, Opened] = {}
        # By version, so that a correction can withdraw exactly the one it names.
        self.adoptions: dict[int, tuple[str, str | None]] = {}
        # Named instruments by the version of their adoption, and each ending or extension
        # with the adoption it concerns.
        self.instruments: dict[int, InstrumentTerm] = {}
        self.instrument_events: dict[int, int] = {}
        self.status_changes: dict[int, MissionStatus] = {}

    def _check_date(self, provenance: Provenance) -> None:
        _happened_after(provenance, self.launched_on, "the mission's launch")

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
        self.adoptions[self.version + 1] = (approach_id, instrument)  # its version, once applied
        if instrument:
            self.instruments[self.version + 1] = InstrumentTerm()

    def _instrument(self, approach_id: str, instrument: str) -> tuple[int, InstrumentTerm]:
        """The adoption in force of a named instrument, and its term, if it has not ended."""
        adopted_in = next(
            (v for v, a in reversed(self.adoptions.items()) if a == (approach_id, instrument)),
            None,
        )
        if adopted_in is None:
            raise NotFound(
                f"{self.mission_id} has not adopted {approach_id!r} through {instrument!r}",
                "instrument",
            )
        term = self.instruments[adopted_in]
        if term.ended_by is not None:
            raise RuleViolated(f"{instrument!r} already ended on {term.ended_on}", "instrument")
        return adopted_in, term

    def end_instrument(
        self, approach_id: str, instrument: str, reason: str | None, provenance: Provenance
    ) -> None:
        adopted_in, _ = self._instrument(approach_id, instrument)
        self._check_date(provenance)
        self._instrument_ended(approach_id, instrument, adopted_in, reason, provenance)

    @event("InstrumentEnded")
    def _instrument_ended(
        self,
        approach_id: str,
        instrument: str,
        adopted_in: int,
        reason: str | None,
        provenance: Provenance,
    ) -> None:
        term = self.instruments[adopted_in]
        term.ended_by, term.ended_on, term.end_reason = (
            self.version + 1, provenance.occurred_on, reason
        )  # fmt: skip
        self.instrument_events[self.version + 1] = adopted_in

    def extend_instrument(
        self,
        approach_id: str,
        instrument: str,
        runs_until: date,
        reason: str | None,
        provenance: Provenance,
    ) -> None:
        adopted_in, term = self._instrument(approach_id, instrument)
        if term.runs_until is not None and runs_until <= term.runs_until:
            raise RuleViolated(
                f"{instrument!r} already runs until {term.runs_until}; an extension goes later",
                "runs_until",
            )
        self._check_date(provenance)
        self._instrument_extended(
            approach_id, instrument, adopted_in, runs_until, reason, provenance
        )

    @event("InstrumentExtended")
    def _instrument_extended(
        self,
        approach_id: str,
        instrument: str,
        adopted_in: int,
        runs_until: date,
        reason: str | None,
        provenance: Provenance,
    ) -> None:
        self.instruments[adopted_in].extensions[self.version + 1] = runs_until
        self.instrument_events[self.version + 1] = adopted_in

    def withdrawn(self) -> set[int]:
        """Also the endings and extensions of an instrument whose adoption was withdrawn."""
        found = super().withdrawn()
        return found | {v for v, a in self.instrument_events.items() if a in self.retracted}

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
        self.partners[partner_id] = Opened(provenance.occurred_on)

    def end_partnership(self, partner_id: str, reason: str | None, provenance: Provenance) -> None:
        partner = self._open(self.partners, partner_id, "partner_id", "partner")
        _happened_after(provenance, partner.opened_on, "the partner joined")
        self._partner_left(partner_id, reason, provenance)

    @event("PartnerLeft")
    def _partner_left(self, partner_id: str, reason: str | None, provenance: Provenance) -> None:
        self.partners[partner_id].closed_by = self.version + 1  # its version, once applied

    def record_decision(
        self,
        decision_id: str,
        title: str,
        rationale: str | None,
        decided_by: str | None,
        in_force_from: date | None,
        answers_roadblock: str | None,
        provenance: Provenance,
    ) -> None:
        self._check_new_item(decision_id, "decision_id")
        if answers_roadblock is not None and answers_roadblock not in self.roadblocks:
            raise NotFound(
                f"no roadblock {answers_roadblock!r} is recorded in {self.mission_id}",
                "answers_roadblock",
            )
        self._check_date(provenance)
        self._decision_recorded(
            decision_id, title, rationale, decided_by, in_force_from, answers_roadblock,
            provenance,
        )  # fmt: skip

    @event("DecisionRecorded")
    def _decision_recorded(
        self,
        decision_id: str,
        title: str,
        rationale: str | None,
        decided_by: str | None,
        in_force_from: date | None,
        answers_roadblock: str | None,
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
        _happened_after(provenance, iteration.opened_on, "the iteration started")
        self._iteration_concluded(iteration_id, result.value, why, lessons, provenance)

    @event("IterationConcluded")
    def _iteration_concluded(
        self, iteration_id: str, result: str, why: str, lessons: str | None, provenance: Provenance
    ) -> None:
        self.iterations[iteration_id].closed_by = self.version + 1  # its version, once applied

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
        _happened_after(provenance, roadblock.opened_on, "the roadblock was met")
        self._roadblock_resolved(roadblock_id, resolution, provenance)

    @event("RoadblockResolved")
    def _roadblock_resolved(
        self, roadblock_id: str, resolution: str, provenance: Provenance
    ) -> None:
        self.roadblocks[roadblock_id].closed_by = self.version + 1  # its version, once applied

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
        if status == MissionStatus.RENEWED and self.status not in RENEWABLE:
            raise RuleViolated(
                f"only a paused, halted or closed mission can be renewed; {self.mission_id} is "
                f"{self.status.value}",
                "status",
            )
        if status == MissionStatus.ACHIEVED and self.status in ENDED:
            raise RuleViolated(
                f"{self.mission_id} is {self.status.value}: renew it before it can be achieved",
                "status",
            )
        self._check_date(provenance)
        self._status_changed(status.value, reason, provenance)

    @event("MissionStatusChanged")
    def _status_changed(self, status: str, reason: str, provenance: Provenance) -> None:
        self.status = MissionStatus(status)
        self.status_changes[self.version + 1] = self.status  # its version, once applied

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
        if kind in ITEM_ADDING and item is not None:
            self.items.discard(item)  # its id may be recorded again, corrected
        if kind == "IterationStarted" and item is not None:
            self.iterations.pop(item, None)
        elif kind == "IterationConcluded" and item in self.iterations:
            # Only the conclusion in force reopens it: an older one may have concluded an
            # iteration of the same id that was itself withdrawn and started again since.
            if self.iterations[item].closed_by == version:
                self.iterations[item].closed_by = None
        elif kind == "RoadblockEncountered" and item is not None:
            self.roadblocks.pop(item, None)
        elif kind == "PartnerJoined" and item is not None:
            self.partners.pop(item, None)
        elif kind == "PartnerLeft" and item in self.partners:
            if self.partners[item].closed_by == version:
                self.partners[item].closed_by = None
        elif kind == "RoadblockResolved" and item in self.roadblocks:
            if self.roadblocks[item].closed_by == version:
                self.roadblocks[item].closed_by = None
        elif kind == "ApproachAdopted" and version in self.adoptions:
            withdrawn = self.adoptions.pop(version)
            self.instruments.pop(version, None)
            if withdrawn not in self.adoptions.values():
                self.approaches.discard(withdrawn)
        elif kind in ("InstrumentEnded", "InstrumentExtended"):
            term = self.instruments.get(self.instrument_events.get(version, 0))
            if term is not None and term.ended_by == version:
                term.ended_by = term.ended_on = term.end_reason = None
            if term is not None:
                term.extensions.pop(version, None)
        elif kind == "MissionStatusChanged":
            self.status_changes.pop(version, None)
            self.status = next(reversed(self.status_changes.values()), MissionStatus.ACTIVE)

    def correct_details(
        self,
        title: str | None,
        goal: str | None,
        horizon_year: int | None,
        theme: str | None,
        reason: str,
        provenance: Provenance,
    ) -> None:
        """Replace details given at launch that were wrong; the launch stays on record."""
        given = {"title": title, "goal": goal, "horizon_year": horizon_year, "theme": theme}
        self.check_details(self.mission_id, given)
        self._details_corrected(title, goal, horizon_year, theme, reason, provenance)

    @event("MissionDetailsCorrected")
    def _details_corrected(
        self,
        title: str | None,
        goal: str | None,
        horizon_year: int | None,
        theme: str | None,
        reason: str,
        provenance: Provenance,
    ) -> None:
        self.set_details(
            {"title": title, "goal": goal, "horizon_year": horizon_year, "theme": theme}
        )

    def _open(self, opened: dict[str, Opened], item_id: str, field: str, what: str) -> Opened:
        item = opened.get(item_id)
        if item is None:
            raise NotFound(f"no {what} {item_id!r} was started in {self.mission_id}", field)
        if item.closed:
            raise RuleViolated(f"{what} {item_id!r} is already closed", field)
        return item


def _decision_v1_to_v2(state: dict[str, Any]) -> None:
    """Decisions stored before they could answer a roadblock answered none."""
    state["answers_roadblock"] = None


# Version 2 of DecisionRecorded names the roadblock a decision answers; stored version 1
# events are upcast as they are read (the stored bytes, and so their hashes, stay as they are).
setattr(Mission.DecisionRecorded, "class_version", 2)  # noqa: B010 (made by @event)
setattr(Mission.DecisionRecorded, "upcast_v1_v2", staticmethod(_decision_v1_to_v2))  # noqa: B010


def _details_v1_to_v2(state: dict[str, Any]) -> None:
    """Corrections stored before a theme could be corrected left it as it was."""
    state["theme"] = None


setattr(Mission.MissionDetailsCorrected, "class_version", 2)  # noqa: B010 (made by @event)
setattr(Mission.MissionDetailsCorrected, "upcast_v1_v2", staticmethod(_details_v1_to_v2))  # noqa: B010


keep_former_names(Mission, "Mission")
prepare_events(Mission)
