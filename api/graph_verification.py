"""GET /graph/verification: ``verify-graph``'s comparison, made by the server on the graph it
holds, for the command run beside it (only one process may open the embedded graph's file).

The answer lists every node id, so it is for those who may read the data directory anyway:
its key is the secret in the note the server leaves there (``api.cli.running_server``).
"""

from __future__ import annotations

import hmac

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.bootstrap import Atlas
from graph.verification import Report, verify_graph


def graph_verification_route(secret: str) -> Route:
    async def graph_verification(request: Request) -> Response:
        given = request.headers.get("authorization", "").encode()
        if not hmac.compare_digest(given, f"Bearer {secret}".encode()):
            problem = "send the secret of the note this server left in its data directory"
            return JSONResponse({"error": problem}, status_code=403)
        atlas: Atlas = request.app.state.atlas
        report = await to_thread.run_sync(_compare, atlas)
        return JSONResponse(report.as_json())

    return Route("/graph/verification", graph_verification)


def _compare(atlas: Atlas) -> Report:
    # No batch lands while the graph is read, or nodes of events stored after the comparison
    # began would count as unexpected.
    with atlas.projector.paused():
        return verify_graph(atlas.events, atlas.graph)
