"""RDF for researchers, over HTTP and from the command line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import rdflib
from rdflib.namespace import DCAT, DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, VOID

from api.seed import SEED_FILES
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


# Decisions whose ids need percent-encoding in an IRI.
ODD_IDS = ("a b", "über", "50%/50")
WHO = {"recorded_by": "test", "source": "https://example.org/minutes"}


@pytest.fixture(scope="module")
def rdf_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """The demo's record and three decisions with odd ids, with its IRIs under its own address
    so that they dereference. Only read from, so one server serves the module."""
    folder = tmp_path_factory.mktemp("rdf-http")
    port = free_port()
    env = {
        **atlas_env("sqlite+embedded", request, folder / "data"),
        "MISSION_ATLAS_BASE_IRI": f"http://127.0.0.1:{port}/id/",
    }
    decisions = [
        {"event": "DecisionRecorded", "mission_id": "we-make-camden", "decision_id": d,
         "title": f"Decision {d}", "recorded_by": "test", "source": "https://example.org/minutes"}
        for d in ODD_IDS
    ] + [
        {"event": "DecisionRecorded", "event_id": "wrong", "mission_id": "we-make-camden",
         "decision_id": "withdrawn", "title": "Recorded by mistake", **WHO},
        {"event": "EventRetracted", "mission_id": "we-make-camden", "retracts": "wrong",
         "reason": "It never happened", **WHO},
    ]  # fmt: skip
    record = folder / "record.jsonl"
    record.write_text(
        "".join(f.read_text() for f in SEED_FILES)
        + "".join(json.dumps(d) + "\n" for d in decisions)
    )
    assert run_cli("import", str(record), env=env).returncode == 0
    server = serve(env, folder / "serve.log", port=port)
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
        assert response.headers["link"] == (
            '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
        )
    assert len(counts) == 1
    # Browsers get a page that leads to the dumps (issue 15: it was a 406).
    browser = httpx.get(f"{rdf_server.url}/rdf", headers={"accept": "text/html,*/*;q=0.8"})
    assert browser.headers["content-type"].startswith("text/html")
    assert f"{rdf_server.url}/rdf?format=nq" in browser.text
    refused = httpx.get(f"{rdf_server.url}/rdf", headers={"accept": "application/pdf"})
    assert refused.status_code == 406
    assert "text/turtle" in refused.text
    assert refused.headers["vary"] == "accept"
    by_param = httpx.get(f"{rdf_server.url}/rdf", params={"format": "nt", "city": "camden"})
    cities = {s for s, p, o in triples(parsed(by_param)) if (p, o) == (RDF.type, ATLAS.City)}
    assert cities == {rdflib.URIRef(f"{rdf_server.url}/id/city/camden")}


def get(url: str, **kw: Any) -> httpx.Response:
    """As an RDF client does: following the 303 from a thing to its document."""
    return httpx.get(url, follow_redirects=True, **kw)


def test_every_iri_dereferences_to_its_description(rdf_server: Server) -> None:
    base = f"{rdf_server.url}/id"
    city = get(f"{base}/city/valencia", headers={"accept": "text/turtle"})
    assert city.status_code == 200
    facts = triples(parsed(city))
    valencia = rdflib.URIRef(f"{base}/city/valencia")
    assert (valencia, SKOS.prefLabel, rdflib.Literal("Valencia")) in facts
    # The council governs the place; owl:sameAs said they were one (issue 15).
    assert (valencia, ATLAS.governs, rdflib.URIRef("http://www.wikidata.org/entity/Q8818")) in facts
    assert not {t for t in facts if t[1] == OWL.sameAs}
    # Inbound links: the city lists the missions it runs, though they live in their own streams.
    climate = rdflib.URIRef(f"{base}/mission/valencia-climate-neutral")
    assert (climate, ATLAS.runBy, valencia) in facts
    mission = triples(
        parsed(get(f"{base}/mission/we-make-camden", headers={"accept": "application/n-quads"}))
    )
    camden_mission = rdflib.URIRef(f"{base}/mission/we-make-camden")
    assert (camden_mission, RDF.type, ATLAS.Mission) in mission
    decision = rdflib.URIRef(
        f"{base}/mission/we-make-camden/decision/approve-community-wealth-fund"
    )
    assert (decision, RDF.type, ATLAS.Decision) in mission
    event = triples(parsed(get(f"{base}/event/mission/we-make-camden/1")))
    assert (
        rdflib.URIRef(f"{base}/event/mission/we-make-camden/1"),
        ATLAS.eventKind,
        rdflib.Literal("MissionLaunched"),
    ) in event
    approach = triples(parsed(get(f"{base}/approach/community-wealth-fund")))
    assert {p for _, p, _ in approach} >= {SKOS.prefLabel, SKOS.definition, SKOS.broader}
    ribo_2015 = rdflib.URIRef(f"{base}/city/valencia/administration/valencia-ribo-2015")
    ribo_2019 = rdflib.URIRef(f"{base}/city/valencia/administration/valencia-ribo-2019")
    (mayor,) = {o for s, p, o in facts if p == ORG.member and s in (ribo_2015, ribo_2019)}
    person = triples(parsed(get(str(mayor), headers={"accept": "text/turtle"})))
    assert (mayor, RDFS.label, rdflib.Literal("Joan Ribó")) in person


def test_a_thing_answers_303_to_its_document_and_a_browser_gets_a_page(rdf_server: Server) -> None:
    base = f"{rdf_server.url}/id"
    thing = httpx.get(f"{base}/city/valencia?format=nt")
    assert thing.status_code == 303
    assert thing.headers["location"] == "/doc/city/valencia?format=nt"
    document = httpx.get(f"{rdf_server.url}{thing.headers['location']}")
    assert document.status_code == 200
    assert document.headers["content-type"].startswith("application/n-triples")
    assert document.headers["vary"] == "accept"
    assert 'rel="license"' in document.headers["link"]
    page = get(f"{base}/city/valencia", headers={"accept": "text/html,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html")
    assert "Valencia" in page.text
    assert f'href="{base}/mission/valencia-climate-neutral"' in page.text
    missing = httpx.get(f"{base}/mission/atlantis")
    assert missing.status_code == 404
    assert missing.headers["vary"] == "accept"
    unacceptable = get(f"{base}/city/valencia", headers={"accept": "application/pdf"})
    assert unacceptable.status_code == 406
    assert unacceptable.headers["vary"] == "accept"


def test_item_iris_that_need_percent_encoding_dereference(rdf_server: Server) -> None:
    base = f"{rdf_server.url}/id/mission/we-make-camden/decision"
    asked_as = {"a b": "a%20b", "über": "über", "50%/50": "50%25%2F50"}
    for decision_id in ODD_IDS:
        response = get(f"{base}/{asked_as[decision_id]}", headers={"accept": "text/turtle"})
        assert response.status_code == 200, decision_id
        minted = rdflib.URIRef(f"{base}/{quote(decision_id, safe='')}")
        facts = triples(parsed(response))
        assert (minted, DCTERMS.title, rdflib.Literal(f"Decision {decision_id}")) in facts


def test_the_ontology_and_the_dataset_description_are_published(rdf_server: Server) -> None:
    ontology_iri = rdflib.URIRef("https://w3id.org/mission-atlas/ontology")
    versions = set()
    ontology_formats = {
        "text/turtle": "turtle",
        "application/rdf+xml": "xml",
        "application/ld+json": "json-ld",
        "application/n-triples": "nt",
    }
    for media_type, fmt in ontology_formats.items():
        response = httpx.get(f"{rdf_server.url}/ontology", headers={"accept": media_type})
        assert response.headers["content-type"].startswith(media_type)
        assert response.headers["vary"] == "accept"
        graph = rdflib.Graph().parse(data=response.text, format=fmt)
        versions.add(graph.value(ontology_iri, OWL.versionIRI))
    (version,) = versions
    by_version = str(version).replace(str(ontology_iri), f"{rdf_server.url}/ontology")
    assert httpx.get(by_version, headers={"accept": "text/turtle"}).status_code == 200
    page = httpx.get(f"{rdf_server.url}/ontology", headers={"accept": "text/html"})
    assert 'id="MayoralTransition"' in page.text

    void = httpx.get(f"{rdf_server.url}/.well-known/void", headers={"accept": "text/turtle"})
    described = rdflib.Graph().parse(data=void.text, format="turtle")
    dataset = rdflib.URIRef(f"{rdf_server.url}/id/dataset")
    assert (dataset, RDF.type, VOID.Dataset) in described
    assert (dataset, RDF.type, DCAT.Dataset) in described
    assert (
        str(described.value(dataset, DCTERMS.license))
        == "https://creativecommons.org/licenses/by/4.0/"
    )
    assert str(described.value(dataset, VOID.sparqlEndpoint)) == f"{rdf_server.url}/sparql"
    dumps = {str(d) for d in described.objects(dataset, VOID.dataDump)}
    assert len(dumps) == 5
    dump = get(f"{rdf_server.url}/rdf?format=nt")
    assert f"{rdf_server.url}/rdf?format=nt" in dumps
    count = described.value(dataset, VOID.triples)
    assert count is not None
    assert isinstance(count, rdflib.Literal)
    assert count.toPython() == len(triples(parsed(dump))) > 500
    licence = (
        dataset,
        DCTERMS.license,
        rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/"),
    )
    assert licence in triples(parsed(dump))
    assert get(f"{rdf_server.url}/id/dataset", headers={"accept": "text/turtle"}).text == void.text


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


def test_the_dumps_state_the_corrected_view_and_the_history_is_there_for_whoever_asks(
    rdf_server: Server,
) -> None:
    withdrawn = rdflib.URIRef(f"{rdf_server.url}/id/mission/we-make-camden/decision/withdrawn")
    corrected = triples(parsed(get(f"{rdf_server.url}/rdf?format=nt")))
    assert not {t for t in corrected if withdrawn in (t[0], t[2])}
    history = triples(parsed(get(f"{rdf_server.url}/rdf?format=nt&history=true")))
    statements = {s for s, p, o in history if (p, o) == (RDF.subject, withdrawn)}
    assert statements
    assert all((s, RDF.type, PROV.Entity) in history for s in statements)
    invalidated = {s for s, p, _ in history if p == PROV.wasInvalidatedBy}
    assert statements <= invalidated
    # The thing is gone from the corrected view, and its history answers for it.
    assert get(str(withdrawn)).status_code == 404
    described = get(f"{withdrawn}?history=true", headers={"accept": "text/turtle"})
    assert described.status_code == 200
    facts = triples(parsed(described))
    titles = {o for st, p, o in facts if p == RDF.object and (st, RDF.subject, withdrawn) in facts}
    assert rdflib.Literal("Recorded by mistake") in titles
