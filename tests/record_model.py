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
from itertools import pairwise
from typing import Any

# Public kinds, as commands and event files name them.
RETRACTABLE = {
    "ApproachAdopted",
    "InstrumentEnded",
    "InstrumentExtended",
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
ENDED = ("halted", "achieved", "closed")  # statuses that end a mission until it is renewed
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
class Fate:
    """What became of a mission at a change of administration."""

    mission_id: str
    outcome: str
    changed_on: date | None
    decisions_before: list[str]
    decisions_after: list[str]
    roadblocks_carried_over: list[str]
    administrations_survived: int


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

    def instruments(self) -> dict[int, tuple[date | None, str | None]]:
        """Each named instrument in force, by the version that adopted it: the last day its
        extensions in force give it, and the reason it ended, if an ending is in force."""
        found: dict[int, tuple[date | None, str | None]] = {}
        for version, adoption in self.in_force("ApproachAdopted").items():
            if adoption.values["instrument"] is None:
                continue
            about = [
                r for r in self.events.values()
                if not r.retracted and r.values.get("adopted_in") == version
            ]  # fmt: skip
            until = [r.values["runs_until"] for r in about if r.kind == "InstrumentExtended"]
            ended = [r.values["reason"] for r in about if r.kind == "InstrumentEnded"]
            found[version] = (max(until, default=None), ended[-1] if ended else None)
        return found

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

    def transitions(self, city_id: str) -> list[tuple[str, str, list[Fate]]]:
        """For each change of administration (terms in force, by start day, then recording
        order): what became of each mission alive that day. A mission launched on the day or
        later is not there yet; one halted, achieved or closed before it is gone. Its fate is
        its first status other than active during the new term, and the decisions are the
        last three before the day and the first three from it, all by day then position. The
        roadblocks carried over were met before the day and not resolved by then (a resolution
        without a day leaves one open); the administrations survived are those in office at
        some time between launch (or the first term) and a last status that ends the mission."""
        city = self.cities[city_id]
        began = sorted(
            (r.values["term_start"], r.position, term)
            for term, (_, r) in city.items("AdministrationBegan").items()
        )
        ends = city.terms()
        found = []
        for (_, _, outgoing), (on, _, incoming) in pairwise(began):
            until = ends[incoming]
            fates = []
            for mission_id, m in sorted(self.missions.items()):
                if m.city_id != city_id or (m.launched_on is not None and m.launched_on >= on):
                    continue
                changes = sorted(
                    (r.day, r.position, r.values["status"])
                    for r in m.in_force("MissionStatusChanged").values()
                    if r.day is not None
                )
                before = [status for day, _, status in changes if day < on]
                if before and before[-1] in ENDED:
                    continue
                during = [
                    (day, status)
                    for day, _, status in changes
                    if on <= day and (until is None or day < until) and status != "active"
                ]
                decided = sorted(
                    (r.day, r.position, f"{mission_id}/{item}")
                    for item, (_, r) in m.items("DecisionRecorded").items()
                    if r.day is not None
                )
                resolutions = m.roadblocks()
                met = sorted(
                    (r.day, r.position, item)
                    for item, (_, r) in m.items("RoadblockEncountered").items()
                    if r.day is not None
                )
                carried = [
                    f"{mission_id}/{item}"
                    for day, _, item in met
                    if day < on
                    and ((end := resolutions[item]) is None or end.day is None or end.day >= on)
                ]
                born = m.launched_on or began[0][0]
                ended = changes[-1][0] if changes and changes[-1][2] in ENDED else None
                survived = sum(
                    1
                    for start, _, term in began
                    if (ended is None or start <= ended) and (ends[term] or date.max) >= born
                )
                fates.append(
                    Fate(
                        mission_id,
                        during[0][1] if during else "continued",
                        during[0][0] if during else None,
                        [d for day, _, d in decided if day < on][-3:],
                        [d for day, _, d in decided if day >= on][:3],
                        carried,
                        survived,
                    )
                )
            found.append((f"{city_id}/{outgoing}", f"{city_id}/{incoming}", fates))
        return found

    def handover(self, city_id: str, on: date) -> tuple[str | None, list[str]]:
        """The administration in office ``on`` the day (the latest to start by then and not
        ended before it), and the missions active or renewed then, counting only what
        happened by the day (undated events always count), corrections applied."""
        city = self.cities[city_id]
        ends = city.terms()
        in_office = sorted(
            (r.values["term_start"], r.position, term)
            for term, (_, r) in city.items("AdministrationBegan").items()
            if r.values["term_start"] <= on and on <= (ends[term] or date.max)
        )
        missions = []
        for mission_id, m in sorted(self.missions.items()):
            if m.city_id != city_id or (m.launched_on is not None and m.launched_on > on):
                continue
            statuses = [
                r.values["status"]
                for _, r in sorted(m.in_force("MissionStatusChanged").items())
                if r.day is None or r.day <= on
            ]
            if (statuses[-1] if statuses else "active") in ("active", "renewed"):
                missions.append(mission_id)
        return (in_office[-1][2] if in_office else None), missions

    def approach_results(self, approach_id: str) -> tuple[dict[str | None, int], int, int]:
        """For one approach: concluded and open iterations testing it, by result; and the
        roadblocks met and resolved by the missions using it."""
        results: dict[str | None, int] = {}
        met = resolved = 0
        for m in self.missions.values():
            for item, closing in m.iterations().items():
                started = m.items("IterationStarted")[item][1]
                if started.values.get("approach") == approach_id:
                    result = closing.values["result"] if closing else None
                    results[result] = results.get(result, 0) + 1
            if approach_id in m.approaches:
                for closing in m.roadblocks().values():
                    met += 1
                    resolved += closing is not None
        return results, met, resolved

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
