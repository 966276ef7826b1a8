"""JSON-LD export: compact under the published context, streamed, and the same triples as the
line formats when an independent processor (PyLD) expands it."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

import pyoxigraph
import pytest
from pyld import jsonld  # type: ignore[import-untyped]

from api.seed import SEED_FILES
from events.application import MissionAtlas
from events.importing import import_events
from events.settings import event_store_env
from ontology.export import Graph, export_graphs
from ontology.iris import Iris
from ontology.jsonld import CONTEXT_FILE
from ontology.terms import text
from ontology.vocabulary import TITLE
from ontology.writers import FORMATS, serialize

IRIS = Iris("http://atlas.test/id/")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MissionAtlas]:
    app = MissionAtlas(env=event_store_env("sqlite", tmp_path_factory.mktemp("ld") / "e.sqlite"))
    for seed in SEED_FILES:
        with seed.open(encoding="utf-8") as lines:
            import_events(app, lines)
    yield app
    app.close()


def export(app: MissionAtlas, fmt: str) -> str:
    return "".join(serialize(FORMATS[fmt], export_graphs(app, IRIS, with_events=True)))


def quads(nquads: str) -> set[pyoxigraph.Quad]:
    return set(pyoxigraph.parse(nquads.encode(), format=pyoxigraph.RdfFormat.N_QUADS))


def test_expanding_our_json_ld_gives_the_quads_of_our_n_quads(demo: MissionAtlas) -> None:
    document = json.loads(export(demo, "jsonld"))
    expanded = jsonld.to_rdf(document, {"format": "application/n-quads"})
    ours = quads(export(demo, "nq"))
    assert quads(expanded) == ours
    assert len(ours) > 1000
    triples = {(q.subject, q.predicate, q.object) for q in ours}
    nt = pyoxigraph.parse(export(demo, "nt").encode(), format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert {(t.subject, t.predicate, t.object) for t in nt} == triples


def test_it_is_compact_under_the_published_context(demo: MissionAtlas) -> None:
    document = json.loads(export(demo, "jsonld"))
    assert document["@context"] == json.loads(CONTEXT_FILE.read_text())["@context"]
    nodes = [node for graph in document["@graph"] for node in graph["@graph"]]
    missions = [n for n in nodes if n.get("@type") == "atlas:Mission"]
    assert {"title", "goal", "runBy", "recordedIn"} <= missions[0].keys()
    assert missions[0]["runBy"].startswith("http://atlas.test/id/city/")
    # Every property of the record has its short name in the context: none spelled in full.
    assert not [key for n in nodes for key in n if key.startswith(("http", "atlas:"))]


def test_a_property_the_context_does_not_name_is_still_right() -> None:
    unnamed = "<http://example.org/vocab#note>"
    graph = ("<http://atlas.test/id/event/x/1>", [("<http://atlas.test/id/x>", unnamed, '"a\\"b"')])
    document = json.loads("".join(serialize(FORMATS["jsonld"], [graph])))
    expanded = jsonld.to_rdf(document, {"format": "application/n-quads"})
    subject, graph_name = "<http://atlas.test/id/x>", "<http://atlas.test/id/event/x/1>"
    assert expanded == f'{subject} {unnamed} "a\\"b" {graph_name} .\n'


def endless() -> Iterator[Graph]:
    for n in itertools.count(1):
        yield (
            f"<http://atlas.test/id/event/x/{n}>",
            [("<http://atlas.test/id/x>", TITLE, text(f"{n}") or "")],
        )


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_streams_without_waiting_for_the_end(fmt: str) -> None:
    """An endless record still gives its first chunks: nothing holds the whole export."""
    chunks = list(itertools.islice(serialize(FORMATS[fmt], endless()), 3))
    assert len(chunks) == 3
    assert all(len(chunk) >= 1 << 16 for chunk in chunks)
