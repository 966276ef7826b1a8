"""Errors at the API edge: domain errors name the field, the unexpected are masked and logged."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator
from pathlib import Path

import pytest
import strawberry
from graphql import GraphQLFormattedError
from strawberry.types import ExecutionResult

import api as api_package
from api.graphql.errors import MaskUnexpectedErrors, to_graphql_error
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


@strawberry.type
class Broken:
    @strawberry.field
    def boom(self) -> str:
        raise RuntimeError("password=hunter2 at db.internal:5432")


def test_unexpected_errors_reach_the_caller_only_as_a_request_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    schema = strawberry.Schema(query=Broken, extensions=[MaskUnexpectedErrors])
    with caplog.at_level(logging.ERROR, logger="api.graphql.errors"):
        result = schema.execute_sync("{ boom }")
    (error,) = result.errors or []
    assert "hunter2" not in error.message
    assert error.extensions is not None
    assert error.extensions["code"] == "INTERNAL"
    request_id = error.extensions["requestId"]
    assert any(request_id in r.getMessage() and r.exc_info for r in caplog.records)


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


def refused(field: str) -> GraphQLFormattedError:
    schema = strawberry.Schema(query=Refusing, extensions=[MaskUnexpectedErrors])
    result = schema.execute_sync(f"{{ {field} }}")
    (error,) = result.errors or []
    return error.formatted


def test_a_domain_error_of_no_particular_kind_is_bad_input_naming_its_field() -> None:
    error = refused("bare")
    assert error["message"] == "cityId: is not a city this record knows"
    assert error.get("extensions") == {"code": "BAD_USER_INPUT", "field": "cityId"}
    assert error.get("path") == ["bare"]


def test_a_rejected_command_is_answered_by_its_cause() -> None:
    error = refused("rejected")
    assert error.get("extensions") == {"code": "ALREADY_EXISTS", "field": "missionId"}


def test_only_the_event_store_being_unavailable_is_unavailable() -> None:
    assert refused("outage").get("extensions") == {"code": "UNAVAILABLE"}


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
    translating = [
        str(module.relative_to(api))
        for module in api.rglob("*.py")
        if module.name != "errors.py" and "to_graphql_error" in module.read_text()
    ]
    assert translating == []
