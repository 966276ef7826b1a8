"""The schema extension that checks each document through ``api.graphql.operations`` for the
operations strawberry runs itself (those streamed over the WebSocket); queries and mutations
over HTTP are checked by ``AtlasSchema.execute``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from api.graphql.operations import checked_operation


class CheckedDocuments(SchemaExtension):
    """Parse and validate through ``checked_operation``: off the event loop, and once per text."""

    _refusals: list[GraphQLError]

    async def on_parse(self) -> AsyncIterator[None]:
        context = self.execution_context
        assert context.query is not None  # strawberry refuses a missing query before this
        # Raised as strawberry's own parsing would: AtlasSchema.stream turns a syntax error
        # into the WebSocket's error message. The graphql-core schema behind strawberry's,
        # as strawberry's own caches use it. strawberry fills ``operation_name`` with the
        # first operation's name when the request gives none: only this attribute keeps what
        # the request itself said.
        result = await checked_operation(
            context.schema._schema,
            context.query,
            context.validation_rules,
            context._provided_operation_name,
        )
        context.graphql_document = result.document
        self._refusals = result.refusals
        yield

    def on_validate(self) -> Iterator[None]:
        self.execution_context.pre_execution_errors = list(self._refusals)
        yield
