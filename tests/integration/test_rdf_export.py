"""The RDF export: something researchers can load, query and trust."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from pyshacl import validate
from rdflib.namespace import OWL, PROV, RDF, SKOS

from events.application import MissionAtlas
from events.importing import import_events
from events.settings import event_store_env
from events.vocabulary import Result
from ontology.export import Selection, export_graphs
from ontology.iris import Iris
from ontology.writers import FORMATS, serialize
from tests.histories import history
from tests.stories import springfield_story
from tests.synthetic import synthetic_commands

ROOT = Path(__file__).resolve().parents[2]
ATLAS = rdflib.Namespace("https://w3id.org/mission-atlas/ontology#")
IRIS = Iris("http://atlas.test/id/")
RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}
OXIGRAPH_FORMAT = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}
SEED = ROOT / "api" / "seed" / "missions-playbook-2024.jsonl"


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MissionAtlas]:
    app = MissionAtlas(env=event_store_env("sqlite", tmp_path_factory.mktemp("rdf") / "e.sqlite"))
    with SEED.open() as seed:
        import_events(app, seed)
    app.execute(springfield_story())
    yield app
    app.close()


def export(app: MissionAtlas, fmt: str, **options: object) -> str:
    return "".join(serialize(FORMATS[fmt], export_graphs(app, IRIS, **options)))  # type: ignore[arg-type]


def loaded(text: str, fmt: str) -> rdflib.Graph:
    """Every triple of the export in one graph, whatever the graph names."""
    dataset = rdflib.Dataset()
    dataset.parse(data=text, format=RDFLIB_FORMAT[fmt])
    union = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_parses_the_same_in_rdflib_and_in_oxigraph(
    record: MissionAtlas, fmt: str
) -> None:
    text = export(record, fmt, with_events=True)
    reference = loaded(export(record, "nt", with_events=True), "nt")
    assert len(loaded(text, fmt)) == len(reference) > 900
    quads = list(pyoxigraph.parse(text.encode(), format=OXIGRAPH_FORMAT[fmt]))
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(reference)


def test_the_export_conforms_to_the_shapes_with_and_without_events(record: MissionAtlas) -> None:
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    for with_events in (False, True):
        data = loaded(export(record, "nt", with_events=with_events), "nt")
        conforms, _, report = validate(data, shacl_graph=shapes, inference="none")
        assert conforms, report


def test_the_shapes_catch_a_broken_export(record: MissionAtlas) -> None:
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    data = loaded(export(record, "nt"), "nt")
    mission = next(data.subjects(RDF.type, ATLAS.Mission))
    data.remove((mission, rdflib.URIRef("http://purl.org/dc/terms/title"), None))
    conforms, _, report = validate(data, shacl_graph=shapes, inference="none")
    assert not conforms
    assert "title" in report


def test_counts_survive_the_round_trip(record: MissionAtlas) -> None:
    data = loaded(export(record, "ttl", with_events=True), "ttl")

    def count(cls: rdflib.URIRef) -> int:
        return len(set(data.subjects(RDF.type, cls)))

    assert count(ATLAS.City) == 5  # three from the article, two from the story
    assert count(ATLAS.Mission) == 6
    approaches = {c for c in data.subjects(SKOS.broader, None)}
    assert len(approaches) == 9
    assert count(ATLAS.RecordedEvent) == record.last_position == 25 + 34


def test_every_fact_names_the_event_that_recorded_it(record: MissionAtlas) -> None:
    dataset = rdflib.Dataset()
    dataset.parse(data=export(record, "nq", with_events=True), format="nquads")
    events = {s for s, _, _, _ in dataset.quads((None, RDF.type, ATLAS.RecordedEvent, None))}
    graphs = {g for _, _, _, g in dataset.quads((None, None, None, None))}
    assert graphs - events == {rdflib.URIRef(IRIS.catalogue()[1:-1])}
    pilot = rdflib.URIRef("http://atlas.test/id/mission/retrofit/iteration/pilot")
    (worked_in,) = {g for _, _, _, g in dataset.quads((pilot, ATLAS.result, ATLAS.worked, None))}
    kind = rdflib.Literal("IterationConcluded")
    assert list(dataset.quads((worked_in, ATLAS.eventKind, kind, None)))


def test_iris_are_stable_and_cities_link_to_wikidata(record: MissionAtlas) -> None:
    assert export(record, "nt") == export(record, "nt")
    data = loaded(export(record, "nt"), "nt")
    camden = rdflib.URIRef("http://atlas.test/id/city/camden")
    assert (camden, OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q202088")) in data
    other = "".join(
        serialize(FORMATS["nt"], export_graphs(record, Iris("https://elsewhere.test/")))
    )
    assert "<https://elsewhere.test/city/camden>" in other


def test_a_city_and_a_period_can_be_exported_alone(record: MissionAtlas) -> None:
    camden = loaded(export(record, "nt", selection=Selection(city_id="camden")), "nt")
    cities = set(camden.subjects(RDF.type, ATLAS.City))
    assert cities == {rdflib.URIRef("http://atlas.test/id/city/camden")}
    assert len(set(camden.subjects(RDF.type, ATLAS.Mission))) == 1
    nothing = loaded(export(record, "nt", selection=Selection(since=date(2999, 1, 1))), "nt")
    assert set(nothing.subjects(RDF.type, ATLAS.Mission)) == set()


def test_a_synthetic_record_exports_and_conforms(tmp_path: Path) -> None:
    app = MissionAtlas(env=event_store_env("sqlite", tmp_path / "e.sqlite"))
    app.execute(synthetic_commands(cities=5, missions=20, events=2000))
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    data = loaded(export(app, "nt", with_events=True), "nt")
    conforms, _, report = validate(data, shacl_graph=shapes, inference="none")
    assert conforms, report
    assert len(set(data.subjects(RDF.type, ATLAS.RecordedEvent))) == app.last_position
    app.close()


def test_a_corrected_history_exports_its_corrected_view_and_conforms(tmp_path: Path) -> None:
    from tests import factories as f

    app = MissionAtlas(env=event_store_env("sqlite", tmp_path / "e.sqlite"))
    app.execute(
        [
            f.register_city(),
            f.launch(),
            f.start_iteration("retrofit", "pilot"),
            f.conclude("retrofit", "pilot", event_id="first-reading"),
            f.conclude(
                "retrofit", "pilot", result=Result.DID_NOT_WORK, why="Audited",
                supersedes="first-reading", correction_reason="The audit changed the result",
            ),
        ]
    )  # fmt: skip
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    for with_events in (False, True):
        data = loaded(export(app, "ttl", with_events=with_events), "ttl")
        conforms, _, report = validate(data, shacl_graph=shapes, inference="none")
        assert conforms, report
        results = set(data.objects(None, ATLAS.result))
        assert results == {ATLAS.did_not_work}
    first, withdrawal = (rdflib.URIRef(IRIS.event("mission", "retrofit", v)[1:-1]) for v in (3, 4))
    assert (first, PROV.wasInvalidatedBy, withdrawal) in data
    app.close()


@settings(max_examples=15)
@given(data=st.data())
def test_any_valid_history_exports_rdf_that_conforms_to_the_shapes(data: st.DataObject) -> None:
    built = history(data.draw)
    folder = Path(tempfile.mkdtemp(prefix="atlas-rdf-property-"))
    app = MissionAtlas(env=event_store_env("sqlite", folder / "e.sqlite"))
    try:
        app.execute(built.commands)
        shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
        exported = loaded(export(app, "ttl", with_events=data.draw(st.booleans())), "ttl")
        conforms, _, report = validate(exported, shacl_graph=shapes, inference="none")
        assert conforms, report
        results = list(exported.subject_objects(ATLAS.result))
        expected = {
            (k, i, c.values["result"])
            for k, m in built.model.missions.items()
            for i, c in m.iterations().items()
            if c is not None
        }
        assert len(results) == len(expected)
    finally:
        app.close()
        shutil.rmtree(folder, ignore_errors=True)
