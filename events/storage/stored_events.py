"""An aggregate's stored events as stored, with their positions in the notification log."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, StoredEvent

from events.storage.dialect import Dialect


def stored_rows(recorder: ApplicationRecorder, uuid: UUID) -> list[tuple[int, StoredEvent]]:
    """(position, stored event) for every event of one aggregate, in version order."""
    dialect = Dialect.of(recorder)
    table = getattr(recorder, "events_table_name")  # noqa: B009 (no public accessor)
    rows = dialect.all(
        f"SELECT {dialect.position}, originator_version, topic, state FROM {table} "  # noqa: S608
        "WHERE originator_id = ? ORDER BY originator_version",
        dialect.uuid(uuid),
    )
    return [(int(p), StoredEvent(uuid, int(v), str(t), bytes(s))) for p, v, t, s in rows]
