"""How the event store is chosen: an SQLite file by default, PostgreSQL for production."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

EventStoreKind = Literal["sqlite", "postgres"]


def event_store_env(
    kind: EventStoreKind, sqlite_path: Path, postgres: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The eventsourcing environment for the chosen store.

    PostgreSQL is configured by the standard ``POSTGRES_*`` variables (``POSTGRES_DBNAME``,
    ``POSTGRES_HOST``, ...), given in ``postgres``. eventsourcing also reads the process
    environment itself; what is given here takes precedence over it.
    """
    if kind == "postgres":
        return {"PERSISTENCE_MODULE": "eventsourcing.postgres", **(postgres or {})}
    sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(sqlite_path),
        "SQLITE_LOCK_TIMEOUT": "10",
    }
