"""Templates, the RDF each page offers, and the error pages."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from api.auth.reading import challenge
from api.bootstrap import Atlas
from api.pages.reading import Asked, PageError
from ontology.writers import FORMATS

HERE = Path(__file__).parent
templates = Jinja2Templates(
    env=Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
)


def rdf_links(request: Request, resource: str | None, **record: str) -> list[dict[str, str]]:
    """The formats /rdf serves, for one resource under the base IRI (``city/valencia``) or,
    without one, for the record (filtered by ``record``, e.g. ``city=valencia``)."""
    atlas: Atlas = request.app.state.atlas
    base_path = urlsplit(atlas.settings.base_iri).path.rstrip("/")
    path = f"{base_path}/{resource}" if resource else "/rdf"
    return [
        {"href": f"{path}?{urlencode({**record, 'format': name})}", "type": fmt.media_type}
        for name, fmt in FORMATS.items()
    ]


def graphiql_link(asked: Asked) -> str:
    """The page's query opened in GraphiQL, which reads ``query`` and ``variables``."""
    params = {"query": asked.query}
    if asked.variables:
        params["variables"] = json.dumps(asked.variables)
    return "/graphql?" + urlencode(params)


def render(
    request: Request,
    template: str,
    *,
    title: str,
    asked: list[Asked],
    rdf: list[dict[str, str]],
    **context: Any,
) -> Response:
    return templates.TemplateResponse(
        request,
        template,
        {
            "title": title,
            "asked": [(a, graphiql_link(a), json.dumps(a.variables, indent=2)) for a in asked],
            "rdf": rdf,
            **context,
        },
    )


def error_page(request: Request, error: PageError) -> Response:
    return templates.TemplateResponse(
        request,
        "error.html",
        {"title": error.title, "message": error.message, "status": error.status, "asked": []},
        status_code=error.status,
        headers=challenge(request) if error.status == 401 else None,
    )


Endpoint = Callable[[Request], Awaitable[Response]]


def page(path: str, endpoint: Endpoint) -> Route:
    """A GET route whose PageError becomes its error page (404, 400 naming the parameter)."""

    async def answer(request: Request) -> Response:
        try:
            response = await endpoint(request)
        except PageError as error:
            return error_page(request, error)
        atlas: Atlas = request.app.state.atlas
        if atlas.settings.read_access == "token":  # a reader's page is not for the next caller
            response.headers.add_vary_header("authorization")
        return response

    return Route(path, answer, methods=["GET"], name=endpoint.__name__)
