"""Who may record: a live API token, and for an editor only its own city."""

from __future__ import annotations

from typing import Any

from anyio import to_thread
from graphql import GraphQLError
from strawberry.permission import BasePermission

from api.auth.reading import bearer_token
from api.graphql.codes import camel, unauthenticated
from api.graphql.context import Info
from events.commands import Command


class HasWriteToken(BasePermission):
    message = "Recording needs a live API token."  # a fallback: has_permission says more
    error_extensions = {"code": "UNAUTHENTICATED"}  # noqa: RUF012 (strawberry's attribute)

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        """Refuse with an error that says whether a token was missing or not live: strawberry
        would answer both with the one fixed ``message``."""
        if await info.context.token() is None:
            raise unauthenticated("recording", bearer_token(info.context.request) is not None)
        return True


async def check_scope(info: Info, command: Command) -> None:
    """Refuse a command for a city the caller's token may not record for."""
    token = await info.context.token()
    assert token is not None  # HasWriteToken ran first
    if token.may_record_anywhere:
        # Finding a mission's city replays the mission: not worth it when any city will do.
        return
    city_id, field = await to_thread.run_sync(info.context.atlas.events.city_of, command)
    if not token.may_record_for(city_id):
        raise GraphQLError(
            f"{camel(field)}: this token may record only for {token.city_id}, not {city_id}",
            extensions={"code": "FORBIDDEN", "field": camel(field)},
        )
