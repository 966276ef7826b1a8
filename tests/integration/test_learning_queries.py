"""Lessons and transitions, computed in the graph the same way by both stores."""

from __future__ import annotations

from datetime import date

import pytest

from events.application import MissionAtlas
from graph.port import GraphStore
from graph.projector import Projector
from graph.pseudonyms import NamesResolved
from graph.reads.lessons import LessonFilter, find_lessons
from graph.reads.transitions import transitions
from tests import factories as f
from tests.stories import springfield_story


@pytest.fixture
def story(graph_store: GraphStore, sqlite_events: MissionAtlas) -> GraphStore:
    sqlite_events.execute(springfield_story())
    Projector(sqlite_events, graph_store).catch_up()
    return NamesResolved(graph_store, sqlite_events.people)  # as the API reads it


def titles(
    store: GraphStore, given: LessonFilter, before: str | None = None, limit: int = 50
) -> list[str]:
    return [row.title for row in find_lessons(store, given, before, limit)]


def test_lessons_come_newest_first_from_decisions_and_concluded_iterations(
    story: GraphStore,
) -> None:
    rows = find_lessons(story, LessonFilter(), None, 50)
    assert len(rows) == 8
    # Newest first by the day it happened, recording order breaking ties.
    order = [(r.occurred_on or date.min, r.position) for r in rows]
    assert order == sorted(order, reverse=True)
    pilot = next(r for r in rows if r.title == "Street-by-street pilot")
    assert (pilot.kind, pilot.result, pilot.why, pilot.lessons) == (
        "iteration",
        "worked",
        "Local installers joined",
        "Start with one street",
    )
    assert pilot.started_on == date(2015, 6, 1)
    assert pilot.approach_id == "challenge-groups"
    assert pilot.sources == ("https://example.org/record",) * 2


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (LessonFilter(result="worked"), {"Street-by-street pilot", "Bus lanes"}),
        (LessonFilter(city_id="shelbyville"), {"Bus lanes"}),
        (LessonFilter(theme="FOOD"), {"School meals"}),
        (LessonFilter(text="installers"), {"Street-by-street pilot"}),
        (LessonFilter(text="short term"), {"Judge by capacity"}),
        (
            LessonFilter(approach_id="challenge-groups", result="worked"),
            {"Street-by-street pilot", "Bus lanes"},
        ),
        (LessonFilter(approach_id="community-wealth-fund"), {"School meals"}),
        (
            LessonFilter(
                city_id="springfield", occurred_from=date(2018, 5, 1), occurred_to=date(2022, 4, 30)
            ),
            {"Review the budget", "Heat-pump loans", "School meals"},
        ),
    ],
)
def test_lessons_are_filtered_by_every_condition_given(
    story: GraphStore, given: LessonFilter, expected: set[str]
) -> None:
    assert set(titles(story, given)) == expected


def test_lessons_are_paged_by_their_place_in_time(story: GraphStore) -> None:
    first = find_lessons(story, LessonFilter(), None, 3)
    second = find_lessons(story, LessonFilter(), first[-1].sort_key, 3)
    everything = find_lessons(story, LessonFilter(), None, 50)
    assert [r.id for r in first + second] == [r.id for r in everything[:6]]


def test_undated_lessons_and_lessons_of_one_day_come_in_the_order_of_their_keys(
    graph_store: GraphStore, sqlite_events: MissionAtlas
) -> None:
    # A store's own text may order by other values than the key (the embedded store orders by
    # the day and the position the key is made of): the order, and the pages, are the key's.
    day = date(2020, 3, 1)
    sqlite_events.execute(
        [
            f.register_city("springfield"),
            f.launch("retrofit", "springfield", occurred_on=date(2019, 1, 1)),
            f.adopt("retrofit", "challenge-groups", occurred_on=date(2019, 1, 1)),
            f.decide("retrofit", "Undated, first"),
            f.decide("retrofit", "On the day, first", occurred_on=day),
            f.decide("retrofit", "Earlier", occurred_on=date(2019, 6, 1)),
            f.start_iteration("retrofit", "pilot", approach_id="challenge-groups"),
            f.conclude("retrofit", "pilot", occurred_on=day),
            f.decide("retrofit", "Undated, last"),
            f.decide("retrofit", "Later", occurred_on=date(2021, 1, 1)),
        ]
    )
    Projector(sqlite_events, graph_store).catch_up()
    rows = find_lessons(graph_store, LessonFilter(), None, 50)
    assert [r.title for r in rows] == [
        "Later",
        "Try it",  # the iteration, concluded on the same day as the decision, recorded after
        "On the day, first",
        "Earlier",
        "Undated, last",
        "Undated, first",
    ]
    assert [r.sort_key for r in rows] == sorted((r.sort_key for r in rows), reverse=True)
    pages, before = [], None
    while page := find_lessons(graph_store, LessonFilter(), before, 2):
        pages += page
        before = page[-1].sort_key
    assert pages == rows
    tested = LessonFilter(approach_id="challenge-groups", result="worked")
    assert [r.title for r in find_lessons(graph_store, tested, None, 50)] == ["Try it"]


def test_each_change_of_mayor_says_what_became_of_each_mission(story: GraphStore) -> None:
    first, second = transitions(story, "springfield")
    assert (first.outgoing.mayor, first.incoming.mayor, first.on) == (
        "Ada",
        "Bo",
        date(2018, 5, 1),
    )
    (retrofit,) = first.missions  # the food mission was launched under Bo
    assert (retrofit.outcome, retrofit.reason, retrofit.changed_on) == (
        "paused",
        "New mayor reviewing budgets",
        date(2018, 7, 1),
    )
    assert [d.title for d in retrofit.decisions_before] == [
        "Judge by capacity",
        "Extend the pilot",
    ]
    assert [d.title for d in retrofit.decisions_after] == [
        "Review the budget",
        "Keep the programme",
    ]
    assert [r.description for r in retrofit.roadblocks_carried_over] == ["Supply chain gaps"]
    assert retrofit.administrations_survived == 3

    fates = {m.mission_id: m for m in second.missions}
    assert fates["retrofit"].outcome == "continued"
    assert fates["retrofit"].roadblocks_carried_over == []
    assert (fates["food"].outcome, fates["food"].reason) == (
        "halted",
        "Cut by the new administration",
    )
    assert fates["food"].administrations_survived == 2


def test_a_city_with_one_administration_has_no_transitions(story: GraphStore) -> None:
    assert transitions(story, "shelbyville") == []


def test_a_roadblock_is_carried_over_while_open_on_the_day_of_the_change(
    graph_store: GraphStore, sqlite_events: MissionAtlas
) -> None:
    day = date(2014, 1, 1)
    met = {"occurred_on": date(2012, 3, 1)}
    sqlite_events.execute(
        [
            f.register_city("ogdenville"),
            f.begin_term("ogdenville", "a", date(2010, 1, 1)),
            f.end_term("ogdenville", "a", date(2013, 12, 31)),
            f.begin_term("ogdenville", "b", day),
            f.launch("monorail", "ogdenville", occurred_on=date(2011, 1, 1)),
            f.roadblock("monorail", "on-the-day", description="Resolved on the day", **met),
            f.resolve("monorail", "on-the-day", occurred_on=day),
            f.roadblock("monorail", "the-day-before", description="Resolved the day before", **met),
            f.resolve("monorail", "the-day-before", occurred_on=date(2013, 12, 31)),
            f.roadblock("monorail", "undated-end", description="Resolved some day", **met),
            f.resolve("monorail", "undated-end"),
            f.roadblock("monorail", "open", description="Still open", occurred_on=date(2013, 1, 1)),
            f.roadblock(
                "monorail", "met-on-the-day", description="Met on the day", occurred_on=day
            ),
            f.roadblock("monorail", "undated", description="Met some day"),
        ]
    )
    Projector(sqlite_events, graph_store).catch_up()
    (change,) = transitions(graph_store, "ogdenville")
    (monorail,) = change.missions
    # Met before the day, in the order met (then recorded); a resolution without a day
    # cannot say it was over by then.
    assert [r.description for r in monorail.roadblocks_carried_over] == [
        "Resolved on the day",
        "Resolved some day",
        "Still open",
    ]
    assert monorail.administrations_survived == 2
