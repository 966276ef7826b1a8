"""Dates as the stores return them: ``datetime.date``, or ISO text where a read chose its
store's own query text for speed (``graph.cypher``'s Neo4j dialect)."""

from __future__ import annotations

from datetime import date


def day(value: date | str | None) -> date | None:
    """The date ``value`` is, whichever way the read returned it."""
    if value is None or type(value) is date:
        return value
    if isinstance(value, str):
        return date.fromisoformat(value)
    raise TypeError(f"a date was expected from the graph, not {type(value).__name__}: {value!r}")
