"""What a Mission Atlas IRI says about itself when it is dereferenced.

A city or a mission is described by the facts of its own events (so by everything the record
says of it and of the things under its IRI); an event by the facts it stated and its own
description; an approach, a capability or the catalogue by the catalogue.
"""

from __future__ import annotations

from events.application import MissionAtlas
from ontology.catalogue import catalogue_triples
from ontology.export import Graph, aggregate_graphs
from ontology.iris import Iris
from ontology.terms import iri


def describe(app: MissionAtlas, iris: Iris, path: str) -> list[Graph]:
    """The graphs describing the resource at ``path`` (relative to the base); empty if none."""
    parts = path.strip("/").split("/")
    subject = iri(iris.base + path.strip("/"))
    if parts[0] in ("approaches", "approach", "capability"):
        # The catalogue's IRIs are the ontology's (the same for every deployment); each
        # deployment still answers for its copy under its own base.
        subject = iris.catalogue() if len(parts) < 2 else iris.approach(parts[1])
        if parts[0] == "capability" and len(parts) >= 2:
            subject = iris.capability(parts[1])
        graphs: list[Graph] = [(iris.catalogue(), catalogue_triples(iris))]
    elif parts[0] in ("city", "mission") and len(parts) >= 2:
        graphs = aggregate_graphs(app, iris, parts[0], parts[1])
    elif parts[0] == "event" and len(parts) == 4 and parts[1] in ("city", "mission"):
        return [g for g in aggregate_graphs(app, iris, parts[1], parts[2]) if g[0] == subject]
    else:
        return []
    return [described for g in graphs if (described := _about(g, subject))[1]]


def _about(graph: Graph, subject: str) -> Graph:
    """The triples of ``graph`` about ``subject`` or about things under its IRI."""
    under = subject[:-1] + "/"
    name, triples = graph
    return name, [t for t in triples if t[0] == subject or t[0].startswith(under)]
