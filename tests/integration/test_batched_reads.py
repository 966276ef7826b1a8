"""Every nested list is batched: a GraphQL request reads the graph as many times for a record of
six cities as for a record of two, however many objects each level holds.

On the embedded store and SQLite only: the number of reads is the API's doing, not a store's.
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
from tests.factories import adopt, begin_term, end_term, launch, register_city

APPROACHES_WITH_CITIES = "{ approaches { id cities { id name missions { title } } } }"
TERMS = "administrations { id mayor termStart termEnd }"
CITIES_WITH_ADMINISTRATIONS = f"{{ cities {{ id {TERMS} }} }}"
A_CITYS_MISSIONS_WITH_APPROACHES = (
    '{ city(id: "city-0") { missions { title approaches { label cities { name } '
    "missions { edges { node { title city { name } } } } } } } }"
)


class CountedReads(GraphStore):
    """A graph store that counts the reads made through it."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.reads = 0

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


def record_of(cities: int) -> list[c.Command]:
    """``cities`` cities; city-0 runs one mission per city, the others one each. Every
    mission adopts the shared approach, whose lists of cities and missions grow with the
    record; city-0's missions adopt one other approach each, in turn."""
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


@pytest.fixture
def api_over(tmp_path: Path) -> Iterator[Any]:
    opened: list[TestClient] = []

    def open_api(cities: int) -> Api:
        settings = Settings.from_env({"MISSION_ATLAS_DATA_DIR": str(tmp_path / f"{cities}")})
        atlas = bootstrap(settings)
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


@pytest.mark.parametrize(
    "query",
    [APPROACHES_WITH_CITIES, A_CITYS_MISSIONS_WITH_APPROACHES, CITIES_WITH_ADMINISTRATIONS],
    ids=["approaches", "city", "cities"],
)
def test_a_request_reads_the_graph_as_often_whatever_the_size_of_the_record(
    api_over: Any, query: str
) -> None:
    small, large = api_over(2), api_over(6)
    small_reads, _ = small.reads_for(query)
    large_reads, _ = large.reads_for(query)
    assert large_reads == small_reads, f"{small_reads} reads for 2 cities, {large_reads} for 6"


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
