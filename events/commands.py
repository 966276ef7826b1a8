"""Commands: what a caller asks to record, one class per kind of event.

Each command names the event it records (``event``), so an event file, a GraphQL mutation and
the event store all use the same words. Field descriptions live in the field metadata and are
reused for GraphQL descriptions and CLI errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from events.dates import PartialDate
from events.errors import InvalidInput
from events.vocabulary import IndicatorKind, MissionStatus, Result, Sector


def doc(description: str, default: Any = ..., *, readable_id: bool = False) -> Any:
    metadata = {"doc": description, "readable_id": readable_id}
    if default is ...:
        return field(metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True, kw_only=True)
class Command:
    event: ClassVar[str]
    recorded_by: str = doc("Who recorded this fact (a person or a team).")
    source: str = doc("Where the fact comes from: a URL or a document citation.")
    occurred_on: PartialDate | None = doc(
        "The real-world date it happened, if known, as precise as the source gives it: "
        "YYYY, YYYY-MM or YYYY-MM-DD.",
        None,
    )
    event_id: str | None = doc(
        "An id the sender chooses for this event (e.g. a UUID). Sending the same id again "
        "stores nothing new: retries and repeated imports are safe.",
        None,
    )
    expected_version: int | None = doc(
        "The version of the city or mission the sender last read. If it has moved on since, "
        "the command is refused as a conflict and nothing is stored.",
        None,
    )
    supersedes: str | None = doc(
        "Replace an earlier event of the same kind, named by the event_id it was stored "
        "with: it is withdrawn from the corrected view and linked to this one.",
        None,
    )
    supersedes_version: int | None = doc(
        "Replace an earlier event of the same kind, named by its version within the city "
        "or mission (instead of supersedes).",
        None,
    )
    correction_reason: str | None = doc(
        "Why the replaced event was wrong (needed with supersedes or supersedes_version).", None
    )

    def __post_init__(self) -> None:
        # Python callers may pass a date: it is a whole day.
        if isinstance(self.occurred_on, date):
            object.__setattr__(self, "occurred_on", PartialDate.of(self.occurred_on))

    @property
    def replaces(self) -> bool:
        return self.supersedes is not None or self.supersedes_version is not None


@dataclass(frozen=True, kw_only=True)
class CityCommand(Command):
    city_id: str = doc("The city's readable id, e.g. greater-manchester.", readable_id=True)


@dataclass(frozen=True, kw_only=True)
class MissionCommand(Command):
    mission_id: str = doc("The mission's readable id, e.g. gm-retrofit.", readable_id=True)


@dataclass(frozen=True, kw_only=True)
class RegisterCity(CityCommand):
    event = "CityRegistered"
    name: str = doc("The city's name.")
    country: str = doc("ISO 3166-1 alpha-2 country code, e.g. GB.")
    wikidata_id: str | None = doc("The city's Wikidata item, e.g. Q180109.", None)

    def __post_init__(self) -> None:
        super().__post_init__()
        if not re.fullmatch(r"[A-Z]{2}", self.country):
            raise InvalidInput(f"{self.country!r} is not an ISO 3166-1 alpha-2 code", "country")
        if self.wikidata_id is not None and not re.fullmatch(r"Q[1-9][0-9]*", self.wikidata_id):
            raise InvalidInput(f"{self.wikidata_id!r} is not a Wikidata item id", "wikidata_id")


@dataclass(frozen=True, kw_only=True)
class BeginAdministration(CityCommand):
    event = "AdministrationBegan"
    administration_id: str = doc("A readable id for this term of office.", readable_id=True)
    mayor: str = doc("The mayor (or council leader) who took office.")
    term_start: date = doc("The first day in office.")
    party: str | None = doc("The mayor's party, if any.", None)


@dataclass(frozen=True, kw_only=True)
class EndAdministration(CityCommand):
    event = "AdministrationEnded"
    administration_id: str = doc("The term of office that ended.", readable_id=True)
    term_end: date = doc("The last day in office.")
    reason: str | None = doc("Why the term ended (election, resignation...).", None)


@dataclass(frozen=True, kw_only=True)
class LaunchMission(MissionCommand, CityCommand):
    event = "MissionLaunched"
    title: str = doc("A short title.")
    goal: str = doc("The bold, concrete goal the mission commits to.")
    theme: str = doc("The challenge it addresses, e.g. climate, housing, inclusion.")
    horizon_year: int | None = doc("The year the goal is due, if set.", None)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.horizon_year is not None and not 1900 <= self.horizon_year <= 2200:
            raise InvalidInput(f"{self.horizon_year} is not a plausible year", "horizon_year")


@dataclass(frozen=True, kw_only=True)
class AdoptApproach(MissionCommand):
    event = "ApproachAdopted"
    approach_id: str = doc("An approach from the catalogue, e.g. challenge-groups.")
    instrument: str | None = doc("The named instrument that realises it, if any.", None)
    description: str | None = doc("How the mission uses the approach.", None)


@dataclass(frozen=True, kw_only=True)
class EndInstrument(MissionCommand):
    event = "InstrumentEnded"
    approach_id: str = doc("The approach the instrument realises.")
    instrument: str = doc("The named instrument that ended, as it was adopted.")
    reason: str | None = doc("Why it ended (its term ran out, its funding stopped...).", None)


@dataclass(frozen=True, kw_only=True)
class ExtendInstrument(MissionCommand):
    event = "InstrumentExtended"
    approach_id: str = doc("The approach the instrument realises.")
    instrument: str = doc("The named instrument that was extended, as it was adopted.")
    runs_until: date = doc("The last day it now runs (later than any end set before).")
    reason: str | None = doc("Why it was extended.", None)


@dataclass(frozen=True, kw_only=True)
class AddPartner(MissionCommand):
    event = "PartnerJoined"
    name: str = doc("The partner's name.")
    sector: Sector = doc("The sector the partner comes from.")
    role: str | None = doc("What the partner does in the mission.", None)
    partner_id: str | None = doc(
        "An id for the partner within the mission (generated if absent).", None
    )


@dataclass(frozen=True, kw_only=True)
class EndPartnership(MissionCommand):
    event = "PartnerLeft"
    partner_id: str = doc("The partner that left the mission.")
    reason: str | None = doc("Why it left, if known.", None)


@dataclass(frozen=True, kw_only=True)
class RecordDecision(MissionCommand):
    event = "DecisionRecorded"
    title: str = doc("What was decided.")
    rationale: str | None = doc("Why it was decided.", None)
    decided_by: str | None = doc("Who decided it.", None)
    in_force_from: date | None = doc("When the decision takes effect.", None)
    answers_roadblock: str | None = doc(
        "The roadblock of this mission the decision was taken in answer to, if any.", None
    )
    decision_id: str | None = doc(
        "An id for the decision within the mission (generated if absent).", None
    )


@dataclass(frozen=True, kw_only=True)
class StartIteration(MissionCommand):
    event = "IterationStarted"
    title: str = doc("What is being tried.")
    hypothesis: str | None = doc("What the team expects to learn or achieve.", None)
    approach_id: str | None = doc("The adopted approach this iteration tests.", None)
    iteration_id: str | None = doc(
        "An id for the iteration within the mission (generated if absent).", None
    )


@dataclass(frozen=True, kw_only=True)
class ConcludeIteration(MissionCommand):
    event = "IterationConcluded"
    iteration_id: str = doc("The iteration that concluded.")
    result: Result = doc("Whether it worked, did not work, or had mixed results.")
    why: str = doc("Why it turned out that way.")
    lessons: str | None = doc("What others should take from it.", None)


@dataclass(frozen=True, kw_only=True)
class RecordRoadblock(MissionCommand):
    event = "RoadblockEncountered"
    description: str = doc("What stood in the way.")
    roadblock_id: str | None = doc(
        "An id for the roadblock within the mission (generated if absent).", None
    )


@dataclass(frozen=True, kw_only=True)
class ResolveRoadblock(MissionCommand):
    event = "RoadblockResolved"
    roadblock_id: str = doc("The roadblock that was resolved.")
    resolution: str = doc("How it was resolved.")


@dataclass(frozen=True, kw_only=True)
class RecordOutcome(MissionCommand):
    event = "OutcomeMeasured"
    indicator: str = doc("What was measured.")
    kind: IndicatorKind = doc("Capacity, net impact, units delivered or other.")
    value: float = doc("The measured value.")
    unit: str = doc("The unit of the value.")
    baseline: float | None = doc("The value before the mission, if known.", None)
    target: float | None = doc("The value the mission aims for, if set.", None)
    period_start: date | None = doc("The start of the period measured.", None)
    period_end: date | None = doc("The end of the period measured.", None)
    outcome_id: str | None = doc(
        "An id for the measurement within the mission (generated if absent).", None
    )


@dataclass(frozen=True, kw_only=True)
class RecordSpillover(MissionCommand):
    event = "SpilloverObserved"
    description: str = doc("The unexpected gain beyond what the mission intended.")
    beneficiaries: str | None = doc("Who gained from it.", None)
    spillover_id: str | None = doc(
        "An id for the spillover within the mission (generated if absent).", None
    )


@dataclass(frozen=True, kw_only=True)
class ChangeMissionStatus(MissionCommand):
    event = "MissionStatusChanged"
    status: MissionStatus = doc("The mission's new status.")
    reason: str = doc("Why the status changed.")


@dataclass(frozen=True, kw_only=True)
class Retraction(Command):
    version: int | None = doc(
        "The version (within the city or mission) of the event to withdraw; or give retracts.",
        None,
    )
    retracts: str | None = doc(
        "The event_id the event to withdraw was stored with; or give version.", None
    )
    reason: str = doc("Why it is withdrawn: what was wrong with it.")
    superseded_by: int | None = doc(
        "The version of the later event of the same kind that replaces it, if any.", None
    )


@dataclass(frozen=True, kw_only=True)
class RetractEvent(Retraction, MissionCommand):
    event = "EventRetracted"


@dataclass(frozen=True, kw_only=True)
class RetractCityEvent(Retraction, CityCommand):
    event = "CityEventRetracted"


@dataclass(frozen=True, kw_only=True)
class CorrectMissionDetails(MissionCommand):
    event = "MissionDetailsCorrected"
    title: str | None = doc("The right title, if the one given at launch was wrong.", None)
    goal: str | None = doc("The right goal, if the one given at launch was wrong.", None)
    horizon_year: int | None = doc("The right year the goal is due, if it was wrong.", None)
    theme: str | None = doc("The right theme, if the one given at launch was wrong.", None)
    reason: str = doc("What was wrong with the details given.")

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.horizon_year is not None and not 1900 <= self.horizon_year <= 2200:
            raise InvalidInput(f"{self.horizon_year} is not a plausible year", "horizon_year")


@dataclass(frozen=True, kw_only=True)
class CorrectCityDetails(CityCommand):
    event = "CityDetailsCorrected"
    name: str | None = doc("The right name, if the one registered was wrong.", None)
    country: str | None = doc("The right ISO 3166-1 alpha-2 country code, if it was wrong.", None)
    wikidata_id: str | None = doc("The right Wikidata item, if it was wrong.", None)
    reason: str = doc("What was wrong with the details registered.")

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.country is not None and not re.fullmatch(r"[A-Z]{2}", self.country):
            raise InvalidInput(f"{self.country!r} is not an ISO 3166-1 alpha-2 code", "country")
        if self.wikidata_id is not None and not re.fullmatch(r"Q[1-9][0-9]*", self.wikidata_id):
            raise InvalidInput(f"{self.wikidata_id!r} is not a Wikidata item id", "wikidata_id")


COMMANDS: dict[str, type[Command]] = {
    c.event: c
    for c in (
        RegisterCity,
        BeginAdministration,
        EndAdministration,
        LaunchMission,
        AdoptApproach,
        EndInstrument,
        ExtendInstrument,
        AddPartner,
        EndPartnership,
        RecordDecision,
        StartIteration,
        ConcludeIteration,
        RecordRoadblock,
        ResolveRoadblock,
        RecordOutcome,
        RecordSpillover,
        ChangeMissionStatus,
        RetractEvent,
        RetractCityEvent,
        CorrectMissionDetails,
        CorrectCityDetails,
    )
}
