"""The notification log's rows read straight from the events table, for every reader of the
log: eventsourcing's ``select_notifications`` makes a frozen ``Notification`` (and on SQLite a
fresh ``UUID``) for every row, though a record has few aggregates for its events."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder

from events.storage.dialect import Dialect

# A stored event as the log holds it: its position, aggregate, version, topic and state.
LogRow = tuple[int, UUID, int, str, bytes]

# Aggregate ids remembered: enough for every city and mission of a large record, while one
# with more cannot grow the cache without bound (it is emptied when full).
_IDS = 1 << 16


class LogRows:
    """Reads the log's rows in order. It keeps the aggregate ids it has made, since the same
    few recur on every page: one reader per pass over the log, or for the life of a reader
    that follows it."""

    def __init__(self, recorder: ApplicationRecorder, topics: Sequence[str] = ()) -> None:
        """A reader of the rows of ``topics`` if given, else of every row."""
        self._dialect = dialect = Dialect.of(recorder)
        table = getattr(recorder, "events_table_name")  # noqa: B009 (no public accessor)
        position = dialect.position
        of_topics = f"AND topic IN ({', '.join('?' * len(topics))}) " if topics else ""
        select = (
            f"SELECT {position}, originator_id, originator_version, topic, state "  # noqa: S608
            f"FROM {table} WHERE {position} > ? "
        )
        order = f"{of_topics}ORDER BY {position} LIMIT ?"
        self._statement = dialect.sql(f"{select}AND {position} <= ? {order}")
        self._to_the_end = dialect.sql(select + order)
        self._topics = tuple(topics)
        self._ids: dict[object, UUID] = {}

    def after(self, after: int, size: int, upto: int | None = None) -> list[LogRow]:
        """The rows after position ``after``, at most ``size``: up to ``upto`` included, or
        without one, whatever is stored beyond ``after`` when the rows are read."""
        if upto is None:
            statement, params = self._to_the_end, (after, *self._topics, size)
        else:
            statement, params = self._statement, (after, upto, *self._topics, size)
        with self._dialect.cursor(commit=False) as cursor:
            cursor.execute(statement, params)
            rows = cursor.fetchall()
        ids, made = self._ids, []
        for row in rows:
            position, stored_id, version, topic, state = (
                row.values() if isinstance(row, dict) else row
            )
            if (uuid := ids.get(stored_id)) is None:
                if len(ids) >= _IDS:
                    ids.clear()
                # SQLite keeps the id's hex text; PostgreSQL's driver gives a UUID.
                uuid = ids[stored_id] = (
                    stored_id if isinstance(stored_id, UUID) else UUID(stored_id)
                )
            made.append((position, uuid, version, topic, bytes(state)))
        return made
