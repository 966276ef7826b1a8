"""What one event contributes to a batch of graph writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graph.port import Row
from graph.projection.names import Owner


@dataclass
class Change:
    kind: str  # the public name of the event, e.g. DecisionRecorded
    summary: str  # one line for timelines
    rows: list[tuple[str, Row]]  # (statement, row) pairs


# Events made by @event carry their fields as attributes mypy cannot see: hence Any.
# A mapper gets the event, its owner, and the event's position in the notification log.
Mapper = Callable[[Any, Owner, int], Change]


def item_id(owner: Owner, local_id: str) -> str:
    """Items (decisions, iterations...) are keyed within their mission: gm-retrofit/pilot."""
    return f"{owner.id}/{local_id}"


def search_text(*parts: str | None) -> str:
    """What text search over lessons looks in: every part, lower-cased."""
    return " ".join(p for p in parts if p).lower()


def event_id(owner: Owner, e: Any) -> str:
    """Events are keyed by their aggregate and version: gm-retrofit@3."""
    return f"{owner.id}@{e.originator_version}"
