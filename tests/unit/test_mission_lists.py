"""A city's missions read with their lists: one query text per set of lists, whatever order a
request names them in, and only lists a mission has."""

from __future__ import annotations

import pytest

from graph.mission_lists import LISTS, collected, missions_with_lists_query


def test_the_same_lists_read_the_same_query_in_whatever_order_they_are_asked() -> None:
    query = missions_with_lists_query(["roadblocks", "decisions"])
    assert query == missions_with_lists_query(["decisions", "roadblocks"])
    assert query.index("AS decisions") < query.index("AS roadblocks")
    assert "AS approaches" not in query
    assert "AS iterations" not in query
    assert query.rstrip().endswith("decisions, roadblocks\nORDER BY m.title, m.id")


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
