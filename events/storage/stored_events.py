"""An aggregate's stored events as stored, with their positions in the notification log."""

from __future__ import annotations

from collections.abc import Collection
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


_IN_LIST = 500  # ids per SELECT ... IN (...): well under SQLite's limit of bound values


def existing_originators(recorder: ApplicationRecorder, uuids: Collection[UUID]) -> set[UUID]:
    """Which of ``uuids`` have stored events: one query a few hundred ids, where asking the
    repository costs one query and a failed reconstruction each."""
    dialect = Dialect.of(recorder)
    table = getattr(recorder, "events_table_name")  # noqa: B009 (no public accessor)
    by_stored = {dialect.uuid(uuid): uuid for uuid in uuids}
    wanted = list(by_stored)
    existing: set[UUID] = set()
    for start in range(0, len(wanted), _IN_LIST):
        chunk = wanted[start : start + _IN_LIST]
        marks = ", ".join("?" * len(chunk))
        rows = dialect.all(
            f"SELECT DISTINCT originator_id FROM {table} "  # noqa: S608
            f"WHERE originator_version = 1 AND originator_id IN ({marks})",
            *chunk,
        )
        existing.update(by_stored[row[0]] for row in rows)
    return existing
