"""The ``lessons`` query: filters chosen from an allow-list, values always as parameters."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, NamedTuple

from graph import cypher
from graph.port import Dialect, GraphStore, Row
from graph.reads.batched import by_name
from graph.reads.days import day


class LessonRow(NamedTuple):
    id: str  # the decision's or iteration's
    kind: str  # decision or iteration
    title: str
    hypothesis: str | None
    result: str | None
    why: str | None
    lessons: str | None
    started_on: date | None
    occurred_on: date | None  # decided or concluded
    occurred_precision: str | None  # year, month or day; None when undated
    position: int
    mission_id: str
    city_id: str
    approach_id: str | None
    sources: tuple[str, ...]
    sort_key: str  # the cursor: real-world date, then position


_lesson = by_name(LessonRow)


def lesson_of(row: Row) -> LessonRow:
    # An iteration started without a citation leaves a gap among its sources.
    row["sources"] = tuple(s for s in row["sources"] or () if s)
    row["started_on"], row["occurred_on"] = day(row["started_on"]), day(row["occurred_on"])
    return _lesson(row)


@dataclass(frozen=True)
class LessonFilter:
    city_id: str | None = None
    theme: str | None = None
    approach_id: str | None = None
    result: str | None = None
    occurred_from: date | None = None
    occurred_to: date | None = None
    text: str | None = None


# Each store's own text, where it has one (graph.cypher's dialect sections).
_TEXTS: dict[Dialect | None, tuple[str, str]] = {
    "neo4j": (cypher.LESSONS_MATCH, cypher.NEO4J_LESSONS_RETURN),
    "ladybug": (cypher.LADYBUG_LESSONS_MATCH, cypher.LADYBUG_LESSONS_RETURN),
}


def lessons_query(
    given: LessonFilter, before: str | None, limit: int, dialect: Dialect | None = None
) -> tuple[str, dict[str, Any]]:
    parameters: dict[str, Any] = {"limit": limit}
    for name, value in {**asdict(given), "before": before}.items():
        if value is None:
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif name in ("theme", "text"):
            value = value.lower()
        parameters[name] = value
    conditions = [cypher.LESSON_CONDITIONS[name] for name in parameters if name != "limit"]
    where = "".join(f"\n  AND {condition}" for condition in conditions)
    match, returned = _TEXTS.get(dialect, (cypher.LESSONS_MATCH, cypher.LESSONS_RETURN))
    return f"{match}{where}\n{returned}", parameters


def find_lessons(
    store: GraphStore, given: LessonFilter, before: str | None, limit: int
) -> list[LessonRow]:
    """Lessons newest first (by real-world date, then position in the event log), up to
    ``limit``; ``before`` is the ``sort_key`` of the last lesson already seen."""
    query, parameters = lessons_query(given, before, limit, store.dialect)
    return [lesson_of(row) for row in store.read(query, parameters)]
