"""One handler per command: load the aggregate, ask it to record the event."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import uuid4

from events import commands as c
from events.city import City
from events.dates import PartialDate
from events.errors import InvalidInput
from events.mission import Mission
from events.provenance import Provenance
from events.recorded import RecordedAggregate
from events.unit_of_work import UnitOfWork


def _provenance(cmd: c.Command, occurred_on: date | None = None) -> Provenance:
    """Where a command's event came from; ``occurred_on`` stands in when the command gives no
    date of its own (a term's start is the day its AdministrationBegan happened)."""
    occurred = cmd.occurred_on or (PartialDate.of(occurred_on) if occurred_on else None)
    if occurred is None:
        return Provenance(cmd.recorded_by, cmd.source, None, cmd.event_id)
    return Provenance(
        cmd.recorded_by, cmd.source, occurred.earliest, cmd.event_id, occurred.precision
    )


def _item_id(given: str | None) -> str:
    return given if given is not None else uuid4().hex


def register_city(cmd: c.RegisterCity, uow: UnitOfWork) -> None:
    city = City(cmd.city_id, cmd.name, cmd.country, cmd.wikidata_id, _provenance(cmd))
    uow.add(city, cmd.city_id, "city_id")


def begin_administration(cmd: c.BeginAdministration, uow: UnitOfWork) -> None:
    uow.city(cmd.city_id).begin_administration(
        cmd.administration_id,
        cmd.mayor,
        cmd.party,
        cmd.term_start,
        _provenance(cmd, cmd.term_start),
    )


def end_administration(cmd: c.EndAdministration, uow: UnitOfWork) -> None:
    uow.city(cmd.city_id).end_administration(
        cmd.administration_id, cmd.term_end, cmd.reason, _provenance(cmd, cmd.term_end)
    )


def launch_mission(cmd: c.LaunchMission, uow: UnitOfWork) -> None:
    uow.city(cmd.city_id)  # the city must exist
    mission = Mission(
        cmd.mission_id,
        cmd.city_id,
        cmd.title,
        cmd.goal,
        cmd.theme,
        cmd.horizon_year,
        _provenance(cmd),
    )
    uow.add(mission, cmd.mission_id, "mission_id")


def adopt_approach(cmd: c.AdoptApproach, uow: UnitOfWork) -> None:
    uow.mission(cmd.mission_id).adopt_approach(
        cmd.approach_id, cmd.instrument, cmd.description, _provenance(cmd)
    )


def end_instrument(cmd: c.EndInstrument, uow: UnitOfWork) -> None:
    uow.mission(cmd.mission_id).end_instrument(
        cmd.approach_id, cmd.instrument, cmd.reason, _provenance(cmd)
    )


def extend_instrument(cmd: c.ExtendInstrument, uow: UnitOfWork) -> None:
    uow.mission(cmd.mission_id).extend_instrument(
        cmd.approach_id, cmd.instrument, cmd.runs_until, cmd.reason, _provenance(cmd)
    )


def add_partner(cmd: c.AddPartner, uow: UnitOfWork) -> None:
    uow.mission(cmd.mission_id).add_partner(
        _item_id(cmd.partner_id), cmd.name, cmd.sector, cmd.role, _provenance(cmd)
    )


def end_partnership(cmd: c.EndPartnership, uow: UnitOfWork) -> None:
    uow.mission(cmd.mission_id).end_partnership(cmd.partner_id, cmd.reason, _provenance(cmd))


def record_decision(cmd: c.RecordDecision, uow: UnitOfWork) -> None:
    uow.mission(cmd.mission_id).record_decision(
        _item_id(cmd.decision_id),
        cmd.title,
        cmd.rationale,
        cmd.decided_by,
        cmd.in_force_from,
        cmd.answers_roadblock,
        _provenance(cmd),
    )


def start_iteration(cmd: c.StartIteration, uow: UnitOfWork) -> None:
    uow.mission(cmd.mission_id).start_iteration(
        _item_id(cmd.iteration_id), cmd.title, cmd.hypothesis, cmd.approach_id, _provenance(cmd)
    )


def conclude_iteration(cmd: c.ConcludeIteration, uow: UnitOfWork) -> None:
    uow.mission(cmd.mission_id).conclude_iteration(
        cmd.iteration_id, cmd.result, cmd.why, cmd.lessons, _provenance(cmd)
    )


def record_roadblock(cmd: c.RecordRoadblock, uow: UnitOfWork) -> None:
    uow.mission(cmd.mission_id).record_roadblock(
        _item_id(cmd.roadblock_id), cmd.description, _provenance(cmd)
    )


def resolve_roadblock(cmd: c.ResolveRoadblock, uow: UnitOfWork) -> None:
    uow.mission(cmd.mission_id).resolve_roadblock(
        cmd.roadblock_id, cmd.resolution, _provenance(cmd)
    )


def record_outcome(cmd: c.RecordOutcome, uow: UnitOfWork) -> None:
    uow.mission(cmd.mission_id).record_outcome(
        _item_id(cmd.outcome_id),
        cmd.indicator,
        cmd.kind,
        cmd.value,
        cmd.unit,
        cmd.baseline,
        cmd.target,
        cmd.period_start,
        cmd.period_end,
        _provenance(cmd),
    )


def record_spillover(cmd: c.RecordSpillover, uow: UnitOfWork) -> None:
    uow.mission(cmd.mission_id).record_spillover(
        _item_id(cmd.spillover_id), cmd.description, cmd.beneficiaries, _provenance(cmd)
    )


def change_mission_status(cmd: c.ChangeMissionStatus, uow: UnitOfWork) -> None:
    uow.mission(cmd.mission_id).change_status(cmd.status, cmd.reason, _provenance(cmd))


def retract_event(cmd: c.RetractEvent, uow: UnitOfWork) -> None:
    uow.mission(cmd.mission_id).retract(
        cmd.version, cmd.retracts, cmd.reason, cmd.superseded_by, _provenance(cmd)
    )


def retract_city_event(cmd: c.RetractCityEvent, uow: UnitOfWork) -> None:
    uow.city(cmd.city_id).retract(
        cmd.version, cmd.retracts, cmd.reason, cmd.superseded_by, _provenance(cmd)
    )


def correct_mission_details(cmd: c.CorrectMissionDetails, uow: UnitOfWork) -> None:
    uow.mission(cmd.mission_id).correct_details(
        cmd.title, cmd.goal, cmd.horizon_year, cmd.theme, cmd.reason, _provenance(cmd)
    )


def correct_city_details(cmd: c.CorrectCityDetails, uow: UnitOfWork) -> None:
    uow.city(cmd.city_id).correct_details(
        cmd.name, cmd.country, cmd.wikidata_id, cmd.reason, _provenance(cmd)
    )


def handle(cmd: c.Command, uow: UnitOfWork) -> None:
    """Run ``cmd``; if it replaces an earlier event, withdraw that one first, in the same
    transaction, linked to the event ``cmd`` records."""
    if cmd.replaces:
        if cmd.correction_reason is None:
            raise InvalidInput("is required when an event replaces another", "correction_reason")
        subject: RecordedAggregate = (
            uow.mission(cmd.mission_id)
            if isinstance(cmd, c.MissionCommand)
            else uow.city(cmd.city_id)  # type: ignore[attr-defined]
        )
        retraction = Provenance(cmd.recorded_by, cmd.source, None, None)
        subject.replace(
            cmd.supersedes_version, cmd.supersedes, cmd.event, cmd.correction_reason, retraction
        )
    HANDLERS[type(cmd)](cmd, uow)


def run(cmd: c.Command, uow: UnitOfWork) -> int | None:
    """Check ``cmd`` against its aggregates and record its events in ``uow``; or, if its
    ``event_id`` is already stored, run nothing and return that event's version."""
    version = uow.already_recorded(cmd)
    if version is None:
        uow.check_version(cmd)
        handle(cmd, uow)
    return version


HANDLERS: dict[type[c.Command], Callable[[Any, UnitOfWork], None]] = {
    c.RegisterCity: register_city,
    c.BeginAdministration: begin_administration,
    c.EndAdministration: end_administration,
    c.LaunchMission: launch_mission,
    c.AdoptApproach: adopt_approach,
    c.AddPartner: add_partner,
    c.EndPartnership: end_partnership,
    c.EndInstrument: end_instrument,
    c.ExtendInstrument: extend_instrument,
    c.RecordDecision: record_decision,
    c.StartIteration: start_iteration,
    c.ConcludeIteration: conclude_iteration,
    c.RecordRoadblock: record_roadblock,
    c.ResolveRoadblock: resolve_roadblock,
    c.RecordOutcome: record_outcome,
    c.RecordSpillover: record_spillover,
    c.ChangeMissionStatus: change_mission_status,
    c.RetractEvent: retract_event,
    c.RetractCityEvent: retract_city_event,
    c.CorrectMissionDetails: correct_mission_details,
    c.CorrectCityDetails: correct_city_details,
}
