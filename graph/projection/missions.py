"""Mappers for a mission's shape: its launch, approaches, partners and status."""

from __future__ import annotations

from typing import Any

from events.catalogue import APPROACHES
from events.owners import Owner
from graph.projection.change import Change, chronological_key, event_id, event_key, item_id
from graph.writes import WriteKind


def launched(e: Any, mission: Owner, _: int) -> Change:
    row = {
        "id": mission.id,
        "uuid": e.originator_id.hex,
        "city_id": e.city_id,
        "title": e.title,
        "goal": e.goal,
        "theme": e.theme,
        "theme_id": e.theme.strip().lower(),
        "occurred_on": e.provenance.occurred_on,
    }
    rows = [(WriteKind.UPSERT_MISSIONS, row)]
    if e.horizon_year is not None:
        horizon = {"mission_id": mission.id, "horizon_year": e.horizon_year}
        rows.append((WriteKind.SET_MISSION_HORIZONS, horizon))
    return Change(f"Mission launched: {e.title}", rows)


def approach_adopted(e: Any, mission: Owner, _: int) -> Change:
    link = {"mission_id": mission.id, "approach_id": e.approach_id, "city_id": mission.city_id}
    rows = [(WriteKind.ADOPT_APPROACHES, link)]
    if e.instrument:
        instrument = {
            **link,
            "id": event_id(mission, e),
            "name": e.instrument,
            "description": e.description,
            "occurred_on": e.provenance.occurred_on,
        }
        rows.append((WriteKind.CREATE_INSTRUMENTS, instrument))
    through = f" through {e.instrument}" if e.instrument else ""
    label = APPROACHES[e.approach_id].label
    return Change(f"Adopted approach: {label}{through}", rows)


def instrument_ended(e: Any, mission: Owner, _: int) -> Change:
    row = {
        "id": event_key(mission, e.adopted_in),
        "reason": e.reason,
        "occurred_on": e.provenance.occurred_on,
    }
    summary = f"Instrument ended: {e.instrument}" + (f" ({e.reason})" if e.reason else "")
    return Change(summary, [(WriteKind.END_INSTRUMENTS, row)])


def instrument_extended(e: Any, mission: Owner, _: int) -> Change:
    row = {"id": event_key(mission, e.adopted_in), "runs_until": e.runs_until}
    summary = f"Instrument extended: {e.instrument} runs until {e.runs_until}" + (
        f" ({e.reason})" if e.reason else ""
    )
    return Change(summary, [(WriteKind.EXTEND_INSTRUMENTS, row)])


def partner_joined(e: Any, mission: Owner, _: int) -> Change:
    row = {
        "id": item_id(mission, e.partner_id),
        "mission_id": mission.id,
        "name": e.name,
        "sector": e.sector,
        "role": e.role,
        "occurred_on": e.provenance.occurred_on,
    }
    summary = f"Partner joined: {e.name} ({e.sector})"
    return Change(summary, [(WriteKind.CREATE_PARTNERS, row)])


def partner_left(e: Any, mission: Owner, _: int) -> Change:
    row = {
        "id": item_id(mission, e.partner_id),
        "reason": e.reason,
        "occurred_on": e.provenance.occurred_on,
    }
    summary = f"Partner left: {e.partner_id}" + (f" ({e.reason})" if e.reason else "")
    return Change(summary, [(WriteKind.END_PARTNERSHIPS, row)])


def status_changed(e: Any, mission: Owner, position: int) -> Change:
    current = {"mission_id": mission.id, "status": e.status}
    change = {
        "id": event_id(mission, e),
        "sort_key": chronological_key(e.provenance.occurred_on, position),
        "mission_id": mission.id,
        "status": e.status,
        "reason": e.reason,
        "occurred_on": e.provenance.occurred_on,
    }
    return Change(
        f"Status changed to {e.status}: {e.reason}",
        [(WriteKind.SET_MISSION_STATUSES, current), (WriteKind.CREATE_STATUS_CHANGES, change)],
    )
