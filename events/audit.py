"""The audit trail: every stored event of a mission, as stored, with its place in the chain.

Reads the event store itself (not the graph): positions and hashes come from the stored rows,
content from the same rows opened by the mapper (so an erased person reads as erased).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from eventsourcing.domain import Aggregate

from events import kinds
from events.application import MissionAtlas
from events.chain import CHAIN
from events.errors import NotFound
from events.identity import mission_uuid
from events.storage.stored_events import stored_rows


@dataclass(frozen=True)
class AuditEntry:
    position: int
    version: int
    kind: str
    hash: str
    previous_hash: str
    occurred_on: date | None
    recorded_at: datetime
    recorded_by: str
    source: str
    details: dict[str, Any]  # the event's own fields
    retracted_by: int | None = None  # the version of the correction that withdrew it
    superseded_by: int | None = None


def audit_trail(
    app: MissionAtlas, mission_id: str, since: date | None = None, until: date | None = None
) -> list[AuditEntry]:
    """Every event of the mission recorded between ``since`` and ``until`` (inclusive)."""
    rows = stored_rows(app.recorder, mission_uuid(mission_id))
    if not rows:
        raise NotFound(f"no mission {mission_id!r} is recorded", "mission_id")
    entries, retracted = [], {}
    for position, stored in rows:
        chain = json.loads(stored.state)[CHAIN]
        event = cast(Aggregate.Event, app.mapper.to_domain_event(stored))
        details = {k: v for k, v in vars(event).items() if k not in SKIPPED}
        if kinds.kind_of(event) == kinds.retraction("Mission"):
            retracted[details["version"]] = (event.originator_version, details["superseded_by"])
        provenance = event.provenance  # type: ignore[attr-defined]
        entries.append(
            AuditEntry(
                position=position,
                version=event.originator_version,
                kind=kinds.public_name(event),
                hash=chain["hash"],
                previous_hash=chain["previous"],
                occurred_on=provenance.occurred_on,
                recorded_at=event.timestamp,
                recorded_by=provenance.recorded_by,
                source=provenance.source,
                details=details,
            )
        )
    linked = [
        AuditEntry(
            **{
                **vars(e),
                "retracted_by": retracted[e.version][0],
                "superseded_by": retracted[e.version][1],
            }
        )
        if e.version in retracted
        else e
        for e in entries
    ]
    return [
        e
        for e in linked
        if (since is None or e.recorded_at.date() >= since)
        and (until is None or e.recorded_at.date() <= until)
    ]


SKIPPED = {"originator_id", "originator_version", "timestamp", "originator_topic", "provenance"}
