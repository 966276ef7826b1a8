"""The Mission aggregate: what may be recorded, and in what order."""

from datetime import date

import pytest

from events.errors import AlreadyExists, NotFound, RuleViolated
from events.mission import Mission
from events.provenance import Provenance
from events.vocabulary import IndicatorKind, MissionStatus, Result, Sector

P = Provenance("test", "source")


def on(day: date) -> Provenance:
    return Provenance("test", "source", day)


def mission(launched: date | None = date(2020, 1, 1)) -> Mission:
    return Mission("retrofit", "springfield", "Retrofit", "Homes", "climate", 2035, on(launched))  # type: ignore[arg-type]


def test_an_iteration_runs_from_start_to_conclusion() -> None:
    m = mission()
    m.adopt_approach("challenge-groups", "Buildings group", None, P)
    m.start_iteration("pilot", "Pilot", "It will work", "challenge-groups", on(date(2021, 1, 1)))
    m.conclude_iteration(
        "pilot", Result.MIXED, "Half worked", "Start smaller", on(date(2022, 1, 1))
    )
    assert m.iterations["pilot"].closed
    assert [type(e).__name__ for e in m.collect_events()] == [
        "MissionLaunched",
        "ApproachAdopted",
        "IterationStarted",
        "IterationConcluded",
    ]


def test_no_iteration_is_concluded_that_never_started_or_twice() -> None:
    m = mission()
    with pytest.raises(NotFound) as raised:
        m.conclude_iteration("ghost", Result.WORKED, "?", None, P)
    assert raised.value.field == "iteration_id"
    m.start_iteration("pilot", "Pilot", None, None, P)
    m.conclude_iteration("pilot", Result.WORKED, "yes", None, P)
    with pytest.raises(RuleViolated, match="already closed"):
        m.conclude_iteration("pilot", Result.WORKED, "again", None, P)


def test_an_iteration_can_only_test_an_adopted_approach() -> None:
    with pytest.raises(RuleViolated) as raised:
        mission().start_iteration("pilot", "Pilot", None, "community-wealth-fund", P)
    assert raised.value.field == "approach_id"


def test_approaches_come_from_the_catalogue_and_are_adopted_once_per_instrument() -> None:
    m = mission()
    with pytest.raises(NotFound):
        m.adopt_approach("astrology", None, None, P)
    m.adopt_approach("community-wealth-fund", "Fund A", None, P)
    m.adopt_approach("community-wealth-fund", "Fund B", None, P)
    with pytest.raises(AlreadyExists):
        m.adopt_approach("community-wealth-fund", "Fund A", None, P)


def test_dates_are_kept_in_order() -> None:
    m = mission(launched=date(2020, 1, 1))
    with pytest.raises(RuleViolated) as raised:
        m.record_decision("d", "Too early", None, None, None, None, on(date(2019, 12, 31)))
    assert raised.value.field == "occurred_on"
    m.record_roadblock("r", "Funding gap", on(date(2021, 6, 1)))
    with pytest.raises(RuleViolated, match="before the roadblock was met"):
        m.resolve_roadblock("r", "Found funds", on(date(2021, 5, 1)))
    with pytest.raises(RuleViolated) as period:
        m.record_outcome(
            "o",
            "Capacity",
            IndicatorKind.CAPACITY,
            1.0,
            "MW",
            None,
            None,
            date(2022, 1, 1),
            date(2021, 1, 1),
            P,
        )
    assert period.value.field == "period_end"


def test_unknown_dates_are_allowed_and_not_compared() -> None:
    m = mission(launched=None)
    m.record_decision("d", "Undated", None, None, None, None, P)
    m.record_decision("e", "Dated", None, None, None, None, on(date(1999, 1, 1)))
    assert {"d", "e"} <= m.items


def test_item_ids_are_unique_within_a_mission() -> None:
    m = mission()
    m.add_partner("uni", "University", Sector.ACADEMIA, None, P)
    with pytest.raises(AlreadyExists) as raised:
        m.record_decision("uni", "Clash", None, None, None, None, P)
    assert raised.value.field == "decision_id"


def test_status_changes_must_change_something_and_renewal_follows_a_pause_or_halt() -> None:
    m = mission()
    with pytest.raises(RuleViolated):
        m.change_status(MissionStatus.ACTIVE, "still going", P)
    with pytest.raises(RuleViolated, match="only a paused, halted or closed mission can be renew"):
        m.change_status(MissionStatus.RENEWED, "fresh start", P)
    m.change_status(MissionStatus.HALTED, "new mayor", P)
    m.change_status(MissionStatus.RENEWED, "cross-party support", P)
    assert m.status is MissionStatus.RENEWED


def test_a_correction_retracts_an_item_event_and_may_name_its_replacement() -> None:
    m = mission()
    m.record_decision("d1", "Wrong", None, None, None, None, P)  # version 2
    m.record_decision("d2", "Right", None, None, None, None, P)  # version 3
    m.retract(2, None, "wrong figure", 3, P)
    assert 2 in m.retracted
    with pytest.raises(RuleViolated, match="already withdrawn"):
        m.retract(2, None, "again", None, P)
    with pytest.raises(RuleViolated, match="cannot be withdrawn"):
        m.retract(1, None, "the launch", None, P)
    with pytest.raises(NotFound):
        m.retract(99, None, "no such event", None, P)
    m.record_roadblock("r", "Gap", P)  # version 5
    with pytest.raises(RuleViolated) as replacement:
        m.retract(3, None, "replaced by a roadblock?", 5, P)
    assert replacement.value.field == "superseded_by"


def test_retracting_a_conclusion_reopens_the_iteration() -> None:
    m = mission()
    m.start_iteration("pilot", "Pilot", None, None, P)  # version 2
    m.conclude_iteration("pilot", Result.WORKED, "yes", None, P)  # version 3
    m.retract(3, None, "concluded too early", None, P)
    m.conclude_iteration("pilot", Result.MIXED, "on reflection", None, P)
    assert m.iterations["pilot"].closed


def test_a_correction_may_name_its_target_by_the_event_id_it_was_stored_with() -> None:
    m = mission()
    m.record_decision("d1", "Wrong", None, None, None, None, Provenance("t", "s", None, "evt-7"))
    m.retract(None, "evt-7", "wrong", None, P)
    assert "d1" not in m.items  # the id may be recorded again, corrected
    with pytest.raises(NotFound) as unknown:
        m.retract(None, "evt-8", "no such event", None, P)
    assert unknown.value.field == "retracts"


def test_withdrawing_a_status_change_restores_the_status_in_force_before_it() -> None:
    m = mission()
    m.change_status(MissionStatus.PAUSED, "budget", P)  # version 2
    m.change_status(MissionStatus.HALTED, "new mayor", P)  # version 3
    m.retract(3, None, "recorded for the wrong mission", None, P)
    assert m.status is MissionStatus.PAUSED
    m.retract(2, None, "never paused", None, P)
    assert m.status in {MissionStatus.ACTIVE}  # (mypy keeps the narrowing from above)


def test_withdrawing_an_adoption_drops_the_approach_unless_another_adoption_keeps_it() -> None:
    m = mission()
    m.adopt_approach("challenge-groups", None, None, P)  # version 2
    m.adopt_approach("challenge-groups", "Buildings group", None, P)  # version 3
    m.retract(2, None, "duplicate", None, P)
    assert m.approaches == {("challenge-groups", "Buildings group")}
    m.retract(3, None, "never adopted", None, P)
    assert m.approaches == set()


def test_a_decision_may_answer_a_roadblock_of_its_mission() -> None:
    m = mission()
    m.record_roadblock("skills", "No installers", P)
    m.record_decision("train", "Train installers", None, None, None, "skills", P)
    with pytest.raises(NotFound) as unknown:
        m.record_decision("other", "Answer nothing", None, None, None, "ghost", P)
    assert unknown.value.field == "answers_roadblock"
