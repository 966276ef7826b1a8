"""The notification log read in order: every stored event once, a page at a time.

Notification ids can have gaps (a transaction that rolled back used one), so a reader moves
on from the last id it was given, never by counting. Every reader reads the log's rows
(``events.storage.log_rows``) and opens each event once, with ``SealingMapper.event_of``:
eventsourcing's ``select_notifications`` would make a ``Notification`` of each row first.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import cast

from eventsourcing.domain import Aggregate

from events.application import MissionAtlas
from events.sealing import SealingMapper
from events.storage.log_rows import LogRow, LogRows

Positioned = tuple[int, Aggregate.Event]  # an event and its position in the log


def stored_pages(
    app: MissionAtlas,
    after: int = 0,
    size: int = 1000,
    upto: int | None = None,
    topics: Sequence[str] = (),
) -> Iterator[list[LogRow]]:
    """Every stored event after ``after``, of ``topics`` if given, as the log's rows, in pages
    of at most ``size``: up to ``upto`` included, or without one, until a page finds nothing
    more stored."""
    rows = LogRows(app.recorder, topics)
    while page := rows.after(after, size, upto):
        yield page
        after = page[-1][0]


def each_decoded(app: MissionAtlas, page: Sequence[LogRow]) -> Iterator[Positioned]:
    """The events of a page of rows, opened (personal fields revealed, upcast), with their
    positions, each only when it is reached.

    A reader that handles one event at a time and lets it go keeps one event alive, not a
    page of them: a whole page decoded up front outlives the garbage collector's young
    generations and is walked again by every collection until the page is done."""
    mapper = app.mapper
    assert isinstance(mapper, SealingMapper)  # as the application makes it
    event_of = mapper.event_of
    for position, originator_id, version, topic, state in page:
        yield position, cast(Aggregate.Event, event_of(originator_id, version, topic, state))


def event_pages(
    app: MissionAtlas, after: int = 0, size: int = 1000, upto: int | None = None
) -> Iterator[list[Positioned]]:
    """Every event after ``after`` (up to ``upto``), decoded, in pages of at most ``size``."""
    for page in stored_pages(app, after, size, upto):
        yield list(each_decoded(app, page))
