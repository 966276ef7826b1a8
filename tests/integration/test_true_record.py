"""Histories that once wedged the graph or answered wrongly, kept as examples on both stores.

Each test here reproduced a failure seen in use before the fix; the generated-history suite
(`tests/integration/test_record_properties.py`) looks for the ones nobody has thought of.
"""

from __future__ import annotations

import codecs
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import rdflib
from eventsourcing.persistence import StoredEvent
from pyshacl import validate

from api.bootstrap import bootstrap
from api.settings import Settings
from events import commands as c
from events.application import CommandRejected, MissionAtlas
from events.dates import PartialDate
from events.errors import RuleViolated
from events.history import handover, mission_as_of
from events.importing import import_events
from events.vocabulary import Result
from graph import model
from graph.embedded import EmbeddedGraphStore, rebuild_beside
from graph.errors import ProjectionFailed, ProjectionLagging
from graph.port import GraphStore, Row, Write
from graph.projector import MODEL_STAMP, PROJECTION, Projector
from graph.reads.lessons import LessonFilter, find_lessons
from graph.verification import verify_graph
from ontology.export import export_graphs
from ontology.iris import Iris
from ontology.writers import FORMATS, serialize
from tests import factories as f


def one_batch(events: MissionAtlas, store: GraphStore) -> int:
    """Project every stored event in a single batch, as an import of one file would."""
    return Projector(events, store, batch_size=10_000).catch_up()


def test_a_mission_may_share_its_id_with_a_city(
    graph_store: GraphStore, sqlite_events: MissionAtlas
) -> None:
    sqlite_events.execute(
        [
            f.register_city("valencia"),
            f.register_city("camden"),
            f.launch("camden", "valencia"),  # a mission named like another city
            f.launch("valencia", "valencia"),  # and one named like its own city
            f.decide("camden", "Shared id, separate records"),
        ]
    )
    assert one_batch(sqlite_events, graph_store) == 5
    assert verify_graph(sqlite_events, graph_store).consistent
    owners = graph_store.read("MATCH (e:Event) RETURN e.id AS id ORDER BY e.id")
    assert [r["id"] for r in owners] == [
        "camden@1",
        "camden@2",
        "city:camden@1",
        "city:valencia@1",
        "valencia@1",
    ]


def test_a_conclusion_retracted_and_concluded_again_in_one_batch_shows_the_new_result(
    graph_store: GraphStore, sqlite_events: MissionAtlas
) -> None:
    sqlite_events.execute(
        [
            f.register_city(),
            f.launch(),
            f.start_iteration("retrofit", "pilot"),
            f.conclude("retrofit", "pilot", result=Result.WORKED, why="First reading"),
            f.retract("retrofit", 3),
            f.conclude("retrofit", "pilot", result=Result.DID_NOT_WORK, why="Audited figures"),
            f.roadblock("retrofit", "supply"),
            f.resolve("retrofit", "supply", resolution="Wrong"),
            f.retract("retrofit", 7),
            f.resolve("retrofit", "supply", resolution="Right"),
        ]
    )
    assert one_batch(sqlite_events, graph_store) == sqlite_events.last_position
    lessons = find_lessons(graph_store, LessonFilter(), None, 10)
    assert [(r.result, r.why) for r in lessons] == [("did_not_work", "Audited figures")]
    resolution = graph_store.read("MATCH (r:Roadblock) RETURN r.resolution AS resolution")
    assert resolution == [{"resolution": "Right"}]
    assert verify_graph(sqlite_events, graph_store).consistent


def test_lessons_are_newest_first_by_the_day_they_happened_not_by_recording(
    graph_store: GraphStore, sqlite_events: MissionAtlas
) -> None:
    sqlite_events.execute(
        [
            f.register_city(),
            f.launch(),
            f.decide("retrofit", "Decided in 2023", occurred_on=date(2023, 3, 1)),
            f.decide("retrofit", "Undated"),
            f.decide("retrofit", "Decided in 2019, entered later", occurred_on=date(2019, 5, 1)),
            f.decide("retrofit", "Also 2023, entered last", occurred_on=date(2023, 3, 1)),
        ]
    )
    one_batch(sqlite_events, graph_store)
    titles = [r.title for r in find_lessons(graph_store, LessonFilter(), None, 10)]
    assert titles == [
        "Also 2023, entered last",
        "Decided in 2023",
        "Decided in 2019, entered later",
        "Undated",
    ]
    first_page = find_lessons(graph_store, LessonFilter(), None, 2)
    rest = find_lessons(graph_store, LessonFilter(), first_page[-1].sort_key, 10)
    assert [r.title for r in rest] == titles[2:]


class FailingAt(GraphStore):
    """A real store that refuses the batch holding one position, as a bug would."""

    def __init__(self, store: GraphStore, position: int) -> None:
        self.store, self.failing = store, position

    def setup(self) -> None:
        self.store.setup()

    def apply(self, writes: Any, projection: str, after: int, position: int) -> bool:
        if projection == PROJECTION and after < self.failing <= position:
            raise RuntimeError("Found duplicated primary key value")
        return self.store.apply(writes, projection, after, position)

    def position(self, projection: str) -> int:
        return self.store.position(projection)

    def read(self, query: str, parameters: Any = None) -> list[Row]:
        return self.store.read(query, parameters)

    def clear(self) -> None:
        self.store.clear()

    def close(self) -> None:
        self.store.close()


def test_a_batch_that_cannot_be_projected_stops_nothing_but_itself(
    graph_store: GraphStore, sqlite_events: MissionAtlas, caplog: pytest.LogCaptureFixture
) -> None:
    sqlite_events.execute([f.register_city(), f.launch()])
    sqlite_events.execute([f.decide("retrofit", "Will not project")])
    projector = Projector(sqlite_events, FailingAt(graph_store, 3), batch_size=2)
    with pytest.raises(ProjectionFailed) as failed:
        projector.catch_up()
    assert failed.value.after == 2
    assert projector.position == 2  # the last consistent graph, still readable
    assert projector.failure is failed.value
    with pytest.raises(ProjectionLagging):  # a writer learns at once, without waiting 10 s
        projector.wait_for(3, timeout=10)
    tracebacks = [r for r in caplog.records if r.exc_info and r.name == "graph.projector"]
    assert len(tracebacks) == 1  # the same failure again is one line, not another traceback
    report = verify_graph(sqlite_events, graph_store)
    assert (report.lag, report.consistent) == (1, False)
    assert report.differences[0].missing  # what the graph does not show is named


def test_verify_graph_compares_with_the_whole_event_store(
    graph_store: GraphStore, sqlite_events: MissionAtlas
) -> None:
    sqlite_events.execute([f.register_city(), f.launch()])
    Projector(sqlite_events, graph_store).catch_up()
    sqlite_events.execute([f.decide("retrofit", "Not yet in the graph")])
    report = verify_graph(sqlite_events, graph_store)
    assert not report.consistent
    assert {d.label for d in report.differences} >= {"Decision", "Event", "Lesson"}


def test_a_failed_rebuild_leaves_the_old_graph_serving(
    tmp_path: Path, sqlite_events: MissionAtlas
) -> None:
    sqlite_events.execute([f.register_city(), f.launch(), f.decide("retrofit", "Kept")])
    path = tmp_path / "graph.lbug"
    store = EmbeddedGraphStore(path)
    store.setup()
    Projector(sqlite_events, store).catch_up()
    store.close()

    def broken(fresh: GraphStore) -> int:
        Projector(sqlite_events, fresh, batch_size=1).catch_up(until=2)
        raise ProjectionFailed(2, RuntimeError("a bug"))

    with pytest.raises(ProjectionFailed):
        rebuild_beside(path, broken)
    assert not path.with_name("graph.lbug.rebuilding").exists()
    store = EmbeddedGraphStore(path)
    assert store.position(PROJECTION) == 3
    assert [r["title"] for r in store.read("MATCH (d:Decision) RETURN d.title AS title")] == [
        "Kept"
    ]
    store.close()
    assert rebuild_beside(path, lambda fresh: Projector(sqlite_events, fresh).catch_up()) == 3
    store = EmbeddedGraphStore(path)
    assert verify_graph(sqlite_events, store).consistent
    store.close()


def test_a_write_that_is_no_longer_a_create_cannot_be_replayed_onto_itself(
    graph_store: GraphStore,
) -> None:
    # The contract the waves rely on: statements of one batch run in the order given.
    first = Write("UNWIND $rows AS row CREATE (:Theme {id: row.id})", [{"id": "t"}])
    gone = Write("UNWIND $rows AS row MATCH (t:Theme {id: row.id}) DETACH DELETE t", [{"id": "t"}])
    assert graph_store.apply([first, gone, first], PROJECTION, after=0, position=1)
    assert graph_store.read("MATCH (t:Theme {id: 't'}) RETURN t.id AS id") == [{"id": "t"}]


def test_a_file_with_a_retraction_and_a_replacement_imports_projects_and_exports(
    graph_store: GraphStore, sqlite_events: MissionAtlas
) -> None:
    who = {"recorded_by": "team", "source": "https://example.org/minutes"}
    m = {"mission_id": "valencia"}
    pilot = {**m, "iteration_id": "pilot"}
    rows: list[dict[str, Any]] = [
        {"event": "CityRegistered", "city_id": "valencia", "name": "Valencia", "country": "ES"},
        {"event": "MissionLaunched", **m, "city_id": "valencia", "title": "T", "goal": "G",
         "theme": "climate", "occurred_on": "2020"},
        {"event": "IterationStarted", **pilot, "title": "Pilot", "occurred_on": "2021-03"},
        {"event": "IterationConcluded", **pilot, "event_id": "first", "result": "worked",
         "why": "Looked good", "occurred_on": "2022"},
        {"event": "RoadblockEncountered", **m, "event_id": "typo", "roadblock_id": "x",
         "description": "Typo"},
        {"event": "EventRetracted", **m, "retracts": "typo", "reason": "Recorded by mistake"},
        {"event": "IterationConcluded", **pilot, "result": "did_not_work", "why": "Audited",
         "occurred_on": "2022-11", "supersedes": "first", "correction_reason": "The audit"},
    ]  # fmt: skip
    lines = [json.dumps({**row, **who}) for row in rows]
    stored = import_events(sqlite_events, [codecs.BOM_UTF8.decode() + lines[0], *lines[1:]])
    assert stored.stored == 8  # the replacement is a withdrawal and a conclusion
    projector = Projector(sqlite_events, graph_store, batch_size=10_000)
    for project in (projector.catch_up, projector.rebuild):
        assert project() == 8
        assert verify_graph(sqlite_events, graph_store).consistent
        iteration = graph_store.read("MATCH (i:Iteration) RETURN i.result AS result")
        assert iteration == [{"result": "did_not_work"}]
        assert graph_store.read("MATCH (r:Roadblock) RETURN r.id AS id") == []
    turtle = "".join(
        serialize(
            FORMATS["ttl"], export_graphs(sqlite_events, Iris("http://t.test/"), with_events=True)
        )
    )
    shapes = rdflib.Graph().parse(Path(__file__).parents[2] / "ontology" / "shapes.ttl")
    conforms, _, report = validate(
        rdflib.Graph().parse(data=turtle, format="turtle"), shacl_graph=shapes
    )
    assert conforms, report


def test_a_launch_or_a_registration_with_wrong_details_is_corrected(
    graph_store: GraphStore, sqlite_events: MissionAtlas
) -> None:
    sqlite_events.execute(
        [
            f.register_city("valencia", name="Valensia", country="ES"),
            f.launch("climate", "valencia", title="Climat neutral", goal="Neutral by 2050"),
            c.CorrectMissionDetails(
                mission_id="climate", title="Climate neutral Valencia", reason="Typo", **f.WHO
            ),
            c.CorrectMissionDetails(  # a correction corrected: only the last title stands
                mission_id="climate", title="Climate-neutral Valencia", reason="Hyphen", **f.WHO
            ),
            c.CorrectMissionDetails(
                mission_id="climate", goal="Neutral by 2030", horizon_year=2030,
                reason="The plan says 2030", **f.WHO,
            ),
            c.CorrectCityDetails(city_id="valencia", name="Valencia", reason="Typo", **f.WHO),
        ]
    )  # fmt: skip
    with pytest.raises(CommandRejected) as refused:  # a correction that changes nothing
        sqlite_events.execute(
            [c.CorrectCityDetails(city_id="valencia", name="Valencia", reason="Again", **f.WHO)]
        )
    assert isinstance(refused.value.cause, RuleViolated)
    projector = Projector(sqlite_events, graph_store, batch_size=2)
    for project in (projector.catch_up, projector.rebuild):
        assert project() == 6
        mission = graph_store.read(
            "MATCH (c:City)-[:RUNS]->(m:Mission) "
            "RETURN c.name AS city, m.title AS title, m.goal AS goal, m.horizon_year AS year"
        )
        assert mission == [
            {"city": "Valencia", "title": "Climate-neutral Valencia", "goal": "Neutral by 2030",
             "year": 2030}
        ]  # fmt: skip
        assert verify_graph(sqlite_events, graph_store).consistent
    graphs = export_graphs(sqlite_events, Iris("http://t.test/"), with_events=True)
    data = rdflib.Graph().parse(data="".join(serialize(FORMATS["ttl"], graphs)), format="turtle")
    shapes = rdflib.Graph().parse(Path(__file__).parents[2] / "ontology" / "shapes.ttl")
    conforms, _, report = validate(data, shacl_graph=shapes)
    assert conforms, report
    titles = {str(o) for o in data.objects(None, rdflib.DCTERMS.title)}
    assert titles == {"Climate-neutral Valencia"}
    names = {str(o) for o in data.objects(None, rdflib.SKOS.prefLabel) if str(o).startswith("Val")}
    assert names == {"Valencia"}
    assert mission_as_of(sqlite_events, "climate").title == "Climate-neutral Valencia"


def test_decisions_stored_before_they_could_answer_a_roadblock_still_read(
    sqlite_events: MissionAtlas,
) -> None:
    sqlite_events.execute([f.register_city(), f.launch(), f.decide("retrofit", "Old")])
    (stored,) = sqlite_events.recorder.select_events(
        sqlite_events.mission("retrofit").id, gt=1, lte=2
    )
    state = json.loads(stored.state)
    assert state.pop("class_version") == 2
    del state["answers_roadblock"]  # as version 1 of the event was stored
    as_v1 = StoredEvent(
        stored.originator_id, stored.originator_version, stored.topic, json.dumps(state).encode()
    )
    decision: Any = sqlite_events.mapper.to_domain_event(as_v1)
    assert (decision.title, decision.answers_roadblock) == ("Old", None)


def test_an_instrument_ends_or_is_extended_and_either_can_be_withdrawn(
    graph_store: GraphStore, sqlite_events: MissionAtlas
) -> None:
    fund: dict[str, Any] = {
        "mission_id": "retrofit",
        "approach_id": "community-wealth-fund",
        "instrument": "Fund",
    }
    february = PartialDate.parse("2026-02", "occurred_on")
    sqlite_events.execute(
        [
            f.register_city(),
            f.launch(),
            f.adopt("retrofit", "community-wealth-fund", instrument="Fund"),  # v2
            c.ExtendInstrument(**fund, runs_until=date(2026, 3, 31), **f.WHO),  # v3
            c.ExtendInstrument(**fund, runs_until=date(2027, 3, 31), reason="More", **f.WHO),
            c.EndInstrument(**fund, reason="Money ran out", occurred_on=february, **f.WHO),
        ]
    )
    for refused, field in (
        (c.ExtendInstrument(**fund, runs_until=date(2028, 1, 1), **f.WHO), "instrument"),
        (c.EndInstrument(**{**fund, "instrument": "Kit"}, **f.WHO), "instrument"),
    ):
        with pytest.raises(CommandRejected) as rejected:
            sqlite_events.execute([refused])
        assert rejected.value.cause.field == field
    projector = Projector(sqlite_events, graph_store, batch_size=3)
    instrument = (
        "MATCH (:Mission)-[:HAS_INSTRUMENT]->(i:Instrument) "
        "RETURN i.runs_until AS until, i.ended_on AS ended, i.end_reason AS why"
    )

    def shows(until: date | None, ended: bool, why: str | None) -> None:
        for project in (projector.catch_up, projector.rebuild):
            project()
            (row,) = graph_store.read(instrument)
            assert (row["until"], row["ended"] is not None, row["why"]) == (until, ended, why)
            assert verify_graph(sqlite_events, graph_store).consistent

    shows(date(2027, 3, 31), True, "Money ran out")
    sqlite_events.execute([f.retract("retrofit", 5), f.retract("retrofit", 4)])
    shows(date(2026, 3, 31), False, None)
    with pytest.raises(CommandRejected) as rejected:  # extensions only go later
        sqlite_events.execute([c.ExtendInstrument(**fund, runs_until=date(2026, 1, 1), **f.WHO)])
    assert rejected.value.cause.field == "runs_until"
    sqlite_events.execute([f.retract("retrofit", 2)])  # the adoption itself was wrong
    projector.catch_up()
    assert graph_store.read(instrument) == []
    graphs = export_graphs(sqlite_events, Iris("http://t.test/"), with_events=True)
    data = rdflib.Graph().parse(data="".join(serialize(FORMATS["ttl"], graphs)), format="turtle")
    shapes = rdflib.Graph().parse(Path(__file__).parents[2] / "ontology" / "shapes.ttl")
    conforms, _, report = validate(data, shacl_graph=shapes)
    assert conforms, report


def test_a_mission_theme_given_wrong_is_corrected_everywhere_it_shows(
    graph_store: GraphStore, sqlite_events: MissionAtlas
) -> None:
    sqlite_events.execute(
        [
            f.register_city(),
            f.launch("retrofit", theme="Housing"),
            f.launch("schools", theme="Housing"),
            f.decide("retrofit", "Before the correction"),
            c.CorrectMissionDetails(
                mission_id="retrofit", theme="Climate", reason="Wrong", **f.WHO
            ),
            f.decide("retrofit", "After the correction"),
            c.CorrectMissionDetails(
                mission_id="schools", theme="Education", reason="Wrong", **f.WHO
            ),
        ]
    )
    projector = Projector(sqlite_events, graph_store, batch_size=10_000)
    for project in (projector.catch_up, projector.rebuild):
        project()
        themes = graph_store.read(
            "MATCH (m:Mission)-[:ADDRESSES]->(t:Theme) RETURN m.id AS mission, m.theme AS theme, "
            "t.id AS t ORDER BY mission"
        )
        assert themes == [
            {"mission": "retrofit", "theme": "Climate", "t": "climate"},
            {"mission": "schools", "theme": "Education", "t": "education"},
        ]
        city = graph_store.read(
            "MATCH (:City)-[:WORKS_ON]->(t:Theme) RETURN t.id AS theme ORDER BY theme"
        )
        assert [r["theme"] for r in city] == ["climate", "education"]
        every = graph_store.read("MATCH (t:Theme) RETURN t.id AS theme ORDER BY theme")
        assert [r["theme"] for r in every] == ["climate", "education"]
        lessons = find_lessons(graph_store, LessonFilter(theme="climate"), None, 10)
        assert sorted(lesson.title for lesson in lessons) == [
            "After the correction", "Before the correction"
        ]  # fmt: skip
        assert verify_graph(sqlite_events, graph_store).consistent
    assert mission_as_of(sqlite_events, "retrofit").theme == "Climate"
    graphs = export_graphs(sqlite_events, Iris("http://t.test/"), with_events=True)
    data = rdflib.Graph().parse(data="".join(serialize(FORMATS["ttl"], graphs)), format="turtle")
    themes_in_rdf = {str(o) for o in data.objects(None, rdflib.URIRef(
        "https://w3id.org/mission-atlas/ontology#theme"))}  # fmt: skip
    assert themes_in_rdf == {"Climate", "Education"}


def test_a_graph_built_by_an_older_graph_model_is_rebuilt_before_it_is_served(
    tmp_path: Path,
) -> None:
    settings = Settings.from_env({"MISSION_ATLAS_DATA_DIR": str(tmp_path)})
    atlas = bootstrap(settings)
    try:
        atlas.events.execute([f.register_city(), f.launch(), f.decide("retrofit", "Kept")])
        atlas.projector.catch_up()
        assert atlas.graph.position(MODEL_STAMP) == model.VERSION
        # As an older projector left it: no stamp of this version, and a property it never
        # wrote (lists ordered by it would come out in no particular order).
        atlas.graph.apply([], MODEL_STAMP, model.VERSION, model.VERSION - 1)
        atlas.graph.apply([Write("MATCH (d:Decision) SET d.sort_key = NULL", [{}])], "x", 0, 1)
    finally:
        atlas.close()
    atlas = bootstrap(settings)
    try:
        assert atlas.graph.position(MODEL_STAMP) == model.VERSION
        rows = atlas.graph.read("MATCH (d:Decision) RETURN d.title AS t, d.sort_key AS key")
        assert rows == [{"t": "Kept", "key": "00000000000000000003"}]
    finally:
        atlas.close()


def test_an_embedded_graph_whose_tables_lack_a_property_is_rebuilt_whatever_its_stamp(
    tmp_path: Path,
) -> None:
    # Found on a data directory a development branch had left: stamped with this version,
    # its tables made by another model, so every projection failed and the API answered an
    # empty record.
    settings = Settings.from_env({"MISSION_ATLAS_DATA_DIR": str(tmp_path)})
    atlas = bootstrap(settings)
    try:
        term = f.begin_term("springfield", "t1", date(2019, 6, 15))
        atlas.events.execute([f.register_city(), term])
        atlas.projector.catch_up()
        atlas.graph.apply([Write("ALTER TABLE Administration DROP sort_key", [{}])], "x", 0, 1)
        assert atlas.graph.missing_properties() == ["Administration.sort_key"]
        assert atlas.graph.position(MODEL_STAMP) == model.VERSION
    finally:
        atlas.close()
    atlas = bootstrap(settings)
    try:
        assert atlas.graph.missing_properties() == []
        assert atlas.graph.position(PROJECTION) == atlas.events.last_position
        rows = atlas.graph.read("MATCH (a:Administration) RETURN a.sort_key IS NULL AS unset")
        assert rows == [{"unset": False}]
    finally:
        atlas.close()


def test_a_handover_leaves_out_missions_launched_later_and_reads_a_city_corrected_since(
    sqlite_events: MissionAtlas,
) -> None:
    day = date(2023, 6, 17)
    sqlite_events.execute(
        [
            f.register_city(),
            f.begin_term("springfield", "t1", date(2019, 6, 15)),
            f.end_term("springfield", "t1", date(2023, 6, 16)),
            f.begin_term("springfield", "t2", day),
            f.end_term("springfield", "t2", date(2029, 12, 31)),  # v5, dated after the day
            f.begin_term("springfield", "t3", date(2030, 1, 1)),
            f.launch("early", occurred_on=PartialDate.parse("2020", "occurred_on")),
            f.launch("later", occurred_on=PartialDate.parse("2024-03", "occurred_on")),
            f.adopt("later", "challenge-groups"),  # undated: it cannot be placed
        ]
    )
    sqlite_events.execute(
        [c.RetractCityEvent(city_id="springfield", version=5, reason="No", **f.WHO)]
    )
    report = handover(sqlite_events, "springfield", day, ["early", "later"])
    assert report.administration is not None
    assert report.administration.administration_id == "t2"
    assert [m.mission_id for m in report.missions] == ["early"]
