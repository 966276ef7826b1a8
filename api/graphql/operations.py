"""The document a request runs, checked through ``api.graphql.documents``, and the one
operation of it the request names."""

from __future__ import annotations

from collections.abc import Sequence

from graphql import ASTValidationRule, GraphQLSchema, OperationDefinitionNode
from strawberry.schema.exceptions import CannotGetOperationTypeError

from api.graphql.documents import Checked, checked


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


async def checked_operation(
    schema: GraphQLSchema,
    query: str,
    rules: Sequence[type[ASTValidationRule]],
    operation_name: str | None,
) -> Checked:
    """The document parsed and validated (its refusals kept for the caller to answer).
    Raises its syntax error, and :class:`OperationNameRequired` when the request must say
    which of its operations to run."""
    result = await checked(schema, query, rules)
    if result.syntax_error is not None:
        raise result.syntax_error
    assert result.document is not None
    if operation_name is None:
        operations = [
            d.name.value if d.name else "anonymous"
            for d in result.document.definitions
            if isinstance(d, OperationDefinitionNode)
        ]
        if len(operations) > 1:
            raise OperationNameRequired(operations)
    return result
