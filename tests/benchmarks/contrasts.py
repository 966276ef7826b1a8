"""The questions the API benchmark asks: each as a Mission Atlas GraphQL document, as the
@neo4j/graphql peer would ask it (or why it cannot), and as the bare Cypher the API sends.

Both GraphQL schemas name their fields alike (the peer's type definitions alias the
projector's properties), so an answer is compared after `normalised`: lists sorted, enum
values in one case, and the peer's one-item relationship lists unwrapped.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, Driver

from events.catalogue import APPROACHES
from graph import cypher
from graph.reads.approaches import cities_of_approaches_query
from graph.reads.cities import cities_with_administrations_query
from graph.reads.lessons import LessonFilter, lessons_query
from graph.reads.missions import missions_with_lists_query
from graph.reads.transitions import mission_histories_query

CITIES = [f"city-{n:04d}" for n in range(100)]
RESULTS = ("worked", "did_not_work", "mixed")
ENUM_FIELDS = ("status", "result", "kind")
# Relationships the peer can only give as lists, where Mission Atlas gives one object.
SINGLE = ("capability", "city", "mission")

Variables = dict[str, str]


@dataclass(frozen=True)
class Contrast:
    name: str
    atlas: str
    bare: Callable[[Driver, Variables], None]
    peer: str | None = None
    cannot: str = ""
    # Goals of issue 12: the peer's p50 for what it can express, twice the bare Cypher's for
    # the queries that were slow per object.
    against_bare: bool = False
    # Mission Atlas asks for one object (`city(id:)`) where the peer filters a list.
    one: bool = False

    def atlas_answer(self, data: dict[str, Any]) -> Any:
        return normalised(_unwrap_edges(next(iter(data.values()))))

    def peer_answer(self, data: dict[str, Any]) -> Any:
        answer = next(iter(data.values()))
        if self.one:
            answer = answer[0] if answer else None
        return normalised(answer)


def draw(rng: random.Random) -> Variables:
    return {
        "city": rng.choice(CITIES),
        "approach": rng.choice(sorted(APPROACHES)),
        "result": rng.choice(RESULTS),
    }


def atlas_variables(contrast: Contrast, given: Variables) -> dict[str, str]:
    return {
        k: v.upper() if k == "result" else v for k, v in given.items() if f"${k}" in contrast.atlas
    }


def peer_variables(contrast: Contrast, given: Variables) -> dict[str, str]:
    assert contrast.peer is not None
    return {k: v for k, v in given.items() if f"${k}" in contrast.peer}


def _unwrap_edges(answer: Any) -> Any:
    if isinstance(answer, dict) and "edges" in answer:
        return [edge["node"] for edge in answer["edges"]]
    return answer


def normalised(value: Any) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in SINGLE and isinstance(item, list) and len(item) == 1:
                item = item[0]
            if key in ENUM_FIELDS and isinstance(item, str):
                item = item.lower()
            out[key] = normalised(item)
        return out
    if isinstance(value, list):
        items = [normalised(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value


def _read(driver: Driver, query: str, **parameters: Any) -> list[Any]:
    """A read sent as the API sends it (`Neo4jGraphStore.read`): one auto-commit query."""
    with driver.session(database="neo4j", default_access_mode=READ_ACCESS) as session:
        return list(session.run(query, parameters))


def _bare_city_missions(*lists: str) -> Callable[[Driver, Variables], None]:
    """The city with its missions and their ``lists`` collected, as the API reads them."""
    query = missions_with_lists_query(lists, with_city=True, dialect="neo4j")

    def run(driver: Driver, given: Variables) -> None:
        _read(driver, query, ids=[given["city"]])

    return run


def _bare_lessons(driver: Driver, given: Variables) -> None:
    given_filter = LessonFilter(approach_id=given["approach"], result=given["result"])
    query, parameters = lessons_query(given_filter, None, 21, "neo4j")
    _read(driver, query, **parameters)


def _bare_newest_lessons(driver: Driver, given: Variables) -> None:
    query, parameters = lessons_query(LessonFilter(), None, 21, "neo4j")
    _read(driver, query, **parameters)


def _bare_cities_administrations(driver: Driver, given: Variables) -> None:
    _read(driver, cities_with_administrations_query("neo4j"))


def _bare_approach_cities(driver: Driver, given: Variables) -> None:
    _read(driver, cities_of_approaches_query("neo4j"), ids=sorted(APPROACHES))


def _bare_peers(driver: Driver, given: Variables) -> None:
    _read(driver, cypher.PEERS, city_id=given["city"])


def _bare_transitions(driver: Driver, given: Variables) -> None:
    _read(driver, cypher.CITY_ADMINISTRATIONS, city_id=given["city"])
    _read(driver, mission_histories_query("neo4j"), city_id=given["city"])


CONTRASTS = (
    Contrast(
        "a city's missions with their approaches",
        atlas="query($city: ID!) { city(id: $city) { id name missions { id title status "
        "approaches { id label capability { id label } } } } }",
        peer="query($city: ID!) { cities(where: { id: { eq: $city } }) { id name missions "
        "{ id title status approaches { id label capability { id label } } } } }",
        bare=_bare_city_missions("approaches"),
        one=True,
    ),
    Contrast(
        "approaches with their cities",
        atlas="{ approaches { id label cities { id name country } } }",
        peer="{ approaches { id label cities { id name country } } }",
        bare=_bare_approach_cities,
    ),
    Contrast(
        "lessons by approach and result",
        atlas="query($approach: String!, $result: Result!) { lessons(first: 20, filter: "
        "{ approachId: $approach, result: $result }) { edges { node { id kind title result "
        "why lessons occurredOn sources } } } }",
        peer="query($approach: ID!, $result: String!) { lessons(limit: 20, sort: "
        "[{ sortKey: DESC }], where: { result: { eq: $result }, OR: [{ approachId: "
        "{ eq: $approach } }, { mission: { some: { approaches: { some: { id: "
        "{ eq: $approach } } } } } }] }) { id kind title result why lessons occurredOn "
        "sources } }",
        bare=_bare_lessons,
        against_bare=True,
    ),
    Contrast(
        "lessons, newest 20",
        atlas="{ lessons(first: 20) { edges { node { id kind title result why lessons "
        "occurredOn sources } } } }",
        peer="{ lessons(limit: 20, sort: [{ sortKey: DESC }]) { id kind title result why "
        "lessons occurredOn sources } }",
        bare=_bare_newest_lessons,
        against_bare=True,
    ),
    Contrast(
        "cities with their administrations",
        atlas="{ cities { id name administrations { id party termStart termEnd } } }",
        peer="{ cities { id name administrations { id party termStart termEnd } } }",
        bare=_bare_cities_administrations,
    ),
    Contrast(
        "a city's missions with their decisions and roadblocks",
        atlas="query($city: ID!) { city(id: $city) { id missions { id title decisions "
        "{ id title inForceFrom } roadblocks { id description resolution } } } }",
        peer="query($city: ID!) { cities(where: { id: { eq: $city } }) { id missions "
        "{ id title decisions { id title inForceFrom } roadblocks { id description "
        "resolution } } } }",
        bare=_bare_city_missions("decisions", "roadblocks"),
        one=True,
    ),
    Contrast(
        "peers",
        atlas="query($city: ID!) { peers(cityId: $city) { score reason city { id } "
        "sharedApproaches { id } sharedThemes sharedCapabilities { id } } }",
        bare=_bare_peers,
        cannot="ranking by shared approaches, themes and capabilities, with reasons, needs "
        "a score computed across three paths: generated filters and sorts cannot, only a "
        "hand-written @cypher field could",
        against_bare=True,
    ),
    Contrast(
        "transitions",
        atlas="query($city: ID!) { transitions(cityId: $city) { on missions { missionId "
        "fate reason decisionsBefore { title } decisionsAfter { title } "
        "roadblocksCarriedOver { description } administrationsSurvived } } }",
        bare=_bare_transitions,
        cannot="what a change of mayor meant for each mission is derived (fates, decisions "
        "before and after a date that depends on the row): not a property or relationship "
        "the generated schema can return",
        against_bare=True,
    ),
)
