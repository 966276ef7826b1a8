"""The notification log read in order, a page at a time, by every reader of the record: as the
log's rows, each event opened once, saying what eventsourcing's own reader says."""

from __future__ import annotations

from events.application import MissionAtlas
from events.notification_log import each_decoded, event_pages, stored_pages
from events.owners import Owner
from tests import factories as f
from tests.integration.tamper import Tamper


def springfield(app: MissionAtlas, decisions: int = 5) -> MissionAtlas:
    app.execute([f.register_city("springfield"), f.launch("retrofit", "springfield")])
    app.execute([f.decide("retrofit", decision_id=f"d{i}") for i in range(decisions)])
    return app


def test_every_event_is_read_once_in_pages_from_a_position(sqlite_events: MissionAtlas) -> None:
    springfield(sqlite_events)
    positions = [[p for p, _ in page] for page in event_pages(sqlite_events, size=3)]
    assert positions == [[1, 2, 3], [4, 5, 6], [7]]
    assert [[row[0] for row in page] for page in stored_pages(sqlite_events, 5, 3)] == [[6, 7]]
    assert [len(page) for page in event_pages(sqlite_events, size=3, upto=4)] == [3, 1]
    _, launch = next(event_pages(sqlite_events, after=1, size=1))[0]
    assert Owner.created_by(launch) == Owner("retrofit", "springfield", "climate")


def test_the_log_read_as_rows_is_the_log_eventsourcing_reads(events: MissionAtlas) -> None:
    springfield(events)
    rows = [row for page in stored_pages(events, after=1, size=2) for row in page]
    notifications = events.recorder.select_notifications(
        start=1, limit=100, inclusive_of_start=False
    )
    assert rows == [
        (n.id, n.originator_id, n.originator_version, n.topic, n.state) for n in notifications
    ]
    assert [len(page) for page in stored_pages(events, size=4, upto=6)] == [4, 2]
    decoded = [
        e for page in stored_pages(events, after=1, size=3) for e in each_decoded(events, page)
    ]
    assert decoded == [(n.id, events.mapper.to_domain_event(n)) for n in notifications]


def test_rows_of_some_topics_only(events: MissionAtlas) -> None:
    springfield(events)
    launch = events.recorder.select_notifications(start=2, limit=1)[0].topic
    assert [row[0] for page in stored_pages(events, topics=[launch]) for row in page] == [2]


def test_without_an_end_the_reader_reads_what_is_stored_when_it_gets_there(
    events: MissionAtlas,
) -> None:
    springfield(events, decisions=1)
    pages = stored_pages(events, size=2)
    first = next(pages)
    events.execute([f.decide("retrofit", decision_id="later")])
    assert [row[0] for page in [first, *pages] for row in page] == [1, 2, 3, 4]


def test_a_gap_in_the_positions_is_stepped_over(events: MissionAtlas) -> None:
    springfield(events)
    Tamper(events).gap(after=3, width=10)
    positions = [[p for p, _ in page] for page in event_pages(events, size=2)]
    assert positions == [[1, 2], [3, 14], [15, 16], [17]]
