"""City: its administrations as a band in time, its missions, its peers ranked with the
reason for each and a picture of the city among them, and its changes of mayor."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from api.pages.peer_picture import peer_picture
from api.pages.reading import Asked, ask, not_found
from api.pages.rendering import rdf_links, render
from api.pages.timeline import Axis

QUERY = """query City($id: ID!) {
  city(id: $id) {
    id name country wikidataId
    administrations { id mayor party termStart termEnd }
    missions { id title goal theme status horizonYear }
  }
  peers(cityId: $id, first: 10) {
    score reason
    city { id name }
    sharedApproaches { id label }
    sharedThemes
  }
  transitions(cityId: $id) {
    on outgoing { mayor } incoming { mayor }
    missions { missionId title fate reason }
  }
}"""


async def city(request: Request) -> Response:
    city_id = request.path_params["city_id"]
    asked = Asked(QUERY, {"id": city_id})
    data = await ask(request, asked.query, asked.variables)
    if data["city"] is None:
        raise not_found("city", city_id)
    found = data["city"]
    axis = Axis.spanning(found["administrations"], [])
    return render(
        request,
        "city.html",
        title=found["name"],
        asked=[asked],
        rdf=rdf_links(request, f"city/{city_id}"),
        city=found,
        peers=data["peers"],
        picture=peer_picture(found["name"], data["peers"]),
        transitions=data["transitions"],
        axis=axis,
    )
