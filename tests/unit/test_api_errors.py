"""Errors at the API edge: domain errors name the field, the unexpected are masked and logged."""

from __future__ import annotations

import logging

import pytest
import strawberry

from api.errors import MaskUnexpectedErrors, to_graphql_error
from events.errors import InvalidInput, NotFound


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
    with caplog.at_level(logging.ERROR, logger="api.errors"):
        result = schema.execute_sync("{ boom }")
    (error,) = result.errors or []
    assert "hunter2" not in error.message
    assert error.extensions is not None
    assert error.extensions["code"] == "INTERNAL"
    request_id = error.extensions["requestId"]
    assert any(request_id in r.getMessage() and r.exc_info for r in caplog.records)
