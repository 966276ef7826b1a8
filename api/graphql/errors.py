"""Translating errors at the API edge.

Resolvers raise domain errors as they are; :func:`answered`, the schema's one error edge,
makes each a GraphQL error that names the input field (in GraphQL's camelCase) and carries a
machine-readable code. Anything unexpected is logged with a request id and reaches the caller
only as a generic message with that id. ``AtlasSchema.execute`` applies it to every error of
a query or mutation; :class:`MaskUnexpectedErrors` applies it to the operations strawberry
runs itself (those streamed over the WebSocket).
"""

from __future__ import annotations

import logging
import uuid

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from api.auth.reading import token_problem
from events.application import CommandRejected
from events.errors import (
    AlreadyExists,
    AtlasError,
    Conflict,
    EventStoreUnavailable,
    InvalidInput,
    NotFound,
    RuleViolated,
)
from graph.errors import GraphUnavailable

log = logging.getLogger(__name__)

CODES: dict[type[AtlasError], str] = {
    InvalidInput: "BAD_USER_INPUT",
    RuleViolated: "RULE_VIOLATED",
    NotFound: "NOT_FOUND",
    AlreadyExists: "ALREADY_EXISTS",
    Conflict: "CONFLICT",
    # An outage, named as one: the one domain error a client may retry unchanged.
    EventStoreUnavailable: "UNAVAILABLE",
}
# Any other domain error is the domain refusing this request for what it says (it names the
# field): retrying it unchanged would fail the same way.
REFUSED = "BAD_USER_INPUT"


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def to_graphql_error(error: AtlasError, at: GraphQLError | None = None) -> GraphQLError:
    """The answer to a domain error; ``at`` is the error graphql-core made of it, whose
    place in the document and the result the answer keeps."""
    if isinstance(error, CommandRejected):
        # Which command of the batch failed says nothing to a mutation of one: its cause does.
        return to_graphql_error(error.cause, at)
    code = next((c for kind, c in CODES.items() if isinstance(error, kind)), REFUSED)
    extensions: dict[str, object] = {"code": code}
    message = error.problem
    if error.field:
        extensions["field"] = camel(error.field)
        message = f"{camel(error.field)}: {error.problem}"
    if at is None:
        return GraphQLError(message, extensions=extensions)
    return _in_place_of(at, message, extensions)


def unauthenticated(needs: str, token_sent: bool) -> GraphQLError:
    """The caller sent no token, or one that is not (or no longer) live; ``needs`` says what
    wanted one ("reading", "recording")."""
    return GraphQLError(
        token_problem(needs, token_sent),
        extensions={"code": "UNAUTHENTICATED", "header": "Authorization"},
    )


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


INTERNAL = "Internal error: the request failed unexpectedly (see requestId)."


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
        return _in_place_of(
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
    return _in_place_of(error, INTERNAL, {"code": "INTERNAL", "requestId": request_id})


def _in_place_of(error: GraphQLError, message: str, extensions: dict[str, object]) -> GraphQLError:
    # Its place in the document and the result, and nothing of what it said or wrapped.
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )


class MaskUnexpectedErrors(MaskErrors):
    """:func:`answered` as a strawberry extension, for the operations strawberry runs itself:
    those streamed over the WebSocket."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=_raised_by_a_resolver, error_message=INTERNAL)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        return _masked(error)
