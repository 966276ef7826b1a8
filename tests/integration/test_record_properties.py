"""Generated histories, on both graph stores: whatever valid events arrive, in whatever
transactions and batches, the graph answers what the independent model says.

The number of histories per store comes from the Hypothesis profile: `ci` by default, `soak`
for long runs (`tests/run tests/integration/test_record_properties.py --hypothesis-profile=soak`).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from events.application import MissionAtlas
from events.history import handover, mission_as_of
from events.settings import event_store_env
from graph import cypher
from graph.embedded import EmbeddedGraphStore
from graph.neo4j_store import Neo4jGraphStore
from graph.port import GraphStore
from graph.projector import Projector
from graph.reads.lessons import LessonFilter, find_lessons
from graph.reads.peers import rank_peers
from graph.reads.transitions import transitions
from graph.verification import verify_graph
from tests.histories import APPROACH_IDS, HistoryBuilder, history
from tests.record_model import Fate, RecordModel
from tests.services.neo4j_server import Neo4jServer


@contextmanager
def fresh(kind: str, neo4j: Neo4jServer | None) -> Iterator[tuple[MissionAtlas, GraphStore]]:
    folder = Path(tempfile.mkdtemp(prefix="atlas-property-"))
    events = MissionAtlas(env=event_store_env("sqlite", folder / "events.sqlite"))
    store: GraphStore
    if kind == "neo4j":
        assert neo4j is not None
        store = Neo4jGraphStore.connect(neo4j.uri, "neo4j", "", "neo4j")
        store.clear()
    else:
        store = EmbeddedGraphStore(folder / "graph.lbug")
    try:
        store.setup()
        yield events, store
    finally:
        store.close()
        events.close()
        shutil.rmtree(folder, ignore_errors=True)


def graph_state(store: GraphStore) -> dict[str, Any]:
    """What the graph says, in a form that compares with the model."""

    def pairs(query: str) -> set[tuple[Any, ...]]:
        return {tuple(row.values()) for row in store.read(query)}

    return {
        "missions": pairs("MATCH (c:City)-[:RUNS]->(m:Mission) RETURN m.id, c.id, m.status"),
        "decisions": pairs("MATCH (m:Mission)-[:DECIDED]->(d:Decision) RETURN d.id"),
        "iterations": pairs("MATCH (m:Mission)-[:TRIED]->(i:Iteration) RETURN i.id, i.result"),
        "roadblocks": pairs("MATCH (m:Mission)-[:MET]->(r:Roadblock) RETURN r.id, r.resolution"),
        "partners": pairs(
            "MATCH (p:Partner)-[:PARTNERS_IN]->(m:Mission) RETURN p.id, p.left_reason"
        ),
        "outcomes": pairs("MATCH (m:Mission)-[:MEASURED]->(o:Outcome) RETURN o.id"),
        "spillovers": pairs("MATCH (m:Mission)-[:SPILLED_OVER]->(s:Spillover) RETURN s.id"),
        "uses": pairs("MATCH (m:Mission)-[:USES]->(a:Approach) RETURN m.id, a.id"),
        "instruments": pairs(
            "MATCH (m:Mission)-[:HAS_INSTRUMENT]->(i:Instrument) "
            "RETURN i.id, i.runs_until, i.end_reason"
        ),
        "themes": pairs("MATCH (m:Mission)-[:ADDRESSES]->(t:Theme) RETURN m.id, m.theme, t.id"),
        "applies": pairs("MATCH (c:City)-[:APPLIES]->(a:Approach) RETURN c.id, a.id"),
        "terms": pairs("MATCH (c:City)-[:GOVERNED_BY]->(a:Administration) RETURN a.id, a.term_end"),
        "events": len(store.read("MATCH (e:Event) RETURN e.id AS id")),
        "retracted": len(
            store.read("MATCH (e:Event) WHERE e.retracted_by IS NOT NULL RETURN e.id AS id")
        ),
    }


def model_state(model: RecordModel) -> dict[str, Any]:
    state: dict[str, Any] = {
        "missions": {(k, m.city_id, m.status) for k, m in model.missions.items()},
        "events": model.position,
        "retracted": sum(
            r.retracted
            for subject in (*model.missions.values(), *model.cities.values())
            for r in subject.events.values()
        ),
        "uses": {(k, a) for k, m in model.missions.items() for a in m.approaches},
        "instruments": {
            (f"{k}@{v}", until, ended)
            for k, m in model.missions.items()
            for v, (until, ended) in m.instruments().items()
        },
        "themes": {(k, m.theme, m.theme) for k, m in model.missions.items()},
        "applies": {(m.city_id, a) for m in model.missions.values() for a in m.approaches},
        "terms": {
            (f"{k}/{term}", end)
            for k, city in model.cities.items()
            for term, end in city.terms().items()
        },
    }
    kinds = {
        "decisions": "DecisionRecorded",
        "outcomes": "OutcomeMeasured",
        "spillovers": "SpilloverObserved",
    }
    for name, kind in kinds.items():
        state[name] = {(f"{k}/{i}",) for k, m in model.missions.items() for i in m.items(kind)}
    state["iterations"] = {
        (f"{k}/{i}", c.values["result"] if c else None)
        for k, m in model.missions.items()
        for i, c in m.iterations().items()
    }
    state["partners"] = {
        (f"{k}/{p}", c.values["reason"] if c else None)
        for k, m in model.missions.items()
        for p, c in m.partners().items()
    }
    state["roadblocks"] = {
        (f"{k}/{r}", c.values["resolution"] if c else None)
        for k, m in model.missions.items()
        for r, c in m.roadblocks().items()
    }
    return state


def check(events: MissionAtlas, store: GraphStore, model: RecordModel) -> None:
    assert graph_state(store) == model_state(model)
    lessons = find_lessons(store, LessonFilter(), None, 1000)
    shown = [(r.id, r.result) for r in lessons]
    assert shown == model.lessons(), [(r.id, r.sort_key) for r in lessons]
    for city_id in model.cities:
        found = {
            p.city_id: ({s.id for s in p.approaches}, {s.id for s in p.themes})
            for p in rank_peers(store, city_id)
            if p.approaches or p.themes
        }
        assert found == model.peers(city_id)
    for city_id in model.cities:
        changes: list[tuple[str, str, list[Fate]]] = [
            (
                t.outgoing.id, t.incoming.id,
                [
                    Fate(
                        f.mission_id, f.outcome, f.changed_on,
                        [d.id for d in f.decisions_before],
                        [d.id for d in f.decisions_after],
                        [r.id for r in f.roadblocks_carried_over],
                        f.administrations_survived,
                    )
                    for f in t.missions
                ],
            )
            for t in transitions(store, city_id)
        ]  # fmt: skip
        assert changes == model.transitions(city_id)
        for day in {r.values["term_start"] for r in model.cities[city_id].events.values()
                    if "term_start" in r.values}:  # fmt: skip
            runs = sorted(k for k, m in model.missions.items() if m.city_id == city_id)
            given = handover(events, city_id, day, runs)
            term = given.administration.administration_id if given.administration else None
            assert (term, [r.mission_id for r in given.missions]) == model.handover(city_id, day)
    for approach in APPROACH_IDS:
        results = {
            r["result"]: r["n"]
            for r in store.read(cypher.APPROACH_ITERATION_RESULTS, {"ids": [approach]})
        }
        blocks = store.read(cypher.APPROACH_ROADBLOCKS, {"ids": [approach]})
        met = (blocks[0]["met"], blocks[0]["resolved"]) if blocks else (0, 0)
        assert (results, *met) == model.approach_results(approach)
    report = verify_graph(events, store)
    assert report.consistent, report.differences
    for mission_id, m in model.missions.items():
        record = mission_as_of(events, mission_id)
        assert record.status == m.status
        assert set(record.decisions) == set(m.items("DecisionRecorded"))
        results = {i: it.get("result") for i, it in record.iterations.items()}
        expected = {i: c.values["result"] if c else None for i, c in m.iterations().items()}
        assert results == expected
        assert set(record.approaches) == m.approaches


@pytest.mark.parametrize("kind", ["embedded", "neo4j"])
@given(data=st.data())
def test_any_valid_history_projects_to_what_the_model_says(
    kind: str, data: st.DataObject, request: pytest.FixtureRequest
) -> None:
    neo4j = request.getfixturevalue("neo4j_server") if kind == "neo4j" else None
    built: HistoryBuilder = history(data.draw)
    commands, model = built.commands, built.model
    with fresh(kind, neo4j) as (events, store):
        projector = Projector(events, store, batch_size=data.draw(st.integers(1, 50)))
        done = 0
        while done < len(commands):
            # Transactions of any size, with the projector catching up at any point.
            size = data.draw(st.integers(1, len(commands) - done))
            events.execute(commands[done : done + size])
            done += size
            if data.draw(st.booleans()):
                projector.catch_up()
        assert projector.catch_up() == model.position
        check(events, store, model)
        # A rebuild, in one batch of any size, reaches the same graph.
        projector.batch_size = data.draw(st.integers(1, 1000))
        assert projector.rebuild() == model.position
        check(events, store, model)
