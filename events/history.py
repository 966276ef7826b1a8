"""The record at a moment, replayed from a mission's events, corrections applied.

Two clocks matter. ``mission_as_of`` follows the recording clock: what had been recorded by a
moment, which is what someone could have known then. ``handover`` follows the real-world
clock too: what had happened by the day a new administration took office (events of unknown
date always count: they cannot be placed), as far as the record knew at a moment (now,
unless given).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, cast

from eventsourcing.application import project_aggregate
from eventsourcing.domain import Aggregate

from events import kinds
from events.application import MissionAtlas
from events.city import City, Term
from events.errors import NotFound
from events.identity import city_uuid, mission_uuid

Item = dict[str, Any]


@dataclass
class MissionRecord:
    mission_id: str
    city_id: str
    title: str
    goal: str
    theme: str
    horizon_year: int | None
    launched_on: date | None
    status: str = "active"
    version: int = 0
    approaches: list[str] = field(default_factory=list)
    partners: dict[str, Item] = field(default_factory=dict)
    decisions: dict[str, Item] = field(default_factory=dict)
    iterations: dict[str, Item] = field(default_factory=dict)
    roadblocks: dict[str, Item] = field(default_factory=dict)
    outcomes: dict[str, Item] = field(default_factory=dict)
    spillovers: dict[str, Item] = field(default_factory=dict)

    @property
    def open_roadblocks(self) -> list[Item]:
        return [r for r in self.roadblocks.values() if r.get("resolution") is None]


def in_time_order(items: Iterable[Item]) -> list[Item]:
    """Items in the order they happened: by real-world date, recording order for ties; undated
    items first, since nothing places them later than a dated one."""
    return sorted(items, key=lambda i: (i["occurred_on"] is not None, i["occurred_on"] or date.min))


def end_of(day: date) -> datetime:
    return datetime.combine(day, time.max, tzinfo=UTC)


ADDS = kinds.adding("Mission")
CLOSES = kinds.closing("Mission")


def _fields(e: Any) -> Item:
    values = {k: v for k, v in vars(e).items() if not k.startswith("originator")}
    values["occurred_on"] = e.provenance.occurred_on
    values["occurred_precision"] = e.provenance.precision
    values["recorded_at"] = e.timestamp
    values.pop("provenance", None)
    return values


def fold(events: Iterable[Aggregate.Event]) -> MissionRecord:
    """A mission's record from its events, corrections applied."""
    record: MissionRecord | None = None
    by_version: dict[int, Aggregate.Event] = {}
    statuses: dict[int, str] = {}  # in force, by version
    adoptions: dict[int, str] = {}
    for e in events:
        name, values = kinds.public_name(e), _fields(e)
        by_version[e.originator_version] = e
        if name == "MissionLaunched":
            keep = ("mission_id", "city_id", "title", "goal", "theme", "horizon_year")
            record = MissionRecord(
                **{k: values[k] for k in keep}, launched_on=values["occurred_on"]
            )
        assert record is not None, "a mission's first event is its launch"
        record.version = e.originator_version
        if (adds := ADDS.get(name)) is not None:
            items = getattr(record, str(adds.adds))
            items[values[str(adds.item)]] = {**values, "added_by": e.originator_version}
        elif (closes := CLOSES.get(name)) is not None:
            items = getattr(record, str(closes.closes))
            if (item := items.get(values[str(closes.item)])) is not None:
                item.update({k: values[k] for k in closes.closing_fields})
                item.update(closed_on=values["occurred_on"], closed_by=e.originator_version)
        elif name == "MissionDetailsCorrected":
            for detail in ("title", "goal", "horizon_year", "theme"):
                if values[detail] is not None:
                    setattr(record, detail, values[detail])
        elif name == "ApproachAdopted":
            adoptions[e.originator_version] = values["approach_id"]
        elif name == "MissionStatusChanged":
            statuses[e.originator_version] = values["status"]
        elif name == "EventRetracted" and values["version"] in by_version:
            statuses.pop(values["version"], None)
            adoptions.pop(values["version"], None)
            _withdraw(record, by_version[values["version"]])
        record.status = next(reversed(statuses.values()), "active")
        record.approaches = list(dict.fromkeys(adoptions.values()))
    if record is None:
        raise NotFound("no such mission is recorded", "mission_id")
    return record


def _withdraw(record: MissionRecord, retracted: Aggregate.Event) -> None:
    name, values = kinds.public_name(retracted), _fields(retracted)
    if (adds := ADDS.get(name)) is not None:
        getattr(record, str(adds.adds)).pop(values[str(adds.item)], None)
    elif (closes := CLOSES.get(name)) is not None:
        item = getattr(record, str(closes.closes)).get(values[str(closes.item)])
        # Only the closing in force reopens the item (see Mission._event_retracted).
        if item is not None and item.get("closed_by") == retracted.originator_version:
            item.update(dict.fromkeys((*closes.closing_fields, "closed_on", "closed_by")))


def _recorded_by(
    app: MissionAtlas, uuid: Any, moment: datetime | None, happened_by: date | None = None
) -> list[Aggregate.Event]:
    """An aggregate's events recorded by ``moment`` and, if a day is given, happened by it."""
    events = [cast(Aggregate.Event, e) for e in app.events.get(uuid)]
    selected = [e for e in events if moment is None or e.timestamp <= moment]
    if happened_by is None:
        return selected

    def happened(e: Aggregate.Event) -> bool:
        day: date | None = getattr(e, "provenance").occurred_on  # noqa: B009 (made by @event)
        return day is None or day <= happened_by

    return [e for e in selected if happened(e)]


def mission_as_of(
    app: MissionAtlas, mission_id: str, moment: datetime | None = None
) -> MissionRecord:
    """The mission as recorded up to ``moment`` (today's record without one)."""
    events = _recorded_by(app, mission_uuid(mission_id), moment)
    if not events:
        raise NotFound(f"no mission {mission_id!r} was recorded by then", "mission_id")
    return fold(events)


@dataclass
class Handover:
    city_id: str
    day: date
    administration: Term | None  # the administration in office that day, as then recorded
    missions: list[MissionRecord]  # the missions still active or renewed that day


def handover(
    app: MissionAtlas,
    city_id: str,
    day: date,
    mission_ids: Iterable[str],
    moment: datetime | None = None,
) -> Handover:
    """The report for an administration taking office on ``day``: every mission still active
    or renewed then, as far as the record knows at ``moment`` (now if not given)."""
    # The whole city as then recorded: its terms say themselves who was in office on the day,
    # and leaving out the events dated later would leave gaps no aggregate can replay.
    city_events = _recorded_by(app, city_uuid(city_id), moment)
    if not city_events:
        raise NotFound(f"no city {city_id!r} was registered by then", "city_id")
    city = project_aggregate(None, city_events)
    assert isinstance(city, City)
    records = []
    for mission_id in mission_ids:
        events = _recorded_by(app, mission_uuid(mission_id), moment, day)
        launched = bool(events) and events[0].originator_version == 1
        # A mission launched after the day is not in the report, even though some of its
        # undated events (which cannot be placed) would count.
        if launched and (record := fold(events)).status in ("active", "renewed"):
            records.append(record)
    return Handover(city_id, day, city.administration_on(day), records)
