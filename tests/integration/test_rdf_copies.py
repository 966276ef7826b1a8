"""The RDF store's copies for the workers of one server: each opens a store of its own, starting
where the store was, and follows the event log into it on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.bootstrap import catch_up_rdf, open_events
from api.seed import SEED_FILES
from api.settings import Settings
from events.application import MissionAtlas
from events.importing import import_events
from events.settings import event_store_env
from ontology.errors import RdfStoreHeld
from ontology.iris import Iris
from ontology.rdf_copies import copies_of, make_copies, open_free
from ontology.rdf_projector import RdfProjector, mapping_stamp
from ontology.rdf_store import RdfStore
from tests.stories import springfield_story

IRIS = Iris("http://atlas.test/id/")


def test_each_process_opens_a_store_of_its_own_where_the_store_was(tmp_path: Path) -> None:
    app = MissionAtlas(env=event_store_env("sqlite", tmp_path / "events.sqlite"))
    for seed in SEED_FILES:
        with seed.open() as lines:
            import_events(app, lines)
    primary = tmp_path / "rdf.oxigraph"
    store = RdfStore(primary)
    seeded = RdfProjector(app, store, IRIS).catch_up()
    quads = len(store.store)
    store.close()
    (copies_of(primary) / "9").mkdir(parents=True)  # left by an earlier run of more workers

    assert make_copies(primary, 2) == [copies_of(primary) / "1", copies_of(primary) / "2"]
    # The directory admits one opener, in this process as in any: each open takes the next.
    opened = [open_free(primary) for _ in range(3)]
    assert [s.path for s in opened] == [
        primary,
        copies_of(primary) / "1",
        copies_of(primary) / "2",
    ]
    with pytest.raises(RdfStoreHeld, match="and its 2 copies"):
        open_free(primary)
    assert {(s.position, len(s.store)) for s in opened} == {(seeded, quads)}

    # A copy follows the log on its own: the others stay where they were until they do.
    app.execute(springfield_story())
    moved = RdfProjector(app, opened[1], IRIS).catch_up()
    assert moved > seeded
    assert [s.position for s in opened] == [seeded, moved, seeded]
    assert RdfProjector(app, opened[2], IRIS).catch_up() == moved
    assert len(opened[2].store) == len(opened[1].store) > quads
    for s in opened:
        s.close()
    app.close()


def test_copies_are_refused_while_a_server_holds_the_store(tmp_path: Path) -> None:
    primary = tmp_path / "rdf.oxigraph"
    held = RdfStore(primary)
    try:
        with pytest.raises(RdfStoreHeld, match="held by another process"):
            make_copies(primary, 1)
        assert not copies_of(primary).exists()
    finally:
        held.close()


def test_a_server_of_several_workers_brings_the_store_up_to_date_once_before_copying_it(
    tmp_path: Path,
) -> None:
    settings = Settings.from_env({"MISSION_ATLAS_DATA_DIR": str(tmp_path)})
    app = open_events(settings)
    for seed in SEED_FILES:
        with seed.open() as lines:
            import_events(app, lines)
    last = app.last_position
    app.close()
    told: list[tuple[int, int]] = []

    def behind(position: int, last: int) -> None:
        told.append((position, last))

    assert catch_up_rdf(settings, behind) == last
    assert told == [(0, last)]
    assert catch_up_rdf(settings, behind) == last
    assert told == [(0, last)]  # nothing to do, nothing said

    # A build stopped half way (a server stopped while its worker built the store) is built
    # again from the first event, as one left by another version of the mapping is.
    store = RdfStore(settings.rdf_store_path)
    store.begin_build()
    store.close()
    assert catch_up_rdf(settings, behind) == last
    assert told[-1] == (0, last)
    store = RdfStore(settings.rdf_store_path)
    try:
        assert (store.position, store.stamp) == (last, mapping_stamp())
        assert len(store.store) > 1000
    finally:
        store.close()
