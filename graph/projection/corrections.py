"""Mappers for corrections: what withdrawing an event does to the graph.

The event itself stays on the timeline, marked as withdrawn (and by which event, and what
replaced it). Its effect goes: an item it added is deleted, an item it closed is open again, a
status it set gives way to the one in force before it, an approach it adopted is dropped where
no other adoption keeps it. Where the effect depends on the rest of the record, the mapper is
given the city or mission as it stands after the correction.
"""

from __future__ import annotations

from typing import Any

from events import kinds
from events.owners import Owner
from graph.port import Row
from graph.projection.change import Change, event_key, item_id
from graph.writes import WriteKind

# For events whose effect is one item: the writes that withdraw it, keyed by item id.
WITHDRAW_ITEM: dict[str, list[WriteKind]] = {
    "PartnerJoined": [WriteKind.DELETE_PARTNERS],
    "DecisionRecorded": [WriteKind.DELETE_DECISIONS, WriteKind.DELETE_LESSONS],
    "IterationStarted": [WriteKind.DELETE_ITERATIONS, WriteKind.DELETE_LESSONS],
    "IterationConcluded": [WriteKind.REOPEN_ITERATIONS, WriteKind.DELETE_LESSONS],
    "RoadblockEncountered": [WriteKind.DELETE_ROADBLOCKS],
    "RoadblockResolved": [WriteKind.REOPEN_ROADBLOCKS],
    "PartnerLeft": [WriteKind.RESUME_PARTNERSHIPS],
    "OutcomeMeasured": [WriteKind.DELETE_OUTCOMES],
    "SpilloverObserved": [WriteKind.DELETE_SPILLOVERS],
    "AdministrationBegan": [WriteKind.DELETE_ADMINISTRATIONS],
    "AdministrationEnded": [WriteKind.REOPEN_ADMINISTRATIONS],
}

RETHEME = (
    WriteKind.UNADDRESS_THEMES,
    WriteKind.ADDRESS_THEMES,
    WriteKind.DROP_CITY_THEMES,
    WriteKind.DROP_UNADDRESSED_THEMES,
    WriteKind.RETHEME_LESSONS,
)

# Closing kinds, and the aggregate's collection of the items they close.
CLOSES = {k.name: str(k.closes) for k in kinds.closing("Mission").values()}


def _still_closed(e: Any, after: Any) -> bool:
    """Whether the item a withdrawn closing names is closed all the same: by a later event,
    after the one withdrawn had closed an earlier item of the same id (or it is gone)."""
    collection = CLOSES.get(e.kind)
    if collection is None:
        return False
    item = getattr(after, collection).get(e.item)
    return item is None or item.closed


def _withdraw(e: Any, owner: Owner, after: Any) -> list[tuple[WriteKind, Row]]:
    if _still_closed(e, after):
        return []
    if e.kind in WITHDRAW_ITEM:
        row = {"id": item_id(owner, e.item)}
        return [(kind, row) for kind in WITHDRAW_ITEM[e.kind]]
    if e.kind == "MissionStatusChanged":
        status = {"mission_id": owner.id, "status": after.status.value}
        change = {"id": event_key(owner, e.version)}
        return [
            (WriteKind.SET_MISSION_STATUSES, status),
            (WriteKind.DELETE_STATUS_CHANGES, change),
        ]
    if e.kind in ("InstrumentEnded", "InstrumentExtended"):
        term = after.instruments.get(after.instrument_events.get(e.version))
        if term is None:  # its adoption was withdrawn first: the instrument is gone
            return []
        row = {
            "id": event_key(owner, after.instrument_events[e.version]),
            "runs_until": term.runs_until,
            "ended_on": term.ended_on,
            "end_reason": term.end_reason,
        }
        return [(WriteKind.SET_INSTRUMENT_TERMS, row)]
    if e.kind == "ApproachAdopted":
        rows = [(WriteKind.DELETE_INSTRUMENTS, {"id": event_key(owner, e.version)})]
        if e.item not in {approach for approach, _ in after.approaches}:
            link = {"mission_id": owner.id, "approach_id": e.item, "city_id": owner.city_id}
            rows += [
                (WriteKind.DROP_MISSION_APPROACHES, link),
                (WriteKind.DROP_CITY_APPROACHES, link),
            ]
        return rows
    return []


def event_retracted(e: Any, owner: Owner, _: int, after: Any) -> Change:
    rows = _withdraw(e, owner, after)
    mark = {
        "id": event_key(owner, e.version),
        "retracted_by": event_key(owner, e.originator_version),
        "reason": e.reason,
        "superseded_by": event_key(owner, e.superseded_by) if e.superseded_by else None,
    }
    rows.append((WriteKind.MARK_RETRACTED_EVENTS, mark))
    replaced = f", replaced by version {e.superseded_by}" if e.superseded_by else ""
    summary = f"Withdrew version {e.version} ({e.kind}){replaced}: {e.reason}"
    return Change(summary, rows)


def mission_details_corrected(e: Any, mission: Owner, _: int, after: Any) -> Change:
    rows: list[tuple[WriteKind, Row]] = [
        (
            WriteKind.CORRECT_MISSION_DETAILS,
            {"id": mission.id, "title": after.title, "goal": after.goal},
        )
    ]
    if after.horizon_year is not None:
        horizon = {"mission_id": mission.id, "horizon_year": after.horizon_year}
        rows.append((WriteKind.SET_MISSION_HORIZONS, horizon))
    if e.theme is not None:
        theme = {
            "id": mission.id,
            "city_id": mission.city_id,
            "theme": after.theme,
            "theme_id": after.theme.strip().lower(),
        }
        rows += [(kind, theme) for kind in RETHEME]
    return Change(f"Details corrected: {e.reason}", rows)


def city_details_corrected(e: Any, city: Owner, _: int, after: Any) -> Change:
    row = {
        "id": city.id,
        "name": after.name,
        "country": after.country,
        "wikidata_id": after.wikidata_id,
    }
    summary = f"Details corrected: {e.reason}"
    return Change(summary, [(WriteKind.CORRECT_CITY_DETAILS, row)])
