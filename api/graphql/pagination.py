"""Relay-style cursor pagination: ``first`` / ``after``, edges with cursors, and PageInfo.

Cursors are opaque to clients; inside they hold the position of the last item seen, so a page
is a keyset query (``position < $before``) rather than an ever-slower OFFSET.
"""

from __future__ import annotations

import base64
from typing import Generic, TypeVar

import strawberry

from events.errors import InvalidInput

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
FIRST = f"How many items to return ({DEFAULT_PAGE_SIZE} if not given, at most {MAX_PAGE_SIZE})."
AFTER = "Return the items after this cursor (a page's endCursor)."

T = TypeVar("T")


def encode_cursor(kind: str, key: str) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{key}".encode()).decode()


def decode_cursor(kind: str, cursor: str | None) -> str | None:
    """The key inside a cursor of this list's ``kind``; an error for anything else."""
    if cursor is None:
        return None
    try:
        prefix, _, key = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        prefix, key = "", ""
    if prefix != kind or not key:
        raise InvalidInput("is not a cursor this list handed out", "after")
    return key


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    if not 0 < first <= MAX_PAGE_SIZE:
        raise InvalidInput(f"must be between 1 and {MAX_PAGE_SIZE}", "first")
    return first


@strawberry.type(description="Where a page sits in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether a further page exists.")
    end_cursor: str | None = strawberry.field(
        description="Pass as `after` to get the next page; null on an empty page."
    )


@strawberry.type(description="One item of a page, with the cursor that points at it.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Opaque position of this item in the list.")
    node: T = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list, in a stable order.")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The items of this page, in order.")
    page_info: PageInfo = strawberry.field(description="Whether there is more, and where.")

    @classmethod
    def of(cls, kind: str, items: list[tuple[str, T]], size: int) -> Connection[T]:
        """A page from up to ``size + 1`` (key, item) pairs: the extra one says there is a
        next page."""
        shown = items[:size]
        edges = [Edge(cursor=encode_cursor(kind, key), node=item) for key, item in shown]
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(items) > size,
                end_cursor=edges[-1].cursor if edges else None,
            ),
        )
