"""Audit: whether the hash chain verifies and its head, and a mission's trail with its
corrections linked to what they correct."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import Response

from api.bootstrap import Atlas
from api.pages.reading import Asked, ask, not_found
from api.pages.rendering import rdf_links, render
from events.chain import ChainReport, verify_log

PAGE_SIZE = 100

MISSIONS = """query AuditMissions {
  cities { id name missions { id title } }
}"""

TRAIL = """query AuditTrail($missionId: ID!, $first: Int, $after: String) {
  auditTrail(missionId: $missionId, first: $first, after: $after) {
    edges {
      node {
        position version kind hash previousHash occurredOn recordedAt recordedBy source
        details retractedBy supersededBy administration { mayor }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}"""


def verify(atlas: Atlas) -> ChainReport:
    """What `mission-atlas verify` computes: the chain is not part of the GraphQL schema."""
    return verify_log(atlas.events.recorder)


async def audit(request: Request) -> Response:
    asked = Asked(MISSIONS, {})
    data = await ask(request, asked.query)
    report = await to_thread.run_sync(verify, request.app.state.atlas)
    return render(
        request,
        "audit.html",
        title="Audit",
        asked=[asked],
        rdf=rdf_links(request, None),
        cities=data["cities"],
        report=report,
    )


async def trail(request: Request) -> Response:
    mission_id = request.path_params["mission_id"]
    variables: dict[str, Any] = {"missionId": mission_id, "first": PAGE_SIZE}
    if after := request.query_params.get("after", "").strip():
        variables["after"] = after
    asked = Asked(TRAIL, variables)
    data = await ask(request, asked.query, asked.variables)
    entries = data["auditTrail"]["edges"]
    if not entries and not after:
        raise not_found("mission", mission_id)
    info = data["auditTrail"]["pageInfo"]
    return render(
        request,
        "trail.html",
        title=f"Audit trail: {mission_id}",
        asked=[asked],
        rdf=rdf_links(request, f"mission/{mission_id}"),
        mission_id=mission_id,
        entries=entries,
        next_url=(
            f"/audit/{mission_id}?" + urlencode({"after": info["endCursor"]})
            if info["hasNextPage"]
            else None
        ),
    )
