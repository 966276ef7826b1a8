"""What one event contributes to a batch of graph writes (its kind is its class's name)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from events.owners import Owner
from graph.port import Row
from graph.writes import WriteKind


@dataclass
class Change:
    summary: str  # one line for timelines
    rows: list[tuple[WriteKind, Row]]


# Events made by @event carry their fields as attributes mypy cannot see: hence Any.
# A mapper gets the event, its owner, and the event's position in the notification log.
Mapper = Callable[[Any, Owner, int], Change]
# A correction's mapper also gets the city or mission as it stands after the correction.
CorrectionMapper = Callable[[Any, Owner, int, Any], Change]


def item_id(owner: Owner, local_id: str) -> str:
    """Items (decisions, iterations...) are keyed within their mission: gm-retrofit/pilot."""
    return f"{owner.id}/{local_id}"


def chronological_key(day: date | None, position: int) -> str:
    """A key whose text order is the order things happened: the real-world day first, then
    the recording position (ties, and undated items, which sort before every dated one)."""
    stamp = day.strftime("%Y%m%d") if day is not None else "00000000"
    return f"{stamp}{position:012d}"


def search_text(*parts: str | None) -> str:
    """What text search over lessons looks in: every part, lower-cased."""
    return " ".join(p for p in parts if p).lower()


def event_key(owner: Owner, version: int) -> str:
    """Events are keyed by their aggregate and version: gm-retrofit@3 for a mission's,
    city:valencia@1 for a city's. The prefix keeps the two apart when a mission has the same
    readable id as a city (nothing forbids it), since both kinds of Event share one label."""
    return f"city:{owner.id}@{version}" if owner.is_city else f"{owner.id}@{version}"


def event_id(owner: Owner, e: Any) -> str:
    return event_key(owner, e.originator_version)
