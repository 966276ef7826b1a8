"""How the event store is chosen: an SQLite file by default, PostgreSQL for production."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

EventStoreKind = Literal["sqlite", "postgres"]


def event_store_env(kind: EventStoreKind, sqlite_path: Path) -> dict[str, str]:
    """The eventsourcing environment for the chosen store.

    PostgreSQL is configured by the standard ``POSTGRES_*`` variables, which eventsourcing reads
    from the process environment itself (``POSTGRES_DBNAME``, ``POSTGRES_HOST``, ...).
    """
    if kind == "postgres":
        return {"PERSISTENCE_MODULE": "eventsourcing.postgres"}
    sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(sqlite_path),
        "SQLITE_LOCK_TIMEOUT": "10",
    }
