"""What happened to a city's missions at each change of administration.

For every pair of consecutive administrations, each mission alive on the day the new one took
office is judged by its first status change during the new term (paused, halted, renewed,
achieved, closed),
or ``continued`` if there was none; with the decisions just before and after the change, the
roadblocks still open on the day, and how many administrations the mission has lived through.
"""

from __future__ import annotations

from bisect import bisect_left
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
    """A mission's dated status changes, decisions and roadblocks, oldest first (by day, then
    position in the log: the sort key begins with the day), each with the list of its days,
    and the administrations it lived through."""

    status: list[Row]
    decisions: list[DecisionRow]
    roadblocks: list[RoadblockRow]
    status_days: list[date]
    decision_days: list[date]
    met_days: list[date]
    survived: int


def _survived(mission: Row, changes: list[Row], terms: list[AdministrationRow]) -> int:
    """Administrations in office at some time between launch and a final halt (or today)."""
    born = mission["launched_on"] or terms[0].term_start
    ended = changes[-1]["occurred_on"] if changes and changes[-1]["status"] in ENDED else None
    return sum(
        1
        for t in terms
        if (ended is None or t.term_start <= ended) and (t.term_end is None or t.term_end >= born)
    )


def _fate(mission: Row, on: date, until: date | None, rows: _History) -> MissionFate | None:
    """What became of ``mission`` when a new administration took office ``on`` that day."""
    if mission["launched_on"] is not None and mission["launched_on"] >= on:
        return None  # launched under the new administration
    # A city's missions are judged at every change of mayor: each list is cut at the day by
    # bisection over its days, so a long history is neither walked nor copied at each.
    changes = rows.status
    at = bisect_left(rows.status_days, on)  # the first change on the day or after
    if at and changes[at - 1]["status"] in ENDED:
        return None  # already ended under an earlier administration
    first = next(
        (
            c
            for c in islice(changes, at, None)
            if (until is None or c["occurred_on"] < until) and c["status"] != "active"
        ),
        None,
    )
    decided = bisect_left(rows.decision_days, on)
    met = bisect_left(rows.met_days, on)
    return MissionFate(
        mission_id=mission["id"],
        title=mission["title"],
        outcome=first["status"] if first else "continued",
        reason=first["reason"] if first else None,
        changed_on=first["occurred_on"] if first else None,
        decisions_before=rows.decisions[max(decided - WINDOW, 0) : decided],
        decisions_after=rows.decisions[decided : decided + WINDOW],
        roadblocks_carried_over=[
            r for r in rows.roadblocks[:met] if r.resolved_on is None or r.resolved_on >= on
        ],
        administrations_survived=rows.survived,
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


def _history(mission: Row, terms: list[AdministrationRow]) -> _History:
    mission["launched_on"] = day(mission["launched_on"])
    status = _dated(mission["status"], "occurred_on", "occurred_on")
    decisions = _dated(mission["decisions"], "occurred_on", "occurred_on", "in_force_from")
    roadblocks = _dated(mission["roadblocks"], "encountered_on", "encountered_on", "resolved_on")
    return _History(
        status=status,
        decisions=[decision_of(d) for d in decisions],
        roadblocks=[_roadblock(r) for r in roadblocks],
        status_days=[c["occurred_on"] for c in status],
        decision_days=[d["occurred_on"] for d in decisions],
        met_days=[r["encountered_on"] for r in roadblocks],
        survived=_survived(mission, status, terms),
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
    histories = {mission["id"]: _history(mission, terms) for mission in missions}
    result = []
    for outgoing, incoming in pairwise(terms):
        on = incoming.term_start
        transition = Transition(outgoing, incoming, on)
        for mission in missions:
            fate = _fate(mission, on, incoming.term_end, histories[mission["id"]])
            if fate is not None:
                transition.missions.append(fate)
        result.append(transition)
    return result
