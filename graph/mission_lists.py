"""Cities' missions read together with the lists a request selects below them.

Read one level at a time, ``city { missions { decisions roadblocks } }`` costs a read per
level and per list (four); collected per mission in the missions' own read, with the city's
fields on every row, it costs one, whatever the number of missions.
"""

from __future__ import annotations

from collections.abc import Collection

from graph import cypher
from graph.port import Row

LISTS = tuple(cypher.MISSION_LISTS)


def missions_with_lists_query(lists: Collection[str], with_city: bool = False) -> str:
    """The read of cities' missions (over ``$ids``, the city ids, as ``key``) with ``lists``,
    some of :data:`LISTS`, collected per mission: always in one order, so that a request
    selecting the same lists reads the same query text. ``with_city`` adds the city's fields
    (``city_name``...) to every row, and a row with null mission fields for a city without
    missions."""
    unknown = set(lists) - set(LISTS)
    if unknown:
        raise ValueError(f"lists: no list of a mission is called {sorted(unknown)}")
    if with_city:
        parts, carried = [cypher.CITY_WITH_MISSIONS.strip()], ["city_id", "c", "m"]
    else:
        parts, carried = [cypher.MISSIONS_WITH_LISTS_BY_CITY.strip()], ["city_id", "m"]
    collected_lists = []
    for name in LISTS:
        if name in lists:
            match, collect = cypher.MISSION_LISTS[name]
            parts.append(f"{match}\nWITH {', '.join(carried)}, {collect} AS {name}")
            carried.append(name)
            collected_lists.append(name)
    returned = cypher.MISSIONS_WITH_LISTS_RETURN.strip().format(
        city=cypher.CITY_FIELDS if with_city else "",
        lists="".join(f", {name}" for name in collected_lists),
    )
    return "\n".join([*parts, returned])


def collected(mission: Row, name: str) -> list[Row]:
    """One list of a mission read by :func:`missions_with_lists_query`, in its per-mission
    read's order, without the all-null entry that stands for an empty list."""
    items = [item for item in mission[name] if item["id"] is not None]
    return sorted(items, key=lambda item: str(item["sort_key"]))


def city_of(rows: list[Row]) -> tuple[Row | None, list[Row]]:
    """The city and its missions, from the rows of a query read ``with_city`` for one city:
    (None, []) if there is no such city."""
    if not rows:
        return None, []
    first = rows[0]
    city = {
        "id": first["key"],
        "name": first["city_name"],
        "country": first["city_country"],
        "wikidata_id": first["city_wikidata_id"],
        "version": first["city_version"],
    }
    return city, [row for row in rows if row["id"] is not None]
