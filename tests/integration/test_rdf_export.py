"""The RDF export: something researchers can load, query and trust."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from pyshacl import validate
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from events import commands as c
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
TIME = rdflib.Namespace("http://www.w3.org/2006/time#")
XSD_DATETIME = rdflib.URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
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
    # The council governs the place Wikidata describes; it is not that place (issue 15).
    place = rdflib.URIRef("http://www.wikidata.org/entity/Q202088")
    assert (camden, ATLAS.governs, place) in data
    assert not list(data.triples((None, OWL.sameAs, None)))
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
    # An event is an activity, which PROV does not invalidate: the history marks its statements.
    assert (first, ATLAS.retractedBy, withdrawal) in data
    assert not list(data.triples((None, PROV.wasInvalidatedBy, None)))
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
        with_events, history_too = data.draw(st.booleans()), data.draw(st.booleans())
        exported = loaded(export(app, "ttl", with_events=with_events, history=history_too), "ttl")
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


def iri_of(term: str) -> rdflib.URIRef:
    return rdflib.URIRef(term[1:-1])


def test_after_a_correction_the_export_states_the_current_fact_and_history_the_withdrawn_one(
    tmp_path: Path,
) -> None:
    from tests import factories as f
    from tests.factories import WHO

    app = MissionAtlas(env=event_store_env("sqlite", tmp_path / "e.sqlite"))
    kit: dict[str, Any] = {"approach_id": "engagement-kit", "instrument": "Kit"}
    app.execute(
        [
            f.register_city(name="Sprinfield"),
            f.launch(),  # mission version 1
            f.start_iteration("retrofit", "pilot"),
            f.conclude("retrofit", "pilot", event_id="first-reading"),
            f.conclude(
                "retrofit", "pilot", result=Result.DID_NOT_WORK, why="Audited",
                supersedes="first-reading", correction_reason="The audit changed the result",
            ),  # versions 4 (the withdrawal) and 5 (the replacement)
            f.adopt("retrofit", **kit),  # version 6
            c.ExtendInstrument(mission_id="retrofit", runs_until=date(2030, 1, 1), **kit, **WHO),
            c.ExtendInstrument(mission_id="retrofit", runs_until=date(2032, 1, 1), **kit, **WHO),
            c.CorrectCityDetails(city_id="springfield", name="Springfield", reason="Typo", **WHO),
            f.decide("retrofit", decision_id="oops"),  # mission version 9
            f.retract("retrofit", 9),
        ]
    )  # fmt: skip
    pilot = iri_of(IRIS.item("retrofit", "iteration", "pilot"))
    instrument = iri_of(IRIS.item("retrofit", "instrument", "6"))
    city = iri_of(IRIS.city("springfield"))
    current = loaded(export(app, "nt"), "nt")
    assert set(current.objects(pilot, ATLAS.result)) == {ATLAS.did_not_work}
    assert set(current.objects(instrument, ATLAS.extendedUntil)) == {
        rdflib.Literal(date(2032, 1, 1))
    }
    assert set(current.objects(city, SKOS.prefLabel)) == {rdflib.Literal("Springfield")}
    assert not set(current.subjects(RDF.type, RDF.Statement))
    oops = iri_of(IRIS.item("retrofit", "decision", "oops"))
    assert not set(current.predicate_objects(oops))

    history = loaded(export(app, "nt", history=True), "nt")
    assert set(history.objects(pilot, ATLAS.result)) == {ATLAS.did_not_work}  # still asserted once

    def withdrawn(
        subject: rdflib.URIRef, predicate: rdflib.URIRef, obj: rdflib.URIRef | None = None
    ) -> dict[str, object]:
        (statement,) = {
            st
            for st in history.subjects(RDF.subject, subject)
            if (st, RDF.predicate, predicate) in history
            and (obj is None or (st, RDF.object, obj) in history)
        }
        assert (statement, RDF.type, PROV.Entity) in history
        return {
            "object": history.value(statement, RDF.object),
            "stated by": history.value(statement, PROV.wasGeneratedBy),
            "taken back by": history.value(statement, PROV.wasInvalidatedBy),
            "when": history.value(statement, PROV.invalidatedAtTime),
        }

    def event(kind: str, version: int) -> rdflib.URIRef:
        owner = "retrofit" if kind == "mission" else "springfield"
        return iri_of(IRIS.event(kind, owner, version))

    result = withdrawn(pilot, ATLAS.result)
    assert result["object"] == ATLAS.worked
    assert result["stated by"] == event("mission", 3)
    assert result["taken back by"] == event("mission", 4)
    assert isinstance(result["when"], rdflib.Literal)
    extension = withdrawn(instrument, ATLAS.extendedUntil)
    assert extension["object"] == rdflib.Literal(date(2030, 1, 1))
    assert extension["taken back by"] == event("mission", 8)
    decision = withdrawn(oops, RDF.type, ATLAS.Decision)  # withdrawn whole, its kind included
    assert decision["taken back by"] == event("mission", 10)
    name = withdrawn(city, SKOS.prefLabel)
    assert name["object"] == rdflib.Literal("Sprinfield")
    assert name["taken back by"] == event("city", 2)
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    conforms, _, report = validate(history, shacl_graph=shapes, inference="none")
    assert conforms, report
    for fmt in ("nt", "nq", "ttl", "trig"):  # an independent parser reads the history alike
        text = export(app, fmt, history=True)
        oxigraph = {(q.subject, q.predicate, q.object) for q in pyoxigraph.parse(
            text.encode(), format=OXIGRAPH_FORMAT[fmt])}  # fmt: skip
        assert len(oxigraph) == len(history)
    nquads = rdflib.Dataset()
    nquads.parse(data=export(app, "nq", history=True), format="nquads")
    (graph,) = {g for _, _, _, g in nquads.quads((None, RDF.object, ATLAS.worked, None))}
    assert graph == event("mission", 3)  # in the named graph of the event that stated it
    app.close()


def test_the_record_is_modelled_as_a_reviewer_would_accept(record: MissionAtlas) -> None:
    data = loaded(export(record, "nt", with_events=True), "nt")
    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    transitions = set(data.subjects(RDF.type, ATLAS.MayoralTransition))
    assert transitions
    for t in transitions:
        assert (t, RDF.type, PROV.Activity) in data
        assert (t, RDF.type, org.ChangeEvent) not in data
        assert isinstance(data.value(data.value(t, TIME.hasTime), TIME.inXSDDate), rdflib.Literal)
    for instrument in data.subjects(RDF.type, ATLAS.Instrument):
        assert not {org.Organization, org.OrganizationalCollaboration} & set(
            data.objects(instrument, RDF.type)
        )
        assert (instrument, PROV.wasGeneratedBy, data.value(instrument, ATLAS.recordedIn)) in data
    for decision in data.subjects(RDF.type, ATLAS.Decision):
        for agent in data.objects(decision, PROV.wasAssociatedWith):
            assert (agent, RDF.type, PROV.Agent) in data
    events = set(data.subjects(RDF.type, ATLAS.RecordedEvent))
    recorders = {data.value(e, PROV.wasAssociatedWith) for e in events}
    assert None not in recorders
    assert all((r, RDF.type, PROV.Agent) in data for r in recorders)
    sources = {data.value(e, DCTERMS.source) for e in events}
    assert rdflib.URIRef in {type(s) for s in sources}
    assert all(isinstance(s, rdflib.URIRef) == str(s).startswith("http") for s in sources)
    pilot = rdflib.URIRef("http://atlas.test/id/mission/retrofit/iteration/pilot")
    assert data.value(pilot, PROV.startedAtTime) == rdflib.Literal(
        "2015-06-01T00:00:00", datatype=XSD_DATETIME
    )


def test_a_mayor_re_elected_is_one_person(tmp_path: Path) -> None:
    from tests import factories as f

    app = MissionAtlas(env=event_store_env("sqlite", tmp_path / "e.sqlite"))
    app.execute(
        [
            f.register_city(),
            f.begin_term("springfield", "ann-1", date(2014, 5, 1), mayor="Ann Lee"),
            f.end_term("springfield", "ann-1", date(2018, 4, 30)),
            f.begin_term("springfield", "ann-2", date(2018, 5, 1), mayor="Ann Lee"),
            f.end_term("springfield", "ann-2", date(2022, 4, 30)),
            f.begin_term("springfield", "bo", date(2022, 5, 1), mayor="Bo"),
        ]
    )
    data = loaded(export(app, "nt"), "nt")
    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    people: dict[str, set[rdflib.term.Node]] = {name: set() for name in ("Ann Lee", "Bo")}
    for term in data.subjects(RDF.type, ATLAS.Administration):
        person = data.value(term, org.member)
        assert person is not None
        assert (person, RDF.type, PROV.Person) in data
        people[str(data.value(person, RDFS.label))].add(person)
    assert [len(p) for p in people.values()] == [1, 1]
    assert people["Ann Lee"] != people["Bo"]
    # Named by the key store's person id, never by the name itself.
    assert "Ann" not in str(next(iter(people["Ann Lee"])))
    app.close()


def test_every_term_in_the_data_is_declared_in_the_ontology_with_one_kind(
    record: MissionAtlas,
) -> None:
    from tests.unit.test_ontology import undeclared

    ontology = rdflib.Graph().parse(ROOT / "ontology" / "atlas.ttl")
    data = loaded(export(record, "nt", with_events=True), "nt")
    assert undeclared(data, ontology) == []
