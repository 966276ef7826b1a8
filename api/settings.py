"""Configuration from the environment, checked once at start with errors naming the variable."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast

from platformdirs import user_data_dir

from ontology.dataset import CC_BY_4
from ontology.errors import BaseIriError
from ontology.iris import DEFAULT_BASE, Iris
from ontology.terms import is_web_address


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
    # The licence the data is published under: in every export and on every RDF response.
    data_license: str = CC_BY_4
    # A SPARQL query is answered within this many seconds or refused (503); its result may
    # have at most this many rows (or triples).
    sparql_timeout: float = 10.0
    sparql_max_rows: int = 10_000
    # The PostgreSQL event store's connection, in eventsourcing's own POSTGRES_* names, which
    # it checks itself: every one set is handed on, so none of its options is restated here.
    postgres: Mapping[str, str] = field(default_factory=dict)

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "events.sqlite"

    @property
    def embedded_graph_path(self) -> Path:
        return self.data_dir / "graph.lbug"

    @property
    def rdf_store_path(self) -> Path:
        """The RDF store behind /sparql: a directory beside the embedded graph."""
        return self.data_dir / "rdf.oxigraph"

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
            data_license=_web_address(env, "MISSION_ATLAS_DATA_LICENSE", cls.data_license),
            sparql_timeout=_seconds(env, "MISSION_ATLAS_SPARQL_TIMEOUT", cls.sparql_timeout),
            sparql_max_rows=_positive(
                env, "MISSION_ATLAS_SPARQL_MAX_ROWS", cls.sparql_max_rows, "rows"
            ),
            postgres={k: v for k, v in env.items() if k.startswith("POSTGRES_")},
        )


def _choice(env: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str:
    value = env.get(name) or allowed[0]
    if value not in allowed:
        raise SettingsError(f"{name}={value!r}: expected one of {', '.join(allowed)}")
    return value


def _positive(env: Mapping[str, str], name: str, default: int, unit: str = "bytes") -> int:
    value = env.get(name)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise SettingsError(f"{name}={value!r}: expected a whole number of {unit} above 0")
    return number


def _web_address(env: Mapping[str, str], name: str, default: str) -> str:
    value = env.get(name) or default
    if not is_web_address(value):
        raise SettingsError(f"{name}={value!r}: expected the http(s) address of the licence")
    return value


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    value = env.get(name)
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise SettingsError(f"{name}={value!r}: expected a number of seconds above 0")
    return seconds
