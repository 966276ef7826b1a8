"""Cities' missions read together with the lists a request selects below them.

Read one level at a time, ``city { missions { decisions roadblocks } }`` costs a read per
level and per list (four); collected per mission in the missions' own read, it costs one,
whatever the number of missions, as the graph can answer the whole request at once.
"""

from __future__ import annotations

from collections.abc import Collection

from graph import cypher
from graph.port import Row

LISTS = tuple(cypher.MISSION_LISTS)


def missions_with_lists_query(lists: Collection[str]) -> str:
    """The read of cities' missions (over ``$ids``, the city ids, as ``key``) with ``lists``,
    some of :data:`LISTS`, collected per mission: always in one order, so that a request
    selecting the same lists reads the same query text."""
    unknown = set(lists) - set(LISTS)
    if unknown:
        raise ValueError(f"lists: no list of a mission is called {sorted(unknown)}")
    parts, carried = [cypher.MISSIONS_WITH_LISTS_BY_CITY.strip()], ["city_id", "m"]
    for name in LISTS:
        if name in lists:
            match, collected = cypher.MISSION_LISTS[name]
            parts.append(f"{match}\nWITH {', '.join(carried)}, {collected} AS {name}")
            carried.append(name)
    returned = "".join(f", {name}" for name in carried[2:])
    parts.append(cypher.MISSIONS_WITH_LISTS_RETURN.strip().format(lists=returned))
    return "\n".join(parts)


def collected(mission: Row, name: str) -> list[Row]:
    """One list of a mission read by :func:`missions_with_lists_query`, in its per-mission
    read's order, without the all-null entry that stands for an empty list."""
    items = [item for item in mission[name] if item["id"] is not None]
    return sorted(items, key=lambda item: str(item["sort_key"]))
