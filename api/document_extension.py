"""The schema extension that parses and validates every operation through ``api.documents``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from api.documents import checked


class CheckedDocuments(SchemaExtension):
    """Parse and validate through ``checked``: off the event loop, and once per text."""

    _refusals: list[GraphQLError]

    async def on_parse(self) -> AsyncIterator[None]:
        context = self.execution_context
        assert context.query is not None  # strawberry refuses a missing query before this
        # The graphql-core schema behind strawberry's, as strawberry's own caches use it.
        result = await checked(context.schema._schema, context.query, context.validation_rules)
        if result.syntax_error is not None:
            raise result.syntax_error  # as strawberry's own parsing would
        context.graphql_document = result.document
        self._refusals = result.refusals
        yield

    def on_validate(self) -> Iterator[None]:
        self.execution_context.pre_execution_errors = list(self._refusals)
        yield
