"""The ontology at /ontology (and at its version IRI's path), by content negotiation: the
Turtle it is written in, RDF/XML, JSON-LD, N-Triples, or a page for browsers."""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path

import rdflib
from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from api.rdf.conneg import ranked
from api.rdf.html import page
from ontology.vocabulary import ATLAS

SOURCE = Path(__file__).resolve().parents[2] / "ontology" / "atlas.ttl"
ONTOLOGY = rdflib.URIRef(ATLAS.rstrip("#"))
# Media type -> the rdflib serializer (None: the Turtle file as written, comments and all).
FORMATS: dict[str, str | None] = {
    "text/turtle": None,
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "text/html": "html",
}
BY_NAME = {
    "ttl": "text/turtle",
    "rdf": "application/rdf+xml",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "html": "text/html",
}


@cache
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(SOURCE)


@cache
def version_path() -> str:
    """The path of the version IRI (``/ontology/2``), served alike."""
    version = graph().value(ONTOLOGY, OWL.versionIRI)
    return "/ontology" + str(version)[len(str(ONTOLOGY)) :]


@cache
def rendered(media_type: str) -> str:
    serializer = FORMATS[media_type]
    if serializer is None:
        return SOURCE.read_text(encoding="utf-8")
    if serializer == "html":
        return _html(graph())
    return graph().serialize(format=serializer)


def _html(g: rdflib.Graph) -> str:
    def said(subject: rdflib.term.Node, predicate: rdflib.URIRef) -> str:
        return escape(str(g.value(subject, predicate) or ""))

    sections = []
    for kind, title in ((OWL.Class, "Classes"), (OWL.ObjectProperty, "Object properties"),
                        (OWL.DatatypeProperty, "Data properties")):  # fmt: skip
        terms = sorted(str(t) for t in g.subjects(RDF.type, kind) if str(t).startswith(ATLAS))
        rows = "".join(
            f'<tr id="{t[len(ATLAS) :]}"><td><code>atlas:{t[len(ATLAS) :]}</code></td>'
            f"<td>{said(URIRef(t), RDFS.label)}</td>"
            f"<td>{said(URIRef(t), SKOS.definition)}</td></tr>"
            for t in terms
        )
        sections.append(f"<h2>{title}</h2><table>{rows}</table>")
    licence = said(ONTOLOGY, DCTERMS.license)
    about = (
        f"<p>{said(ONTOLOGY, DCTERMS.description)}</p><p>IRI <code>{ONTOLOGY}</code>, version "
        f"<code>{said(ONTOLOGY, OWL.versionIRI)}</code>, licence "
        f'<a href="{licence}">{licence}</a>. As data: '
        + ", ".join(f'<a href="?format={n}">{n}</a>' for n in ("ttl", "rdf", "jsonld", "nt"))
        + "</p>"
    )
    return page(said(ONTOLOGY, DCTERMS.title), about + "".join(sections))


async def ontology(request: Request) -> Response:
    """GET /ontology: the ontology in the format asked for."""
    vary = {"vary": "accept"}
    name = request.query_params.get("format")
    if name is not None:
        media_type = BY_NAME.get(name)
    else:
        media_type = ranked(request.headers.get("accept", "*/*"), list(FORMATS))
    if media_type is None:
        return PlainTextResponse(
            "Ask for one of: " + ", ".join(FORMATS) + "\n", status_code=406, headers=vary
        )
    licence = graph().value(ONTOLOGY, DCTERMS.license)
    headers = {**vary, "link": f'<{licence}>; rel="license"'}
    if media_type == "text/html":
        return HTMLResponse(rendered(media_type), headers=headers)
    return Response(rendered(media_type), media_type=media_type, headers=headers)


def ontology_routes() -> list[Route]:
    return [Route("/ontology", ontology), Route(version_path(), ontology)]
