"""The schema extension that parses and validates every operation through
``api.graphql.documents``, and asks for ``operationName`` when a document holds several
operations."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

from graphql import GraphQLError, OperationDefinitionNode
from strawberry.extensions import SchemaExtension
from strawberry.schema.exceptions import CannotGetOperationTypeError

from api.graphql.documents import checked


class OperationNameRequired(CannotGetOperationTypeError):
    """Several operations and no ``operationName``: the GraphQL specification asks for a
    request error, where strawberry would run the first one."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(None)
        self.names = names

    def as_http_error_reason(self) -> str:
        return (
            f"operationName: the document holds {len(self.names)} operations "
            f"({', '.join(self.names)}); say which one to run in `operationName`"
        )


def _operation_name_given(extension: SchemaExtension) -> bool:
    # strawberry fills ``operation_name`` with the first operation's name when the request
    # gives none; only this attribute keeps what the request itself said.
    return extension.execution_context._provided_operation_name is not None


class CheckedDocuments(SchemaExtension):
    """Parse and validate through ``checked``: off the event loop, and once per text."""

    _refusals: list[GraphQLError]

    async def on_parse(self) -> AsyncIterator[None]:
        context = self.execution_context
        assert context.query is not None  # strawberry refuses a missing query before this
        # The graphql-core schema behind strawberry's, as strawberry's own caches use it.
        result = await checked(context.schema._schema, context.query, context.validation_rules)
        if result.syntax_error is not None:
            # Raised as strawberry's own parsing would; the HTTP view answers it as a request
            # error, and AtlasSchema.stream turns it into the WebSocket's error message.
            raise result.syntax_error
        assert result.document is not None
        operations = [
            d.name.value if d.name else "anonymous"
            for d in result.document.definitions
            if isinstance(d, OperationDefinitionNode)
        ]
        if len(operations) > 1 and not _operation_name_given(self):
            raise OperationNameRequired(operations)
        context.graphql_document = result.document
        self._refusals = result.refusals
        yield

    def on_validate(self) -> Iterator[None]:
        self.execution_context.pre_execution_errors = list(self._refusals)
        yield
