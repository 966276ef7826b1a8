"""Approach: where it was tried, how it turned out across cities, its lessons and
roadblocks."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from api.pages.reading import Asked, ask, not_found
from api.pages.rendering import rdf_links, render

# The API lists the catalogue whole (nine approaches); the page picks its own from it.
QUERY = """query Approaches {
  approaches {
    id label definition
    capability { id label definition }
    cities { id name }
    missionCount
    missions(first: 50) { edges { node { id title status city { id name } } } }
    iterationResults { worked didNotWork mixed open }
    outcomeIndicators { indicator kind measurements }
    roadblocks { met resolved open }
  }
}"""

LESSONS = """query ApproachLessons($id: String!) {
  lessons(filter: { approachId: $id }, first: 20) {
    edges { node { id kind title result why lessons occurred mission { id title } city { name } } }
    pageInfo { hasNextPage }
  }
}"""


async def approach(request: Request) -> Response:
    approach_id = request.path_params["approach_id"]
    asked = Asked(QUERY, {})
    data = await ask(request, asked.query)
    found = next((a for a in data["approaches"] if a["id"] == approach_id), None)
    if found is None:
        raise not_found("approach", approach_id)
    its_lessons = Asked(LESSONS, {"id": approach_id})
    lessons = (await ask(request, its_lessons.query, its_lessons.variables))["lessons"]
    return render(
        request,
        "approach.html",
        title=found["label"],
        asked=[asked, its_lessons],
        rdf=rdf_links(request, f"approach/{approach_id}"),
        approach=found,
        lessons=lessons,
    )
