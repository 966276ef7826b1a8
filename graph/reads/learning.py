"""What a mission learns: decisions, iterations, roadblocks, outcomes, spillovers.

Each item names the events that recorded and closed it by their ids in the graph
(``recorded_in``, ``concluded_in``, ``resolved_in``): the entries of the mission's timeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from graph import cypher
from graph.port import GraphStore, Row
from graph.reads.batched import by_name, per_key


class DecisionRow(NamedTuple):
    id: str
    title: str
    rationale: str | None
    decided_by: str | None
    in_force_from: date | None
    occurred_on: date | None
    occurred_precision: str | None  # year, month or day; None when undated
    answers_roadblock_id: str | None
    recorded_in: str | None


_decision = by_name(DecisionRow)


class IterationRow(NamedTuple):
    id: str
    title: str
    hypothesis: str | None
    result: str | None  # None while open
    why: str | None
    lessons: str | None
    started_on: date | None
    concluded_on: date | None
    approach_id: str | None
    recorded_in: str | None
    concluded_in: str | None


class RoadblockRow(NamedTuple):
    id: str
    description: str
    encountered_on: date | None
    resolution: str | None  # None while open
    resolved_on: date | None
    recorded_in: str | None
    resolved_in: str | None


class OutcomeRow(NamedTuple):
    id: str
    indicator: str
    kind: str
    value: float
    unit: str
    baseline: float | None
    target: float | None
    period_start: date | None
    period_end: date | None
    occurred_on: date | None
    recorded_in: str | None


class SpilloverRow(NamedTuple):
    id: str
    description: str
    beneficiaries: str | None
    occurred_on: date | None
    recorded_in: str | None


def decision_of(row: Row) -> DecisionRow:
    """A decision collected without the roadblock it answers (a transition's) answers none."""
    row.setdefault("answers_roadblock_id", None)
    return _decision(row)


# Each mission's items, oldest first (by real-world date, then position in the log).


def decisions_of_missions(store: GraphStore, ids: Sequence[str]) -> list[list[DecisionRow]]:
    return per_key(store, cypher.DECISIONS_BY_MISSION, ids, decision_of)


def iterations_of_missions(store: GraphStore, ids: Sequence[str]) -> list[list[IterationRow]]:
    return per_key(store, cypher.ITERATIONS_BY_MISSION, ids, by_name(IterationRow))


def roadblocks_of_missions(store: GraphStore, ids: Sequence[str]) -> list[list[RoadblockRow]]:
    return per_key(store, cypher.ROADBLOCKS_BY_MISSION, ids, by_name(RoadblockRow))


def outcomes_of_missions(store: GraphStore, ids: Sequence[str]) -> list[list[OutcomeRow]]:
    return per_key(store, cypher.OUTCOMES_BY_MISSION, ids, by_name(OutcomeRow))


def spillovers_of_missions(store: GraphStore, ids: Sequence[str]) -> list[list[SpilloverRow]]:
    return per_key(store, cypher.SPILLOVERS_BY_MISSION, ids, by_name(SpilloverRow))
