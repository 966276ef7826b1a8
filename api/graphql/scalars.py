"""Scalars with error messages written for the people who send them."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from events.dates import PartialDate
from events.errors import InvalidInput


def _parse_date(value: Any) -> date:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a date string (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise ValueError(f"{value!r} is not a valid date (YYYY-MM-DD): {error}") from None


Date = strawberry.scalar(
    name="Date",
    description="A calendar date, ISO 8601 (YYYY-MM-DD).",
    serialize=date.isoformat,
    parse_value=_parse_date,
)


def _parse_partial_date(value: Any) -> PartialDate:
    try:
        return PartialDate.parse(value, "occurredOn")
    except InvalidInput as error:
        raise ValueError(error.problem) from None


PartialDateScalar = strawberry.scalar(
    name="PartialDate",
    description="A date as precise as its source: a year (YYYY), a month (YYYY-MM) or a day "
    "(YYYY-MM-DD).",
    serialize=str,
    parse_value=_parse_partial_date,
)

SCALAR_OVERRIDES: dict[object, Any] = {date: Date, PartialDate: PartialDateScalar}
