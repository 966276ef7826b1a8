"""Missions, and what shapes them: approaches, instruments, partners, status changes; and a
city's missions read with the lists a request selects below them.

Read one level at a time, ``city { missions { decisions roadblocks } }`` costs a read per
level and per list (four); collected per mission in the missions' own read, with the city's
fields on every row, it costs one, whatever the number of missions.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import NamedTuple

from graph import cypher
from graph.port import Dialect, GraphStore, Row
from graph.reads.batched import by_name, per_id, per_key
from graph.reads.cities import CityRow, city_of
from graph.reads.days import day
from graph.reads.learning import DecisionRow, IterationRow, RoadblockRow, decision_of


class MissionRow(NamedTuple):
    id: str
    city_id: str
    title: str
    goal: str
    theme: str
    horizon_year: int | None
    status: str
    launched_on: date | None
    version: int  # how many events the mission has


_mission = by_name(MissionRow)


class InstrumentRow(NamedTuple):
    id: str
    name: str
    description: str | None
    approach_id: str
    runs_until: date | None
    ended_on: date | None
    end_reason: str | None


class PartnerRow(NamedTuple):
    id: str
    name: str
    sector: str
    role: str | None
    left_on: date | None
    left_reason: str | None


class StatusChangeRow(NamedTuple):
    id: str
    status: str
    reason: str
    occurred_on: date | None


def mission_of(row: Row) -> MissionRow:
    row["version"] = row["version"] or 0
    row["launched_on"] = day(row["launched_on"])
    return _mission(row)


def missions_by_id(store: GraphStore, ids: Sequence[str]) -> list[MissionRow | None]:
    return per_id(store, cypher.MISSIONS_BY_ID, ids, mission_of)


def missions_of_cities(store: GraphStore, city_ids: Sequence[str]) -> list[list[MissionRow]]:
    """Each city's missions, by title."""
    return per_key(store, cypher.MISSIONS_BY_CITY, city_ids, mission_of)


def approaches_of_missions(store: GraphStore, ids: Sequence[str]) -> list[list[str]]:
    """The ids of the approaches each mission has adopted, by label."""
    return per_key(store, cypher.APPROACHES_BY_MISSION, ids, lambda row: str(row["id"]))


def instruments_of_missions(store: GraphStore, ids: Sequence[str]) -> list[list[InstrumentRow]]:
    """Each mission's instruments, by name."""
    return per_key(store, cypher.INSTRUMENTS_BY_MISSION, ids, by_name(InstrumentRow))


def partners_of_missions(store: GraphStore, ids: Sequence[str]) -> list[list[PartnerRow]]:
    """Each mission's partners, by name."""
    return per_key(store, cypher.PARTNERS_BY_MISSION, ids, by_name(PartnerRow))


def status_changes_of_missions(
    store: GraphStore, ids: Sequence[str]
) -> list[list[StatusChangeRow]]:
    """Each mission's changes of status, oldest first."""
    return per_key(store, cypher.STATUS_CHANGES_BY_MISSION, ids, by_name(StatusChangeRow))


# --- a city's missions with their lists collected ---------------------------------------------

LISTS = tuple(cypher.MISSION_LISTS)

_iteration = by_name(IterationRow)
_roadblock = by_name(RoadblockRow)


class MissionWithLists(NamedTuple):
    """A mission and the lists read with it: each as its per-mission read answers it, and
    empty where the read did not collect it."""

    mission: MissionRow
    approaches: list[str]  # ids, by label
    decisions: list[DecisionRow]
    iterations: list[IterationRow]
    roadblocks: list[RoadblockRow]


def missions_with_lists_query(
    lists: Collection[str], with_city: bool = False, dialect: Dialect | None = None
) -> str:
    """The read of cities' missions (over ``$ids``, the city ids, as ``key``) with ``lists``,
    some of :data:`LISTS`, collected per mission: always in one order, so that a request
    selecting the same lists reads the same query text. ``with_city`` adds the city's fields
    (``city_name``...) to every row, and a row with null mission fields for a city without
    missions. On Neo4j the answer is one record per city, its missions nested in it, with
    the city's fields either way, and dates as text (see graph.cypher); the readers take
    either."""
    unknown = set(lists) - set(LISTS)
    if unknown:
        raise ValueError(f"lists: no list of a mission is called {sorted(unknown)}")
    collected_lists = [name for name in LISTS if name in lists]
    if dialect == "neo4j":
        return cypher.NEO4J_CITY_MISSIONS_WITH_LISTS.strip().format(
            calls="".join(cypher.NEO4J_MISSION_LISTS[name] for name in collected_lists),
            lists="".join(f", {name}" for name in collected_lists),
        )
    if with_city:
        parts, carried = [cypher.CITY_WITH_MISSIONS.strip()], ["city_id", "c", "m"]
    else:
        parts, carried = [cypher.MISSIONS_WITH_LISTS_BY_CITY.strip()], ["city_id", "m"]
    for name in collected_lists:
        match, collect = cypher.MISSION_LISTS[name]
        parts.append(f"{match}\nWITH {', '.join(carried)}, {collect} AS {name}")
        carried.append(name)
    returned = cypher.MISSIONS_WITH_LISTS_RETURN.strip().format(
        city=cypher.CITY_FIELDS if with_city else "",
        lists="".join(f", {name}" for name in collected_lists),
    )
    return "\n".join([*parts, returned])


def collected(row: Row, name: str) -> list[Row]:
    """One list of a mission read by :func:`missions_with_lists_query`, in its per-mission
    read's order, without the all-null entry that stands for an empty list (and empty if the
    read did not collect it)."""
    items = [item for item in row.get(name, ()) if item["id"] is not None]
    return sorted(items, key=lambda item: str(item["sort_key"]))


def _dated(item: Row, *names: str) -> Row:
    for name in names:
        item[name] = day(item[name])
    return item


def mission_with_lists_of(row: Row) -> MissionWithLists:
    decisions, iterations, roadblocks = (
        collected(row, n) for n in ("decisions", "iterations", "roadblocks")
    )
    return MissionWithLists(
        mission_of(row),
        approaches=[str(item["id"]) for item in collected(row, "approaches")],
        decisions=[decision_of(_dated(d, "in_force_from", "occurred_on")) for d in decisions],
        iterations=[_iteration(_dated(i, "started_on", "concluded_on")) for i in iterations],
        roadblocks=[_roadblock(_dated(b, "encountered_on", "resolved_on")) for b in roadblocks],
    )


def listed_missions_of(row: Row, lists: Collection[str]) -> list[MissionWithLists]:
    """A city's missions from the values of Neo4j's record for it, in the order its query
    (:func:`missions_with_lists_query`) lists them, with ``lists`` in :data:`LISTS` order."""
    city_id = row["key"]
    named = [name for name in LISTS if name in lists]
    found = []
    for values in row["missions"]:
        id_, title, goal, theme, horizon_year, status, launched_on, version = values[:8]
        listed = dict(zip(named, values[8:], strict=True))
        mission = (id_, city_id, title, goal, theme, horizon_year, status, day(launched_on))
        found.append(
            MissionWithLists(
                tuple.__new__(MissionRow, (*mission, version or 0)),
                approaches=listed.get("approaches", []),
                decisions=[
                    tuple.__new__(DecisionRow, (*d[:4], day(d[4]), day(d[5]), *d[6:]))
                    for d in listed.get("decisions", ())
                ],
                iterations=[
                    tuple.__new__(IterationRow, (*i[:6], day(i[6]), day(i[7]), *i[8:]))
                    for i in listed.get("iterations", ())
                ],
                roadblocks=[
                    tuple.__new__(RoadblockRow, (b[0], b[1], day(b[2]), b[3], day(b[4]), *b[5:]))
                    for b in listed.get("roadblocks", ())
                ],
            )
        )
    return found


def missions_with_lists_of_cities(
    store: GraphStore, city_ids: Sequence[str], lists: Collection[str]
) -> list[list[MissionWithLists]]:
    """Each city's missions, by title, with ``lists`` (some of :data:`LISTS`) in one read."""
    query = missions_with_lists_query(lists, dialect=store.dialect)
    if store.dialect == "neo4j":
        found = {
            row["key"]: listed_missions_of(row, lists)
            for row in store.read(query, {"ids": list(city_ids)})
        }
        return [found.get(city_id, []) for city_id in city_ids]
    return per_key(store, query, city_ids, mission_with_lists_of)


def city_with_missions(
    store: GraphStore, city_id: str, lists: Collection[str]
) -> tuple[CityRow | None, list[MissionWithLists]]:
    """A city and its missions, by title, with ``lists`` (some of :data:`LISTS`), in one read:
    (None, []) if there is no such city."""
    query = missions_with_lists_query(lists, with_city=True, dialect=store.dialect)
    rows = store.read(query, {"ids": [city_id]})
    if store.dialect == "neo4j":
        return (
            (_city_of_missions(rows[0]), listed_missions_of(rows[0], lists)) if rows else (None, [])
        )
    return city_and_missions_of(rows)


def _city_of_missions(row: Row) -> CityRow:
    return city_of(
        {
            "id": row["key"],
            "name": row["city_name"],
            "country": row["city_country"],
            "wikidata_id": row["city_wikidata_id"],
            "version": row["city_version"],
        }
    )


def city_and_missions_of(rows: list[Row]) -> tuple[CityRow | None, list[MissionWithLists]]:
    """The city and its missions, from the rows of a query read ``with_city`` for one city:
    (None, []) if there is no such city."""
    if not rows:
        return None, []
    # A city without missions is one row whose mission fields are null.
    return _city_of_missions(rows[0]), [
        mission_with_lists_of(row) for row in rows if row["id"] is not None
    ]
