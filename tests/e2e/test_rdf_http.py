"""RDF for researchers, over HTTP and from the command line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, SKOS

from tests.e2e.conftest import atlas_env
from tests.e2e.server import Server, free_port, run_cli, serve

ATLAS = rdflib.Namespace("https://w3id.org/mission-atlas/ontology#")
MEDIA = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/n-quads": "nquads",
    "application/trig": "trig",
    "application/ld+json": "json-ld",
}


@pytest.fixture
def rdf_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    """The demo, with its IRIs under its own address so that they dereference."""
    port = free_port()
    env = {
        **atlas_env("sqlite+embedded", request, tmp_path / "data"),
        "MISSION_ATLAS_BASE_IRI": f"http://127.0.0.1:{port}/id/",
    }
    server = serve(env, tmp_path / "serve.log", "--demo", port=port)
    yield server
    server.stop()


def parsed(response: httpx.Response) -> rdflib.Dataset:
    media_type = response.headers["content-type"].split(";")[0]
    dataset = rdflib.Dataset()
    dataset.parse(data=response.text, format=MEDIA[media_type])
    return dataset


def triples(dataset: rdflib.Dataset) -> set[tuple[object, object, object]]:
    return {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}


def test_the_record_is_served_in_each_format_asked_for(rdf_server: Server) -> None:
    counts = set()
    for media_type in MEDIA:
        response = httpx.get(f"{rdf_server.url}/rdf", headers={"accept": media_type})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media_type)
        counts.add(len(triples(parsed(response))))
    assert len(counts) == 1
    refused = httpx.get(f"{rdf_server.url}/rdf", headers={"accept": "text/html"})
    assert refused.status_code == 406
    assert "text/turtle" in refused.text
    by_param = httpx.get(f"{rdf_server.url}/rdf", params={"format": "nt", "city": "camden"})
    cities = {s for s, p, o in triples(parsed(by_param)) if (p, o) == (RDF.type, ATLAS.City)}
    assert cities == {rdflib.URIRef(f"{rdf_server.url}/id/city/camden")}


def test_every_iri_dereferences_to_its_description(rdf_server: Server) -> None:
    base = f"{rdf_server.url}/id"
    city = httpx.get(f"{base}/city/valencia", headers={"accept": "text/turtle"})
    assert city.status_code == 200
    facts = triples(parsed(city))
    valencia = rdflib.URIRef(f"{base}/city/valencia")
    assert (valencia, SKOS.prefLabel, rdflib.Literal("Valencia")) in facts
    assert (valencia, OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q8818")) in facts
    mission = triples(
        parsed(
            httpx.get(f"{base}/mission/we-make-camden", headers={"accept": "application/n-quads"})
        )
    )
    camden_mission = rdflib.URIRef(f"{base}/mission/we-make-camden")
    assert (camden_mission, RDF.type, ATLAS.Mission) in mission
    decision = rdflib.URIRef(
        f"{base}/mission/we-make-camden/decision/approve-community-wealth-fund"
    )
    assert (decision, RDF.type, ATLAS.Decision) in mission
    event = triples(parsed(httpx.get(f"{base}/event/mission/we-make-camden/1")))
    assert (
        rdflib.URIRef(f"{base}/event/mission/we-make-camden/1"),
        ATLAS.eventKind,
        rdflib.Literal("MissionLaunched"),
    ) in event
    approach = triples(parsed(httpx.get(f"{base}/approach/community-wealth-fund")))
    assert {p for _, p, _ in approach} >= {SKOS.prefLabel, SKOS.definition, SKOS.broader}
    assert httpx.get(f"{base}/mission/atlantis").status_code == 404
    assert httpx.get(f"{base}/city/valencia", headers={"accept": "text/html"}).status_code == 406


def test_the_cli_exports_a_city_to_a_file(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    env = atlas_env("sqlite+embedded", request, tmp_path / "data")
    seed = Path(__file__).resolve().parents[2] / "api" / "seed" / "missions-playbook-2024.jsonl"
    run_cli("import", str(seed), env=env)
    target = tmp_path / "camden.trig"
    result = run_cli(
        "export",
        "--format",
        "trig",
        "--city",
        "camden",
        "--with-events",
        "-o",
        str(target),
        env=env,
    )
    assert result.returncode == 0, result.stderr
    dataset = rdflib.Dataset()
    dataset.parse(target, format="trig")
    quads = list(dataset.quads((None, RDF.type, ATLAS.RecordedEvent, None)))
    assert len(quads) == 13  # Camden's registration and the twelve events of its mission
    stdout = run_cli("export", "--format", "nt", "--city", "valencia", env=env)
    assert "<http://localhost:8000/id/city/valencia>" in stdout.stdout
    bad = run_cli("export", "--format", "xml", env=env)
    assert bad.returncode == 1
    assert "--format 'xml'" in bad.stderr
