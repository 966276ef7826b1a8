"""Per-request context: the process-wide Atlas, the caller's token, and DataLoaders made fresh
for each request (one query per kind of nested field, whatever the number of parents)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from anyio import to_thread
from starlette.requests import Request
from starlette.websockets import WebSocket
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from api.auth.reading import live_token
from api.auth.tokens import ApiToken
from api.bootstrap import Atlas
from api.graphql.subscriptions.feed import EventFeed
from graph.port import GraphStore, Row


async def read(store: GraphStore, query: str, **parameters: Any) -> list[Row]:
    """Run a graph read off the event loop (both store drivers block)."""
    return await to_thread.run_sync(partial(store.read, query, parameters))


class Loaders:
    """DataLoaders by query, created on first use within one request."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._by_key: dict[str, DataLoader[str, list[Row]]] = {}
        self._by_id: dict[str, DataLoader[str, Row | None]] = {}

    def rows_by_key(self, query: str) -> DataLoader[str, list[Row]]:
        """For a query over ``$ids`` that returns each row with its ``key``: the rows per key."""
        if query not in self._by_key:

            async def load(keys: list[str]) -> list[list[Row]]:
                grouped: dict[str, list[Row]] = {key: [] for key in keys}
                for row in await read(self._store, query, ids=list(keys)):
                    grouped[row["key"]].append(row)
                return [grouped[key] for key in keys]

            self._by_key[query] = DataLoader(load_fn=load)
        return self._by_key[query]

    def row_by_id(self, query: str) -> DataLoader[str, Row | None]:
        """For a query over ``$ids`` that returns one row per ``id``: the row, or None."""
        if query not in self._by_id:

            async def load(keys: list[str]) -> list[Row | None]:
                found = {row["id"]: row for row in await read(self._store, query, ids=list(keys))}
                return [found.get(key) for key in keys]

            self._by_id[query] = DataLoader(load_fn=load)
        return self._by_id[query]


@dataclass
class Context:
    atlas: Atlas
    request: Request | WebSocket
    feed: EventFeed
    loaders: Loaders = field(init=False)
    _token: ApiToken | None = field(init=False, default=None)
    _token_checked: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.atlas.graph)

    async def token(self) -> ApiToken | None:
        """The caller's live API token, if the request carries one."""
        if not self._token_checked:
            self._token = await live_token(self.request)
            self._token_checked = True
        return self._token


Info = StrawberryInfo[Context, None]
