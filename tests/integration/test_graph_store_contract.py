"""The graph-store contract: what every adapter (embedded, Neo4j) must do the same way."""

from __future__ import annotations

from datetime import date

import pytest

from events.application import MissionAtlas
from events.catalogue import APPROACHES, CAPABILITIES
from events.vocabulary import MissionStatus
from graph import cypher
from graph.port import GraphStore, Write
from graph.projector import PROJECTION, Projector
from graph.reads.peers import rank_peers
from graph.verification import verify_graph
from tests import factories as f

CITY = Write(
    cypher.UPSERT_CITIES,
    [
        {"id": "a", "uuid": "u-a", "name": "A", "country": "GB", "wikidata_id": None},
        {"id": "b", "uuid": "u-b", "name": "B", "country": "ES", "wikidata_id": "Q1"},
    ],
)


def count(store: GraphStore, label: str) -> int:
    return len(store.read(f"MATCH (n:{label}) RETURN n.id AS id"))


def test_setup_loads_the_catalogue_and_can_run_again(graph_store: GraphStore) -> None:
    graph_store.setup()
    assert count(graph_store, "Approach") == len(APPROACHES)
    assert count(graph_store, "Capability") == len(CAPABILITIES)
    assert graph_store.position(PROJECTION) == 0


def test_a_batch_and_its_position_are_written_together(graph_store: GraphStore) -> None:
    assert graph_store.apply([CITY], PROJECTION, after=0, position=7)
    assert graph_store.position(PROJECTION) == 7
    assert [r["name"] for r in graph_store.read(cypher.CITIES)] == ["A", "B"]


def test_a_replayed_batch_changes_nothing(graph_store: GraphStore) -> None:
    graph_store.apply([CITY], PROJECTION, after=0, position=7)
    renamed = Write(cypher.UPSERT_CITIES, [{**CITY.rows[0], "name": "Changed"}])
    assert not graph_store.apply([renamed], PROJECTION, after=0, position=7)
    assert graph_store.position(PROJECTION) == 7
    assert [r["name"] for r in graph_store.read(cypher.CITIES)] == ["A", "B"]


def test_a_failing_batch_leaves_graph_and_position_untouched(graph_store: GraphStore) -> None:
    broken = Write("UNWIND $rows AS row MERGE (c:City {id: row.id}) SET c.name = row.nope(", [{}])
    with pytest.raises(Exception):  # noqa: B017 (each store raises its own driver error)
        graph_store.apply([CITY, broken], PROJECTION, after=0, position=7)
    assert graph_store.position(PROJECTION) == 0
    assert graph_store.read(cypher.CITIES) == []


def test_dates_come_back_as_dates_and_missing_values_as_none(graph_store: GraphStore) -> None:
    graph_store.apply([CITY], PROJECTION, after=0, position=1)
    mission = Write(
        cypher.UPSERT_MISSIONS,
        [
            {
                "id": "m",
                "uuid": "u-m",
                "city_id": "a",
                "title": "T",
                "goal": "G",
                "theme": "t",
                "theme_id": "t",
                "occurred_on": date(2024, 6, 20),
            },
            {
                "id": "n",
                "uuid": "u-n",
                "city_id": "b",
                "title": "U",
                "goal": "G",
                "theme": "t",
                "theme_id": "t",
                "occurred_on": None,
            },
        ],
    )
    graph_store.apply([mission], PROJECTION, after=1, position=2)
    rows = graph_store.read(cypher.MISSIONS_BY_ID, {"ids": ["m", "n"]})
    launched = {r["id"]: r["launched_on"] for r in rows}
    assert launched == {"m": date(2024, 6, 20), "n": None}
    assert all(r["horizon_year"] is None for r in rows)


def test_each_row_of_a_batch_keeps_its_own_values_whatever_the_others_hold(
    graph_store: GraphStore,
) -> None:
    """The embedded store takes a batch field by field: a field null in some rows or in all,
    whole numbers beside fractions in a decimal field, and lists (empty, or beside a null)
    still come back row by row as they were written."""
    lessons = Write(
        "UNWIND $rows AS row CREATE (:Lesson {id: row.id, title: row.title, "
        "position: row.position, occurred_on: date(row.occurred_on)})",
        [
            {"id": "a", "title": None, "position": 1, "occurred_on": None},
            {"id": "b", "title": None, "position": None, "occurred_on": "2024-02-29"},
            {"id": "c", "title": None, "position": 2**40, "occurred_on": None},
        ],
    )
    sources = Write(
        "UNWIND $rows AS row CREATE (:Lesson {id: row.id, sources: row.sources})",
        [
            {"id": "d", "sources": ["s1", "s2"]},
            {"id": "e", "sources": None},
            {"id": "f", "sources": []},
        ],
    )
    outcomes = Write(
        "UNWIND $rows AS row CREATE (:Outcome {id: row.id, value: row.value})",
        [{"id": "x", "value": 3}, {"id": "y", "value": 2.5}, {"id": "z", "value": None}],
    )
    graph_store.apply([lessons, sources, outcomes], PROJECTION, after=0, position=1)
    read = graph_store.read(
        "MATCH (l:Lesson) RETURN l.id AS id, l.title AS title, l.position AS position, "
        "l.sources AS sources, l.occurred_on AS occurred_on ORDER BY id"
    )
    assert [tuple(r.values()) for r in read] == [
        ("a", None, 1, None, None),
        ("b", None, None, None, date(2024, 2, 29)),
        ("c", None, 2**40, None, None),
        ("d", None, None, ["s1", "s2"], None),
        ("e", None, None, None, None),
        ("f", None, None, [], None),
    ]
    values = graph_store.read("MATCH (o:Outcome) RETURN o.id AS id, o.value AS value ORDER BY id")
    assert [(r["id"], r["value"]) for r in values] == [("x", 3.0), ("y", 2.5), ("z", None)]


def test_clear_empties_the_graph(graph_store: GraphStore) -> None:
    graph_store.apply([CITY], PROJECTION, after=0, position=1)
    graph_store.clear()
    assert graph_store.read(cypher.CITIES) == []
    assert graph_store.position(PROJECTION) == 0


def seed(events: MissionAtlas) -> None:
    events.execute(
        [
            f.register_city("a"),
            f.register_city("b"),
            f.register_city("c"),
            f.launch("ma", "a", occurred_on=date(2020, 1, 1)),
            f.launch("mb", "b"),
            f.launch("mc", "c", theme="housing"),
            f.adopt("ma", "cross-sector-alliance"),
            f.adopt("mb", "cross-sector-alliance"),
            f.adopt("mb", "community-wealth-fund"),
            f.adopt("mc", "challenge-groups"),
            f.start_iteration("ma", "pilot", approach_id="cross-sector-alliance"),
            f.conclude("ma", "pilot"),
            f.status("ma", MissionStatus.PAUSED),
            f.roadblock("mb", "gap"),
            f.resolve("mb", "gap"),
            f.begin_term("a", "t1", date(2019, 5, 1)),
        ]
    )


def test_the_projector_brings_the_graph_level_with_the_events(
    graph_store: GraphStore, sqlite_events: MissionAtlas
) -> None:
    seed(sqlite_events)
    projector = Projector(sqlite_events, graph_store, batch_size=4)
    assert projector.catch_up() == sqlite_events.last_position == 16
    assert count(graph_store, "Event") == 16
    assert graph_store.read(
        "MATCH (m:Mission {id: 'ma'})-[:TRIED]->(i:Iteration) "
        "RETURN i.result AS result, m.status AS status"
    ) == [{"result": "worked", "status": "paused"}]
    assert graph_store.read("MATCH (r:Roadblock) RETURN r.resolution AS resolution") == [
        {"resolution": "Unstuck"}
    ]
    # Each item names the events that recorded it by their ids on the timeline.
    assert graph_store.read(
        "MATCH (i:Iteration) RETURN i.recorded_in AS started, i.concluded_in AS concluded"
    ) == [{"started": "ma@3", "concluded": "ma@4"}]
    assert graph_store.read(
        "MATCH (r:Roadblock) RETURN r.recorded_in AS met, r.resolved_in AS resolved"
    ) == [{"met": "mb@4", "resolved": "mb@5"}]


def test_peers_are_ranked_by_what_they_share(
    graph_store: GraphStore, sqlite_events: MissionAtlas
) -> None:
    seed(sqlite_events)
    Projector(sqlite_events, graph_store).catch_up()
    peers = rank_peers(graph_store, "a")
    assert [p.city_id for p in peers] == ["b", "c"]
    b, c = peers
    assert [s.id for s in b.approaches] == ["cross-sector-alliance"]
    assert [s.id for s in b.themes] == ["climate"]
    assert b.capabilities == []  # the one capability they share comes with the approach
    assert b.score == 3 + 1
    assert (c.approaches, c.themes, [s.id for s in c.capabilities]) == (
        [],
        [],
        ["city-as-orchestrator"],
    )
    assert "1 shared approach (Cross-sector alliance)" in b.reason


def test_a_rebuild_reproduces_the_same_graph(
    graph_store: GraphStore, sqlite_events: MissionAtlas
) -> None:
    seed(sqlite_events)
    projector = Projector(sqlite_events, graph_store, batch_size=5)
    projector.catch_up()
    before = {
        label: count(graph_store, label) for label in ("City", "Mission", "Event", "Iteration")
    }
    assert projector.rebuild() == 16
    after = {
        label: count(graph_store, label) for label in ("City", "Mission", "Event", "Iteration")
    }
    assert before == after == {"City": 3, "Mission": 3, "Event": 16, "Iteration": 1}


def test_verification_finds_nothing_on_a_faithful_graph(
    graph_store: GraphStore, sqlite_events: MissionAtlas
) -> None:
    seed(sqlite_events)
    Projector(sqlite_events, graph_store).catch_up()
    report = verify_graph(sqlite_events, graph_store)
    assert report.consistent
    assert (report.position, report.expected["Event"], report.actual["Mission"]) == (16, 16, 3)


def test_verification_reports_every_difference(
    graph_store: GraphStore, sqlite_events: MissionAtlas
) -> None:
    seed(sqlite_events)
    Projector(sqlite_events, graph_store).catch_up()
    graph_store.apply(
        [
            Write(
                "UNWIND $rows AS row MATCH (i:Iteration {id: row.id}) DETACH DELETE i",
                [{"id": "ma/pilot"}],
            ),
            Write(
                "UNWIND $rows AS row MATCH (e:Event {id: row.id}) DETACH DELETE e", [{"id": "mb@2"}]
            ),
            Write(cypher.UPSERT_CITIES, [{**CITY.rows[0], "id": "stray"}]),
        ],
        PROJECTION,
        after=16,
        position=16,
    )
    report = verify_graph(sqlite_events, graph_store)
    assert not report.consistent
    found = {(d.label, tuple(d.missing), tuple(d.unexpected)) for d in report.differences}
    assert found == {
        ("Iteration", ("ma/pilot",), ()),
        ("Event", ("mb@2",), ()),
        ("City", (), ("stray",)),
    }
    assert report.kinds_expected["ApproachAdopted"] == report.kinds_actual["ApproachAdopted"] + 1


def test_a_retracted_event_leaves_the_corrected_view_but_not_the_timeline(
    graph_store: GraphStore, sqlite_events: MissionAtlas
) -> None:
    seed(sqlite_events)
    sqlite_events.execute(
        [
            f.decide("ma", "Wrong figure", decision_id="d1"),
            f.decide("ma", "Right figure", decision_id="d2"),
        ]
    )
    version = sqlite_events.mission("ma").version
    sqlite_events.execute(
        [
            f.retract("ma", version - 1, superseded_by=version),
            f.retract("ma", 4),  # the pilot's conclusion: the iteration is open again
        ]
    )
    Projector(sqlite_events, graph_store, batch_size=3).catch_up()
    decisions = graph_store.read(
        "MATCH (d:Decision) RETURN d.title AS title, d.recorded_in AS recorded_in"
    )
    assert decisions == [{"title": "Right figure", "recorded_in": f"ma@{version}"}]
    pilot = graph_store.read(
        "MATCH (i:Iteration {id: 'ma/pilot'}) RETURN i.result AS result, "
        "i.concluded_in AS concluded_in"
    )
    assert pilot == [{"result": None, "concluded_in": None}]
    lessons = graph_store.read("MATCH (l:Lesson) RETURN l.title AS title")
    assert lessons == [{"title": "Right figure"}]
    marked = graph_store.read(
        "MATCH (e:Event) WHERE e.retracted_by IS NOT NULL "
        "RETURN e.id AS id, e.superseded_by AS by ORDER BY e.id"
    )
    assert marked == [
        {"id": "ma@4", "by": None},
        {"id": f"ma@{version - 1}", "by": f"ma@{version}"},
    ]
    assert verify_graph(sqlite_events, graph_store).consistent
