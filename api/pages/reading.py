"""Pages read the record by executing the GraphQL schema in-process, with the same
per-request context the /graphql route builds: a page cannot say what the API would not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from api.auth.reading import may_read
from api.bootstrap import Atlas
from api.graphql.context import Context
from api.graphql.schema import schema
from api.graphql.subscriptions.feed import EventFeed


@dataclass(frozen=True)
class Asked:
    """A GraphQL document and its variables: what a page read, shown on it for reuse."""

    query: str
    variables: dict[str, Any]


class PageError(Exception):
    """A page that cannot be shown: ``status`` and what the reader is told."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status, self.title, self.message = status, title, message


def not_found(what: str, ident: str) -> PageError:
    return PageError(404, "Not found", f"There is no {what} {ident!r} in the record.")


def bad_parameter(name: str, problem: str) -> PageError:
    return PageError(400, "Bad request", f"The parameter {name!r} {problem}.")


# The API's error codes that mean the reader asked for something wrong, by page status.
_STATUS_BY_CODE = {"NOT_FOUND": 404, "BAD_USER_INPUT": 400, "UNAUTHENTICATED": 401}


async def ask(request: Request, query: str, variables: dict[str, Any] | None = None) -> Any:
    """The data of ``query`` as the API answers it; its errors as a page's 4xx or 503."""
    atlas: Atlas = request.app.state.atlas
    feed: EventFeed = request.app.state.feed
    if not await may_read(request):
        raise PageError(401, "Token needed", "This server shows its record to token holders only.")
    context = Context(atlas=atlas, request=request, feed=feed)
    result = await schema.execute(query, variable_values=variables or {}, context_value=context)
    if result.errors:
        first = result.errors[0]
        code = (first.extensions or {}).get("code", "")
        status = _STATUS_BY_CODE.get(str(code), 503 if code == "UNAVAILABLE" else 500)
        title = {404: "Not found", 400: "Bad request"}.get(status, "Cannot show this page")
        raise PageError(status, title, first.message)
    return result.data
