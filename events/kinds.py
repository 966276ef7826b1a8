"""Every kind of event the record holds, once: its public name and what it does.

The public name is the event class's name, the ``event`` a command records, the kind on the
audit trail and on the graph's timeline, all at once. What follows from a kind (whether a
correction may withdraw it, which item it adds or closes, which field names that item) is
read from here by the aggregates, the history replay and the projection, rather than each
keeping its own list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Aggregate = Literal["City", "Mission"]


@dataclass(frozen=True)
class EventKind:
    name: str
    aggregate: Aggregate
    fields: tuple[str, ...]  # the event's own fields, its provenance aside
    item: str | None = None  # the field naming what the event is about
    retractable: bool = False  # a correction may withdraw it
    adds: str | None = None  # the collection of items it brings one into
    closes: str | None = None  # the collection of items it closes one of
    formerly: str | None = None  # the class name it was stored under before it had this one

    @property
    def closing_fields(self) -> tuple[str, ...]:
        """What a closing event says about the item it closes (a result, a resolution...)."""
        return tuple(f for f in self.fields if f != self.item) if self.closes else ()


RETRACTION = ("version", "kind", "item", "reason", "superseded_by")

KINDS: dict[str, EventKind] = {
    k.name: k
    for k in (
        EventKind("CityRegistered", "City", ("city_id", "name", "country", "wikidata_id"),
                  formerly="Registered"),
        EventKind("AdministrationBegan", "City",
                  ("administration_id", "mayor", "party", "term_start"),
                  item="administration_id", retractable=True, adds="administrations"),
        EventKind("AdministrationEnded", "City", ("administration_id", "term_end", "reason"),
                  item="administration_id", retractable=True, closes="administrations"),
        EventKind("CityEventRetracted", "City", RETRACTION, formerly="EventRetracted"),
        EventKind("CityDetailsCorrected", "City", ("name", "country", "wikidata_id", "reason"),
                  formerly="DetailsCorrected"),
        EventKind("MissionLaunched", "Mission",
                  ("mission_id", "city_id", "title", "goal", "theme", "horizon_year"),
                  formerly="Launched"),
        EventKind("ApproachAdopted", "Mission", ("approach_id", "instrument", "description"),
                  item="approach_id", retractable=True),
        EventKind("InstrumentEnded", "Mission",
                  ("approach_id", "instrument", "adopted_in", "reason"),
                  item="approach_id", retractable=True),
        EventKind("InstrumentExtended", "Mission",
                  ("approach_id", "instrument", "adopted_in", "runs_until", "reason"),
                  item="approach_id", retractable=True),
        EventKind("PartnerJoined", "Mission", ("partner_id", "name", "sector", "role"),
                  item="partner_id", retractable=True, adds="partners"),
        EventKind("PartnerLeft", "Mission", ("partner_id", "reason"),
                  item="partner_id", retractable=True, closes="partners"),
        EventKind("DecisionRecorded", "Mission",
                  ("decision_id", "title", "rationale", "decided_by", "in_force_from",
                   "answers_roadblock"),
                  item="decision_id", retractable=True, adds="decisions"),
        EventKind("IterationStarted", "Mission",
                  ("iteration_id", "title", "hypothesis", "approach_id"),
                  item="iteration_id", retractable=True, adds="iterations"),
        EventKind("IterationConcluded", "Mission", ("iteration_id", "result", "why", "lessons"),
                  item="iteration_id", retractable=True, closes="iterations"),
        EventKind("RoadblockEncountered", "Mission", ("roadblock_id", "description"),
                  item="roadblock_id", retractable=True, adds="roadblocks"),
        EventKind("RoadblockResolved", "Mission", ("roadblock_id", "resolution"),
                  item="roadblock_id", retractable=True, closes="roadblocks"),
        EventKind("OutcomeMeasured", "Mission",
                  ("outcome_id", "indicator", "kind", "value", "unit", "baseline", "target",
                   "period_start", "period_end"),
                  item="outcome_id", retractable=True, adds="outcomes"),
        EventKind("SpilloverObserved", "Mission", ("spillover_id", "description", "beneficiaries"),
                  item="spillover_id", retractable=True, adds="spillovers"),
        EventKind("MissionStatusChanged", "Mission", ("status", "reason"), retractable=True,
                  formerly="StatusChanged"),
        EventKind("EventRetracted", "Mission", RETRACTION),
        EventKind("MissionDetailsCorrected", "Mission",
                  ("title", "goal", "horizon_year", "theme", "reason"),
                  formerly="DetailsCorrected"),
    )
}  # fmt: skip


def of(aggregate: Aggregate) -> list[EventKind]:
    return [k for k in KINDS.values() if k.aggregate == aggregate]


def retractable(aggregate: Aggregate) -> frozenset[str]:
    return frozenset(k.name for k in of(aggregate) if k.retractable)


def retraction(aggregate: Aggregate) -> EventKind:
    """The kind that withdraws an earlier event of the aggregate."""
    return next(k for k in of(aggregate) if k.fields == RETRACTION)


def adding(aggregate: Aggregate) -> dict[str, EventKind]:
    """The kinds that bring an item into being: withdrawing one frees its id."""
    return {k.name: k for k in of(aggregate) if k.adds}


def closing(aggregate: Aggregate) -> dict[str, EventKind]:
    return {k.name: k for k in of(aggregate) if k.closes}


# What each closing kind closes: withdrawing the opening withdraws the closing's effect too.
OPENED_BY = {
    closer.name: opener.name
    for closer in KINDS.values()
    if closer.closes
    for opener in KINDS.values()
    if opener.adds == closer.closes and opener.aggregate == closer.aggregate
}


def renamed(aggregate: Aggregate, name: str) -> str:
    """The public name of a kind given by its former class name (as a retraction written
    before the rename names the kind it withdrew)."""
    return next((k.name for k in of(aggregate) if k.formerly == name), name)


# By the qualified name of the event class (City.CityEventRetracted).
BY_CLASS = {f"{k.aggregate}.{k.name}": k for k in KINDS.values()}


def kind_of(event: Any) -> EventKind | None:
    """The kind of a City's or a Mission's event (None for other aggregates' events)."""
    return BY_CLASS.get(type(event).__qualname__)


def public_name(event: Any) -> str:
    kind = kind_of(event)
    return type(event).__name__ if kind is None else kind.name


def item_of(event: Any) -> str | None:
    """The id of the item an event is about (a decision, an administration...), if any."""
    kind = kind_of(event)
    if kind is None or kind.item is None:
        return None
    found: str | None = getattr(event, kind.item, None)
    return found
