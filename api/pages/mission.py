"""Mission: its story on one time axis across administrations, each item opening to its
why, its lesson and its source; outcomes against baseline and target; corrections shown."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from api.pages.charts import outcome_charts
from api.pages.reading import Asked, ask, not_found
from api.pages.rendering import rdf_links, render
from api.pages.timeline import ROW, ROWS, TOP, WIDTH, Axis, item_days, marks

QUERY = """query Mission($id: ID!) {
  mission(id: $id) {
    id title goal theme horizonYear status launchedOn
    city { id name administrations { id mayor party termStart termEnd } }
    approaches { id label capability { label } }
    instruments { name approach { id label } runsUntil endedOn endReason }
    partners { name sector role leftOn leftReason }
    decisions { id title rationale decidedBy occurred occurredOn answersRoadblockId }
    iterations {
      id title hypothesis result why lessons startedOn concludedOn approach { id label }
    }
    roadblocks { id description encounteredOn resolution resolvedOn }
    outcomes {
      id indicator kind value unit baseline target periodStart periodEnd measuredOn progress
    }
    spillovers { description beneficiaries observedOn }
    statusHistory { status reason occurredOn }
    timeline {
      id kind position occurred summary source recordedAt recordedBy
      retractedBy retractionReason supersededBy administration { mayor }
    }
  }
}"""


def summaries(key: str, item: dict[str, Any]) -> list[str]:
    """The one-line summaries the graph writes for the events that recorded an item: the
    timeline names its events by these, and the API links an item to no event otherwise,
    so this is how an item finds its sources."""
    if key == "decisions":
        return [f"Decision: {item['title']}"]
    if key == "iterations":
        concluded = f"Iteration concluded ({str(item['result']).lower()}): {item['why']}"
        return [f"Iteration started: {item['title']}"] + ([concluded] if item["result"] else [])
    resolved = f"Roadblock resolved: {item['resolution']}"
    return [f"Roadblock: {item['description']}"] + ([resolved] if item["resolution"] else [])


def sources(mission: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Each item's recording events still in force (with their sources), by item id."""
    standing: dict[str, list[dict[str, Any]]] = {}
    for event in mission["timeline"]:
        if event["retractedBy"] is None:
            standing.setdefault(event["summary"], []).append(event)
    return {
        item["id"]: [e for summary in summaries(key, item) for e in standing.get(summary, [])]
        for key in ("decisions", "iterations", "roadblocks")
        for item in mission[key]
    }


# A page stays under 100 kB however long the mission: lists keep their newest items, and
# say how many there are in all (the audit trail and the API have every one).
SHOWN = {"decisions": 60, "iterations": 60, "roadblocks": 40, "statusHistory": 20,
         "outcomes": 120, "spillovers": 20, "timeline": 150}  # fmt: skip


def newest(found: dict[str, Any]) -> dict[str, int]:
    """Cut each long list to its newest items, in place; the counts before the cut."""
    totals = {key: len(found[key]) for key in SHOWN}
    for key, limit in SHOWN.items():
        found[key] = found[key][-limit:]
    return totals


async def mission(request: Request) -> Response:
    mission_id = request.path_params["mission_id"]
    asked = Asked(QUERY, {"id": mission_id})
    data = await ask(request, asked.query, asked.variables)
    found = data["mission"]
    if found is None:
        raise not_found("mission", mission_id)
    totals = newest(found)
    administrations = found["city"]["administrations"]
    axis = Axis.spanning(administrations, item_days(found))
    return render(
        request,
        "mission.html",
        title=found["title"],
        asked=[asked],
        rdf=rdf_links(request, f"mission/{mission_id}"),
        mission=found,
        totals=totals,
        axis=axis,
        marks=marks(axis, found),
        rows=ROWS,
        geometry={"width": WIDTH, "row": ROW, "top": TOP, "height": TOP + ROW * len(ROWS) + 8},
        sources=sources(found),
        charts=outcome_charts(found["outcomes"]),
        corrections=[e for e in found["timeline"] if e["retractedBy"] or e["supersededBy"]],
    )
