"""The read façade, on both stores: named reads that answer in typed rows, in the order of the
keys they are given (what a DataLoader needs), with nothing, not an error, for an unknown key."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from events.application import MissionAtlas
from graph.port import GraphStore
from graph.projector import Projector
from graph.pseudonyms import NamesResolved
from graph.reads import approaches, cities, events, learning, lessons, missions, transitions
from tests.stories import springfield_story


@pytest.fixture
def story(graph_store: GraphStore, sqlite_events: MissionAtlas) -> GraphStore:
    sqlite_events.execute(springfield_story())
    Projector(sqlite_events, graph_store).catch_up()
    return NamesResolved(graph_store, sqlite_events.people)  # as the API reads it


def test_reads_over_many_keys_answer_in_their_order_and_nothing_for_an_unknown_one(
    story: GraphStore,
) -> None:
    keys = ["shelbyville", "nowhere", "springfield"]
    found = cities.cities_by_id(story, keys)
    assert [None if c is None else c.name for c in found] == ["Shelbyville", None, "Springfield"]
    runs = missions.missions_of_cities(story, keys)
    assert [[m.id for m in found] for found in runs] == [["transit"], [], ["food", "retrofit"]]
    assert {m.city_id for m in runs[2]} == {"springfield"}
    assert missions.missions_by_id(story, ["retrofit", "nothing"])[1] is None


def test_a_citys_administrations_come_oldest_first_with_their_mayors_named(
    story: GraphStore,
) -> None:
    (terms,) = cities.administrations_of_cities(story, ["springfield"])
    assert [(t.id, t.mayor, t.city_id) for t in terms] == [
        ("springfield/ada", "Ada", "springfield"),
        ("springfield/bo", "Bo", "springfield"),
        ("springfield/cy", "Cy", "springfield"),
    ]
    assert cities.administrations_by_id(story, ["springfield/bo"]) == [terms[1]]
    in_one_read = dict((c.id, t) for c, t in cities.cities_with_administrations(story))
    assert in_one_read["springfield"] == terms


def test_a_read_in_its_stores_own_text_answers_as_the_shared_text(story: GraphStore) -> None:
    # Neo4j reads many dates as text, for speed (graph.cypher's dialect section): the rows must
    # be the same, dates and all, as those the text every store runs gives.
    shared = copy.copy(story)
    shared.dialect = None
    assert cities.cities_with_administrations(story) == cities.cities_with_administrations(shared)
    newest = lessons.LessonFilter()
    ours, theirs = (lessons.find_lessons(s, newest, None, 50) for s in (story, shared))
    assert ours == theirs
    assert any(type(r.occurred_on) is date for r in ours)
    assert all(type(r.occurred_on) in (date, type(None)) for r in ours)
    read = [missions.city_with_missions(s, "springfield", missions.LISTS) for s in (story, shared)]
    assert read[0] == read[1]
    dated = [d for m in read[0][1] for d in m.decisions if d.occurred_on]
    assert dated
    assert all(type(d.occurred_on) is date for d in dated)
    keys = ["springfield", "nowhere", "shelbyville"]
    for lists in (missions.LISTS, ("roadblocks",), ()):
        by_city = [missions.missions_with_lists_of_cities(s, keys, lists) for s in (story, shared)]
        assert by_city[0] == by_city[1]
        assert by_city[0][1] == []
    assert missions.city_with_missions(story, "nowhere", ["decisions"]) == (None, [])
    approach_ids = ["challenge-groups", "nothing-of-the-kind", "cross-sector-alliance"]
    used = [approaches.cities_of_approaches(s, approach_ids) for s in (story, shared)]
    assert used[0] == used[1]
    assert [[c.id for c in cities] for cities in used[0]] == [
        ["shelbyville", "springfield"],
        [],
        [],
    ]
    changes = [transitions.transitions(s, "springfield") for s in (story, shared)]
    assert changes[0] == changes[1]
    fates = [f for t in changes[0] for f in t.missions]
    assert any(f.decisions_before or f.decisions_after for f in fates)
    told = [d for f in fates for d in f.decisions_before + f.decisions_after]
    assert all(type(d.occurred_on) is date for d in told)
    assert all(type(d.in_force_from) in (date, type(None)) for d in told)


def test_items_come_oldest_first_naming_the_events_that_recorded_and_closed_them(
    story: GraphStore,
) -> None:
    (decisions,) = learning.decisions_of_missions(story, ["retrofit"])
    assert [d.id for d in decisions] == [f"retrofit/d{n}" for n in (1, 2, 3, 4)]
    recorded = events.events_by_id(story, [d.recorded_in or "" for d in decisions])
    assert [e.kind if e else None for e in recorded] == ["DecisionRecorded"] * 4
    (timeline,) = events.timelines_of_missions(story, ["retrofit"])
    assert [e for e in timeline if e.kind == "DecisionRecorded"] == recorded
    ((roadblock,),) = learning.roadblocks_of_missions(story, ["retrofit"])
    resolving = events.events_by_id(story, [roadblock.resolved_in or ""])[0]
    assert resolving is not None
    assert resolving.kind == "RoadblockResolved"
    assert events.position_of(story, resolving.id) == resolving.position
    assert events.position_of(story, "retrofit@999") is None


def test_an_approach_tallies_what_the_missions_using_it_tried_and_met(story: GraphStore) -> None:
    ids = ["challenge-groups", "cross-sector-alliance"]
    used, unused = approaches.cities_of_approaches(story, ids)
    assert ([c.id for c in used], unused) == (["shelbyville", "springfield"], [])
    assert approaches.missions_of_approaches(story, ids) == [["retrofit", "transit"], []]
    results = approaches.iteration_results_of_approaches(story, ids)
    assert results == [
        approaches.IterationResults(worked=1, did_not_work=0, mixed=0, open=0),
        approaches.IterationResults(worked=0, did_not_work=0, mixed=0, open=0),
    ]
    assert approaches.roadblocks_of_approaches(story, ids) == [
        approaches.RoadblockCount(met=1, resolved=1),
        approaches.RoadblockCount(met=0, resolved=0),
    ]
