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
    decisions {
      id title rationale decidedBy occurred occurredOn answersRoadblockId
      recordedIn { ...Source }
    }
    iterations {
      id title hypothesis result why lessons startedOn concludedOn approach { id label }
      recordedIn { ...Source } concludedIn { ...Source }
    }
    roadblocks {
      id description encounteredOn resolution resolvedOn
      recordedIn { ...Source } resolvedIn { ...Source }
    }
    outcomes {
      id indicator kind value unit baseline target periodStart periodEnd measuredOn progress
      recordedIn { ...Source }
    }
    spillovers { description beneficiaries observedOn }
    statusHistory { status reason occurredOn }
    timeline {
      id kind position occurred summary source recordedAt recordedBy
      retractedBy retractionReason supersededBy administration { mayor }
    }
  }
}

fragment Source on TimelineEvent { id kind position source recordedBy }"""


# The fields naming the events that recorded an item, in the order the story cites them.
RECORDING = ("recordedIn", "concludedIn", "resolvedIn")


def sources(mission: dict[str, Any]) -> dict[str, list[list[dict[str, Any]]]]:
    """Each item's recording events by item id, grouped by the source they cite: the items
    name them (a correction deletes or reopens an item, so the events named are the ones in
    force). An iteration started and concluded on one report cites that report once."""
    cited: dict[str, list[list[dict[str, Any]]]] = {}
    for key in ("decisions", "iterations", "roadblocks", "outcomes"):
        for item in mission[key]:
            groups: list[list[dict[str, Any]]] = []
            for event in (item[field] for field in RECORDING if item.get(field)):
                same = next((g for g in groups if g[0]["source"] == event["source"]), None)
                if same is None:
                    groups.append([event])
                else:
                    same.append(event)
            cited[item["id"]] = groups
    return cited


# A page stays under 100 kB however long the mission: lists keep their newest items, and
# say how many there are in all (the audit trail and the API have every one).
# Each item cites the events that recorded it, so an iteration or a roadblock can weigh twice
# what a decision does: these limits hold a synthetic 2,000-event mission's page at 86 kB.
SHOWN = {"decisions": 30, "iterations": 25, "roadblocks": 20, "statusHistory": 20,
         "outcomes": 40, "spillovers": 20, "timeline": 60}  # fmt: skip


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
        listed={e["id"] for e in found["timeline"]},  # the events the page lists, to link to
        charts=outcome_charts(found["outcomes"]),
        corrections=[e for e in found["timeline"] if e["retractedBy"] or e["supersededBy"]],
    )
