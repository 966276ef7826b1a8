"""A city's missions read with their lists: one query text per set of lists, whatever order a
request names them in, and only lists a mission has."""

from __future__ import annotations

import pytest

from graph.reads.cities import CityRow
from graph.reads.missions import (
    LISTS,
    city_and_missions_of,
    collected,
    mission_with_lists_of,
    missions_with_lists_query,
)


def test_the_same_lists_read_the_same_query_in_whatever_order_they_are_asked() -> None:
    query = missions_with_lists_query(["roadblocks", "decisions"])
    assert query == missions_with_lists_query(["decisions", "roadblocks"])
    assert query.index("AS decisions") < query.index("AS roadblocks")
    assert "AS approaches" not in query
    assert "AS iterations" not in query
    assert query.rstrip().endswith("decisions, roadblocks\nORDER BY m.title, m.id")


def test_on_neo4j_the_same_lists_read_one_text_too_each_list_in_its_subquery() -> None:
    query = missions_with_lists_query(["roadblocks", "decisions"], dialect="neo4j")
    assert query == missions_with_lists_query(["decisions", "roadblocks"], dialect="neo4j")
    assert query == missions_with_lists_query(
        ["decisions", "roadblocks"], with_city=True, dialect="neo4j"
    )
    assert query.index("AS decisions") < query.index("AS roadblocks")
    assert "AS approaches" not in query
    assert "m.version, decisions, roadblocks]) AS missions" in query


def test_every_list_can_be_read_and_no_other() -> None:
    assert set(LISTS) == {"approaches", "decisions", "iterations", "roadblocks"}
    with pytest.raises(ValueError, match="lists: no list of a mission is called \\['outcomes'\\]"):
        missions_with_lists_query(["decisions", "outcomes"])


def test_a_collected_list_comes_in_order_without_the_entry_of_an_empty_one() -> None:
    mission = {
        "decisions": [{"id": "b", "sort_key": "2"}, {"id": "a", "sort_key": "1"}],
        "roadblocks": [{"id": None, "sort_key": None}],
    }
    assert [d["id"] for d in collected(mission, "decisions")] == ["a", "b"]
    assert collected(mission, "roadblocks") == []


def test_read_with_its_city_a_city_without_missions_is_the_city_and_none() -> None:
    query = missions_with_lists_query(["approaches"], with_city=True)
    assert "OPTIONAL MATCH (c)-[:RUNS]->(m:Mission)" in query
    assert "c.name AS city_name" in query
    city_fields = {"key": "c", "city_name": "C", "city_country": "GB", "city_wikidata_id": None}
    lonely = [{**city_fields, "city_version": 2, "id": None, "approaches": [{"id": None}]}]
    assert city_and_missions_of(lonely) == (
        CityRow(id="c", name="C", country="GB", wikidata_id=None, version=2),
        [],
    )
    assert city_and_missions_of([]) == (None, [])


def test_a_missions_collected_lists_become_the_rows_of_their_own_reads() -> None:
    mission = {
        "id": "m", "city_id": "c", "title": "T", "goal": "G", "theme": "energy",
        "horizon_year": None, "status": "active", "launched_on": None, "version": None,
        "approaches": [{"id": "b", "sort_key": "B"}, {"id": "a", "sort_key": "A"}],
        "roadblocks": [{"id": None, "sort_key": None}],
    }  # fmt: skip
    entry = mission_with_lists_of(mission)
    assert entry.mission.version == 0
    assert entry.approaches == ["a", "b"]
    assert (entry.decisions, entry.iterations, entry.roadblocks) == ([], [], [])
