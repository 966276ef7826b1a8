"""Tampering with stored rows directly, as an attacker with database access would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from eventsourcing.postgres import PostgresDatastore

from events.application import MissionAtlas


class Tamper:
    def __init__(self, app: MissionAtlas) -> None:
        recorder: Any = app.recorder
        self._datastore = recorder.datastore
        self._table = recorder.events_table_name
        self._postgres = isinstance(self._datastore, PostgresDatastore)
        self._position = "notification_id" if self._postgres else "rowid"

    @contextmanager
    def _cursor(self) -> Iterator[Any]:
        with self._datastore.transaction(commit=True) as cursor:
            yield cursor

    def _sql(self, sql: str) -> str:
        return sql.format(table=self._table, pos=self._position).replace(
            "?", "%s" if self._postgres else "?"
        )

    def state(self, position: int) -> bytes:
        with self._cursor() as c:
            c.execute(self._sql("SELECT state FROM {table} WHERE {pos} = ?"), (position,))
            row = c.fetchone()
        value = row["state"] if isinstance(row, dict) else row[0]
        return bytes(value)

    def edit(self, position: int, old: bytes, new: bytes) -> None:
        state = self.state(position)
        assert old in state, f"{old!r} is not in the event at {position}"
        with self._cursor() as c:
            c.execute(
                self._sql("UPDATE {table} SET state = ? WHERE {pos} = ?"),
                (state.replace(old, new), position),
            )

    def delete(self, position: int) -> None:
        with self._cursor() as c:
            c.execute(self._sql("DELETE FROM {table} WHERE {pos} = ?"), (position,))

    def swap(self, first: int, second: int) -> None:
        """Exchange the content of two stored events (their versions stay where they were)."""
        a, b = self.state(first), self.state(second)
        with self._cursor() as c:
            c.execute(self._sql("UPDATE {table} SET state = ? WHERE {pos} = ?"), (b, first))
            c.execute(self._sql("UPDATE {table} SET state = ? WHERE {pos} = ?"), (a, second))

    def gap(self, after: int, width: int) -> None:
        """Move every event after position ``after`` ``width`` positions on, leaving unused
        positions behind, as transactions that rolled back leave them on PostgreSQL."""
        with self._cursor() as c:
            c.execute(
                self._sql("UPDATE {table} SET {pos} = {pos} + ? WHERE {pos} > ?"), (width, after)
            )
