from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import strawberry

from api.graphql.context import Info, read
from api.graphql.lessons.types import Lesson, LessonFilter
from api.graphql.pagination import AFTER, FIRST, Connection, decode_cursor, page_size
from events.catalogue import APPROACHES
from events.errors import InvalidInput, NotFound
from graph.projection.change import chronological_key
from graph.reads.lessons import LessonFilter as Filter
from graph.reads.lessons import find_lessons

SORT_KEY_LENGTH = len(chronological_key(None, 0))


def _sort_key(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    if not (cursor.isdigit() and len(cursor) == SORT_KEY_LENGTH):
        raise InvalidInput("is not a cursor this list handed out", "after")
    return cursor


async def _graph_filter(info: Info, given: LessonFilter | None) -> Filter:
    if given is None:
        return Filter()
    if given.approach_id is not None and given.approach_id not in APPROACHES:
        raise InvalidInput(f"{given.approach_id!r} is not in the approach catalogue", "approach_id")
    wanted = Filter(
        city_id=given.city_id,
        theme=given.theme,
        approach_id=given.approach_id,
        result=given.result.value if given.result else None,
        occurred_from=given.occurred_from,
        occurred_to=given.occurred_to,
        text=given.text,
    )
    if given.administration_id is None:
        return wanted
    term = await info.context.loaders.administration.load(given.administration_id)
    if term is None:
        raise NotFound(f"no administration {given.administration_id!r}", "administration_id")
    if wanted.city_id not in (None, term.city_id):
        raise InvalidInput("names a city other than the administration's", "city_id")
    return replace(
        wanted,
        city_id=term.city_id,
        occurred_from=max(d for d in (term.term_start, wanted.occurred_from) if d),
        occurred_to=min((d for d in (term.term_end, wanted.occurred_to) if d), default=None),
    )


@strawberry.type
class LessonQueries:
    @strawberry.field(
        description="What worked, what didn't, and why: decisions and concluded iterations, "
        "newest first, across cities and administrations."
    )
    async def lessons(
        self,
        info: Info,
        filter: Annotated[
            LessonFilter | None, strawberry.argument(description="Conditions lessons must meet.")
        ] = None,
        first: Annotated[int | None, strawberry.argument(description=FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
    ) -> Connection[Lesson]:
        size, before = page_size(first), _sort_key(decode_cursor("lesson", after))
        wanted = await _graph_filter(info, filter)
        rows = await read(find_lessons, info.context.atlas.graph, wanted, before, size + 1)
        return Connection.of("lesson", [(r.sort_key, Lesson.from_row(r)) for r in rows], size)
