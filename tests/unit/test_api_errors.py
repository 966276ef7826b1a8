"""Errors at the API edge: domain errors name the field, the unexpected are masked and logged.

The edge is one function (``answered``) applied in two places: ``AtlasSchema.execute`` for
queries and mutations, and the ``MaskUnexpectedErrors`` extension for what strawberry runs
itself (the WebSocket's operations). Every answer here is asked of both."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator, Callable
from pathlib import Path
from typing import Any

import pytest
import strawberry
from graphql import GraphQLFormattedError
from strawberry.types import ExecutionResult

import api as api_package
from api.graphql.atlas_schema import AtlasSchema
from api.graphql.codes import to_graphql_error
from api.graphql.errors import MaskUnexpectedErrors
from api.graphql.execution import PlainValuesDirect
from events.application import CommandRejected
from events.errors import (
    AlreadyExists,
    AtlasError,
    EventStoreUnavailable,
    InvalidInput,
    NotFound,
)
from graph.errors import GraphUnavailable


def test_domain_errors_name_the_field_in_graphql_case() -> None:
    error = to_graphql_error(InvalidInput("is not a date", "occurred_on"))
    assert error.message == "occurredOn: is not a date"
    assert error.extensions == {"code": "BAD_USER_INPUT", "field": "occurredOn"}
    assert to_graphql_error(NotFound("no such city")).extensions == {"code": "NOT_FOUND"}


def through_the_schema(query: type, document: str, **kwargs: Any) -> ExecutionResult:
    """The HTTP path: AtlasSchema's own execution, with no extension."""
    return asyncio.run(AtlasSchema(query=query).execute(document, **kwargs))


def through_the_extension(query: type, document: str, **kwargs: Any) -> ExecutionResult:
    """strawberry's own execution, with the edge as its extension."""
    return strawberry.Schema(query=query, extensions=[MaskUnexpectedErrors]).execute_sync(
        document, **kwargs
    )


EDGES = pytest.mark.parametrize("run", [through_the_schema, through_the_extension])
Run = Callable[..., ExecutionResult]


@strawberry.type
class Broken:
    @strawberry.field
    def boom(self) -> str:
        raise RuntimeError("password=hunter2 at db.internal:5432")


def assert_masked_and_logged(result: ExecutionResult, caplog: pytest.LogCaptureFixture) -> None:
    (error,) = result.errors or []
    assert "hunter2" not in error.message
    assert error.extensions is not None
    assert error.extensions["code"] == "INTERNAL"
    request_id = error.extensions["requestId"]
    assert any(request_id in r.getMessage() and r.exc_info for r in caplog.records)


@EDGES
def test_unexpected_errors_reach_the_caller_only_as_a_request_id(
    run: Run, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="api.graphql.errors"):
        result = run(Broken, "{ boom }")
    assert_masked_and_logged(result, caplog)
    (error,) = result.errors or []
    assert error.path == ["boom"]


class Failing(PlainValuesDirect):
    """An execution that fails before any resolver runs, saying too much."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("password=hunter2 at db.internal:5432")


def test_an_exception_out_of_execution_itself_reaches_the_caller_only_as_a_request_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    schema = AtlasSchema(query=Broken, execution_context_class=Failing)
    with caplog.at_level(logging.ERROR, logger="api.graphql.errors"):
        result = asyncio.run(schema.execute("{ boom }"))
    assert result.data is None
    assert_masked_and_logged(result, caplog)


@strawberry.type
class Refusing:
    @strawberry.field
    def bare(self) -> str:
        raise AtlasError("is not a city this record knows", "city_id")

    @strawberry.field
    def rejected(self) -> str:
        raise CommandRejected(0, AlreadyExists("is already recorded", "mission_id"))

    @strawberry.field
    def outage(self) -> str:
        raise EventStoreUnavailable("the event store refused the connection")

    @strawberry.field
    def cut(self) -> str:
        raise GraphUnavailable("bolt://graph.internal:7687 refused the connection")


@strawberry.type
class Following:
    @strawberry.subscription
    async def news(self) -> AsyncGenerator[str, None]:
        raise NotFound("no city 'atlantis' is registered", "city_id")
        yield ""  # an async generator, as the API's subscriptions are

    @strawberry.subscription
    async def cut(self) -> AsyncGenerator[str, None]:
        raise GraphUnavailable("bolt://graph.internal:7687 refused the connection")
        yield ""


def refused(run: Run, field: str) -> GraphQLFormattedError:
    (error,) = run(Refusing, f"{{ {field} }}").errors or []
    return error.formatted


@EDGES
def test_a_domain_error_of_no_particular_kind_is_bad_input_naming_its_field(run: Run) -> None:
    error = refused(run, "bare")
    assert error["message"] == "cityId: is not a city this record knows"
    assert error.get("extensions") == {"code": "BAD_USER_INPUT", "field": "cityId"}
    assert error.get("path") == ["bare"]
    assert error.get("locations") == [{"line": 1, "column": 3}]


@EDGES
def test_a_rejected_command_is_answered_by_its_cause(run: Run) -> None:
    error = refused(run, "rejected")
    assert error.get("extensions") == {"code": "ALREADY_EXISTS", "field": "missionId"}


@EDGES
def test_only_the_event_store_being_unavailable_is_unavailable(run: Run) -> None:
    assert refused(run, "outage").get("extensions") == {"code": "UNAVAILABLE"}


@EDGES
def test_a_graph_outage_is_unavailable_without_its_address(run: Run) -> None:
    error = refused(run, "cut")
    assert error.get("extensions") == {"code": "UNAVAILABLE"}
    assert "bolt" not in error["message"]
    assert error.get("path") == ["cut"]


@EDGES
def test_what_the_document_itself_breaks_is_answered_as_it_is(run: Run) -> None:
    (syntax,) = run(Refusing, "{ bare").errors or []
    assert syntax.message.startswith("Syntax Error")
    (invalid,) = run(Refusing, "{ nope }").errors or []
    assert invalid.message == "Cannot query field 'nope' on type 'Refusing'."
    (variable,) = run(Refusing, "query($b: Boolean!) { bare @include(if: $b) }").errors or []
    assert variable.message == (
        "Variable '$b' has invalid value: Expected a value of non-null type 'Boolean!' to be "
        "provided."
    )
    for error in (syntax, invalid, variable):
        assert not error.extensions
        assert error.path is None


def test_a_domain_error_before_a_subscriptions_first_event_is_translated_too() -> None:
    schema = strawberry.Schema(
        query=Refusing, subscription=Following, extensions=[MaskUnexpectedErrors]
    )

    async def first_answer(field: str) -> ExecutionResult:
        results = await schema.subscribe(f"subscription {{ {field} }}")
        assert not isinstance(results, ExecutionResult)
        async for answer in results:
            return answer
        raise AssertionError("the subscription ended without an answer")

    (error,) = asyncio.run(first_answer("news")).errors or []
    assert error.extensions == {"code": "NOT_FOUND", "field": "cityId"}
    (outage,) = asyncio.run(first_answer("cut")).errors or []
    assert outage.extensions == {"code": "UNAVAILABLE"}
    assert "bolt" not in outage.message


def test_resolvers_raise_domain_errors_and_only_the_edge_translates_them() -> None:
    api = Path(api_package.__file__).parent
    edge = {"graphql/errors.py", "graphql/codes.py"}  # the edge, and the codes it answers with
    translating = [
        str(module.relative_to(api))
        for module in api.rglob("*.py")
        if str(module.relative_to(api)) not in edge and "to_graphql_error" in module.read_text()
    ]
    assert translating == []
