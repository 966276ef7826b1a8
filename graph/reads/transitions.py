"""What happened to a city's missions at each change of administration.

For every pair of consecutive administrations, each mission alive on the day the new one took
office is judged by its first status change during the new term (paused, halted, renewed,
achieved, closed),
or ``continued`` if there was none; with the decisions just before and after the change, the
roadblocks still open on the day, and how many administrations the mission has lived through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import islice, pairwise

from graph import cypher
from graph.port import Dialect, GraphStore, Row
from graph.reads.batched import by_name
from graph.reads.cities import AdministrationRow, administration_of
from graph.reads.days import day
from graph.reads.learning import DecisionRow, RoadblockRow, decision_of

_roadblock = by_name(RoadblockRow)  # a collected roadblock, once its sort key is gone

WINDOW = 3  # decisions shown on each side of a change
ENDED = ("halted", "achieved", "closed")  # statuses that end a mission until it is renewed


@dataclass
class MissionFate:
    mission_id: str
    title: str
    outcome: str  # continued | paused | halted | renewed | achieved | closed
    reason: str | None
    changed_on: date | None
    decisions_before: list[DecisionRow]
    decisions_after: list[DecisionRow]
    roadblocks_carried_over: list[RoadblockRow]
    administrations_survived: int


@dataclass
class Transition:
    outgoing: AdministrationRow
    incoming: AdministrationRow
    on: date
    missions: list[MissionFate] = field(default_factory=list)


@dataclass
class _History:
    """A mission's dated status changes, decisions and roadblocks, oldest first."""

    status: list[Row]
    decisions: list[DecisionRow]
    roadblocks: list[RoadblockRow]


def _survived(mission: Row, changes: list[Row], terms: list[AdministrationRow]) -> int:
    """Administrations in office at some time between launch and a final halt (or today)."""
    born = mission["launched_on"] or terms[0].term_start
    ended = changes[-1]["occurred_on"] if changes and changes[-1]["status"] in ENDED else None
    return sum(
        1
        for t in terms
        if (ended is None or t.term_start <= ended) and (t.term_end is None or t.term_end >= born)
    )


def _day(day: date | None) -> date:
    """The date of an item of a history, where every item is dated."""
    assert day is not None
    return day


def _fate(
    mission: Row, on: date, until: date | None, terms: list[AdministrationRow], rows: _History
) -> MissionFate | None:
    """What became of ``mission`` when a new administration took office ``on`` that day."""
    changes = rows.status
    if mission["launched_on"] is not None and mission["launched_on"] >= on:
        return None  # launched under the new administration
    # Each list is walked only as far as the answer needs: a city's missions are judged at
    # every change of mayor, and a long history would otherwise be copied at each.
    last_before = next((c for c in reversed(changes) if c["occurred_on"] < on), None)
    if last_before is not None and last_before["status"] in ENDED:
        return None  # already ended under an earlier administration
    first = next(
        (
            c
            for c in changes
            if on <= c["occurred_on"]
            and (until is None or c["occurred_on"] < until)
            and c["status"] != "active"
        ),
        None,
    )
    decisions = rows.decisions
    before = list(islice((d for d in reversed(decisions) if _day(d.occurred_on) < on), WINDOW))
    return MissionFate(
        mission_id=mission["id"],
        title=mission["title"],
        outcome=first["status"] if first else "continued",
        reason=first["reason"] if first else None,
        changed_on=first["occurred_on"] if first else None,
        decisions_before=before[::-1],
        decisions_after=list(islice((d for d in decisions if _day(d.occurred_on) >= on), WINDOW)),
        roadblocks_carried_over=[
            r
            for r in rows.roadblocks
            if _day(r.encountered_on) < on and (r.resolved_on is None or r.resolved_on >= on)
        ],
        administrations_survived=_survived(mission, changes, terms),
    )


def _dated(items: list[Row], dated_by: str, *days: str) -> list[Row]:
    """The items with a date, oldest first, without the all-null entry of an empty list;
    their ``days`` as dates, whichever way the store gave them."""
    dated = sorted((i for i in items if i[dated_by] is not None), key=lambda i: str(i["sort_key"]))
    for item in dated:
        del item["sort_key"]
        for name in days:
            item[name] = day(item[name])
    return dated


def _history(mission: Row) -> _History:
    mission["launched_on"] = day(mission["launched_on"])
    decisions = _dated(mission["decisions"], "occurred_on", "occurred_on", "in_force_from")
    return _History(
        status=_dated(mission["status"], "occurred_on", "occurred_on"),
        decisions=[decision_of(d) for d in decisions],
        roadblocks=[
            _roadblock(r)
            for r in _dated(
                mission["roadblocks"], "encountered_on", "encountered_on", "resolved_on"
            )
        ],
    )


def mission_histories_query(dialect: Dialect | None) -> str:
    """A city's missions with their histories, in the store's own text where it has one."""
    return (
        cypher.NEO4J_CITY_MISSION_HISTORIES if dialect == "neo4j" else cypher.CITY_MISSION_HISTORIES
    )


def transitions(store: GraphStore, city_id: str) -> list[Transition]:
    terms = [
        administration_of(row, city_id)
        for row in store.read(cypher.CITY_ADMINISTRATIONS, {"city_id": city_id})
    ]
    if len(terms) < 2:
        return []
    missions = store.read(mission_histories_query(store.dialect), {"city_id": city_id})
    histories = {mission["id"]: _history(mission) for mission in missions}
    result = []
    for outgoing, incoming in pairwise(terms):
        on = incoming.term_start
        transition = Transition(outgoing, incoming, on)
        for mission in missions:
            fate = _fate(mission, on, incoming.term_end, terms, histories[mission["id"]])
            if fate is not None:
                transition.missions.append(fate)
        result.append(transition)
    return result
