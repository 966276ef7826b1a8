"""The notification log read in order: every stored event once, a page at a time.

Notification ids can have gaps (a transaction that rolled back used one), so a reader moves
on from the last id it was given, never by counting.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import cast

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Notification

from events.application import MissionAtlas
from events.sealing import SealingMapper
from events.storage.log_rows import LogRow, LogRows

Positioned = tuple[int, Aggregate.Event]  # an event and its position in the log


def page_after(
    app: MissionAtlas,
    after: int,
    size: int,
    upto: int | None = None,
    topics: Sequence[str] = (),
) -> list[Notification]:
    """The stored notifications after position ``after``, at most ``size`` of them, up to
    position ``upto`` included (the end of the log without one), of ``topics`` if given."""
    return list(
        app.recorder.select_notifications(
            start=after, limit=size, stop=upto, topics=topics, inclusive_of_start=False
        )
    )


def pages(
    app: MissionAtlas,
    after: int = 0,
    size: int = 1000,
    upto: int | None = None,
    topics: Sequence[str] = (),
) -> Iterator[list[Notification]]:
    """Every notification after ``after`` (up to ``upto``), in pages of at most ``size``."""
    while page := page_after(app, after, size, upto, topics):
        yield page
        after = page[-1].id


def decoded(app: MissionAtlas, page: Sequence[Notification]) -> list[Positioned]:
    """The events of a page, opened (personal fields revealed, upcast), with positions."""
    return [(n.id, cast(Aggregate.Event, app.mapper.to_domain_event(n))) for n in page]


def stored_pages(
    app: MissionAtlas,
    after: int = 0,
    size: int = 1000,
    upto: int | None = None,
    topics: Sequence[str] = (),
) -> Iterator[list[LogRow]]:
    """Every stored event after ``after`` (up to ``upto``, else the end of the log as it is
    now), of ``topics`` if given, as the log's rows, in pages of at most ``size``: for readers
    of the whole record, which ``pages`` would give a ``Notification`` per row."""
    rows = LogRows(app.recorder, topics)
    last = app.last_position if upto is None else upto
    while page := rows.after(after, size, last):
        yield page
        after = page[-1][0]


def each_decoded(app: MissionAtlas, page: Sequence[LogRow]) -> Iterator[Positioned]:
    """The events of a page of rows, opened as ``decoded`` opens them, each only when it is
    reached.

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
    for page in pages(app, after, size, upto):
        yield decoded(app, page)
