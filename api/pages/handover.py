"""Handover: for a city and a day, the report a new administration receives, laid out to
print. The day defaults to the start of the city's latest term of office."""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from api.pages.reading import Asked, ask, bad_parameter, not_found
from api.pages.rendering import rdf_links, render

QUERY = """query Handover($cityId: ID!, $day: Date!, $asKnownThen: Boolean!) {
  handover(cityId: $cityId, day: $day, asKnownThen: $asKnownThen) {
    day
    administration { mayor party termStart }
    missions {
      mission { missionId title goal status }
      openRoadblocks { description encounteredOn }
      lastDecisions { title rationale occurred }
      latestOutcomes { indicator value unit baseline target measuredOn progress }
    }
  }
}"""

TERMS = """query HandoverCity($id: ID!) {
  city(id: $id) { id name administrations { id mayor termStart } }
}"""


def requested_day(text: str | None, terms: list[dict[str, Any]]) -> str:
    if not text:
        return str(terms[-1]["termStart"]) if terms else date.today().isoformat()
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise bad_parameter("day", f"is {text!r}, not a day (YYYY-MM-DD)") from None


def known_then(text: str | None) -> bool:
    if text in (None, "", "0", "false"):
        return False
    if text in ("1", "true", "on"):
        return True
    raise bad_parameter("asKnownThen", f"is {text!r}, not true or false")


async def handover(request: Request) -> Response:
    city_id = request.path_params["city_id"]
    as_known_then = known_then(request.query_params.get("asKnownThen"))
    terms = Asked(TERMS, {"id": city_id})
    city = (await ask(request, terms.query, terms.variables))["city"]
    if city is None:
        raise not_found("city", city_id)
    day = requested_day(request.query_params.get("day"), city["administrations"])
    asked = Asked(QUERY, {"cityId": city_id, "day": day, "asKnownThen": as_known_then})
    data = await ask(request, asked.query, asked.variables)
    return render(
        request,
        "handover.html",
        title=f"Handover: {city['name']}, {day}",
        asked=[terms, asked],
        rdf=rdf_links(request, None, city=city_id),
        city=city,
        handover=data["handover"],
        as_known_then=as_known_then,
    )
