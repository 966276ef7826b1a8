"""A small model of what the record must answer, written without the graph or the aggregates.

It follows the rules as the README states them, on plain dicts: the corrected view (a
withdrawn event's effect gone, whatever replaced it in force), lessons newest first by the day
they happened with the recording position breaking ties, and peers linked by the approaches and
themes their cities' missions share. The generated-history properties compare every store
against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Public kinds, as commands and event files name them.
RETRACTABLE = {
    "ApproachAdopted",
    "MissionStatusChanged",
    "PartnerJoined",
    "PartnerLeft",
    "DecisionRecorded",
    "IterationStarted",
    "IterationConcluded",
    "RoadblockEncountered",
    "RoadblockResolved",
    "OutcomeMeasured",
    "SpilloverObserved",
}
CITY_RETRACTABLE = {"AdministrationBegan", "AdministrationEnded"}
ITEM_ADDING = {
    "PartnerJoined",
    "DecisionRecorded",
    "IterationStarted",
    "RoadblockEncountered",
    "OutcomeMeasured",
    "SpilloverObserved",
}


@dataclass
class Recorded:
    """One event of a city or mission as the model keeps it."""

    kind: str
    item: str | None
    day: date | None
    position: int
    values: dict[str, Any]
    event_id: str | None = None
    retracted: bool = False


@dataclass
class Subject:
    """What cities and missions share: their events by version (the first is version 1)."""

    events: dict[int, Recorded] = field(default_factory=dict)

    @property
    def version(self) -> int:
        return len(self.events)

    def in_force(self, kind: str) -> dict[int, Recorded]:
        return {v: r for v, r in self.events.items() if r.kind == kind and not r.retracted}

    def items(self, kind: str) -> dict[str, tuple[int, Recorded]]:
        """Items added by events of ``kind`` still in force, with the version that added each."""
        return {r.item: (v, r) for v, r in self.in_force(kind).items() if r.item is not None}

    def closings(self, opening: str, closing: str) -> dict[str, Recorded | None]:
        """Each item opened and still in force, with the closing in force recorded after its
        opening (None while open)."""
        found: dict[str, Recorded | None] = {}
        for item, (opened, _) in self.items(opening).items():
            later = [r for v, r in self.in_force(closing).items() if r.item == item and v > opened]
            found[item] = later[-1] if later else None
        return found


@dataclass
class CityModel(Subject):
    def terms(self) -> dict[str, date | None]:
        """Each administration in force, with its end in force (None while in office)."""
        ends = self.closings("AdministrationBegan", "AdministrationEnded")
        return {term: (end.values["term_end"] if end else None) for term, end in ends.items()}


@dataclass
class MissionModel(Subject):
    city_id: str = ""
    theme: str = ""
    launched_on: date | None = None

    @property
    def local_ids(self) -> set[str]:
        """Item ids in force, which cannot be recorded again until withdrawn."""
        return {i for kind in ITEM_ADDING for i in self.items(kind)}

    @property
    def status(self) -> str:
        changes = self.in_force("MissionStatusChanged")
        return changes[max(changes)].values["status"] if changes else "active"

    @property
    def adopted(self) -> set[tuple[str, str | None]]:
        return {
            (r.values["approach"], r.values["instrument"])
            for r in self.in_force("ApproachAdopted").values()
        }

    @property
    def approaches(self) -> set[str]:
        return {approach for approach, _ in self.adopted}

    def iterations(self) -> dict[str, Recorded | None]:
        return self.closings("IterationStarted", "IterationConcluded")

    def roadblocks(self) -> dict[str, Recorded | None]:
        return self.closings("RoadblockEncountered", "RoadblockResolved")

    def partners(self) -> dict[str, Recorded | None]:
        return self.closings("PartnerJoined", "PartnerLeft")


@dataclass
class RecordModel:
    cities: dict[str, CityModel] = field(default_factory=dict)
    missions: dict[str, MissionModel] = field(default_factory=dict)
    position: int = 0  # of the last event, in the notification log

    def next_position(self) -> int:
        self.position += 1
        return self.position

    # --- answers -------------------------------------------------------------------------

    def lessons(self) -> list[tuple[str, str | None]]:
        """(graph id, result) of every lesson, newest first."""
        found = []
        for mission_id, m in self.missions.items():
            for item, (_, r) in m.items("DecisionRecorded").items():
                found.append((r.day, r.position, f"{mission_id}/{item}", None))
            for item, c in m.iterations().items():
                if c is not None:
                    found.append((c.day, c.position, f"{mission_id}/{item}", c.values["result"]))
        found.sort(key=lambda t: (t[0] is not None, t[0] or date.min, t[1]), reverse=True)
        return [(graph_id, result) for _, _, graph_id, result in found]

    def peers(self, city_id: str) -> dict[str, tuple[set[str], set[str]]]:
        """Each other city sharing approaches or themes: (shared approaches, shared themes)."""

        def applies(c: str) -> tuple[set[str], set[str]]:
            mine = [m for m in self.missions.values() if m.city_id == c]
            return set().union(*(m.approaches for m in mine)), {m.theme for m in mine}

        approaches, themes = applies(city_id)
        found = {}
        for other in self.cities:
            if other == city_id:
                continue
            a, t = applies(other)
            if a & approaches or t & themes:
                found[other] = (a & approaches, t & themes)
        return found
