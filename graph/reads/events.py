"""The events on the graph's timelines: a mission's, and the ones items name as theirs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from graph import cypher
from graph.port import GraphStore, Row
from graph.reads.batched import by_name, per_id, per_key


class EventRow(NamedTuple):
    id: str  # mission id @ version, or city:city id @ version
    kind: str
    position: int  # in the event store's notification log
    city_id: str
    occurred_on: date | None
    occurred_precision: str | None  # year, month or day; None when undated
    recorded_at: str  # ISO 8601, UTC
    recorded_by: str
    source: str
    summary: str
    retracted_by: str | None
    retraction_reason: str | None
    superseded_by: str | None


def timelines_of_missions(store: GraphStore, ids: Sequence[str]) -> list[list[EventRow]]:
    """Each mission's events, in the order recorded."""
    return per_key(store, cypher.TIMELINE_BY_MISSION, ids, by_name(EventRow))


def events_by_id(store: GraphStore, ids: Sequence[str]) -> list[EventRow | None]:
    return per_id(store, cypher.EVENTS_BY_ID, ids, by_name(EventRow))


def position_of(store: GraphStore, event_id: str) -> int | None:
    """The event's position in the log, or None while the graph has yet to show it."""
    rows = store.read(cypher.EVENT_POSITIONS, {"ids": [event_id]})
    return int(rows[0]["position"]) if rows else None


def written_event(row: Row) -> EventRow:
    """An event as the projection has just written it (so retracted by nothing yet)."""
    return EventRow(
        id=row["id"],
        kind=row["kind"],
        position=row["position"],
        city_id=row["city_id"],
        occurred_on=row["occurred_on"],
        occurred_precision=row["occurred_precision"],
        recorded_at=row["recorded_at"],
        recorded_by=row["recorded_by"],
        source=row["source"],
        summary=row["summary"],
        retracted_by=None,
        retraction_reason=None,
        superseded_by=None,
    )
