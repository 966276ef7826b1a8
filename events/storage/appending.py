"""Appending many events in one transaction, in batches: all of them are stored, or none.

The recorder's ``insert_events`` commits each call; an import that has checked a whole file
must store it at once, without holding all its events in memory to make one call. So the
batches go through the recorder's own statements on one cursor: on PostgreSQL that takes its
table lock first, as each of its inserts does, so positions are committed in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from eventsourcing.persistence import ApplicationRecorder, StoredEvent

from events.storage.dialect import Dialect
from events.storage.staging import Row


def append_all(recorder: ApplicationRecorder, batches: Iterable[Sequence[Row]]) -> int:
    """Store every batch of rows (``events.storage.staging.Row``: each id as the events table
    keeps it) in one transaction; the number of events stored. A version already stored
    (another writer was first) raises eventsourcing's ``IntegrityError``, and then nothing is
    stored."""
    dialect = Dialect.of(recorder)
    mine: Any = recorder  # the statements below are the recorder's, not its public interface
    stored = 0
    if dialect.postgres:
        with (
            dialect.datastore.get_connection() as connection,
            connection.transaction(),
            connection.cursor() as cursor,
        ):
            for batch in batches:
                mine._insert_stored_events(cursor, [StoredEvent(*row) for row in batch])
                stored += len(batch)
        return stored
    with dialect.datastore.transaction(commit=True) as cursor:
        for batch in batches:
            # One executemany a batch: the recorder's own insert runs its statement once per
            # event to return each position, which an import does not need.
            cursor.executemany(mine.insert_events_statement, batch)
            stored += len(batch)
    return stored
