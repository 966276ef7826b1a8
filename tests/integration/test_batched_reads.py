"""Every nested list is batched: a GraphQL request reads the graph as many times for a record of
six cities as for a record of two, however many objects each level holds; and a list read with
its parents (a city's missions with their decisions, roadblocks, iterations and approaches)
costs no read of its own, answering as reading it level by level would.

On both graph stores (SQLite for the events): the reads are the API's doing, the answers must
be each store's own.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.bootstrap import Atlas, bootstrap
from api.settings import Settings
from events import commands as c
from events.catalogue import APPROACHES
from graph.port import GraphStore, Row, Write
from tests.factories import (
    adopt,
    begin_term,
    conclude,
    decide,
    end_term,
    launch,
    register_city,
    resolve,
    roadblock,
    start_iteration,
)
from tests.integration.graph_stores import STORES

APPROACHES_WITH_CITIES = "{ approaches { id cities { id name missions { title } } } }"
TERMS = "administrations { id mayor termStart termEnd }"
CITIES_WITH_ADMINISTRATIONS = f"{{ cities {{ id {TERMS} }} }}"
A_CITYS_MISSIONS_WITH_APPROACHES = (
    '{ city(id: "city-0") { missions { title approaches { label cities { name } '
    "missions { edges { node { title city { name } } } } } } } }"
)
DECISIONS = "decisions { id title occurred decidedBy answersRoadblockId recordedIn { position } }"
ROADBLOCKS = "roadblocks { id description resolution resolvedOn resolvedIn { position } }"
ITERATIONS = "iterations { id title result approach { id } concludedIn { position } }"
MISSION_LISTS = f"{DECISIONS} {ROADBLOCKS} {ITERATIONS} approaches {{ id label }}"
A_CITYS_MISSIONS_WITH_THEIR_LISTS = (
    f'{{ city(id: "city-0") {{ missions {{ id {MISSION_LISTS} }} }} }}'
)
CITIES_WITH_MISSIONS_AND_LISTS = (
    f"{{ cities {{ id missions {{ id title {DECISIONS} {ROADBLOCKS} }} }} }}"
)


class CountedReads(GraphStore):
    """A graph store that counts the reads made through it."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.reads = 0
        self.dialect = store.dialect  # the query texts the API reads on this store

    def setup(self) -> None:
        self.store.setup()

    def apply(self, writes: Sequence[Write], projection: str, after: int, position: int) -> bool:
        return self.store.apply(writes, projection, after, position)

    def position(self, projection: str) -> int:
        return self.store.position(projection)

    def read(self, query: str, parameters: Mapping[str, Any] | None = None) -> list[Row]:
        self.reads += 1
        return self.store.read(query, parameters)

    def clear(self) -> None:
        self.store.clear()

    def close(self) -> None:
        self.store.close()


SHARED = "cross-sector-alliance"


def items_of(mission_id: str, j: int) -> list[c.Command]:
    """Mission ``j`` of a city: j decisions recorded newest first (the lists come oldest
    first), the last answering a roadblock that is resolved on odd j, and an iteration of
    its other approach, concluded on odd j. Mission 0 has none."""
    if j == 0:
        return []
    commands: list[c.Command] = [roadblock(mission_id, "r", occurred_on=date(2019, 1, 1))]
    for k in reversed(range(j)):
        answers = {"answers_roadblock": "r"} if k == j - 1 else {}
        day = date(2020, 1 + k, 1)
        commands.append(
            decide(mission_id, f"Decision {k} of {mission_id}", occurred_on=day, **answers)
        )
    commands.append(start_iteration(mission_id, "i", occurred_on=date(2021, 1, 1)))
    if j % 2:
        commands.append(resolve(mission_id, "r", occurred_on=date(2022, 1, 1)))
        commands.append(conclude(mission_id, "i", occurred_on=date(2022, 2, 1)))
    return commands


def record_of(cities: int) -> list[c.Command]:
    """``cities`` cities; city-0 runs one mission per city, the others one each. Every
    mission adopts the shared approach, whose lists of cities and missions grow with the
    record; city-0's missions adopt one other approach each, in turn, and hold decisions,
    roadblocks and iterations (:func:`items_of`)."""
    others = [a for a in APPROACHES if a != SHARED]
    commands: list[c.Command] = []
    for i in range(cities):
        commands.append(register_city(f"city-{i}"))
        commands.append(begin_term(f"city-{i}", "first", date(2017, 5, 1), mayor=f"Mayor A{i}"))
        commands.append(end_term(f"city-{i}", "first", date(2021, 4, 30)))
        commands.append(begin_term(f"city-{i}", "second", date(2021, 5, 1), mayor=f"Mayor B{i}"))
        for j in range(cities if i == 0 else 1):
            mission_id = f"mission-{i}-{j}"
            commands.append(launch(mission_id, f"city-{i}"))
            commands.append(adopt(mission_id, SHARED))
            if i == 0:
                commands.append(adopt(mission_id, others[j % len(others)]))
                commands.extend(items_of(mission_id, j))
    return commands


class Api:
    def __init__(self, client: TestClient, graph: CountedReads) -> None:
        self.client, self.graph = client, graph

    def reads_for(self, query: str) -> tuple[int, dict[str, Any]]:
        """How many graph reads answering ``query`` took, and the answer."""
        before = self.graph.reads
        body = self.client.post("/graphql", json={"query": query}).json()
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return self.graph.reads - before, data


@pytest.fixture(params=STORES)
def api_over(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """An API over a record of so many cities, on each graph store in turn. One Neo4j holds
    one record at a time: opening another replaces the one before."""
    opened: list[TestClient] = []

    def open_api(cities: int) -> Api:
        env = {"MISSION_ATLAS_DATA_DIR": str(tmp_path / f"{cities}")}
        if request.param == "neo4j":
            neo4j = request.getfixturevalue("neo4j_server")
            env |= {"MISSION_ATLAS_GRAPH_STORE": "neo4j", "NEO4J_URI": neo4j.uri}
        settings = Settings.from_env(env)
        atlas = bootstrap(settings)
        atlas.graph.clear()
        atlas.graph.setup()
        atlas.events.execute(record_of(cities))
        atlas.projector.catch_up()
        counted = CountedReads(atlas.graph)
        atlas.graph = counted

        def build(_: Settings | None) -> Atlas:
            return atlas

        client = TestClient(create_app(settings, poll=False, build=build)).__enter__()
        opened.append(client)
        return Api(client, counted)

    yield open_api
    for client in opened:
        client.__exit__(None, None, None)


NESTED = {
    "approaches": APPROACHES_WITH_CITIES,
    "city": A_CITYS_MISSIONS_WITH_APPROACHES,
    "cities": CITIES_WITH_ADMINISTRATIONS,
    "city-missions-lists": A_CITYS_MISSIONS_WITH_THEIR_LISTS,
    "cities-missions-lists": CITIES_WITH_MISSIONS_AND_LISTS,
}


def test_a_request_reads_the_graph_as_often_whatever_the_size_of_the_record(
    api_over: Any,
) -> None:
    small = api_over(2)
    small_reads = {name: small.reads_for(query)[0] for name, query in NESTED.items()}
    large = api_over(6)
    large_reads = {name: large.reads_for(query)[0] for name, query in NESTED.items()}
    assert large_reads == small_reads, f"reads for 2 cities {small_reads}, for 6 {large_reads}"


def test_a_citys_missions_come_with_their_lists_in_the_missions_read(api_over: Any) -> None:
    api = api_over(4)
    # The city with its missions and every list: the lists read nothing of their own. The
    # events items name as recording them are one more read, for all items at once.
    reads, data = api.reads_for(A_CITYS_MISSIONS_WITH_THEIR_LISTS)
    assert reads == 2
    reads, _ = api.reads_for(
        '{ city(id: "city-0") { name missions { decisions { title } '
        "roadblocks { description } } } }"
    )
    assert reads == 1
    # Every city, then all their missions with their lists, then the events.
    reads, _ = api.reads_for(CITIES_WITH_MISSIONS_AND_LISTS)
    assert reads == 3
    reads, nowhere = api.reads_for('{ city(id: "nowhere") { missions { decisions { id } } } }')
    assert (reads, nowhere) == (1, {"city": None})
    missions = data["city"]["missions"]
    # Two selections of the missions, each with its lists, answer as they would alone.
    _, twice = api.reads_for(
        '{ city(id: "city-0") { a: missions { id decisions { title } } '
        "b: missions { id roadblocks { description } } } }"
    )
    assert [m["decisions"] for m in twice["city"]["a"]] == [
        [{"title": d["title"]} for d in m["decisions"]] for m in missions
    ]
    assert [m["roadblocks"] for m in twice["city"]["b"]] == [
        [{"description": r["description"]} for r in m["roadblocks"]] for m in missions
    ]
    assert [len(m["decisions"]) for m in missions] == [0, 1, 2, 3]
    assert [m["roadblocks"][0]["resolution"] for m in missions[1:]] == ["Unstuck", None, "Unstuck"]
    for mission in missions:
        # What asking for one mission at a time answers, through the per-mission loaders.
        one = f'{{ mission(id: "{mission["id"]}") {{ id {MISSION_LISTS} }} }}'
        _, alone = api.reads_for(one)
        assert mission == alone["mission"]
    last = missions[3]["decisions"]
    assert [d["occurred"] for d in last] == ["2020-01-01", "2020-02-01", "2020-03-01"]
    assert [d["answersRoadblockId"] is not None for d in last] == [False, False, True]


def test_an_approach_lists_the_cities_whose_missions_use_it(api_over: Any) -> None:
    _, data = api_over(6).reads_for(APPROACHES_WITH_CITIES)
    expected: dict[str, set[str]] = {}
    for command in record_of(6):
        if isinstance(command, c.AdoptApproach):
            city_id = command.mission_id.split("-")[1]
            expected.setdefault(command.approach_id, set()).add(f"city-{city_id}")
    cities = {a["id"]: [city["id"] for city in a["cities"]] for a in data["approaches"]}
    assert cities == {a: sorted(expected.get(a, ())) for a in APPROACHES}


def test_cities_come_with_their_administrations_in_one_read(api_over: Any) -> None:
    api = api_over(3)
    reads, data = api.reads_for(CITIES_WITH_ADMINISTRATIONS)
    assert reads == 1
    for city in data["cities"]:
        # What asking for one city at a time answers, through the per-city loader.
        one = (
            f'{{ city(id: "{city["id"]}") {{ administrations {{ id mayor termStart termEnd }} }} }}'
        )
        _, alone = api.reads_for(one)
        assert city["administrations"] == alone["city"]["administrations"]
        n = city["id"].split("-")[1]
        assert [a["mayor"] for a in city["administrations"]] == [f"Mayor A{n}", f"Mayor B{n}"]


def test_peers_and_transitions_read_no_more_than_their_own_statements(api_over: Any) -> None:
    api = api_over(3)
    # The ranking's one statement; that the city exists goes without saying once it has peers.
    reads, data = api.reads_for('{ peers(cityId: "city-1") { score city { id } } }')
    assert (reads, [p["city"]["id"] for p in data["peers"]]) == (1, ["city-0", "city-2"])
    # Its terms, then its missions' histories.
    reads, data = api.reads_for(
        '{ transitions(cityId: "city-0") { on missions { missionId decisionsBefore { title } } } }'
    )
    assert (reads, len(data["transitions"])) == (2, 1)
