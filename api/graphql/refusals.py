"""Requests refused before they reach GraphQL, answered in GraphQL's shape.

strawberry answers such refusals (a body that is not JSON, a wrong method) in plain text, or
fails with a 500 on a body it did not expect. Here each is an ``errors`` list with a message
and a code, in the media type the client asked for, with the status that says what happened.
"""

from __future__ import annotations

# The HTTP exception strawberry's views raise comes from its cross-framework layer.
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.auth.reading import challenge

GRAPHQL_RESPONSE = "application/graphql-response+json"
CODES_BY_STATUS = {
    401: "UNAUTHENTICATED",
    405: "METHOD_NOT_ALLOWED",
    413: "BODY_TOO_LARGE",
}


class Refused(HTTPException):
    """A request refused before execution, with the code and the field or header it is
    about when the status alone does not say it."""

    def __init__(self, status_code: int, reason: str, **extensions: object) -> None:
        super().__init__(status_code, reason)
        self.extensions = extensions


def wants_graphql_response(request: Request) -> bool:
    """Whether the client prefers the GraphQL response media type over plain JSON."""
    accept = request.headers.get("accept", "")
    ranked = [part.split(";")[0].strip() for part in accept.split(",")]
    if GRAPHQL_RESPONSE not in ranked:
        return False
    return "application/json" not in ranked or ranked.index(GRAPHQL_RESPONSE) < ranked.index(
        "application/json"
    )


def json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "a string" if isinstance(value, str) else "an array"


def refusal(request: Request, error: HTTPException) -> Response:
    """A GraphQL-shaped answer to a refused request, in the media type the client prefers."""
    extensions = {
        "code": CODES_BY_STATUS.get(error.status_code, "BAD_REQUEST"),
        **getattr(error, "extensions", {}),
    }
    body = {"errors": [{"message": error.reason, "extensions": extensions}]}
    media_type = GRAPHQL_RESPONSE if wants_graphql_response(request) else "application/json"
    headers = challenge(request) if error.status_code == 401 else None
    return JSONResponse(body, status_code=error.status_code, media_type=media_type, headers=headers)
