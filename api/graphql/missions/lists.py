"""A city's missions read with the lists a request selects below them (approaches,
decisions, iterations, roadblocks), each mission's loaders primed with its lists: the lists'
resolvers then read nothing, and the request reads the graph once for all those levels."""

from __future__ import annotations

from collections.abc import Iterable

from strawberry.types.nodes import SelectedField, Selection

from api.graphql.context import Info, read
from api.graphql.lookahead import below
from graph import cypher
from graph.mission_lists import LISTS, city_of, collected, missions_with_lists_query
from graph.port import Row

# The read each list's resolver on Mission loads its list through.
PER_MISSION = {
    "approaches": cypher.APPROACHES_BY_MISSION,
    "decisions": cypher.DECISIONS_BY_MISSION,
    "iterations": cypher.ITERATIONS_BY_MISSION,
    "roadblocks": cypher.ROADBLOCKS_BY_MISSION,
}


def lists_below(missions: Iterable[Selection]) -> list[str]:
    """The lists of a mission that selections of missions ask for."""
    fields = list(missions)
    return [name for name in LISTS if below(fields, name)]


async def missions_of(info: Info, city_id: str) -> list[Row]:
    """The rows of a city's missions, by title; ``info`` is the missions field's."""
    loaders = info.context.loaders
    lists = lists_below(info.selected_fields)
    missions = await loaders.rows_by_key(missions_with_lists_query(lists)).load(city_id)
    for name in lists:
        loader = loaders.rows_by_key(PER_MISSION[name])
        for mission in missions:
            loader.prime(mission["id"], collected(mission, name))
    return missions


async def city_with_missions(info: Info, city_id: str, missions: SelectedField) -> Row | None:
    """A city's row, read with its missions and their lists as ``missions`` selects them, all
    in one read: the city's missions field then reads nothing either."""
    lists = lists_below([missions])
    query = missions_with_lists_query(lists, with_city=True)
    city, rows = city_of(await read(info.context.atlas.graph, query, ids=[city_id]))
    if city is not None:
        info.context.loaders.rows_by_key(missions_with_lists_query(lists)).prime(city_id, rows)
    return city
