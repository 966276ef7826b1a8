"""The ontology: it loads, it describes itself, and it only borrows terms that exist."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from events.catalogue import APPROACHES
from ontology import vocabulary
from ontology.catalogue import catalogue_triples
from ontology.iris import Iris
from ontology.jsonld import CONTEXT_FILE

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
ATLAS = rdflib.Namespace(vocabulary.ATLAS)
BORROWED = {  # namespace -> local copy of the vocabulary that defines it
    "http://www.w3.org/ns/prov#": "prov.nq",
    "http://www.w3.org/ns/org#": "org.nq",
    "http://www.w3.org/2004/02/skos/core#": "skos.nq",
    "http://purl.org/dc/terms/": "dcterms.nq",
    "http://www.w3.org/2006/time#": "time.nq",
    "http://www.w3.org/2002/07/owl#": "owl.nq",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs.nq",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf.nq",
}


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY / "atlas.ttl")


def defined(namespace: str) -> set[str]:
    dataset = rdflib.Dataset()
    dataset.parse(ONTOLOGY / "vocabularies" / BORROWED[namespace], format="nquads")
    return {str(s) for s, _, _, _ in dataset.quads((None, None, None, None))}


def test_every_class_and_property_has_a_label_and_a_definition(ontology: rdflib.Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    ours = {s for kind in kinds for s in ontology.subjects(RDF.type, kind)}
    terms = {s for s in ours if str(s).startswith(ATLAS)}  # not the borrowed ones declared
    assert len(terms) > 50
    for term in terms:
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, SKOS.definition) is not None, term


def test_every_borrowed_term_exists_in_its_vocabulary(ontology: rdflib.Graph) -> None:
    shapes = rdflib.Graph().parse(ONTOLOGY / "shapes.ttl")
    written = re.findall(r"<([^>]+)>", Path(vocabulary.__file__).read_text())
    used = {str(t) for g in (ontology, shapes) for triple in g for t in triple}
    used |= {
        vocabulary.PREFIXES[p] + local
        for p, local in re.findall(
            r'_term\("(\w+)", "(\w+)"\)', Path(vocabulary.__file__).read_text()
        )
    }
    used |= set(written)
    for namespace in BORROWED:
        borrowed = {t for t in used if t.startswith(namespace) and t != namespace}
        missing = borrowed - defined(namespace)
        assert not missing, f"not in {BORROWED[namespace]}: {sorted(missing)}"
        assert borrowed or namespace in (str(RDF), str(RDFS), str(OWL))


def test_the_atlas_terms_the_code_writes_are_in_the_ontology(ontology: rdflib.Graph) -> None:
    sources = [p.read_text() for p in (ONTOLOGY / "mapping.py", ONTOLOGY / "vocabulary.py")]
    locals_ = {name for text in sources for name in re.findall(r'atlas\("(\w+)"\)', text)}
    subjects = {str(s) for s in ontology.subjects()}
    assert {vocabulary.ATLAS + name for name in locals_} <= subjects


def test_the_catalogue_is_a_concept_scheme_with_every_approach_defined() -> None:
    graph = rdflib.Graph()
    graph.parse(
        data="".join(f"{s} {p} {o} .\n" for s, p, o in catalogue_triples(Iris())), format="nt"
    )
    concepts = set(graph.subjects(SKOS.broader, None))
    assert len(concepts) == len(APPROACHES)
    assert all(graph.value(c, SKOS.definition) for c in concepts)
    assert len(set(graph.subjects(RDF.type, SKOS.ConceptScheme))) == 1


# What OWL 2 DL itself defines: these need no declaration.
BUILT_IN = {str(RDF.type), str(RDFS.label), str(RDFS.seeAlso), str(RDFS.subClassOf),
            str(RDFS.subPropertyOf), str(RDFS.domain), str(RDFS.range), str(OWL.versionInfo),
            str(OWL.versionIRI), str(OWL.priorVersion)}  # fmt: skip
KINDS = {OWL.Class: "class", OWL.ObjectProperty: "object", OWL.DatatypeProperty: "data",
         OWL.AnnotationProperty: "annotation"}  # fmt: skip


def declared_kinds(ontology: rdflib.Graph) -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = {}
    for owl_kind, kind in KINDS.items():
        for term in ontology.subjects(RDF.type, owl_kind):
            kinds.setdefault(str(term), set()).add(kind)
    return kinds


def undeclared(
    triples: Iterable[tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]],
    ontology: rdflib.Graph,
) -> list[str]:
    """What OWL 2 DL would refuse in ``triples``: a property or a class used without being
    declared with exactly one kind, an object property given a literal, a data property an IRI."""
    kinds = declared_kinds(ontology)
    problems = []
    for s, p, o in triples:
        is_class = p == RDF.type and o not in KINDS and o not in (OWL.Ontology, RDFS.Datatype)
        if is_class and kinds.get(str(o)) != {"class"}:
            problems.append(f"class {o}: declared {kinds.get(str(o))}")
        if str(p) in BUILT_IN:
            continue
        kind = kinds.get(str(p), set())
        if len(kind) != 1:
            problems.append(f"property {p}: declared {kind or 'nowhere'}")
        elif kind == {"object"} and not isinstance(o, rdflib.URIRef):
            problems.append(f"object property {p} given {o!r} on {s}")
        elif kind == {"data"} and not isinstance(o, rdflib.Literal):
            problems.append(f"data property {p} given {o!r} on {s}")
    return sorted(set(problems))


def test_the_ontology_is_versioned_licensed_and_declares_every_term_it_uses(
    ontology: rdflib.Graph,
) -> None:
    header = rdflib.URIRef("https://w3id.org/mission-atlas/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    version = ontology.value(header, OWL.versionIRI)
    assert str(version).startswith(str(header) + "/")
    assert ontology.value(header, DCTERMS.license) is not None
    assert undeclared(ontology, ontology) == []


def test_the_declaration_check_catches_what_owl_dl_refuses(ontology: rdflib.Graph) -> None:
    thing = rdflib.URIRef("http://atlas.test/id/city/x")
    broken = [
        (thing, rdflib.URIRef("http://example.org/undeclared"), rdflib.Literal("x")),
        (thing, ATLAS.runBy, rdflib.Literal("a city")),
        (thing, ATLAS.goal, thing),
        (thing, RDF.type, rdflib.URIRef("http://www.w3.org/ns/org#ChangeEvent")),
    ]
    assert len(undeclared(broken, ontology)) == 4


def test_every_property_the_ontology_declares_has_a_term_in_the_published_context() -> None:
    """A property the context does not name is written as a full IRI: valid JSON-LD, but not
    the compact document researchers are promised."""
    declared = rdflib.Graph().parse(ONTOLOGY / "atlas.ttl")
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    named = {v["@id"] if isinstance(v, dict) else v for v in context.values()}
    missing = sorted(
        local
        for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
        for p in declared.subjects(RDF.type, kind)
        if str(p).startswith(str(ATLAS))
        and "atlas:" + (local := str(p).removeprefix(str(ATLAS))) not in named
    )
    assert missing == []
