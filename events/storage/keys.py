"""Per-person encryption keys, kept beside the event store in a table of their own.

The events are immutable; this table is not. Deleting a person's row is how their personal
data is erased: the ciphertext stays in the events (so the hash chain still verifies) but
nothing can read it any more.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Collection
from typing import Any

from events.storage.dialect import Dialect

CREATE = (
    "CREATE TABLE IF NOT EXISTS person_keys ("
    "name TEXT PRIMARY KEY, person_id TEXT NOT NULL UNIQUE, key {blob} NOT NULL)"
)
_IN_LIST = 500  # names per SELECT ... IN (...): well under SQLite's limit of bound values


class KeyStore:
    def __init__(self, dialect: Dialect) -> None:
        self._db = dialect
        with self._db.cursor(commit=True) as cursor:
            cursor.execute(CREATE.format(blob=dialect.blob))

    def _one(self, sql: str, *params: object) -> Any:
        return self._db.one(sql, *params)

    def key_for(self, name: str) -> tuple[str, bytes]:
        """The person id and key for ``name``, created on first use."""
        found = self._one("SELECT person_id, key FROM person_keys WHERE name = ?", name)
        if found is None:
            with self._db.cursor(commit=True) as cursor:
                cursor.execute(
                    self._db.sql(
                        "INSERT INTO person_keys (name, person_id, key) VALUES (?, ?, ?) "
                        "ON CONFLICT (name) DO NOTHING"
                    ),
                    (name, uuid.uuid4().hex, os.urandom(32)),
                )
            found = self._one("SELECT person_id, key FROM person_keys WHERE name = ?", name)
        return str(found[0]), bytes(found[1])

    def keys_for(self, names: Collection[str]) -> dict[str, tuple[str, bytes]]:
        """The person id and key of each of ``names``, those not yet known created together:
        one transaction for a whole import rather than one commit per new person."""
        found = self._known(names)
        missing = [name for name in names if name not in found]
        if missing:
            with self._db.cursor(commit=True) as cursor:
                cursor.executemany(
                    self._db.sql(
                        "INSERT INTO person_keys (name, person_id, key) VALUES (?, ?, ?) "
                        "ON CONFLICT (name) DO NOTHING"
                    ),
                    [(name, uuid.uuid4().hex, os.urandom(32)) for name in missing],
                )
            # Read back rather than trust what was sent: another writer may have made the
            # same person's key first, and theirs is the one that stands.
            found.update(self._known(missing))
        return found

    def _known(self, names: Collection[str]) -> dict[str, tuple[str, bytes]]:
        wanted = list(names)
        found: dict[str, tuple[str, bytes]] = {}
        for start in range(0, len(wanted), _IN_LIST):
            chunk = wanted[start : start + _IN_LIST]
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT name, person_id, key FROM person_keys WHERE name IN ({marks})"  # noqa: S608 (placeholders only)
            for name, person_id, key in self._db.all(query, *chunk):
                found[str(name)] = (str(person_id), bytes(key))
        return found

    def person_of(self, name: str) -> str | None:
        """The person id of ``name``, if a key was ever made for it (and not erased)."""
        found = self._one("SELECT person_id FROM person_keys WHERE name = ?", name)
        return None if found is None else str(found[0])

    def name_of(self, person_id: str) -> str | None:
        """The name behind ``person_id``, until it is erased."""
        found = self._one("SELECT name FROM person_keys WHERE person_id = ?", person_id)
        return None if found is None else str(found[0])

    def key_of(self, person_id: str) -> bytes | None:
        found = self._one("SELECT key FROM person_keys WHERE person_id = ?", person_id)
        return None if found is None else bytes(found[0])

    def erase(self, name: str) -> bool:
        """Forget ``name``'s key; True if there was one."""
        known = self._one("SELECT person_id FROM person_keys WHERE name = ?", name) is not None
        with self._db.cursor(commit=True) as cursor:
            if not self._db.postgres:
                # Overwrite the deleted row's bytes rather than leave them in a free page.
                cursor.execute("PRAGMA secure_delete = ON")
            cursor.execute(self._db.sql("DELETE FROM person_keys WHERE name = ?"), (name,))
        if not self._db.postgres:
            # The write-ahead log still holds the pages as they were when the key was made.
            with self._db.cursor(commit=False) as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return known
