"""The common request, a POST of a JSON body, read as strawberry's view reads it.

Strawberry's ``run`` serves every kind of request: for each it wraps the request in an adapter,
makes a spare response for hooks to write into, parses the content type with ``email``'s
parser and looks for a streaming transport in the headers. ``AtlasGraphQL`` answers a POST
declared ``application/json`` without those steps, as ``run`` would answer it: this module
says which requests those are and reads the operation out of the body, with strawberry's
refusals word for word. Anything else (GET, GraphiQL, other media types, a server with a
streaming transport) still goes through ``run``.
"""

from __future__ import annotations

from typing import Any

# The HTTP exception strawberry's views raise comes from its cross-framework layer.
from cross_web import HTTPException
from starlette.requests import Request
from strawberry.http import GraphQLRequestData


def is_json_post(request: Request) -> bool:
    """A POST whose body is declared JSON (parameters such as a charset aside): ``run``
    reads its body as one JSON operation."""
    if request.method != "POST":
        return False
    declared = request.headers.get("content-type", "")
    return declared.partition(";")[0].strip() == "application/json"


def operation_of(decoded: dict[str, Any]) -> GraphQLRequestData:
    """The operation a decoded JSON object asks for, refused as ``run`` refuses it."""
    query = decoded.get("query")
    if not isinstance(query, str | None):
        raise HTTPException(
            400, "The GraphQL operation's `query` must be a string or null, if provided."
        )
    variables = decoded.get("variables")
    if not isinstance(variables, dict | None):
        raise HTTPException(
            400, "The GraphQL operation's `variables` must be an object or null, if provided."
        )
    extensions = decoded.get("extensions")
    if not isinstance(extensions, dict | None):
        raise HTTPException(
            400, "The GraphQL operation's `extensions` must be an object or null, if provided."
        )
    return GraphQLRequestData(
        query=query,
        variables=variables,
        operation_name=decoded.get("operationName"),
        extensions=extensions,
        protocol="http",
    )
