"""Per-request context: the process-wide Atlas, the caller's token, and DataLoaders made fresh
for each request (``api.graphql.loaders``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

from starlette.requests import Request
from starlette.websockets import WebSocket
from strawberry.types import Info as StrawberryInfo

from api.auth.reading import live_token
from api.auth.tokens import ApiToken
from api.bootstrap import Atlas
from api.graphql.loaders import Loaders
from api.graphql.off_loop import off_loop
from api.graphql.subscriptions.feed import EventFeed

P = ParamSpec("P")
T = TypeVar("T")


async def read(fetch: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run a read of the graph façade off the event loop (both store drivers block)."""
    return await off_loop(fetch, *args, **kwargs)


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
