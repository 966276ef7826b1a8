"""The notification log read in order, a page at a time, by every reader of the record."""

from __future__ import annotations

from events.application import MissionAtlas
from events.notification_log import each_decoded, event_pages, pages, stored_pages
from events.owners import Owner
from tests import factories as f


def test_every_event_is_read_once_in_pages_from_a_position(sqlite_events: MissionAtlas) -> None:
    sqlite_events.execute([f.register_city("springfield"), f.launch("retrofit", "springfield")])
    sqlite_events.execute([f.decide("retrofit", decision_id=f"d{i}") for i in range(5)])
    positions = [[p for p, _ in page] for page in event_pages(sqlite_events, size=3)]
    assert positions == [[1, 2, 3], [4, 5, 6], [7]]
    assert [[n.id for n in page] for page in pages(sqlite_events, after=5, size=3)] == [[6, 7]]
    assert [len(page) for page in event_pages(sqlite_events, size=3, upto=4)] == [3, 1]
    _, launch = next(event_pages(sqlite_events, after=1, size=1))[0]
    assert Owner.created_by(launch) == Owner("retrofit", "springfield", "climate")


def test_the_log_read_as_rows_is_the_log_read_as_notifications(events: MissionAtlas) -> None:
    events.execute([f.register_city("springfield"), f.launch("retrofit", "springfield")])
    events.execute([f.decide("retrofit", decision_id=f"d{i}") for i in range(5)])
    rows = [row for page in stored_pages(events, after=1, size=2) for row in page]
    notifications = [n for page in pages(events, after=1, size=2) for n in page]
    assert rows == [
        (n.id, n.originator_id, n.originator_version, n.topic, n.state) for n in notifications
    ]
    assert [len(page) for page in stored_pages(events, size=4, upto=6)] == [4, 2]
    decoded = [e for page in stored_pages(events, size=3) for e in each_decoded(events, page)]
    assert decoded == [e for page in event_pages(events, size=3) for e in page]
