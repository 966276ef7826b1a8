"""A city's missions read with the lists a request selects below them (approaches,
decisions, iterations, roadblocks), each mission's loaders primed with its lists: the lists'
resolvers then read nothing, and the request reads the graph once for all those levels."""

from __future__ import annotations

from api.graphql.context import Info
from api.graphql.lookahead import selects
from graph import cypher
from graph.mission_lists import LISTS, collected, missions_with_lists_query
from graph.port import Row

# The read each list's resolver on Mission loads its list through.
PER_MISSION = {
    "approaches": cypher.APPROACHES_BY_MISSION,
    "decisions": cypher.DECISIONS_BY_MISSION,
    "iterations": cypher.ITERATIONS_BY_MISSION,
    "roadblocks": cypher.ROADBLOCKS_BY_MISSION,
}


async def missions_of(info: Info, city_id: str) -> list[Row]:
    """The rows of a city's missions, by title; ``info`` is the missions field's."""
    loaders = info.context.loaders
    lists = [name for name in LISTS if selects(info, name)]
    if not lists:
        return await loaders.rows_by_key(cypher.MISSIONS_BY_CITY).load(city_id)
    missions = await loaders.rows_by_key(missions_with_lists_query(lists)).load(city_id)
    for name in lists:
        loader = loaders.rows_by_key(PER_MISSION[name])
        for mission in missions:
            loader.prime(mission["id"], collected(mission, name))
    return missions
