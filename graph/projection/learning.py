"""Mappers for what a mission learns: decisions, iterations, roadblocks, outcomes, spillovers.

Decisions and concluded iterations also become Lesson nodes, the read model behind the
``lessons`` query: one label to filter, search and page through.
"""

from __future__ import annotations

from typing import Any

from events.owners import Owner
from graph.port import Row
from graph.projection.change import Change, chronological_key, event_id, item_id, search_text
from graph.writes import WriteKind


def _item(e: Any, mission: Owner, local_id: str, **values: Any) -> Row:
    return {
        "id": item_id(mission, local_id),
        "mission_id": mission.id,
        "occurred_on": e.provenance.occurred_on,
        **values,
    }


def _new_item(e: Any, mission: Owner, local_id: str, position: int, **values: Any) -> Row:
    """An item that lists show in the order things happened: it carries its sort key, and
    names the event that recorded it, where its source and its corrections are found."""
    sort_key = chronological_key(e.provenance.occurred_on, position)
    recorded_in = event_id(mission, e)
    return _item(e, mission, local_id, sort_key=sort_key, recorded_in=recorded_in, **values)


def _lesson(e: Any, mission: Owner, local_id: str, position: int, **values: Any) -> Row:
    return _item(
        e,
        mission,
        local_id,
        city_id=mission.city_id,
        theme=mission.theme,
        position=position,
        source=e.provenance.source,
        sort_key=chronological_key(e.provenance.occurred_on, position),
        occurred_precision=e.provenance.precision if e.provenance.occurred_on else None,
        **values,
    )


def decision_recorded(e: Any, mission: Owner, position: int) -> Change:
    decision = _new_item(
        e,
        mission,
        e.decision_id,
        position,
        title=e.title,
        rationale=e.rationale,
        decided_by=e.decided_by,
        in_force_from=e.in_force_from,
        occurred_precision=e.provenance.precision if e.provenance.occurred_on else None,
    )
    lesson = _lesson(
        e,
        mission,
        e.decision_id,
        position,
        title=e.title,
        why=e.rationale,
        text=search_text(e.title, e.rationale),  # not who decided: no names in the graph
    )
    rows = [(WriteKind.CREATE_DECISIONS, decision), (WriteKind.CREATE_DECISION_LESSONS, lesson)]
    if e.answers_roadblock:
        answer = {"id": decision["id"], "roadblock_id": item_id(mission, e.answers_roadblock)}
        rows.append((WriteKind.LINK_DECISION_ROADBLOCKS, answer))
    return Change(f"Decision: {e.title}", rows)


def iteration_started(e: Any, mission: Owner, position: int) -> Change:
    row = _new_item(
        e,
        mission,
        e.iteration_id,
        position,
        title=e.title,
        hypothesis=e.hypothesis,
        approach_id=e.approach_id,
        source=e.provenance.source,
    )
    return Change(f"Iteration started: {e.title}", [(WriteKind.CREATE_ITERATIONS, row)])


def iteration_concluded(e: Any, mission: Owner, position: int) -> Change:
    row = _item(
        e, mission, e.iteration_id, result=e.result, why=e.why, lessons=e.lessons,
        concluded_in=event_id(mission, e),
    )  # fmt: skip
    lesson = _lesson(
        e,
        mission,
        e.iteration_id,
        position,
        result=e.result,
        why=e.why,
        lessons=e.lessons,
        text=search_text(e.why, e.lessons),
    )
    return Change(
        f"Iteration concluded ({e.result}): {e.why}",
        [(WriteKind.CONCLUDE_ITERATIONS, row), (WriteKind.CREATE_ITERATION_LESSONS, lesson)],
    )


def roadblock_encountered(e: Any, mission: Owner, position: int) -> Change:
    row = _new_item(e, mission, e.roadblock_id, position, description=e.description)
    return Change(f"Roadblock: {e.description}", [(WriteKind.CREATE_ROADBLOCKS, row)])


def roadblock_resolved(e: Any, mission: Owner, _: int) -> Change:
    row = _item(
        e, mission, e.roadblock_id, resolution=e.resolution, resolved_in=event_id(mission, e)
    )
    return Change(
        f"Roadblock resolved: {e.resolution}",
        [(WriteKind.RESOLVE_ROADBLOCKS, row)],
    )


def outcome_measured(e: Any, mission: Owner, position: int) -> Change:
    row = _new_item(
        e,
        mission,
        e.outcome_id,
        position,
        indicator=e.indicator,
        kind=e.kind,
        value=e.value,
        unit=e.unit,
        period_start=e.period_start,
        period_end=e.period_end,
    )
    rows = [(WriteKind.CREATE_OUTCOMES, row)]
    if e.baseline is not None:
        rows.append((WriteKind.SET_OUTCOME_BASELINES, {"id": row["id"], "baseline": e.baseline}))
    if e.target is not None:
        rows.append((WriteKind.SET_OUTCOME_TARGETS, {"id": row["id"], "target": e.target}))
    return Change(f"Outcome: {e.indicator} = {e.value} {e.unit}", rows)


def spillover_observed(e: Any, mission: Owner, position: int) -> Change:
    row = _new_item(
        e, mission, e.spillover_id, position, description=e.description,
        beneficiaries=e.beneficiaries,
    )  # fmt: skip
    return Change(f"Spillover: {e.description}", [(WriteKind.CREATE_SPILLOVERS, row)])
