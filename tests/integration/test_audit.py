"""The record auditors trust: tamper-evident, correctable without rewriting, replayable as of
any moment, and erasable where it names people. On both event stores."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import pytest

from events.application import MissionAtlas
from events.audit import audit_trail
from events.chain import ChainHead, ChainReport, verify_log
from events.errors import NotFound
from events.history import handover, mission_as_of
from events.people import ERASED
from tests import factories as f
from tests.integration.tamper import Tamper
from tests.stories import springfield_story


def verify(app: MissionAtlas, against: ChainHead | None = None) -> ChainReport:
    return verify_log(app.recorder, against=against, page=7)


@pytest.fixture
def story(events: MissionAtlas) -> MissionAtlas:
    events.execute(springfield_story())
    return events


def position_of(app: MissionAtlas, mission_id: str, version: int) -> int:
    return next(e.position for e in audit_trail(app, mission_id) if e.version == version)


def test_an_untouched_record_verifies(story: MissionAtlas) -> None:
    report = verify(story)
    assert report.intact
    assert report.head.events == report.head.position == story.last_position == 34


def test_an_edited_value_is_named(story: MissionAtlas) -> None:
    at = position_of(story, "retrofit", 4)  # "Judge by capacity"
    Tamper(story).edit(at, b"Judge by capacity", b"Judge by volume")
    report = verify(story)
    assert report.broken is not None
    assert (report.broken.position, report.broken.version) == (at, 4)
    assert "content does not match its hash" in report.broken.problem
    assert report.head.position < at


def test_a_deleted_event_is_named(story: MissionAtlas) -> None:
    at = position_of(story, "retrofit", 5)
    Tamper(story).delete(at)
    report = verify(story)
    assert report.broken is not None
    assert report.broken.version == 6
    assert "version 6 follows version 4" in report.broken.problem


def test_two_swapped_events_are_named(story: MissionAtlas) -> None:
    first, second = position_of(story, "retrofit", 4), position_of(story, "retrofit", 5)
    Tamper(story).swap(first, second)
    report = verify(story)
    assert report.broken is not None
    assert report.broken.position == first


def test_a_head_taken_at_a_transition_is_a_prefix_of_todays_record(story: MissionAtlas) -> None:
    head = verify(story).head
    story.execute([f.decide("retrofit", "Later decision")])
    later = verify(story, against=head)
    assert later.intact
    assert later.head.events == head.events + 1
    Tamper(story).delete(story.last_position)  # truncating the tail keeps the chain whole...
    assert verify(story).intact
    story.execute([f.decide("food", "Another")])
    Tamper(story).edit(position_of(story, "retrofit", 4), b"Judge", b"Fudge")
    assert verify(story, against=head).broken is not None


def test_a_truncated_record_no_longer_reaches_its_head(story: MissionAtlas) -> None:
    head = verify(story).head
    Tamper(story).delete(story.last_position)
    report = verify(story, against=head)
    assert report.broken is not None
    assert "ends before the exported head" in report.broken.problem


def test_a_correction_keeps_both_events_and_the_trail_links_them(story: MissionAtlas) -> None:
    story.execute([f.decide("retrofit", "Budget of 12m", decision_id="d5")])
    wrong = story.mission("retrofit").version
    story.execute([f.decide("retrofit", "Budget of 21m", decision_id="d6")])
    story.execute([f.retract("retrofit", wrong, superseded_by=wrong + 1, reason="Digits swapped")])
    trail = {e.version: e for e in audit_trail(story, "retrofit")}
    assert (trail[wrong].retracted_by, trail[wrong].superseded_by) == (wrong + 2, wrong + 1)
    assert trail[wrong + 2].kind == "EventRetracted"
    assert trail[wrong + 2].details["reason"] == "Digits swapped"
    titles = {d["title"] for d in mission_as_of(story, "retrofit").decisions.values()}
    assert "Budget of 21m" in titles
    assert "Budget of 12m" not in titles
    assert verify(story).intact


def test_the_record_as_of_a_moment_is_what_was_known_then(events: MissionAtlas) -> None:
    events.execute([f.register_city(), f.launch(), f.decide("retrofit", "First")])
    time.sleep(0.01)
    moment = datetime.now(UTC)
    time.sleep(0.01)
    events.execute([f.decide("retrofit", "Second"), f.roadblock("retrofit", "gap")])
    then, now = mission_as_of(events, "retrofit", moment), mission_as_of(events, "retrofit")
    assert [d["title"] for d in then.decisions.values()] == ["First"]
    assert (then.version, then.open_roadblocks) == (2, [])
    assert [d["title"] for d in now.decisions.values()] == ["First", "Second"]
    assert len(now.open_roadblocks) == 1


def test_a_handover_reports_what_an_incoming_mayor_inherits(story: MissionAtlas) -> None:
    report = handover(story, "springfield", date(2018, 5, 1), ["retrofit", "food"])
    assert report.administration is not None
    assert report.administration.mayor == "Bo"
    (retrofit,) = report.missions  # the food mission was not launched yet
    assert [r["description"] for r in retrofit.open_roadblocks] == ["Supply chain gaps"]
    assert [d["title"] for d in retrofit.decisions.values()][-1] == "Extend the pilot"
    assert retrofit.status == "active"  # the pause came two months later
    later = handover(story, "springfield", date(2022, 5, 1), ["retrofit", "food"])
    assert {m.mission_id for m in later.missions} == {"retrofit", "food"}
    halted = handover(story, "springfield", date(2022, 8, 1), ["retrofit", "food"])
    assert [m.mission_id for m in halted.missions] == ["retrofit"]
    with pytest.raises(NotFound):  # in 2000 nothing of this had been recorded yet
        handover(
            story,
            "springfield",
            date(2022, 5, 1),
            ["retrofit"],
            moment=datetime(2000, 1, 1, tzinfo=UTC),
        )


def test_erasing_a_person_hides_their_name_and_the_chain_still_verifies(
    story: MissionAtlas,
) -> None:
    assert story.city("springfield").terms[0].mayor == "Ada"
    assert story.people.forget("Ada")
    assert story.city("springfield").terms[0].mayor == ERASED
    assert story.city("springfield").terms[1].mayor == "Bo"
    assert verify(story).intact
    assert not story.people.forget("Ada")
    assert "Ada" not in str(Tamper(story).state(position_of(story, "retrofit", 1)))
