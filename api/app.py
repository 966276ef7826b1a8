"""The Starlette application: GraphQL at /graphql (GET, POST, WebSocket) and a health check.

The lifespan owns the process's resources: it bootstraps the stores (one graph driver per
process), starts the projector's polling, and closes everything on shutdown.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any

from anyio import to_thread
from starlette.applications import Starlette
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from api.bootstrap import Atlas, bootstrap
from api.context import Context
from api.schema import schema
from api.settings import Settings
from graph.errors import GraphError


def _atlas(connection: HTTPConnection) -> Atlas:
    atlas: Atlas = connection.app.state.atlas
    return atlas


class AtlasGraphQL(GraphQL[Context, None]):
    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        return Context(atlas=_atlas(request), request=request)


async def health(request: Request) -> Response:
    """Positions of the event store and of the graph; 503 while the graph is unreachable."""
    atlas = _atlas(request)
    events = await to_thread.run_sync(lambda: atlas.events.last_position)
    try:
        projected = await to_thread.run_sync(lambda: atlas.projector.position)
    except GraphError:
        return JSONResponse({"events": events, "projected": None}, status_code=503)
    return JSONResponse({"events": events, "projected": projected})


def create_app(
    settings: Settings | None = None,
    *,
    poll: bool = True,
    build: Callable[[Settings | None], Atlas] = bootstrap,
) -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        atlas = build(settings)
        app.state.atlas = atlas
        if poll:
            atlas.start_polling()
        try:
            yield
        finally:
            atlas.close()

    graphql = AtlasGraphQL(schema)
    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            Route("/health", health),
        ],
        lifespan=lifespan,
    )
