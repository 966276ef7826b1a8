"""RDF over HTTP: the whole record at /rdf, and every IRI under the base, dereferenced.

Both negotiate the format from the Accept header (or ``?format=ttl|nt|nq|trig|jsonld|html``)
and stream the answer as it is written. Browsers, which ask for text/html, get a page.

A thing's IRI (a city, a mayor, a decision) is not a document, so it answers 303 See Other to
the document that describes it, under /doc/ (the Cool URIs for the Semantic Web way): a
client can then say "this page, fetched then, said..." without saying it of the city. The
cost is one more round trip, which every RDF tool (rdflib, Jena, curl -L) makes on its own;
200 with Content-Location would save it but leave one IRI naming both a city and a page.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import date
from functools import partial
from typing import Literal
from urllib.parse import urlsplit

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route

import api.rdf.html as rdf_html
from api.auth.reading import readers_only
from api.bootstrap import Atlas
from api.rdf.conneg import ranked
from api.streams import Streams
from ontology.describe import describe, normalised
from ontology.export import Graph, Selection, export_graphs
from ontology.iris import Iris
from ontology.jsonld import CONTEXT_FILE
from ontology.writers import BY_MEDIA_TYPE, FORMATS, RdfFormat, serialize

Html = Literal["html"]
HTML: Html = "html"
NOT_ACCEPTABLE = "Ask for one of: " + ", ".join([*BY_MEDIA_TYPE, "text/html"]) + "\n"
VARY = {"vary": "accept"}


def negotiate(request: Request) -> RdfFormat | Html | None:
    """The best format the client accepts: by ``?format=``, else by Accept q-values (a wildcard
    gets Turtle; HTML only to those who name it, as browsers do)."""
    if (name := request.query_params.get("format")) is not None:
        return HTML if name == "html" else FORMATS.get(name)
    best = ranked(request.headers.get("accept", "*/*"), [*BY_MEDIA_TYPE, "text/html"])
    if best is None:
        return None
    return HTML if best == "text/html" else BY_MEDIA_TYPE[best]


def headers(request: Request) -> dict[str, str]:
    """Every RDF answer varies with Accept and names the licence of the data."""
    atlas: Atlas = request.app.state.atlas
    return {**VARY, "link": f'<{atlas.settings.data_license}>; rel="license"'}


def refused(status: int, message: str) -> Response:
    return PlainTextResponse(message, status_code=status, headers=VARY)


def stream(fmt: RdfFormat, graphs: Iterable[Graph], request: Request) -> Response:
    """The answer as it is written; it stops when the client goes or the server stops."""
    streams: Streams = request.app.state.streams
    what = f"{request.method} {request.url.path} as {fmt.name}"
    return streams.response(serialize(fmt, graphs), fmt.media_type, headers(request), what)


async def context(request: Request) -> Response:
    """GET /ontology/context.jsonld: the JSON-LD context our documents use."""
    return FileResponse(CONTEXT_FILE, media_type="application/ld+json")


def _flag(request: Request, name: str) -> bool:
    return request.query_params.get(name, "false").lower() in ("1", "true", "yes")


def dump_links(request: Request) -> dict[str, str]:
    """The whole record in each format, by media type: the dumps."""
    return {f.media_type: f"{request.base_url}rdf?format={f.name}" for f in FORMATS.values()}


async def record(request: Request) -> Response:
    """GET /rdf?city=&since=&with_events=true&history=true: the whole record, or a city's part
    of it; the corrected view unless ``history`` asks for what corrections took back too."""
    fmt = negotiate(request)
    if fmt is None:
        return refused(406, NOT_ACCEPTABLE)
    if fmt == HTML:
        page = rdf_html.listing(
            "Mission Atlas: the record as RDF",
            "The whole record, in the format of your choice (N-Quads and TriG keep the event "
            "that stated each fact as the graph name). Add history=true for what corrections "
            "took back, marked with PROV.",
            {**dump_links(request), "VoID description": f"{request.base_url}.well-known/void"},
        )
        return HTMLResponse(page, headers=headers(request))
    params = request.query_params
    try:
        since = date.fromisoformat(params["since"]) if "since" in params else None
    except ValueError:
        return refused(400, f"since: {params['since']!r} is not a date (YYYY-MM-DD)\n")
    atlas: Atlas = request.app.state.atlas
    graphs = export_graphs(
        atlas.events,
        Iris(atlas.settings.base_iri),
        Selection(city_id=params.get("city"), since=since),
        _flag(request, "with_events"),
        history=_flag(request, "history"),
        licence=atlas.settings.data_license,
    )
    return stream(fmt, graphs, request)


def _relative(request: Request, base_path: str) -> str:
    """The request's path below ``base_path``, percent-encoded as minted (from the raw path:
    a decoded one would turn an id's encoded slash into a separator)."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    path = raw.decode("utf-8", "surrogateescape")
    return normalised(path[len(base_path) :])


async def _described(request: Request, path: str) -> list[Graph]:
    atlas: Atlas = request.app.state.atlas
    iris = Iris(atlas.settings.base_iri)
    return await to_thread.run_sync(
        partial(describe, atlas.events, iris, path, _flag(request, "history"))
    )


Endpoint = Callable[[Request], Awaitable[Response]]


def thing(base_path: str, doc_path: str) -> Endpoint:
    async def see_other(request: Request) -> Response:
        """GET on a thing's IRI: 303 See Other to the document describing it; 404 if none."""
        path = _relative(request, base_path)
        query = f"?{request.url.query}" if request.url.query else ""
        if not await _described(request, path):
            return refused(404, "No such resource in the record.\n")
        return RedirectResponse(f"{doc_path}/{path}{query}", 303, headers=VARY)

    # Which IRIs answer 303 rather than 404 is the record's too: readers only.
    guarded = readers_only(see_other)

    async def dereferenced(request: Request) -> Response:
        if _relative(request, base_path) == "dataset":
            # The dataset's IRI leads to its description, which is public (api.auth.reading).
            query = f"?{request.url.query}" if request.url.query else ""
            return RedirectResponse(f"/.well-known/void{query}", 303, headers=VARY)
        return await guarded(request)

    return dereferenced


def document(base_iri: str, doc_path: str) -> Endpoint:
    async def described(request: Request) -> Response:
        """GET on a document: the description of the thing, in RDF or, for browsers, HTML."""
        fmt = negotiate(request)
        if fmt is None:
            return refused(406, NOT_ACCEPTABLE)
        path = _relative(request, doc_path)
        graphs = await _described(request, path)
        if not graphs:
            return refused(404, "No such resource in the record.\n")
        if fmt == HTML:
            here = f"{request.base_url}{doc_path.lstrip('/')}/{path}"
            links = {f.media_type: f"{here}?format={f.name}" for f in FORMATS.values()}
            page = rdf_html.description(base_iri + path, graphs, links)
            return HTMLResponse(page, headers=headers(request))
        return stream(fmt, graphs, request)

    return described


def rdf_routes(base_iri: str) -> list[Route]:
    base_path = urlsplit(base_iri).path.rstrip("/")
    doc_path = "/doc"
    return [
        Route("/rdf", readers_only(record), methods=["GET"]),
        # The context names the vocabulary's terms, nothing of the record: public.
        Route("/ontology/context.jsonld", context, methods=["GET"]),
        Route(
            f"{doc_path}/{{path:path}}",
            readers_only(document(base_iri, doc_path)),
            methods=["GET"],
        ),
        Route(f"{base_path}/{{path:path}}", thing(base_path, doc_path), methods=["GET"]),
    ]
