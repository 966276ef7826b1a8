"""Stable aggregate ids derived from the readable ids that people use.

A city is ``greater-manchester`` to its users and the same UUID to the event store, on every
machine, so an event file can be imported anywhere and still refer to the same aggregates.
"""

from __future__ import annotations

import re
from uuid import UUID, uuid5

from events.errors import InvalidInput

NAMESPACE = UUID("6c1f5a38-49d4-4b35-9a43-2f8f0c1e7d0b")
READABLE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def check_readable_id(value: str, field: str) -> str:
    if not READABLE_ID.match(value):
        raise InvalidInput(
            f"{value!r} is not a valid id: use 1-80 lowercase letters, digits and hyphens, "
            "starting with a letter or digit",
            field,
        )
    return value


def city_uuid(city_id: str) -> UUID:
    return uuid5(NAMESPACE, f"city/{city_id}")


def mission_uuid(mission_id: str) -> UUID:
    return uuid5(NAMESPACE, f"mission/{mission_id}")
