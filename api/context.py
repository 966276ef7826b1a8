"""Per-request context: the process-wide Atlas plus DataLoaders made fresh for each request."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from anyio import to_thread
from starlette.requests import Request
from starlette.websockets import WebSocket
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from api.bootstrap import Atlas
from graph import cypher
from graph.port import GraphStore, Row


async def read(store: GraphStore, query: str, **parameters: Any) -> list[Row]:
    """Run a graph read off the event loop (both store drivers block)."""
    return await to_thread.run_sync(partial(store.read, query, parameters))


def rows_by_key(store: GraphStore, query: str) -> DataLoader[str, list[Row]]:
    """One query for a whole batch of keys; each key gets its rows (``row['key']``) in order."""

    async def load(keys: list[str]) -> list[list[Row]]:
        grouped: dict[str, list[Row]] = {key: [] for key in keys}
        for row in await read(store, query, ids=list(keys)):
            grouped[row["key"]].append(row)
        return [grouped[key] for key in keys]

    return DataLoader(load_fn=load)


def row_by_id(store: GraphStore, query: str) -> DataLoader[str, Row | None]:
    async def load(keys: list[str]) -> list[Row | None]:
        found = {row["id"]: row for row in await read(store, query, ids=list(keys))}
        return [found.get(key) for key in keys]

    return DataLoader(load_fn=load)


@dataclass
class Loaders:
    cities: DataLoader[str, Row | None]
    missions: DataLoader[str, Row | None]
    missions_by_city: DataLoader[str, list[Row]]
    administrations_by_city: DataLoader[str, list[Row]]
    approaches_by_mission: DataLoader[str, list[Row]]
    instruments_by_mission: DataLoader[str, list[Row]]
    partners_by_mission: DataLoader[str, list[Row]]
    timeline_by_mission: DataLoader[str, list[Row]]

    @classmethod
    def for_store(cls, store: GraphStore) -> Loaders:
        return cls(
            cities=row_by_id(store, cypher.CITIES_BY_ID),
            missions=row_by_id(store, cypher.MISSIONS_BY_ID),
            missions_by_city=rows_by_key(store, cypher.MISSIONS_BY_CITY),
            administrations_by_city=rows_by_key(store, cypher.ADMINISTRATIONS_BY_CITY),
            approaches_by_mission=rows_by_key(store, cypher.APPROACHES_BY_MISSION),
            instruments_by_mission=rows_by_key(store, cypher.INSTRUMENTS_BY_MISSION),
            partners_by_mission=rows_by_key(store, cypher.PARTNERS_BY_MISSION),
            timeline_by_mission=rows_by_key(store, cypher.TIMELINE_BY_MISSION),
        )


@dataclass
class Context:
    atlas: Atlas
    request: Request | WebSocket
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders.for_store(self.atlas.graph)


Info = StrawberryInfo[Context, None]
