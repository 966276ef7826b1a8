"""Every reader of the log reads it alike from either event store: the graph's projector,
``verify-graph``, the chain's ``verify`` and the RDF projector, across unused positions, with
a correction, and with people's names kept out of what they write."""

from __future__ import annotations

from pathlib import Path

import pytest

from events.application import MissionAtlas
from events.chain import verify_log
from graph.embedded import EmbeddedGraphStore
from graph.projector import Projector
from graph.verification import verify_graph
from ontology.iris import Iris
from ontology.rdf_projector import RdfProjector
from ontology.rdf_store import RdfStore
from tests import factories as f
from tests.integration.tamper import Tamper

NAME = "Jane Namesake"


@pytest.fixture
def record(events: MissionAtlas) -> MissionAtlas:
    """Seven events at positions 1, 2, 3, 14, 15, 16, 17: four decisions by a named person,
    the second retracted."""
    events.execute([f.register_city(), f.launch()])
    titles = [f"Decision {i}" for i in range(4)]
    events.execute([f.decide("retrofit", title, decided_by=NAME) for title in titles])
    events.execute([f.retract("retrofit", 3)])
    Tamper(events).gap(after=3, width=10)
    return events


def test_the_graph_shows_every_event_once_and_verifies(
    record: MissionAtlas, tmp_path: Path
) -> None:
    store = EmbeddedGraphStore(tmp_path / "graph.lbug")
    try:
        store.setup()
        assert Projector(record, store, batch_size=2).catch_up() == 17
        decisions = store.read(
            "MATCH (d:Decision) RETURN d.title AS title, d.decided_by AS by ORDER BY d.title"
        )
        assert [d["title"] for d in decisions] == ["Decision 0", "Decision 2", "Decision 3"]
        assert all(d["by"].startswith("[person:") for d in decisions)
        report = verify_graph(record, store, page=2)
        assert report.consistent
        assert (report.position, sum(report.kinds_actual.values())) == (17, 7)
    finally:
        store.close()


def test_the_chain_verifies_across_unused_positions(record: MissionAtlas) -> None:
    report = verify_log(record.recorder, page=2)
    assert report.intact
    assert (report.head.position, report.head.events) == (17, 7)


def test_the_rdf_store_follows_the_log_to_its_last_position(record: MissionAtlas) -> None:
    store = RdfStore()
    try:
        projector = RdfProjector(record, store, Iris(), batch_size=2)
        assert projector.catch_up(until=2) == 2  # built from the first events
        assert projector.catch_up() == 17  # then followed, a batch at a time
        stated = " ".join(str(q) for q in store.store.quads_for_pattern(None, None, None, None))
        assert '"Decision 3"' in stated
        assert NAME not in stated
    finally:
        store.close()
