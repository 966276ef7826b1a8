"""Refusing request bodies over the configured size before reading them whole.

A body that declares its length is refused on its headers; one sent in chunks is counted as
it arrives and refused at the chunk that crosses the limit, so at most one chunk more than
the limit is ever held.
"""

from __future__ import annotations

# The HTTP exception strawberry's views raise and answer comes from its cross-framework layer.
from cross_web import HTTPException
from starlette.datastructures import Headers
from starlette.types import Message, Receive


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(
            413,
            f"the request body is over the limit of {limit:,} bytes (MISSION_ATLAS_MAX_BODY_BYTES)",
        )


def refuse_declared_length(headers: Headers, limit: int) -> None:
    """Refuse a body whose Content-Length is over the limit, before reading any of it."""
    declared = headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(limit)


def counting(receive: Receive, limit: int) -> Receive:
    """``receive`` that refuses the body once more than ``limit`` bytes have come in."""
    received = 0

    async def receive_within_limit() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)
        return message

    return receive_within_limit
