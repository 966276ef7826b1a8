"""Configuration from the environment, checked once at start with errors naming the variable."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast

from platformdirs import user_data_dir

from ontology.iris import DEFAULT_BASE, BaseIriError, Iris


class SettingsError(Exception):
    """An environment variable holds a value Mission Atlas cannot use."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    event_store: Literal["sqlite", "postgres"]
    graph_store: Literal["embedded", "neo4j"]
    neo4j_uri: str
    neo4j_user: str
    neo4j_password: str
    neo4j_database: str
    read_access: Literal["open", "token"] = "open"
    base_iri: str = DEFAULT_BASE
    # Request bodies larger than this are refused with 413 before they are read whole.
    max_body_bytes: int = 1_000_000
    # The PostgreSQL event store's connection, in eventsourcing's own POSTGRES_* names, which
    # it checks itself: every one set is handed on, so none of its options is restated here.
    postgres: Mapping[str, str] = field(default_factory=dict)

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "events.sqlite"

    @property
    def embedded_graph_path(self) -> Path:
        return self.data_dir / "graph.lbug"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        # The one read of the process environment: the command line's callback and each
        # server process call this once and hand the settings down.
        env = os.environ if env is None else env
        base_iri = env.get("MISSION_ATLAS_BASE_IRI") or DEFAULT_BASE
        try:
            base_iri = Iris(base_iri).base
        except BaseIriError as error:
            raise SettingsError(str(error)) from error
        data_dir = env.get("MISSION_ATLAS_DATA_DIR") or user_data_dir("mission-atlas")
        return cls(
            data_dir=Path(data_dir).expanduser(),
            event_store=cast(
                Literal["sqlite", "postgres"],
                _choice(env, "MISSION_ATLAS_EVENT_STORE", ("sqlite", "postgres")),
            ),
            graph_store=cast(
                Literal["embedded", "neo4j"],
                _choice(env, "MISSION_ATLAS_GRAPH_STORE", ("embedded", "neo4j")),
            ),
            neo4j_uri=env.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
            neo4j_user=env.get("NEO4J_USER", "neo4j"),
            neo4j_password=env.get("NEO4J_PASSWORD", ""),
            neo4j_database=env.get("NEO4J_DATABASE", "neo4j"),
            base_iri=base_iri,
            read_access=cast(
                Literal["open", "token"],
                _choice(env, "MISSION_ATLAS_READ_ACCESS", ("open", "token")),
            ),
            max_body_bytes=_positive(env, "MISSION_ATLAS_MAX_BODY_BYTES", cls.max_body_bytes),
            postgres={k: v for k, v in env.items() if k.startswith("POSTGRES_")},
        )


def _choice(env: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str:
    value = env.get(name) or allowed[0]
    if value not in allowed:
        raise SettingsError(f"{name}={value!r}: expected one of {', '.join(allowed)}")
    return value


def _positive(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise SettingsError(f"{name}={value!r}: expected a whole number of bytes above 0")
    return number
