"""What a caller can act on, as GraphQL errors: each domain error with its code and the input
field it names (in GraphQL's camelCase), and the missing token.

Resolvers raise domain errors as they are; the error edge (``api/graphql/errors.py``) hands
each one here. A domain error is the domain refusing this request for what it says, so its
message reaches the caller; only an outage is worth retrying unchanged.
"""

from __future__ import annotations

from graphql import GraphQLError

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
    return in_place_of(at, message, extensions)


def unauthenticated(needs: str, token_sent: bool) -> GraphQLError:
    """The caller sent no token, or one that is not (or no longer) live; ``needs`` says what
    wanted one ("reading", "recording")."""
    return GraphQLError(
        token_problem(needs, token_sent),
        extensions={"code": "UNAUTHENTICATED", "header": "Authorization"},
    )


def in_place_of(error: GraphQLError, message: str, extensions: dict[str, object]) -> GraphQLError:
    """An answer given instead of ``error``: its place in the document and the result, and
    nothing of what it said or wrapped."""
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )
