"""The Starlette application: GraphQL at /graphql (GET, POST, and WebSocket for subscriptions;
GraphiQL for browsers, its assets under /graphiql/), a health check, the linked data (the
record at /rdf, its IRIs dereferenced, SPARQL at /sparql, the ontology at /ontology and the
dataset's description at /.well-known/void), and the Mission Explorer's pages at /
(``api/pages``).

The lifespan owns the process's resources: it bootstraps the stores (one graph driver per
process), connects the projector to the subscription feed, starts the projector's polling,
leaves the note that tells commands run beside it where to ask it (embedded graph), and
closes everything on shutdown.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import AsyncIterator, Callable

from anyio import to_thread
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute

from api.bootstrap import Atlas, bootstrap
from api.cli.running_server import RunningServer, announced
from api.graph_verification import graph_verification_route
from api.graphql.graphiql import graphiql_assets
from api.graphql.http import AtlasGraphQL
from api.graphql.schema import schema
from api.graphql.subscriptions.feed import EventFeed
from api.pages import page_routes
from api.rdf.dataset_description import void_routes
from api.rdf.ontology_document import ontology_routes
from api.rdf.routes import rdf_routes
from api.rdf.sparql import sparql_routes
from api.settings import Settings
from api.streams import Streams
from graph.errors import GraphError


async def health(request: Request) -> Response:
    """Positions of the event store and of the graph, the lag between them, and the last
    projection error if the projector is stuck; 503 while the graph is unreachable.

    A stuck projector does not make the service unhealthy: it serves the last consistent
    graph, and the lag and error say how far behind it is and why."""
    atlas: Atlas = request.app.state.atlas
    events = await to_thread.run_sync(lambda: atlas.events.last_position)
    failure = atlas.projector.failure
    error = (
        None
        if failure is None
        else "the projector cannot go past position "
        + str(failure.after)
        + f": {type(failure.cause).__name__}; see the server log"
    )
    try:
        projected = await to_thread.run_sync(lambda: atlas.projector.position)
    except GraphError:
        body = {"events": events, "projected": None, "lag": None, "error": error}
        return JSONResponse(body, status_code=503)
    return JSONResponse(
        {"events": events, "projected": projected, "lag": events - projected, "error": error}
    )


def create_app(
    settings: Settings | None = None,
    *,
    poll: bool = True,
    build: Callable[[Settings | None], Atlas] = bootstrap,
    beside: RunningServer | None = None,
) -> Starlette:
    """The application. With ``beside``, it leaves that note in the data directory while it
    holds the graph, and answers /graph/verification to those who send the note's secret:
    the embedded graph's file admits one process, so commands run beside it ask it."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        atlas = build(settings)
        feed = EventFeed()
        atlas.projector.listeners.append(feed.publish)
        app.state.atlas, app.state.feed = atlas, feed
        streams = app.state.streams = Streams()
        if poll:
            atlas.start_polling()
        atlas.open_rdf()
        # What start-up made (modules, the schema, the stores) lives as long as the process:
        # set it aside from the garbage collector, whose full collections otherwise walk all
        # of it and paused every request, /health included, for a tenth of a second or more.
        gc.freeze()
        try:
            # Left and taken back here rather than around the server: uvicorn ends a process
            # stopped by a signal by raising that signal again once the lifespan is over.
            with (
                announced(atlas.settings.data_dir, beside) if beside else contextlib.nullcontext(),
                streams.stop_on_signals(),
            ):
                yield
        finally:
            atlas.close()

    configured = settings or Settings.from_env()
    graphql = AtlasGraphQL(schema, max_body_bytes=configured.max_body_bytes)
    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            graphiql_assets(),
            Route("/health", health),
            *ontology_routes(),
            *void_routes(),
            *rdf_routes(configured.base_iri),
            *sparql_routes(),
            *([graph_verification_route(beside.secret)] if beside else []),
            *page_routes(),
        ],
        lifespan=lifespan,
    )


# With several workers uvicorn starts each process by importing a factory by its name: the
# name is what tells a worker whether to poll, and its settings come from the environment it
# inherited, the one `serve` checked before starting it.


def polling_worker() -> Starlette:
    """The application of one of several worker processes, following the event store."""
    return create_app(Settings.from_env(), poll=True)


def worker() -> Starlette:
    """The application of one of several worker processes, projecting only its own writes."""
    return create_app(Settings.from_env(), poll=False)


WORKERS = {True: "api.app:polling_worker", False: "api.app:worker"}
