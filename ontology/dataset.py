"""The record as a dataset researchers can cite: its VoID and DCAT description.

Where it is served from (the dump links, the SPARQL endpoint) is the server's business and
comes in as absolute URLs; how many triples it holds is counted on the export itself, so the
figure is that of the dump a researcher downloads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ontology import vocabulary as v
from ontology.export import Graph
from ontology.iris import Iris
from ontology.terms import Triple, iri, lang, typed

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"
ONTOLOGY = "https://w3id.org/mission-atlas/ontology"


@dataclass(frozen=True)
class Publication:
    """Where and under which terms the dataset is published."""

    licence: str
    dumps: Mapping[str, str]  # media type -> absolute URL of the whole record in it
    sparql: str  # absolute URL of the SPARQL endpoint
    void: str  # absolute URL of this description


def count_triples(graphs: Iterable[Graph]) -> int:
    """The distinct triples: the same fact stated by two events (a mayor's name, by each of
    their terms) is one triple of the dataset. Hashes, not the triples, are kept (about 70
    bytes each); two of a few million colliding is a chance in billions."""
    return len({hash(triple) for _, triples in graphs for triple in triples})


def void_triples(iris: Iris, publication: Publication, triples: int | None) -> list[Triple]:
    """The description; without ``triples`` when the count is not to be told."""
    d = iris.dataset()
    described: list[Triple] = [
        (iri(publication.void), v.A, iri(VOID + "DatasetDescription")),
        (iri(publication.void), iri(v.PREFIXES["foaf"] + "primaryTopic"), d),
        (d, v.A, iri(VOID + "Dataset")),
        (d, v.A, iri(DCAT + "Dataset")),
        (d, v.TITLE, lang("Mission Atlas: the record of city missions")),
        (d, v.DESCRIPTION, lang(
            "Every decision, iteration, roadblock and outcome of cities' missions, across "
            "mayoral administrations, each fact traced to the event that recorded it. The "
            "dumps state the corrected view; ?history=true adds what corrections took back."
        )),
        (d, v.LICENSE, iri(publication.licence)),
        (d, iri(VOID + "uriSpace"), typed(iris.base, "string")),
        (d, iri(VOID + "sparqlEndpoint"), iri(publication.sparql)),
        (d, iri(VOID + "vocabulary"), iri(ONTOLOGY)),
        (d, iri(VOID + "rootResource"), iris.catalogue()),
    ]  # fmt: skip
    if triples is not None:
        described.append((d, iri(VOID + "triples"), typed(str(triples), "integer")))
    for media_type, url in publication.dumps.items():
        dump = iri(url)
        described += [
            (d, iri(VOID + "dataDump"), dump),
            (d, iri(DCAT + "distribution"), dump),
            (dump, v.A, iri(DCAT + "Distribution")),
            (dump, iri(DCAT + "downloadURL"), dump),
            (dump, iri(DCAT + "mediaType"), iri(IANA_MEDIA_TYPES + media_type)),
            (dump, v.LICENSE, iri(publication.licence)),
        ]
    return described
