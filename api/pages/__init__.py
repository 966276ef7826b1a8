"""Mission Explorer: server-rendered pages for the people who run missions, beside the API.

Every page reads through the GraphQL schema (``reading.ask``) and shows the query it ran;
its stylesheet is served from the package, so the pages work on a network without internet.
"""

from __future__ import annotations

from pathlib import Path

from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from api.pages.approach import approach
from api.pages.audit import audit, trail
from api.pages.city import city
from api.pages.handover import handover
from api.pages.home import home
from api.pages.lessons import lessons
from api.pages.mission import mission
from api.pages.rendering import page

ASSETS = Path(__file__).with_name("static")


def page_routes() -> list[BaseRoute]:
    return [
        page("/", home),
        page("/cities/{city_id}", city),
        page("/cities/{city_id}/handover", handover),
        page("/missions/{mission_id}", mission),
        page("/approaches/{approach_id}", approach),
        page("/lessons", lessons),
        page("/audit", audit),
        page("/audit/{mission_id}", trail),
        Mount("/pages", StaticFiles(directory=ASSETS), name="page-assets"),
    ]
