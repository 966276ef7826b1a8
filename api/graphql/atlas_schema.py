"""The schema's own execution of queries and mutations, with no strawberry extension per request.

Strawberry runs each request through its extensions' lifecycle hooks: it makes fresh
extension instances, builds four lifecycle context managers and looks up each hook with
``inspect`` on every request. Over HTTP that was the largest single part of the fixed cost
of a request (issue 12). ``execute`` here does the same steps in order, directly: the
document checked through ``api.graphql.operations`` (kept by its text), the operation's type
allowed, the refusals answered, graphql-core's execution with ``PlainValuesDirect``, and
every error through the one edge, ``answered``. Streamed operations (the WebSocket) keep
strawberry's own path and the extensions that do the same there.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable
from typing import Any

import strawberry
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError, execute, specified_rules
from strawberry.exceptions import MissingQueryError
from strawberry.execution import optimized_is_awaitable
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.schema.schema import DEFAULT_ALLOWED_OPERATION_TYPES, StreamResult
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType
from strawberry.utils.await_maybe import await_maybe
from strawberry.utils.operation import get_operation_type

from api.graphql.errors import answered, unexpected
from api.graphql.operations import checked_operation

# strawberry's default rules, as its ExecutionContext gives them to the extensions.
RULES = tuple(specified_rules)


class AtlasSchema(strawberry.Schema):
    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        """Raises what the HTTP view answers as a request error, as strawberry's does:
        no query, no operation to run (or several and no name), an operation type the
        method does not allow."""
        if not query:
            raise MissingQueryError
        allowed = (
            DEFAULT_ALLOWED_OPERATION_TYPES
            if allowed_operation_types is None
            else allowed_operation_types
        )
        try:
            document = await checked_operation(self._schema, query, RULES, operation_name)
        except GraphQLError as syntax_error:
            return PreExecutionError(data=None, errors=[syntax_error])
        except CannotGetOperationTypeError:
            raise
        except Exception as error:
            return ExecutionResult(data=None, errors=[unexpected(error)])
        assert document.document is not None
        try:
            operation_type = get_operation_type(document.document, operation_name)
        except RuntimeError as error:
            raise CannotGetOperationTypeError(operation_name) from error
        if operation_type not in allowed:
            raise InvalidOperationTypeError(operation_type)
        if document.refusals:
            return PreExecutionError(data=None, errors=[answered(e) for e in document.refusals])
        try:
            result = await await_maybe(
                execute(
                    self._schema,
                    document.document,
                    root_value=root_value,
                    variable_values=variable_values,
                    operation_name=operation_name,
                    context_value=context_value,
                    # strawberry's quicker check, which it passes the same way (typed as a bool).
                    is_awaitable=optimized_is_awaitable,  # type: ignore[arg-type]
                    executor_class=self.execution_context_class,
                    operation_extensions=operation_extensions,
                )
            )
        except Exception as error:
            return ExecutionResult(data=None, errors=[unexpected(error)])
        assert isinstance(result, GraphQLExecutionResult)  # no @defer or @stream in this schema
        errors = [answered(e) for e in result.errors] if result.errors else None
        return ExecutionResult(data=result.data, errors=errors)

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Expected errors are answers, not incidents; ``answered`` logs the rest."""

    async def stream(self, *args: Any, **kwargs: Any) -> StreamResult:
        """A document that does not parse raises out of the parsing step, which strawberry's
        ``execute`` answers as an error but its ``stream`` (WebSocket) lets escape, so that
        the client got a bare ``complete``: make it the error result the transports send."""
        return _parse_errors_as_results(await super().stream(*args, **kwargs))


async def _parse_errors_as_results(results: StreamResult) -> AsyncGenerator[Any, None]:
    try:
        async for result in results:
            yield result
    except GraphQLError as error:
        # Not the GraphQLSyntaxError itself: on that strawberry's graphql-transport-ws handler
        # closes the whole connection (4400), where the protocol's answer to an operation
        # that cannot run is an `error` message for that operation alone.
        plain = GraphQLError(error.message, source=error.source, positions=error.positions)
        yield PreExecutionError(data=None, errors=[plain])
    finally:
        await results.aclose()
