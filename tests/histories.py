"""Random valid histories for the property suite: commands, and the model of what they mean.

Ids come from small shared pools, so missions are named like cities and items of different
kinds like each other; dates come out of recording order and are often missing; corrections
withdraw any kind the record allows, and are followed by the same fact recorded again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from events import commands as c
from events.vocabulary import IndicatorKind, MissionStatus, Result, Sector
from tests.record_model import RETRACTABLE, MissionModel, Recorded, RecordModel

NAMES = ["valencia", "camden", "gm", "a"]  # for cities and missions alike
LOCAL_IDS = ["x", "y", "valencia", "a-1", "pilot"]
THEMES = ["climate", "housing", "inclusion"]
APPROACH_IDS = ["cross-sector-alliance", "challenge-groups", "community-wealth-fund"]
WHO: dict[str, Any] = {"recorded_by": "property", "source": "https://example.org/generated"}
TRANSITIONS = {
    "active": ["paused", "halted"],
    "paused": ["active", "halted", "renewed"],
    "halted": ["active", "paused", "renewed"],
    "renewed": ["active", "paused", "halted"],
}

Draw = Callable[[st.SearchStrategy[Any]], Any]


def _day(draw: Draw, floor: date | None = None) -> date | None:
    if draw(st.booleans()):
        return None
    day = draw(st.dates(date(2010, 1, 1), date(2030, 12, 31)))
    return max(day, floor) if floor is not None else day


class HistoryBuilder:
    def __init__(self, draw: Draw) -> None:
        self.draw = draw
        self.model = RecordModel()
        self.commands: list[c.Command] = []

    # Each step returns False when it has nothing valid to do in the current state.

    def register_city(self) -> bool:
        free = [n for n in NAMES if n not in self.model.cities]
        if not free:
            return False
        city_id = self.draw(st.sampled_from(free))
        self._record(c.RegisterCity(city_id=city_id, name=city_id.title(), country="ES", **WHO))
        self.model.cities[city_id] = []
        return True

    def begin_term(self) -> bool:
        ready = [k for k, terms in self.model.cities.items() if not terms or terms[-1]["end"]]
        if not ready:
            return False
        city_id = self.draw(st.sampled_from(ready))
        terms = self.model.cities[city_id]
        floor = terms[-1]["end"] if terms else date(2000, 1, 1)
        start = floor + timedelta(days=self.draw(st.integers(0, 3000)))
        term_id = f"t{len(terms) + 1}"
        self._record(
            c.BeginAdministration(
                city_id=city_id, administration_id=term_id, mayor=f"Mayor {term_id}",
                term_start=start, **WHO,
            )
        )  # fmt: skip
        terms.append({"id": term_id, "start": start, "end": None})
        return True

    def end_term(self) -> bool:
        open_ = [k for k, terms in self.model.cities.items() if terms and not terms[-1]["end"]]
        if not open_:
            return False
        city_id = self.draw(st.sampled_from(open_))
        term = self.model.cities[city_id][-1]
        end = term["start"] + timedelta(days=self.draw(st.integers(0, 3000)))
        self._record(
            c.EndAdministration(city_id=city_id, administration_id=term["id"], term_end=end, **WHO)
        )
        term["end"] = end
        return True

    def launch(self) -> bool:
        free = [n for n in NAMES if n not in self.model.missions]
        if not free or not self.model.cities:
            return False
        mission_id = self.draw(st.sampled_from(free))
        city_id = self.draw(st.sampled_from(sorted(self.model.cities)))
        theme, day = self.draw(st.sampled_from(THEMES)), _day(self.draw)
        self._record(
            c.LaunchMission(
                mission_id=mission_id, city_id=city_id, title=f"Mission {mission_id}",
                goal="A bold goal", theme=theme, occurred_on=day, **WHO,
            )
        )  # fmt: skip
        self.model.missions[mission_id] = MissionModel(city_id, theme, day)
        return True

    def _mission(self) -> tuple[str, MissionModel] | None:
        if not self.model.missions:
            return None
        mission_id = self.draw(st.sampled_from(sorted(self.model.missions)))
        return mission_id, self.model.missions[mission_id]

    def _item(self, mission: MissionModel) -> str | None:
        free = [i for i in LOCAL_IDS if i not in mission.local_ids]
        return self.draw(st.sampled_from(free)) if free else None

    def _mission_event(
        self, mission_id: str, m: MissionModel, command: c.MissionCommand, kind: str,
        item: str | None, day: date | None, **values: Any,
    ) -> None:  # fmt: skip
        position = self._record(command)
        m.events[m.version + 1] = Recorded(kind, item, day, position, values)
        if item is not None:
            m.local_ids.add(item)

    def adopt(self) -> bool:
        found = self._mission()
        if found is None:
            return False
        mission_id, m = found
        approach = self.draw(st.sampled_from(APPROACH_IDS))
        instrument = self.draw(st.sampled_from([None, "Kit", "Fund"]))
        if (approach, instrument) in m.adopted:
            return False
        day = _day(self.draw, m.launched_on)
        command = c.AdoptApproach(
            mission_id=mission_id, approach_id=approach, instrument=instrument, occurred_on=day,
            **WHO,
        )  # fmt: skip
        self._mission_event(mission_id, m, command, "ApproachAdopted", None, day)
        m.adopted.add((approach, instrument))
        m.approaches.add(approach)
        return True

    def add_item(self) -> bool:
        """A decision, iteration, roadblock, partner, outcome or spillover."""
        found = self._mission()
        if found is None:
            return False
        mission_id, m = found
        item = self._item(m)
        if item is None:
            return False
        day = _day(self.draw, m.launched_on)
        kind = self.draw(
            st.sampled_from(
                ["DecisionRecorded", "IterationStarted", "RoadblockEncountered",
                 "PartnerJoined", "OutcomeMeasured", "SpilloverObserved"]
            )
        )  # fmt: skip
        base: dict[str, Any] = {"mission_id": mission_id, "occurred_on": day, **WHO}
        command: c.MissionCommand
        if kind == "DecisionRecorded":
            command = c.RecordDecision(decision_id=item, title=f"Decide {item}", **base)
        elif kind == "IterationStarted":
            approach = self.draw(st.sampled_from([None, *sorted(m.approaches)]))
            command = c.StartIteration(
                iteration_id=item, title=f"Try {item}", approach_id=approach, **base
            )
        elif kind == "RoadblockEncountered":
            command = c.RecordRoadblock(roadblock_id=item, description=f"Stuck {item}", **base)
        elif kind == "PartnerJoined":
            command = c.AddPartner(partner_id=item, name=item, sector=Sector.BUSINESS, **base)
        elif kind == "OutcomeMeasured":
            value = self.draw(st.integers(0, 100))
            command = c.RecordOutcome(
                outcome_id=item, indicator="homes", kind=IndicatorKind.CAPACITY,
                value=float(value), unit="homes", **base,
            )  # fmt: skip
        else:
            command = c.RecordSpillover(spillover_id=item, description=f"Gain {item}", **base)
        self._mission_event(mission_id, m, command, kind, item, day)
        return True

    def close_item(self) -> bool:
        """Conclude an open iteration or resolve an open roadblock."""
        found = self._mission()
        if found is None:
            return False
        mission_id, m = found
        iterations = [i for i, it in m.iterations().items() if it["concluded"] is None]
        roadblocks = [r for r, resolution in m.roadblocks().items() if resolution is None]
        choices = [("i", i) for i in iterations] + [("r", r) for r in roadblocks]
        if not choices:
            return False
        which, item = self.draw(st.sampled_from(choices))
        if which == "i":
            opened = m.items("IterationStarted")[item]
            day = _day(self.draw, opened.day or m.launched_on)
            result = self.draw(st.sampled_from(list(Result)))
            command: c.MissionCommand = c.ConcludeIteration(
                mission_id=mission_id, iteration_id=item, result=result, why="Because",
                occurred_on=day, **WHO,
            )  # fmt: skip
            self._mission_event(
                mission_id, m, command, "IterationConcluded", item, day, result=result.value
            )
        else:
            opened = m.items("RoadblockEncountered")[item]
            day = _day(self.draw, opened.day or m.launched_on)
            resolution = f"Fix {len(self.commands)}"
            command = c.ResolveRoadblock(
                mission_id=mission_id, roadblock_id=item, resolution=resolution,
                occurred_on=day, **WHO,
            )  # fmt: skip
            self._mission_event(
                mission_id, m, command, "RoadblockResolved", item, day, resolution=resolution
            )
        return True

    def change_status(self) -> bool:
        found = self._mission()
        if found is None:
            return False
        mission_id, m = found
        status = self.draw(st.sampled_from(TRANSITIONS[m.status]))
        day = _day(self.draw, m.launched_on)
        command = c.ChangeMissionStatus(
            mission_id=mission_id, status=MissionStatus(status), reason="Because",
            occurred_on=day, **WHO,
        )  # fmt: skip
        self._mission_event(mission_id, m, command, "MissionStatusChanged", None, day)
        m.status = status
        return True

    def retract(self) -> bool:
        found = self._mission()
        if found is None:
            return False
        mission_id, m = found
        targets = [v for v, r in m.events.items() if r.kind in RETRACTABLE and not r.retracted]
        if not targets:
            return False
        version = self.draw(st.sampled_from(targets))
        command = c.RetractEvent(mission_id=mission_id, version=version, reason="Wrong", **WHO)
        self._mission_event(mission_id, m, command, "EventRetracted", None, None)
        m.events[version].retracted = True
        return True

    def correct(self) -> bool:
        """The documented way to correct a result: withdraw it, then record it again."""
        found = self._mission()
        if found is None:
            return False
        mission_id, m = found
        closes = [
            (v, r) for v, r in m.events.items()
            if r.kind in ("IterationConcluded", "RoadblockResolved") and not r.retracted
            and r.item in (m.iterations() if r.kind == "IterationConcluded" else m.roadblocks())
        ]  # fmt: skip
        if not closes:
            return False
        version, target = self.draw(st.sampled_from(closes))
        command = c.RetractEvent(mission_id=mission_id, version=version, reason="Wrong", **WHO)
        self._mission_event(mission_id, m, command, "EventRetracted", None, None)
        m.events[version].retracted = True
        if target.kind == "IterationConcluded":
            result = self.draw(st.sampled_from(list(Result)))
            again: c.MissionCommand = c.ConcludeIteration(
                mission_id=mission_id, iteration_id=target.item, result=result,
                why="Corrected", occurred_on=target.day, **WHO,
            )  # fmt: skip
            values = {"result": result.value}
        else:
            resolution = f"Corrected {len(self.commands)}"
            again = c.ResolveRoadblock(
                mission_id=mission_id, roadblock_id=target.item, resolution=resolution,
                occurred_on=target.day, **WHO,
            )  # fmt: skip
            values = {"resolution": resolution}
        self._mission_event(mission_id, m, again, target.kind, target.item, target.day, **values)
        return True

    def _record(self, command: c.Command) -> int:
        self.commands.append(command)
        return self.model.next_position()


STEPS = [
    "register_city", "begin_term", "end_term", "launch", "adopt", "add_item", "add_item",
    "close_item", "close_item", "change_status", "retract", "correct", "correct",
]  # fmt: skip


def history(draw: Draw, max_steps: int = 40) -> HistoryBuilder:
    """A valid history of up to ``max_steps`` commands, each recording one event."""
    builder = HistoryBuilder(draw)
    builder.register_city()
    builder.launch()
    for _ in range(draw(st.integers(1, max_steps))):
        step = draw(st.sampled_from(STEPS))
        getattr(builder, step)()
    return builder
