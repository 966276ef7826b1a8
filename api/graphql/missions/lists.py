"""A city's missions read with the lists a request selects below them (approaches,
decisions, iterations, roadblocks), each mission's loaders primed with its lists: the lists'
resolvers then read nothing, and the request reads the graph once for all those levels."""

from __future__ import annotations

from collections.abc import Iterable

from strawberry.types.nodes import SelectedField, Selection

from api.graphql.context import Info, read
from api.graphql.lookahead import below
from graph.reads import missions as mission_reads
from graph.reads.cities import CityRow
from graph.reads.missions import LISTS, MissionRow


def lists_below(missions: Iterable[Selection]) -> tuple[str, ...]:
    """The lists of a mission that selections of missions ask for, in :data:`LISTS` order."""
    fields = list(missions)
    return tuple(name for name in LISTS if below(fields, name))


async def missions_of(info: Info, city_id: str) -> list[MissionRow]:
    """A city's missions, by title; ``info`` is the missions field's."""
    loaders = info.context.loaders
    lists = lists_below(info.selected_fields)
    if not lists:
        return await loaders.missions_of_city.load(city_id)
    found = await loaders.missions_with_lists_of_city(lists).load(city_id)
    for entry in found:
        key = entry.mission.id
        # prime() keeps what a loader holds already: a second selection changes nothing.
        if "approaches" in lists:
            loaders.approaches_of_mission.prime(key, entry.approaches)
        if "decisions" in lists:
            loaders.decisions_of_mission.prime(key, entry.decisions)
        if "iterations" in lists:
            loaders.iterations_of_mission.prime(key, entry.iterations)
        if "roadblocks" in lists:
            loaders.roadblocks_of_mission.prime(key, entry.roadblocks)
    return [entry.mission for entry in found]


async def city_with_missions(info: Info, city_id: str, missions: SelectedField) -> CityRow | None:
    """A city's row, read with its missions and their lists as ``missions`` selects them, all
    in one read: the city's missions field then reads nothing either."""
    loaders = info.context.loaders
    lists = lists_below([missions])
    city, found = await read(
        mission_reads.city_with_missions, info.context.atlas.graph, city_id, lists
    )
    if city is not None:
        loaders.city.prime(city_id, city)
        if lists:
            loaders.missions_with_lists_of_city(lists).prime(city_id, found)
        else:
            loaders.missions_of_city.prime(city_id, [entry.mission for entry in found])
    return city
