"""RDF over HTTP: the whole record at /rdf, and every IRI under the base, dereferenced.

Both negotiate the format from the Accept header (or ``?format=ttl|nt|nq|trig|jsonld``) and
stream the answer as it is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import partial
from urllib.parse import urlsplit

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from api.bootstrap import Atlas
from api.streams import Streams
from ontology.describe import describe
from ontology.export import Graph, Selection, export_graphs
from ontology.iris import Iris
from ontology.jsonld import CONTEXT_FILE
from ontology.writers import BY_MEDIA_TYPE, FORMATS, RdfFormat, serialize

NOT_ACCEPTABLE = "Ask for one of: " + ", ".join(BY_MEDIA_TYPE) + "\n"


def negotiate(request: Request) -> RdfFormat | None:
    """The best RDF format the client accepts: by ``?format=``, else by Accept q-values."""
    if (name := request.query_params.get("format")) is not None:
        return FORMATS.get(name)
    ranked: list[tuple[float, int, RdfFormat]] = []
    for order, part in enumerate(request.headers.get("accept", "*/*").split(",")):
        media_type, *params = (p.strip() for p in part.split(";"))
        q = next((float(p[2:]) for p in params if p.startswith("q=") and _number(p[2:])), 1.0)
        if media_type in BY_MEDIA_TYPE:
            ranked.append((q, -order, BY_MEDIA_TYPE[media_type]))
        elif media_type in ("*/*", "text/*", "application/*"):
            ranked.append((q - 0.001, -order, FORMATS["ttl"]))  # an explicit type wins a tie
    ranked = [r for r in ranked if r[0] > 0]
    return max(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _stream(request: Request, fmt: RdfFormat, graphs: Iterable[Graph]) -> Response:
    """The answer as it is written; it stops when the client goes or the server stops."""
    streams: Streams = request.app.state.streams
    what = f"{request.method} {request.url.path} as {fmt.name}"
    return streams.response(serialize(fmt, graphs), fmt.media_type, {"vary": "accept"}, what)


async def context(request: Request) -> Response:
    """GET /ontology/context.jsonld: the JSON-LD context our documents use."""
    return FileResponse(CONTEXT_FILE, media_type="application/ld+json")


async def record(request: Request) -> Response:
    """GET /rdf?city=&since=&with_events=true: the whole record, or a city's part of it."""
    fmt = negotiate(request)
    if fmt is None:
        return PlainTextResponse(NOT_ACCEPTABLE, status_code=406)
    params = request.query_params
    try:
        since = date.fromisoformat(params["since"]) if "since" in params else None
    except ValueError:
        return PlainTextResponse(f"since: {params['since']!r} is not a date (YYYY-MM-DD)\n", 400)
    atlas: Atlas = request.app.state.atlas
    selection = Selection(city_id=params.get("city"), since=since)
    with_events = params.get("with_events", "false").lower() in ("1", "true", "yes")
    graphs = export_graphs(atlas.events, Iris(atlas.settings.base_iri), selection, with_events)
    return _stream(request, fmt, graphs)


async def resource(request: Request) -> Response:
    """GET on any IRI under the base: its description, in RDF."""
    fmt = negotiate(request)
    if fmt is None:
        return PlainTextResponse(NOT_ACCEPTABLE, status_code=406)
    atlas: Atlas = request.app.state.atlas
    iris = Iris(atlas.settings.base_iri)
    graphs = await to_thread.run_sync(
        partial(describe, atlas.events, iris, request.path_params["path"])
    )
    if not graphs:
        return PlainTextResponse("No such resource in the record.\n", status_code=404)
    return _stream(request, fmt, graphs)


def rdf_routes(base_iri: str) -> list[Route]:
    base_path = urlsplit(base_iri).path.rstrip("/")
    return [
        Route("/rdf", record, methods=["GET"]),
        Route("/ontology/context.jsonld", context, methods=["GET"]),
        Route(f"{base_path}/{{path:path}}", resource, methods=["GET"]),
    ]
