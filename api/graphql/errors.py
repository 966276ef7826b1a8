"""The error edge: what the caller gets of any error in a query, mutation or subscription.

:func:`answered` is the schema's one error edge. A domain error is translated
(``api/graphql/codes.py``: its code and the field it names); a graph outage is named as one;
anything else raised in execution is logged with a request id and reaches the caller only as
a generic message with that id. ``AtlasSchema.execute`` applies it to every error of a query
or mutation; :class:`MaskUnexpectedErrors` applies it to the operations strawberry runs
itself (those streamed over the WebSocket).
"""

from __future__ import annotations

import logging
import uuid

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from api.graphql.codes import in_place_of, to_graphql_error
from events.errors import AtlasError
from graph.errors import GraphUnavailable

log = logging.getLogger(__name__)

INTERNAL = "Internal error: the request failed unexpectedly (see requestId)."


def _raised_by_a_resolver(error: GraphQLError) -> bool:
    """An exception other than a GraphQL error raised while resolving a field (validation
    errors have no path), or a domain error or a graph outage from anywhere in execution:
    a subscription's stream raises its errors where strawberry gives them no path."""
    original = error.original_error
    if isinstance(original, AtlasError | GraphUnavailable):
        return True
    return (
        error.path is not None and original is not None and not isinstance(original, GraphQLError)
    )


def answered(error: GraphQLError) -> GraphQLError:
    """The error as the caller gets it: a domain error translated, a graph outage named as
    one, anything else raised in execution logged and masked, and the rest (syntax,
    validation, limits, variables) as it is."""
    return _masked(error) if _raised_by_a_resolver(error) else error


def unexpected(error: Exception) -> GraphQLError:
    """The answer to an exception that escaped execution itself: logged and masked."""
    return _masked(GraphQLError(str(error), original_error=error))


def _masked(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, AtlasError):
        return to_graphql_error(original, at=error)
    if isinstance(original, GraphUnavailable):
        log.warning("graph store unavailable: %s", original)
        return in_place_of(
            error,
            "The graph store is unavailable at the moment; retry shortly.",
            {"code": "UNAVAILABLE"},
        )
    request_id = uuid.uuid4().hex[:12]
    log.error(
        "unexpected error (request %s) at %s",
        request_id,
        ".".join(map(str, error.path or [])) or "<operation>",
        exc_info=original,
    )
    return in_place_of(error, INTERNAL, {"code": "INTERNAL", "requestId": request_id})


class MaskUnexpectedErrors(MaskErrors):
    """:func:`answered` as a strawberry extension, for the operations strawberry runs itself:
    those streamed over the WebSocket."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=_raised_by_a_resolver, error_message=INTERNAL)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        return _masked(error)
