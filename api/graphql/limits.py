"""Limits against abusive query documents, checked before the specification's own rules.

Every limit is measured on the document with each fragment measured once (see
``api.graphql.query_shape``), so a refusal costs as little as reading the text, however many fields
the fragments would expand to. Each refusal says which limit was hit and what it allows.
"""

from __future__ import annotations

from graphql import DocumentNode, GraphQLError

from api.graphql.query_shape import operation_shapes

MAX_TOKENS = 2000
MAX_DEPTH = 12
MAX_ALIASES = 20
# Fields selected by the whole document with its fragments expanded: its cost. GraphiQL's
# introspection query, the largest document a well-behaved client sends, selects 220.
MAX_FIELDS = 1000
# Selection sets within selection sets, inline fragments and fragment spreads included.
# graphql-core stops validating at 200 with a bare "Validation aborted."; we refuse first.
MAX_NESTING = 100


def limit_error(message: str, limit: str, allowed: int) -> GraphQLError:
    return GraphQLError(
        message, extensions={"code": "LIMIT_EXCEEDED", "limit": limit, "allowed": allowed}
    )


def refusals(document: DocumentNode) -> list[GraphQLError]:
    """What the document breaks of the limits, each limit named; empty if it is within."""
    found: list[GraphQLError] = []
    shapes = operation_shapes(document)
    for name, shape in shapes:
        if shape.depth > MAX_DEPTH:
            found.append(
                limit_error(
                    f"'{name}' exceeds maximum operation depth of {MAX_DEPTH}: its fields "
                    f"nest {shape.depth} deep",
                    "depth",
                    MAX_DEPTH,
                )
            )
        if shape.nesting > MAX_NESTING:
            found.append(
                limit_error(
                    f"'{name}' nests selections and fragments {shape.nesting} levels deep; "
                    f"at most {MAX_NESTING} are allowed",
                    "nesting",
                    MAX_NESTING,
                )
            )
    aliases = sum(shape.aliases for _, shape in shapes)
    if aliases > MAX_ALIASES:
        found.append(
            limit_error(
                f"{aliases} aliases found; at most {MAX_ALIASES} are allowed in a document",
                "aliases",
                MAX_ALIASES,
            )
        )
    fields = sum(shape.fields for _, shape in shapes)
    if fields > MAX_FIELDS:
        found.append(
            limit_error(
                f"the document selects {fields:,} fields once its fragments are expanded; "
                f"the query cost limit is {MAX_FIELDS:,} fields",
                "fields",
                MAX_FIELDS,
            )
        )
    return found
