"""/sparql through HTTP, asked by an independent client (SPARQLWrapper), on real servers.

Two deployments with different base IRIs and different records: the demo (Greater Manchester,
Valencia, Camden) and the fictional Springfield. The approach catalogue's IRIs are the same in
both, so one server's SPARQL joins the other's record with SERVICE.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from events.application import MissionAtlas
from events.settings import event_store_env
from tests.e2e.server import Server, serve
from tests.stories import springfield_story

ATLAS = "https://w3id.org/mission-atlas/ontology#"
PREFIXES = f"PREFIX atlas: <{ATLAS}>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
QUERIES = Path(__file__).resolve().parents[2] / "ontology" / "queries"


def caught_up(server: Server, timeout: float = 60) -> None:
    """Wait until the RDF store has projected every stored event."""
    events = server.events()
    ask = f"ASK {{ GRAPH <urn:mission-atlas:bookkeeping> {{ ?p <{ATLAS}position> {events} }} }}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = httpx.get(f"{server.url}/sparql", params={"query": ask}, timeout=10)
        if answer.status_code == 200 and answer.json()["boolean"]:
            return
        time.sleep(0.2)
    raise AssertionError(f"the RDF store did not reach position {events}:\n{answer.text}")


def _data_env(data: Path, base: str, **extra: str) -> dict[str, str]:
    return {
        "MISSION_ATLAS_DATA_DIR": str(data),
        "MISSION_ATLAS_EVENT_STORE": "sqlite",
        "MISSION_ATLAS_GRAPH_STORE": "embedded",
        "MISSION_ATLAS_BASE_IRI": base,
        **extra,
    }


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Server]]:
    """The demo, with tight bounds to test them against; and Springfield, stored beforehand.
    Both start at once: most of a start is waiting for the process to come up."""
    demo_dir, springfield_dir = (tmp_path_factory.mktemp(n) for n in ("demo", "springfield"))
    bounds = {"MISSION_ATLAS_SPARQL_MAX_ROWS": "500", "MISSION_ATLAS_SPARQL_TIMEOUT": "1"}
    demo_env = _data_env(demo_dir / "data", "http://demo.test/id/", **bounds)
    springfield_env = _data_env(springfield_dir / "data", "http://springfield.test/id/")
    (springfield_dir / "data").mkdir()
    app = MissionAtlas(env=event_store_env("sqlite", springfield_dir / "data" / "events.sqlite"))
    app.execute(springfield_story())
    app.close()
    with ThreadPoolExecutor(2) as starting:
        started = [
            starting.submit(serve, demo_env, demo_dir / "serve.log", "--demo"),
            starting.submit(serve, springfield_env, springfield_dir / "serve.log"),
        ]
        demo, springfield = (s.result() for s in started)
    try:
        caught_up(demo)
        caught_up(springfield)
        yield demo, springfield
    finally:
        demo.stop()
        springfield.stop()


@pytest.fixture(scope="module")
def demo(servers: tuple[Server, Server]) -> Server:
    return servers[0]


@pytest.fixture(scope="module")
def springfield(servers: tuple[Server, Server]) -> Server:
    return servers[1]


def client(server: Server, query: str, fmt: str = JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(f"{server.url}/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def bindings(sparql: SPARQLWrapper) -> list[dict[str, dict[str, str]]]:
    answer: dict[str, Any] = sparql.queryAndConvert()  # type: ignore[assignment]
    rows: list[dict[str, dict[str, str]]] = answer["results"]["bindings"]
    return rows


CITIES = PREFIXES + "SELECT ?name WHERE { ?c a atlas:City ; skos:prefLabel ?name } ORDER BY ?name"
DEMO_CITIES = ["Camden", "Greater Manchester", "Valencia"]


def test_select_answers_in_every_results_format(demo: Server) -> None:
    assert [b["name"]["value"] for b in bindings(client(demo, CITIES))] == DEMO_CITIES
    xml = client(demo, CITIES, XML).queryAndConvert()
    assert [n.firstChild.data for n in xml.getElementsByTagName("literal")] == DEMO_CITIES  # type: ignore[union-attr]
    rows = list(csv.reader(io.StringIO(client(demo, CITIES, CSV).queryAndConvert().decode())))  # type: ignore[union-attr]
    assert rows == [["name"], *([c] for c in DEMO_CITIES)]
    tsv = client(demo, CITIES, TSV).queryAndConvert().decode().splitlines()  # type: ignore[union-attr]
    assert tsv == ["?name", *(f'"{c}"' for c in DEMO_CITIES)]


def test_queries_come_by_get_by_form_and_by_body(demo: Server) -> None:
    for method, request in ((None, None), (POST, None), (POST, POSTDIRECTLY)):
        sparql = client(demo, CITIES)
        if method:
            sparql.setMethod(method)
        if request:
            sparql.setRequestMethod(request)
        names = [b["name"]["value"] for b in bindings(sparql)]
        assert names == DEMO_CITIES


def test_construct_and_describe_answer_in_turtle_n_triples_and_rdf_xml(demo: Server) -> None:
    construct = (
        PREFIXES
        + "CONSTRUCT { ?c skos:prefLabel ?n } WHERE { ?c a atlas:City ; skos:prefLabel ?n }"
    )
    graph = client(demo, construct, TURTLE).queryAndConvert()
    parsed = rdflib.Graph().parse(data=graph, format="turtle")  # type: ignore[arg-type]
    assert sorted(str(o) for o in parsed.objects()) == DEMO_CITIES
    for accept, fmt in (("application/n-triples", "nt"), ("application/rdf+xml", "xml")):
        answer = httpx.get(f"{demo.url}/sparql", params={"query": construct},
                           headers={"accept": accept})  # fmt: skip
        assert answer.headers["content-type"].startswith(accept)
        assert len(rdflib.Graph().parse(data=answer.text, format=fmt)) == 3
    described = client(demo, "DESCRIBE <http://demo.test/id/city/valencia>", TURTLE).query()
    describe = rdflib.Graph().parse(data=described.response.read(), format="turtle")
    labels = describe.objects(
        rdflib.URIRef("http://demo.test/id/city/valencia"), rdflib.SKOS.prefLabel
    )
    assert [str(label) for label in labels] == ["Valencia"]


def test_updates_are_refused_whichever_way_they_come(demo: Server) -> None:
    update = "INSERT DATA { <http://x.test/a> <http://x.test/b> <http://x.test/c> }"
    by_body = httpx.post(f"{demo.url}/sparql", content=update,
                         headers={"content-type": "application/sparql-update"})  # fmt: skip
    by_form = httpx.post(f"{demo.url}/sparql", data={"update": update})
    for answer in (by_body, by_form):
        assert answer.status_code == 400
        assert "read-only" in answer.text
    sparql = client(demo, update)
    with pytest.raises(QueryBadFormed, match="read-only"):
        sparql.query()
    missing = httpx.get(f"{demo.url}/sparql")
    assert missing.status_code == 400
    assert "query: missing" in missing.text
    broken = httpx.get(f"{demo.url}/sparql", params={"query": "SELECT ?x WHERE {"})
    assert broken.status_code == 400
    assert broken.text.startswith("query: ")


def test_names_are_shown_though_the_store_holds_references(demo: Server) -> None:
    mayors = PREFIXES + (
        "PREFIX org: <http://www.w3.org/ns/org#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
        " SELECT DISTINCT ?mayor WHERE { ?a a atlas:Administration ; org:member/rdfs:label ?mayor }"
        " ORDER BY ?mayor"
    )
    found = {b["mayor"]["value"] for b in bindings(client(demo, mayors))}
    assert {"Joan Ribó", "María José Catalá", "Andy Burnham"} <= found
    assert not any("[person:" in name for name in found)


def test_results_are_bounded_in_rows_and_in_time(demo: Server) -> None:
    everything = httpx.get(f"{demo.url}/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
    assert everything.status_code == 400
    assert "more than 500 rows" in everything.text
    assert "MISSION_ATLAS_SPARQL_MAX_ROWS" in everything.text
    # A join of every triple with every other, kept by a filter that almost never holds: it
    # runs for many seconds, and the answer comes when the bound passes.
    slow = ("SELECT ?s WHERE { ?s ?p ?o . ?t ?q ?u "
            "FILTER(CONCAT(STR(?o), STR(?u)) = \"never\") } LIMIT 1")  # fmt: skip
    started = time.monotonic()
    answer = httpx.get(f"{demo.url}/sparql", params={"query": slow}, timeout=30)
    assert answer.status_code == 503
    assert "did not finish within 1 s" in answer.text
    assert time.monotonic() - started < 5
    assert httpx.get(f"{demo.url}/health").status_code == 200


def test_a_federated_query_joins_two_deployments_on_a_shared_approach(
    demo: Server, springfield: Server
) -> None:
    federated = (QUERIES / "federated-approaches.rq").read_text()
    federated = federated.replace("http://127.0.0.1:8001/sparql", f"{springfield.url}/sparql")
    rows = bindings(client(demo, federated))
    pairs = {(r["here"]["value"], r["there"]["value"], r["label"]["value"]) for r in rows}
    assert ("Greater Manchester", "Springfield", "Challenge groups") in pairs
    assert ("Camden", "Springfield", "Community wealth fund") in pairs
    assert all(here in DEMO_CITIES for here, _, _ in pairs)
