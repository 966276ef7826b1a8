"""Stable aggregate ids derived from the readable ids that people use.

A city is ``greater-manchester`` to its users and the same UUID to the event store, on every
machine, so an event file can be imported anywhere and still refer to the same aggregates.
"""

from __future__ import annotations

import re
from functools import lru_cache
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


# Bounded caches: a command asks for its subject's id several times on its way to the store,
# and uuid5 (a SHA-1 and a UUID object) was a fifteenth of an import's time.
@lru_cache(maxsize=65_536)
def city_uuid(city_id: str) -> UUID:
    return uuid5(NAMESPACE, f"city/{city_id}")


@lru_cache(maxsize=65_536)
def mission_uuid(mission_id: str) -> UUID:
    return uuid5(NAMESPACE, f"mission/{mission_id}")
