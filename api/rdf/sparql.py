"""``/sparql``: the SPARQL 1.1 Protocol over the RDF store, read-only.

Queries come by GET (``?query=``) or POST (a form with ``query=``, or an
``application/sparql-query`` body); updates are refused. Each query runs in a daemon thread of
its own, at most ``SLOTS`` at once: pyoxigraph cannot be interrupted, so when the time bound
passes the answer is a 503 at once, the thread stops at the next result it reads, and neither
the event loop nor shutdown waits on it. The result may hold at most the configured number of
rows (or triples); past that the answer is an error naming the limit, not a truncated result.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions, Triple
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from api.auth.reading import readers_only
from api.bootstrap import Atlas
from api.rdf.sparql_results import BOOLEAN, GRAPHS, SOLUTIONS, Row, named, negotiate, write_graph
from events.references import resolved

SLOTS = 2  # queries running at once; a cancelled one holds its slot until its thread ends
_slots = threading.BoundedSemaphore(SLOTS)
READ_ONLY = "this endpoint is read-only: SPARQL Update is refused; send a query (query=)\n"
T = TypeVar("T")


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class Cancelled(Exception):
    """The client was answered already: the query's thread stops reading results."""


@dataclass
class Answer:
    kind: str  # "solutions", "boolean" or "graph"
    variables: list[str]
    rows: list[Row]
    boolean: bool = False
    triples: list[Triple] | None = None


async def _request_query(request: Request, limit: int) -> tuple[str, list[str], list[str]]:
    """The query text, and the protocol's default-graph-uri and named-graph-uri values."""
    params = request.query_params
    if request.method == "GET":
        fields: Any = params
    else:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise Refused(413, f"the request body is over the limit of {limit:,} bytes\n")
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type == "application/sparql-update":
            raise Refused(400, READ_ONLY)
        body = await request.body()
        if len(body) > limit:
            raise Refused(413, f"the request body is over the limit of {limit:,} bytes\n")
        if media_type == "application/sparql-query":
            graphs = params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
            return body.decode("utf-8", errors="replace"), *graphs
        if media_type != "application/x-www-form-urlencoded":
            raise Refused(
                415,
                "send the query as a form (application/x-www-form-urlencoded, query=...) or "
                "as an application/sparql-query body\n",
            )
        # A form is a query string in the body (and needs no multipart parser).
        fields = QueryParams(body.decode("utf-8", errors="replace"))
    if "update" in fields:
        raise Refused(400, READ_ONLY)
    query = fields.get("query")
    if not query or not isinstance(query, str):
        raise Refused(400, "query: missing; give the SPARQL query as query=...\n")
    return query, fields.getlist("default-graph-uri"), fields.getlist("named-graph-uri")


def _run(atlas: Atlas, query: str, defaults: list[str], nameds: list[str], cap: int,
         cancelled: threading.Event) -> Answer:  # fmt: skip
    assert atlas.rdf is not None
    options: dict[str, Any] = {}
    if defaults:
        options["default_graph"] = [NamedNode(g) for g in defaults]
    if nameds:
        options["named_graphs"] = [NamedNode(g) for g in nameds]
    try:
        result = atlas.rdf.store.store.query(query, **options)
    except SyntaxError as error:
        reason = "read-only: SPARQL Update is refused" if _is_update(query) else str(error)
        raise Refused(400, f"query: {reason}\n") from None
    except ValueError as error:
        raise Refused(400, f"query: {error}\n") from None
    resolve: Callable[[str], str] = lambda text: resolved(text, atlas.events.people)  # noqa: E731
    if isinstance(result, QueryBoolean):
        return Answer("boolean", [], [], boolean=bool(result))
    if isinstance(result, QuerySolutions):
        variables = [v.value for v in result.variables]
        rows: list[Row] = [tuple(named(t, resolve) for t in solution)
                           for solution in _capped(result, cap, cancelled)]  # fmt: skip
        return Answer("solutions", variables, rows)
    triples = [
        Triple(t.subject, t.predicate, named(t.object, resolve))  # type: ignore[arg-type]
        for t in _capped(result, cap, cancelled)
    ]
    return Answer("graph", [], [], triples=triples)


def _is_update(query: str) -> bool:
    words = query.upper().split()
    return any(w in words for w in ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE"))


def _capped(results: Any, cap: int, cancelled: threading.Event) -> list[Any]:
    kept: list[Any] = []
    for item in results:
        if cancelled.is_set():
            raise Cancelled
        if len(kept) == cap:
            raise Refused(
                400,
                f"the result has more than {cap:,} rows, the limit "
                "(MISSION_ATLAS_SPARQL_MAX_ROWS): add a LIMIT, or narrow the query\n",
            )
        kept.append(item)
    return kept


async def _in_daemon_thread(work: Callable[[], T]) -> T:
    """``work()`` in a daemon thread: awaiting it may be given up without waiting for it."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(value: Any, error: BaseException | None) -> None:
        if future.done():
            return
        if error is None:
            future.set_result(value)
        else:
            future.set_exception(error)

    def target() -> None:
        try:
            value = work()
        except BaseException as error:
            loop.call_soon_threadsafe(settle, None, error)
        else:
            loop.call_soon_threadsafe(settle, value, None)
        finally:
            _slots.release()

    threading.Thread(target=target, name="sparql-query", daemon=True).start()
    return await future


def _respond(answer: Answer, accept: str) -> Response:
    offers: list[str] = list(
        SOLUTIONS if answer.kind == "solutions" else BOOLEAN if answer.kind == "boolean" else GRAPHS
    )
    chosen = negotiate(accept, offers)
    if chosen is None:
        return PlainTextResponse(
            "Ask for one of: " + ", ".join(offers) + "\n", 406, headers={"vary": "accept"}
        )
    if answer.kind == "boolean":
        body, media_type = BOOLEAN[chosen](answer.boolean), chosen
    elif answer.kind == "solutions":
        fmt = SOLUTIONS[chosen]
        body, media_type = fmt.write(answer.variables, answer.rows), fmt.media_type
    else:
        body, media_type = write_graph(answer.triples or [], GRAPHS[chosen]), chosen
    return Response(body, media_type=media_type, headers={"vary": "accept"})


async def sparql(request: Request) -> Response:
    atlas: Atlas = request.app.state.atlas
    settings = atlas.settings
    try:
        query, defaults, nameds = await _request_query(request, settings.max_body_bytes)
    except Refused as refused:
        return PlainTextResponse(str(refused), refused.status)
    if atlas.rdf is None:
        return PlainTextResponse(f"SPARQL is unavailable: {atlas.rdf_unavailable}\n", 503)
    if not _slots.acquire(blocking=False):
        return PlainTextResponse(
            f"all {SLOTS} query slots are busy; try again shortly\n", 503,
            headers={"retry-after": "1"},
        )  # fmt: skip
    cancelled = threading.Event()
    cap, seconds = settings.sparql_max_rows, settings.sparql_timeout
    try:
        answer = await asyncio.wait_for(
            _in_daemon_thread(lambda: _run(atlas, query, defaults, nameds, cap, cancelled)),
            timeout=seconds,
        )
    except TimeoutError:
        cancelled.set()
        return PlainTextResponse(
            f"the query did not finish within {seconds:g} s, the limit "
            "(MISSION_ATLAS_SPARQL_TIMEOUT): add a LIMIT, or narrow the query\n",
            503,
        )
    except Refused as refused:
        return PlainTextResponse(str(refused), refused.status)
    except OSError as error:
        return PlainTextResponse(f"the RDF store could not answer: {error}\n", 503)
    return _respond(answer, request.headers.get("accept", "*/*"))


def sparql_routes() -> list[Route]:
    return [Route("/sparql", readers_only(sparql), methods=["GET", "POST"])]
