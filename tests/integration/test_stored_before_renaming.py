"""A record stored before the events took their public names still reads, corrects and
projects, as the kinds they now are.

``tests/fixtures/record-before-kinds.sqlite`` was written by the code of commit 9c57862 (the
Springfield story, then a mission status changed and withdrawn, both kinds of details
corrected, and an administration withdrawn): its rows carry the old topics
(``events.mission:Mission.Launched``...) and a retraction naming ``StatusChanged``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from events import commands as c
from events.application import MissionAtlas
from events.audit import audit_trail
from events.chain import verify_log
from events.history import mission_as_of
from events.settings import event_store_env
from events.vocabulary import MissionStatus
from ontology.describe import describe
from ontology.export import export_graphs
from ontology.iris import Iris
from ontology.writers import FORMATS, serialize
from tests import factories as f

FIXTURE = Path(__file__).parent.parent / "fixtures" / "record-before-kinds.sqlite"
IRIS = Iris("http://atlas.test/id/")


@pytest.fixture
def old_store(tmp_path: Path) -> Iterator[MissionAtlas]:
    path = tmp_path / "events.sqlite"
    shutil.copyfile(FIXTURE, path)
    app = MissionAtlas(env=event_store_env("sqlite", path))
    yield app
    app.close()


def test_old_events_read_under_their_public_names(old_store: MissionAtlas) -> None:
    trail = audit_trail(old_store, "retrofit")
    assert trail[0].kind == "MissionLaunched"
    assert [e.kind for e in trail].count("MissionStatusChanged") == 3
    assert trail[-1].kind == "MissionDetailsCorrected"
    retraction = trail[-2]
    assert retraction.kind == "EventRetracted"
    assert retraction.details["kind"] == "MissionStatusChanged"  # stored as StatusChanged
    assert trail[-3].retracted_by == retraction.version
    mission = old_store.mission("retrofit")
    assert mission.status == MissionStatus.ACTIVE  # the halt was withdrawn
    assert mission.recorded[1] == ("MissionLaunched", None)
    assert mission.goal == "A corrected goal"
    assert mission_as_of(old_store, "retrofit").status == "active"
    city = old_store.city("springfield")
    assert [t.administration_id for t in city.terms] == ["ada", "bo"]
    assert old_store.city("shelbyville").name == "Shelbyville Town"


def test_old_events_keep_their_hash_chain(old_store: MissionAtlas) -> None:
    report = verify_log(old_store.recorder, page=10)
    assert report.intact
    assert report.head.events == 39


def test_an_old_event_is_replaced_by_a_new_one_of_its_public_kind(
    old_store: MissionAtlas,
) -> None:
    old_store.execute(
        [
            c.ChangeMissionStatus(
                mission_id="retrofit",
                status=MissionStatus.PAUSED,
                reason="Funding review",
                supersedes_version=11,
                correction_reason="the wrong reason was given",
                **f.WHO,
            )
        ]
    )
    trail = audit_trail(old_store, "retrofit")
    assert trail[10].superseded_by == trail[-1].version
    assert trail[-2].details["kind"] == "MissionStatusChanged"


def test_the_export_applies_corrections_stored_under_their_former_names(
    old_store: MissionAtlas,
) -> None:
    # The export finds corrections by topic: a filter naming only the new topics would miss
    # these, and the withdrawn name and goal would stand beside the corrected ones.
    triples = "".join(serialize(FORMATS["nt"], export_graphs(old_store, IRIS)))
    shelbyville = "<http://atlas.test/id/city/shelbyville>"
    names = [line for line in triples.splitlines() if line.startswith(shelbyville + " ")]
    labels = [line for line in names if "Shelbyville" in line.split(" ", 2)[2]]
    assert labels
    assert all('"Shelbyville Town"' in line for line in labels)
    retrofit = (
        "<http://atlas.test/id/mission/retrofit> <https://w3id.org/mission-atlas/ontology#goal>"
    )
    goals = [line for line in triples.splitlines() if line.startswith(retrofit)]
    assert goals == [f'{retrofit} "A corrected goal" .']


def test_a_city_described_lists_the_missions_launched_before_the_rename(
    old_store: MissionAtlas,
) -> None:
    graphs = describe(old_store, IRIS, "city/springfield")
    subjects = {s for _, triples in graphs for s, _, _ in triples}
    assert "<http://atlas.test/id/mission/retrofit>" in subjects
