"""Random valid histories for the property suite: commands, and the model of what they mean.

Ids come from small shared pools, so missions are named like cities and items of different
kinds like each other; dates come out of recording order and are often missing; corrections
withdraw or replace any kind the record allows, named by version or by event id, and the same
fact is often recorded again after its correction.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from events import commands as c
from events.dates import PartialDate
from events.vocabulary import IndicatorKind, MissionStatus, Result, Sector
from tests.choices import Choices, Draw, Drawn, Seeded
from tests.record_model import (
    CITY_RETRACTABLE,
    RETRACTABLE,
    CityModel,
    MissionModel,
    Recorded,
    RecordModel,
    Subject,
)

NAMES = ["valencia", "camden", "gm", "a"]  # for cities and missions alike
LOCAL_IDS = ["x", "y", "valencia", "a-1", "pilot"]
THEMES = ["climate", "housing", "inclusion"]
APPROACH_IDS = ["cross-sector-alliance", "challenge-groups", "community-wealth-fund"]
WHO: dict[str, Any] = {"recorded_by": "property", "source": "https://example.org/generated"}
NEXT_STATUS = {
    "active": ["paused", "halted", "achieved", "closed"],
    "paused": ["active", "halted", "renewed", "achieved", "closed"],
    "halted": ["active", "paused", "renewed", "closed"],
    "renewed": ["active", "paused", "halted", "achieved", "closed"],
    "achieved": ["active", "paused", "halted", "closed"],
    "closed": ["active", "paused", "halted", "renewed"],
}
# Kinds an event may replace, in one command, with a corrected event of the same kind.
REPLACEABLE = ["DecisionRecorded", "PartnerJoined", "OutcomeMeasured", "SpilloverObserved",
               "IterationConcluded", "RoadblockResolved", "MissionStatusChanged",
               "ApproachAdopted"]  # fmt: skip


def _day(choose: Choices, floor: date | None = None) -> PartialDate | None:
    """No date, or one of any precision that can mean a day on or after ``floor``."""
    if choose.flip():
        return None
    day: date = choose.day(date(2010, 1, 1), date(2030, 12, 31))
    day = max(day, floor) if floor is not None else day
    precision = choose.one_of(["day", "day", "month", "year"])
    return PartialDate.stored(day, precision)


def _earliest(day: PartialDate | None) -> date | None:
    return None if day is None else day.earliest


class HistoryBuilder:
    def __init__(self, choose: Choices) -> None:
        self.choose = choose
        self.model = RecordModel()
        self.commands: list[c.Command] = []
        self.terms_begun = 0

    def _pick(self, pool: dict[str, Any]) -> str | None:
        return self.choose.one_of(sorted(pool)) if pool else None

    def _event_id(self) -> str | None:
        return f"e{self.model.position + 1}" if self.choose.flip() else None

    def _record(
        self, subject: Subject, command: c.Command, kind: str, item: str | None,
        day: date | PartialDate | None, **values: Any,
    ) -> None:  # fmt: skip
        self.commands.append(command)
        position = self.model.next_position()
        if isinstance(day, PartialDate):
            day = day.earliest  # what ordering goes by
        recorded = Recorded(kind, item, day, position, values, command.event_id)
        subject.events[subject.version + 1] = recorded

    # --- cities --------------------------------------------------------------------------
    # Each step returns without recording when nothing valid can be done in this state.

    def register_city(self) -> None:
        free = [n for n in NAMES if n not in self.model.cities]
        if free:
            city_id = self.choose.one_of(free)
            city = self.model.cities[city_id] = CityModel()
            command = c.RegisterCity(
                city_id=city_id, name=city_id.title(), country="ES", event_id=self._event_id(),
                **WHO,
            )  # fmt: skip
            self._record(city, command, "CityRegistered", None, None)

    def begin_term(self) -> None:
        ready = {k: city for k, city in self.model.cities.items() if self._last_end(city)[0]}
        city_id = self._pick(ready)
        if city_id is None:
            return
        city = ready[city_id]
        start = self._last_end(city)[1] + timedelta(days=self.choose.number(0, 3000))
        self.terms_begun += 1
        term = f"t{self.terms_begun}"
        command = c.BeginAdministration(
            city_id=city_id, administration_id=term, mayor=f"Mayor {term}", term_start=start,
            event_id=self._event_id(), **WHO,
        )  # fmt: skip
        self._record(city, command, "AdministrationBegan", term, start, term_start=start)

    @staticmethod
    def _last_end(city: CityModel) -> tuple[bool, date]:
        """Whether a new term may begin (the last one in force has ended), and from when."""
        began = city.items("AdministrationBegan")
        if not began:
            return True, date(2000, 1, 1)
        last = max(began, key=lambda term: began[term][0])
        end = city.terms()[last]
        return end is not None, end or date.max

    def end_term(self) -> None:
        open_ = {
            f"{k}|{term}": (k, term)
            for k, city in self.model.cities.items()
            for term, end in city.terms().items()
            if end is None
        }
        chosen = self._pick(open_)
        if chosen is None:
            return
        city_id, term = open_[chosen]
        city = self.model.cities[city_id]
        start = city.items("AdministrationBegan")[term][1].values["term_start"]
        end = start + timedelta(days=self.choose.number(0, 3000))
        command = c.EndAdministration(
            city_id=city_id, administration_id=term, term_end=end, event_id=self._event_id(),
            **WHO,
        )  # fmt: skip
        self._record(city, command, "AdministrationEnded", term, end, term_end=end)

    def retract_city_event(self) -> None:
        city_id = self._pick(self.model.cities)
        if city_id is None:
            return
        city = self.model.cities[city_id]
        targets = {
            str(v): v
            for v, r in city.events.items()
            if r.kind in CITY_RETRACTABLE and not r.retracted
        }
        chosen = self._pick(targets)
        if chosen is None:
            return
        version = targets[chosen]
        by_id = city.events[version].event_id if self.choose.flip() else None
        command = c.RetractCityEvent(
            city_id=city_id, version=None if by_id else version, retracts=by_id, reason="Wrong",
            **WHO,
        )  # fmt: skip
        self._record(city, command, "CityEventRetracted", None, None)
        city.events[version].retracted = True

    # --- missions ------------------------------------------------------------------------

    def launch(self) -> None:
        free = [n for n in NAMES if n not in self.model.missions]
        city_id = self._pick(self.model.cities)
        if not free or city_id is None:
            return
        mission_id = self.choose.one_of(free)
        theme, day = self.choose.one_of(THEMES), _day(self.choose)
        m = self.model.missions[mission_id] = MissionModel(
            city_id=city_id, theme=theme, launched_on=_earliest(day)
        )
        command = c.LaunchMission(
            mission_id=mission_id, city_id=city_id, title=f"Mission {mission_id}",
            goal="A bold goal", theme=theme, occurred_on=day, event_id=self._event_id(), **WHO,
        )  # fmt: skip
        self._record(m, command, "MissionLaunched", None, day)

    def _mission(self) -> tuple[str, MissionModel] | None:
        mission_id = self._pick(self.model.missions)
        return None if mission_id is None else (mission_id, self.model.missions[mission_id])

    def adopt(self, replacing: dict[str, Any] | None = None) -> None:
        found = self._mission()
        if found is None:
            return
        mission_id, m = found
        approach = self.choose.one_of(APPROACH_IDS)
        instrument = self.choose.one_of([None, "Kit", "Fund"])
        if (approach, instrument) in m.adopted:
            return
        day = _day(self.choose, m.launched_on)
        command = c.AdoptApproach(
            mission_id=mission_id, approach_id=approach, instrument=instrument, occurred_on=day,
            event_id=self._event_id(), **WHO,
        )  # fmt: skip
        self._record(
            m, command, "ApproachAdopted", None, day, approach=approach, instrument=instrument
        )

    def add_item(self) -> None:
        """A decision, iteration, roadblock, partner, outcome or spillover."""
        found = self._mission()
        if found is None:
            return
        mission_id, m = found
        free = [i for i in LOCAL_IDS if i not in m.local_ids]
        if not free:
            return
        item = self.choose.one_of(free)
        kind = self.choose.one_of(
            ["DecisionRecorded", "IterationStarted", "RoadblockEncountered",
             "PartnerJoined", "OutcomeMeasured", "SpilloverObserved"]
        )  # fmt: skip
        self._add(mission_id, m, kind, item, {})

    def _add(
        self, mission_id: str, m: MissionModel, kind: str, item: str, extra: dict[str, Any]
    ) -> None:
        day = _day(self.choose, m.launched_on)
        base: dict[str, Any] = {
            "mission_id": mission_id, "occurred_on": day, "event_id": self._event_id(),
            **WHO, **extra,
        }  # fmt: skip
        command: c.MissionCommand
        values: dict[str, Any] = {}
        if kind == "DecisionRecorded":
            command = c.RecordDecision(decision_id=item, title=f"Decide {item}", **base)
        elif kind == "IterationStarted":
            approach = self.choose.one_of([None, *sorted(m.approaches)])
            command = c.StartIteration(
                iteration_id=item, title=f"Try {item}", approach_id=approach, **base
            )
            values["approach"] = approach
        elif kind == "RoadblockEncountered":
            command = c.RecordRoadblock(roadblock_id=item, description=f"Stuck {item}", **base)
        elif kind == "PartnerJoined":
            command = c.AddPartner(partner_id=item, name=item, sector=Sector.BUSINESS, **base)
        elif kind == "OutcomeMeasured":
            value = float(self.choose.number(0, 100))
            command = c.RecordOutcome(
                outcome_id=item, indicator="homes", kind=IndicatorKind.CAPACITY, value=value,
                unit="homes", **base,
            )  # fmt: skip
        else:
            command = c.RecordSpillover(spillover_id=item, description=f"Gain {item}", **base)
        self._record(m, command, kind, item, day, **values)

    def close_item(self) -> None:
        """Conclude an open iteration or resolve an open roadblock."""
        found = self._mission()
        if found is None:
            return
        mission_id, m = found
        choices = {f"i|{i}": i for i, closed in m.iterations().items() if closed is None}
        choices |= {f"r|{r}": r for r, closed in m.roadblocks().items() if closed is None}
        chosen = self._pick(choices)
        if chosen is not None:
            self._close(mission_id, m, chosen[0] == "i", choices[chosen], {})

    def _close(
        self, mission_id: str, m: MissionModel, iteration: bool, item: str, extra: dict[str, Any]
    ) -> None:
        opening = "IterationStarted" if iteration else "RoadblockEncountered"
        opened = m.items(opening)[item][1]
        day = _day(self.choose, opened.day or m.launched_on)
        base: dict[str, Any] = {
            "mission_id": mission_id, "occurred_on": day, "event_id": self._event_id(),
            **WHO, **extra,
        }  # fmt: skip
        if iteration:
            result = self.choose.one_of(list(Result))
            command: c.MissionCommand = c.ConcludeIteration(
                iteration_id=item, result=result, why="Because", **base
            )
            self._record(m, command, "IterationConcluded", item, day, result=result.value)
        else:
            resolution = f"Fix {len(self.commands)}"
            command = c.ResolveRoadblock(roadblock_id=item, resolution=resolution, **base)
            self._record(m, command, "RoadblockResolved", item, day, resolution=resolution)

    def partner_leaves(self) -> None:
        found = self._mission()
        if found is None:
            return
        mission_id, m = found
        staying = {p: p for p, left in m.partners().items() if left is None}
        partner = self._pick(staying)
        if partner is None:
            return
        joined = m.items("PartnerJoined")[partner][1]
        day = _day(self.choose, joined.day or m.launched_on)
        reason = f"Left {len(self.commands)}"
        command = c.EndPartnership(
            mission_id=mission_id, partner_id=partner, reason=reason, occurred_on=day,
            event_id=self._event_id(), **WHO,
        )  # fmt: skip
        self._record(m, command, "PartnerLeft", partner, day, reason=reason)

    def _running_instrument(self) -> tuple[str, MissionModel, int] | None:
        """A mission and the adoption of one of its named instruments that has not ended."""
        found = self._mission()
        if found is None:
            return None
        mission_id, m = found
        running = {
            str(v): v
            for v, (_, ended) in m.instruments().items()
            if ended is None
            and not any(
                r.kind == "InstrumentEnded" and r.values["adopted_in"] == v and not r.retracted
                for r in m.events.values()
            )
        }
        chosen = self._pick(running)
        return None if chosen is None else (mission_id, m, running[chosen])

    def end_instrument(self) -> None:
        found = self._running_instrument()
        if found is None:
            return
        mission_id, m, adopted_in = found
        adoption = m.events[adopted_in].values
        day = _day(self.choose, m.launched_on)
        reason = f"Ended {len(self.commands)}"
        command = c.EndInstrument(
            mission_id=mission_id, approach_id=adoption["approach"],
            instrument=adoption["instrument"], reason=reason, occurred_on=day,
            event_id=self._event_id(), **WHO,
        )  # fmt: skip
        self._record(
            m, command, "InstrumentEnded", adoption["approach"], day, adopted_in=adopted_in,
            reason=reason,
        )  # fmt: skip

    def extend_instrument(self) -> None:
        found = self._running_instrument()
        if found is None:
            return
        mission_id, m, adopted_in = found
        adoption = m.events[adopted_in].values
        until = m.instruments()[adopted_in][0] or date(2020, 1, 1)
        until += timedelta(days=self.choose.number(1, 1000))
        day = _day(self.choose, m.launched_on)
        command = c.ExtendInstrument(
            mission_id=mission_id, approach_id=adoption["approach"],
            instrument=adoption["instrument"], runs_until=until, occurred_on=day,
            event_id=self._event_id(), **WHO,
        )  # fmt: skip
        self._record(
            m, command, "InstrumentExtended", adoption["approach"], day, adopted_in=adopted_in,
            runs_until=until,
        )  # fmt: skip

    def correct_theme(self) -> None:
        found = self._mission()
        if found is None:
            return
        mission_id, m = found
        theme = self.choose.one_of([t for t in THEMES if t != m.theme])
        command = c.CorrectMissionDetails(
            mission_id=mission_id, theme=theme, reason="Wrong theme", **WHO
        )
        m.theme = theme
        self._record(m, command, "MissionDetailsCorrected", None, None)

    def change_status(self, extra: dict[str, Any] | None = None) -> None:
        found = self._mission()
        if found is None:
            return
        mission_id, m = found
        self._status(mission_id, m, extra or {})

    def _status(self, mission_id: str, m: MissionModel, extra: dict[str, Any]) -> None:
        status = self.choose.one_of(NEXT_STATUS[m.status])
        day = _day(self.choose, m.launched_on)
        command = c.ChangeMissionStatus(
            mission_id=mission_id, status=MissionStatus(status), reason="Because",
            occurred_on=day, event_id=self._event_id(), **WHO, **extra,
        )  # fmt: skip
        self._record(m, command, "MissionStatusChanged", None, day, status=status)

    def _target(self, m: MissionModel, kinds: set[str] | list[str]) -> int | None:
        targets = {str(v): v for v, r in m.events.items() if r.kind in kinds and not r.retracted}
        chosen = self._pick(targets)
        return None if chosen is None else targets[chosen]

    def retract(self) -> None:
        found = self._mission()
        if found is None:
            return
        mission_id, m = found
        version = self._target(m, RETRACTABLE)
        if version is None:
            return
        by_id = m.events[version].event_id if self.choose.flip() else None
        command = c.RetractEvent(
            mission_id=mission_id, version=None if by_id else version, retracts=by_id,
            reason="Wrong", **WHO,
        )  # fmt: skip
        m.events[version].retracted = True
        self._record(m, command, "EventRetracted", None, None)

    def replace(self) -> None:
        """One command that withdraws an event and records its corrected version."""
        found = self._mission()
        if found is None:
            return
        mission_id, m = found
        version = self._target(m, REPLACEABLE)
        if version is None:
            return
        old = m.events[version]
        by_id = old.event_id if self.choose.flip() else None
        extra: dict[str, Any] = {
            "supersedes": by_id, "supersedes_version": None if by_id else version,
            "correction_reason": "Corrected",
        }  # fmt: skip
        before = len(self.commands)
        old.retracted = True  # the state the replacement is checked against
        if old.kind in ("IterationConcluded", "RoadblockResolved"):
            closings = m.iterations() if old.kind == "IterationConcluded" else m.roadblocks()
            if old.item not in closings or closings[old.item] is not None:
                old.retracted = False  # it closed an item withdrawn since: nothing to redo
                return
        m.events[m.version + 1] = Recorded("EventRetracted", None, None, 0, {})
        if old.kind == "MissionStatusChanged":
            self._status(mission_id, m, extra)
        elif old.kind == "ApproachAdopted":
            self.adopt_replacing(mission_id, m, extra)
        elif old.kind in ("IterationConcluded", "RoadblockResolved"):
            assert old.item is not None
            self._close(mission_id, m, old.kind == "IterationConcluded", old.item, extra)
        else:
            assert old.item is not None
            self._add(mission_id, m, old.kind, old.item, extra)
        if len(self.commands) == before:  # nothing valid to replace it with: undo
            old.retracted = False
            del m.events[m.version]
            return
        # The command stored two events: the retraction, then the replacement.
        self.model.position += 1
        retraction = m.events[m.version - 1]
        retraction.position = m.events[m.version].position
        m.events[m.version].position = self.model.position

    def adopt_replacing(self, mission_id: str, m: MissionModel, extra: dict[str, Any]) -> None:
        approach = self.choose.one_of(APPROACH_IDS)
        instrument = self.choose.one_of([None, "Kit", "Fund"])
        if (approach, instrument) in m.adopted:
            return
        day = _day(self.choose, m.launched_on)
        command = c.AdoptApproach(
            mission_id=mission_id, approach_id=approach, instrument=instrument, occurred_on=day,
            event_id=self._event_id(), **WHO, **extra,
        )  # fmt: skip
        self._record(
            m, command, "ApproachAdopted", None, day, approach=approach, instrument=instrument
        )


STEPS = [
    "register_city", "begin_term", "end_term", "retract_city_event", "launch", "adopt",
    "add_item", "add_item", "close_item", "close_item", "change_status", "retract",
    "replace", "replace", "partner_leaves", "end_instrument", "extend_instrument",
    "correct_theme",
]  # fmt: skip


def history(draw: Draw, max_steps: int = 40) -> HistoryBuilder:
    """A valid history of up to ``max_steps`` commands, drawn by Hypothesis."""
    choose = Drawn(draw)
    builder = _begun(choose)
    return _stepped(builder, choose.number(1, max_steps))


def seeded_history(seed: int, steps: int = 60) -> HistoryBuilder:
    """A valid history of ``steps`` steps, the same for the same ``seed`` whatever else the
    process has done or imported."""
    return _stepped(_begun(Seeded(seed)), steps)


def _begun(choose: Choices) -> HistoryBuilder:
    builder = HistoryBuilder(choose)
    builder.register_city()
    builder.launch()
    return builder


def _stepped(builder: HistoryBuilder, steps: int) -> HistoryBuilder:
    for _ in range(steps):
        getattr(builder, builder.choose.one_of(STEPS))()
    return builder
