"""Lessons: the filters of the ``lessons`` query as a GET form, so that every filtered list
has a URL to share. The parameters are the filter's own field names."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from api.pages.reading import Asked, ask, bad_parameter
from api.pages.rendering import rdf_links, render

PAGE_SIZE = 20
RESULTS = {"WORKED": "worked", "DID_NOT_WORK": "did not work", "MIXED": "mixed"}
TEXT_FILTERS = ["approachId", "theme", "cityId", "administrationId", "text"]
DATE_FILTERS = ["occurredFrom", "occurredTo"]

QUERY = """query Lessons($filter: LessonFilter, $first: Int, $after: String) {
  lessons(filter: $filter, first: $first, after: $after) {
    edges {
      node {
        id kind title hypothesis result why lessons occurred sources
        mission { id title } city { id name } approach { id label }
        administration { mayor }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}"""

# What the form's choices are made of.
CHOICES = """query LessonFilterChoices {
  cities { id name administrations { id mayor termStart } missions { theme } }
  approaches { id label }
}"""


def lesson_filter(params: QueryParams) -> dict[str, Any]:
    """The ``LessonFilter`` the parameters ask for; a bad value is a 400 naming it."""
    chosen: dict[str, Any] = {}
    for name in TEXT_FILTERS:
        if value := params.get(name, "").strip():
            if len(value) > 200:
                raise bad_parameter(name, "is longer than 200 characters")
            chosen[name] = value
    for name in DATE_FILTERS:
        if value := params.get(name, "").strip():
            try:
                date.fromisoformat(value)
            except ValueError:
                raise bad_parameter(name, f"is {value!r}, not a day (YYYY-MM-DD)") from None
            chosen[name] = value
    if result := params.get("result", "").strip():
        if result not in RESULTS:
            raise bad_parameter("result", f"is {result!r}, not one of {', '.join(RESULTS)}")
        chosen["result"] = result
    return chosen


async def lessons(request: Request) -> Response:
    chosen = lesson_filter(request.query_params)
    variables: dict[str, Any] = {"filter": chosen, "first": PAGE_SIZE}
    if after := request.query_params.get("after", "").strip():
        variables["after"] = after
    asked = Asked(QUERY, variables)
    data = await ask(request, asked.query, asked.variables)
    choices_asked = Asked(CHOICES, {})
    choices = await ask(request, CHOICES)
    page = data["lessons"]
    next_url = (
        "/lessons?" + urlencode({**chosen, "after": page["pageInfo"]["endCursor"]})
        if page["pageInfo"]["hasNextPage"]
        else None
    )
    themes = sorted({m["theme"] for c in choices["cities"] for m in c["missions"]})
    return render(
        request,
        "lessons.html",
        title="Lessons",
        asked=[asked, choices_asked],
        rdf=rdf_links(request, None),
        chosen=chosen,
        lessons=page["edges"],
        next_url=next_url,
        first_url="/lessons?" + urlencode(chosen) if after else None,
        cities=choices["cities"],
        approaches=choices["approaches"],
        themes=themes,
        results=RESULTS,
    )
