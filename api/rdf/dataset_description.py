"""The dataset's VoID and DCAT description at /.well-known/void (RFC 8615, as the VoID
guide names it): licence, triple count, the dumps in each format, the SPARQL endpoint."""

from __future__ import annotations

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

import api.rdf.html as rdf_html
from api.auth.reading import may_read
from api.bootstrap import Atlas
from api.rdf.routes import HTML, NOT_ACCEPTABLE, dump_links, headers, negotiate, refused, stream
from ontology.dataset import Publication, count_triples, void_triples
from ontology.export import export_graphs
from ontology.iris import Iris

PATH = "/.well-known/void"


def _count(atlas: Atlas, iris: Iris, cached: dict[int, int]) -> int:
    """The triples of the default dump, counted once per position of the record."""
    position = atlas.events.last_position
    if position not in cached:
        graphs = export_graphs(atlas.events, iris, licence=atlas.settings.data_license)
        cached.clear()
        cached[position] = count_triples(graphs)
    return cached[position]


async def void(request: Request) -> Response:
    """GET /.well-known/void: the description of the dataset."""
    fmt = negotiate(request)
    if fmt is None:
        return refused(406, NOT_ACCEPTABLE)
    atlas: Atlas = request.app.state.atlas
    iris = Iris(atlas.settings.base_iri)
    cached: dict[int, int] | None = getattr(request.app.state, "void_triples", None)
    if cached is None:
        cached = request.app.state.void_triples = {}
    # Public even when reads need a token: it describes the dataset, not its content (what it
    # is, its licence, where its dumps and endpoint are), so it can be catalogued and cited.
    # Its triple count is the record's, though, and costs a replay of the whole log whenever
    # the record has moved on: only those who may read the record get it, or make it counted.
    readers = await may_read(request)
    triples = await to_thread.run_sync(_count, atlas, iris, cached) if readers else None
    publication = Publication(
        licence=atlas.settings.data_license,
        dumps=dump_links(request),
        sparql=f"{request.base_url}sparql",
        void=f"{request.base_url}{PATH.lstrip('/')}",
    )
    graph = (f"<{publication.void}>", void_triples(iris, publication, triples))
    if fmt == HTML:
        page = rdf_html.description("Mission Atlas: the dataset", [graph], {
            label: f"{publication.void}?format={name}"
            for label, name in (("Turtle", "ttl"), ("N-Triples", "nt"), ("JSON-LD", "jsonld"))
        })  # fmt: skip
        response: Response = HTMLResponse(page, headers=headers(request))
    else:
        response = stream(fmt, [graph], request)
    if atlas.settings.read_access == "token":
        response.headers.add_vary_header("authorization")
    return response


def void_routes() -> list[Route]:
    return [Route(PATH, void, methods=["GET"])]
