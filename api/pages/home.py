"""Home: the cities, the approach catalogue by capability with how each fared, a search
across lessons, and how fresh the record is."""

from __future__ import annotations

from typing import Any

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import Response

from api.bootstrap import Atlas
from api.pages.reading import Asked, ask
from api.pages.rendering import rdf_links, render
from graph.errors import GraphError

QUERY = """query Home {
  cities { id name country missions { id title status } }
  approaches {
    id label
    capability { id label }
    missionCount
    iterationResults { worked didNotWork mixed open }
    roadblocks { met open }
  }
  lessons(first: 1) { edges { node { title occurred mission { id title } } } }
}"""


def by_capability(approaches: list[dict[str, Any]]) -> list[tuple[dict[str, Any], list[Any]]]:
    """The catalogue grouped under its capabilities, in the catalogue's order."""
    groups: dict[str, tuple[dict[str, Any], list[Any]]] = {}
    for approach in approaches:
        capability = approach["capability"]
        groups.setdefault(capability["id"], (capability, []))[1].append(approach)
    return list(groups.values())


async def freshness(atlas: Atlas) -> dict[str, int | None]:
    """What /health says: events stored, how far the graph has shown them."""
    events = await to_thread.run_sync(lambda: atlas.events.last_position)
    try:
        projected: int | None = await to_thread.run_sync(lambda: atlas.projector.position)
    except GraphError:
        projected = None
    return {
        "events": events,
        "projected": projected,
        "lag": None if projected is None else events - projected,
    }


async def home(request: Request) -> Response:
    asked = Asked(QUERY, {})
    data = await ask(request, asked.query)
    newest = data["lessons"]["edges"]
    return render(
        request,
        "home.html",
        title="Mission Atlas",
        asked=[asked],
        rdf=rdf_links(request, None),
        cities=data["cities"],
        capabilities=by_capability(data["approaches"]),
        newest=newest[0]["node"] if newest else None,
        freshness=await freshness(request.app.state.atlas),
    )
