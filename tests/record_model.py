"""A small model of what the record must answer, written without the graph or the aggregates.

It follows the rules as the README states them, on plain dicts: the corrected view (a
retracted event's effect withdrawn), lessons newest first by the day they happened with the
recording position breaking ties, and peers linked by the approaches and themes their cities'
missions share. The generated-history properties compare every store against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

RETRACTABLE = {
    "PartnerJoined",
    "DecisionRecorded",
    "IterationStarted",
    "IterationConcluded",
    "RoadblockEncountered",
    "RoadblockResolved",
    "OutcomeMeasured",
    "SpilloverObserved",
}


@dataclass
class Recorded:
    """One event of a mission as the model keeps it."""

    kind: str
    item: str | None
    day: date | None
    position: int
    values: dict[str, Any]
    retracted: bool = False


@dataclass
class MissionModel:
    city_id: str
    theme: str
    launched_on: date | None
    status: str = "active"
    approaches: set[str] = field(default_factory=set)
    adopted: set[tuple[str, str | None]] = field(default_factory=set)
    events: dict[int, Recorded] = field(default_factory=dict)  # by version
    local_ids: set[str] = field(default_factory=set)  # every item id ever used

    @property
    def version(self) -> int:
        return len(self.events) + 1  # the launch is version 1

    def in_force(self, kind: str) -> list[Recorded]:
        return [r for r in self.events.values() if r.kind == kind and not r.retracted]

    def items(self, kind: str) -> dict[str, Recorded]:
        return {r.item: r for r in self.in_force(kind) if r.item is not None}

    def iterations(self) -> dict[str, dict[str, Any]]:
        """Iterations in force, with the conclusion in force (None while open)."""
        found: dict[str, dict[str, Any]] = {
            i: {"started": r, "concluded": None} for i, r in self.items("IterationStarted").items()
        }
        for r in self.in_force("IterationConcluded"):
            if r.item in found:
                found[r.item]["concluded"] = r
        return found

    def roadblocks(self) -> dict[str, str | None]:
        found: dict[str, str | None] = dict.fromkeys(self.items("RoadblockEncountered"))
        for r in self.in_force("RoadblockResolved"):
            if r.item in found:
                found[r.item] = r.values["resolution"]
        return found


@dataclass
class RecordModel:
    cities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # id -> terms
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
            for item, r in m.items("DecisionRecorded").items():
                found.append((r.day, r.position, f"{mission_id}/{item}", None))
            for item, it in m.iterations().items():
                c = it["concluded"]
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
