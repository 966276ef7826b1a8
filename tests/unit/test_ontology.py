"""The ontology: it loads, it describes itself, and it only borrows terms that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from events.catalogue import APPROACHES
from ontology import vocabulary
from ontology.catalogue import catalogue_triples
from ontology.iris import Iris

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
    terms = {s for kind in kinds for s in ontology.subjects(RDF.type, kind)}
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
