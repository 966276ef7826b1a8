"""The one place that tells the two event stores apart and speaks each one's SQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from eventsourcing.persistence import ApplicationRecorder
from eventsourcing.postgres import PostgresDatastore


@dataclass(frozen=True)
class Dialect:
    """The SQL dialect of an event store's datastore, and transactions on it.

    Statements are written with ``?`` placeholders and rewritten here for PostgreSQL.
    """

    datastore: Any  # eventsourcing's SQLiteDatastore or PostgresDatastore
    postgres: bool

    @classmethod
    def of(cls, recorder: ApplicationRecorder) -> Dialect:
        """The dialect of the datastore behind eventsourcing's recorder (its attribute: the
        library has no public accessor for it)."""
        datastore = getattr(recorder, "datastore")  # noqa: B009
        return cls(datastore, isinstance(datastore, PostgresDatastore))

    @property
    def blob(self) -> str:
        return "BYTEA" if self.postgres else "BLOB"

    @property
    def position(self) -> str:
        """The column holding an event's position in the notification log."""
        return "notification_id" if self.postgres else "rowid"

    def sql(self, statement: str) -> str:
        return statement.replace("?", "%s") if self.postgres else statement

    def uuid(self, value: Any) -> Any:
        """A UUID as the events table stores it (SQLite keeps its hex text)."""
        return value if self.postgres else value.hex

    @contextmanager
    def cursor(self, commit: bool) -> Iterator[Any]:
        with self.datastore.transaction(commit=commit) as cursor:
            yield cursor

    def all(self, statement: str, *params: object) -> list[tuple[Any, ...]]:
        with self.cursor(commit=False) as cursor:
            cursor.execute(self.sql(statement), params)
            return [_values(row) for row in cursor.fetchall()]

    def one(self, statement: str, *params: object) -> tuple[Any, ...] | None:
        with self.cursor(commit=False) as cursor:
            cursor.execute(self.sql(statement), params)
            row = cursor.fetchone()
        return None if row is None else _values(row)


def _values(row: Any) -> tuple[Any, ...]:
    """PostgreSQL's cursor gives dicts, SQLite's gives sequences."""
    return tuple(row.values()) if isinstance(row, dict) else tuple(row)
