"""A person's erasure reaches the disk: after it, no stored byte spells their name.

The event store keeps the name encrypted under a key of its own, and the graph holds only a
reference to the person, so erasing the key is enough everywhere. These tests record a name
the way a city would, read it back, erase it, and scan every file the record lives in.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest

from api.bootstrap import bootstrap
from api.settings import Settings
from events.people import ERASED
from graph.reads.transitions import transitions
from tests import factories as f
from tests.integration.graph_stores import STORES
from tests.services.neo4j_server import Neo4jServer


def files_holding(folder: Path, text: str) -> list[Path]:
    needles = {text.encode(), text.encode("utf-16-le")}
    return [
        path
        for path in sorted(folder.rglob("*"))
        if path.is_file() and any(needle in path.read_bytes() for needle in needles)
    ]


@pytest.mark.parametrize("kind", STORES)
def test_after_erasure_no_file_under_the_data_directory_or_in_neo4j_holds_the_name(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    name = f"Jane Erasable {uuid.uuid4().hex[:8]}"
    env = {"MISSION_ATLAS_DATA_DIR": str(tmp_path / "data")}
    neo4j: Neo4jServer | None = None
    if kind == "neo4j":
        neo4j = request.getfixturevalue("neo4j_server")
        env |= {"MISSION_ATLAS_GRAPH_STORE": "neo4j", "NEO4J_URI": neo4j.uri}
    atlas = bootstrap(Settings.from_env(env))
    try:
        atlas.graph.clear()
        atlas.graph.setup()
        atlas.events.execute(
            [
                f.register_city(recorded_by=name),
                f.begin_term("springfield", "t1", date(2019, 6, 15), mayor="Someone Else"),
                f.end_term("springfield", "t1", date(2023, 6, 16)),
                f.begin_term("springfield", "t2", date(2023, 6, 17), mayor=name),
                f.launch(recorded_by=name),
                f.decide("retrofit", "Keep going", decided_by=name),
            ]
        )
        atlas.projector.catch_up()
        (change,) = transitions(atlas.graph, "springfield")
        assert change.incoming.mayor == name  # read back through the key store
        assert atlas.events.people.forget(name)
        (change,) = transitions(atlas.graph, "springfield")
        assert change.incoming.mayor == ERASED
        timeline = atlas.graph.read("MATCH (e:Event) RETURN e.summary AS s, e.recorded_by AS by")
        assert f"{ERASED} took office" in {row["s"] for row in timeline}
        assert name not in str(timeline)
    finally:
        atlas.close()
    assert files_holding(tmp_path / "data", name) == []
    if neo4j is not None:
        assert files_holding(neo4j.home, name) == []
