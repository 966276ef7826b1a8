"""The RDF store behind /sparql: a projection of the event log that says what the export says.

Its default graph is the corrected view (the triples of the RDF export, every correction
applied), its named graphs keep what each event stated (the history), its position moves with
its facts, and the links it materialises follow the rule GraphQL and the graph use.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import DefaultGraph, Literal, NamedNode, RdfFormat

from api.seed import SEED_FILES
from events import commands as c
from events.application import MissionAtlas
from events.dates import PartialDate
from events.identity import mission_uuid
from events.importing import import_events
from events.recorded import RecordedAggregate
from events.references import resolved
from events.settings import event_store_env
from events.vocabulary import Result
from ontology.derived import DERIVED
from ontology.export import export_graphs
from ontology.iris import Iris
from ontology.rdf_projector import RdfProjector, mapping_stamp
from ontology.rdf_store import BOOKKEEPING, REBUILDING, RdfStore
from ontology.vocabulary import ATLAS
from ontology.window import NAMES as WINDOW
from tests import factories as f
from tests.histories import history
from tests.stories import springfield_story

IRIS = Iris("http://atlas.test/id/")
DEFAULT = DefaultGraph()
QUERIES = Path(__file__).resolve().parents[2] / "ontology" / "queries"
Triple3 = tuple[str, str, str]


def corrected_story() -> list[object]:
    """Springfield, then a concluded pilot replaced by its audited result, a decision
    withdrawn, and a term of office withdrawn and recorded again."""
    return [
        *springfield_story(),
        f.start_iteration("retrofit", "audit-pilot", occurred_on=date(2019, 2, 1)),
        f.conclude("retrofit", "audit-pilot", event_id="first-reading",
                   occurred_on=date(2019, 3, 1)),
        f.conclude(
            "retrofit", "audit-pilot", result=Result.DID_NOT_WORK, why="Audited",
            supersedes="first-reading", correction_reason="The audit changed the result",
            occurred_on=date(2019, 3, 1),
        ),
        f.decide("retrofit", "A mistaken entry", decision_id="oops", occurred_on=date(2019, 4, 1)),
        # Valencia's handover day, and a year and a month that saw the change of mayor.
        f.decide("valencia-climate-neutral", "On the day", decision_id="handover",
                 occurred_on=date(2023, 6, 17)),
        f.decide("valencia-climate-neutral", "That year", decision_id="year",
                 occurred_on=PartialDate(2023)),
        f.decide("valencia-climate-neutral", "That month", decision_id="month",
                 occurred_on=PartialDate(2023, 6)),
    ]  # fmt: skip


@pytest.fixture
def app(tmp_path: Path) -> Iterator[MissionAtlas]:
    app = MissionAtlas(env=event_store_env("sqlite", tmp_path / "e.sqlite"))
    for seed in SEED_FILES:
        with seed.open() as lines:
            import_events(app, lines)
    app.execute(corrected_story())  # type: ignore[arg-type]
    oops = max(v for v, (kind, _) in _mission(app, "retrofit").recorded.items()
               if kind == "DecisionRecorded")  # fmt: skip
    app.execute([f.retract("retrofit", oops, reason="Entered by mistake")])
    yield app
    app.close()


def _mission(app: MissionAtlas, mission_id: str) -> RecordedAggregate:
    aggregate: object = app.repository.get(mission_uuid(mission_id))
    assert isinstance(aggregate, RecordedAggregate)
    return aggregate


def triples(store: RdfStore, graph: object = None) -> set[Triple3]:
    """The store's triples in ``graph`` (default graph if None), people's names resolved,
    the derived links left out."""
    derived = {f"<{ATLAS}{p}>" for p in DERIVED}
    target = DefaultGraph() if graph is None else graph
    found = set()
    for q in store.store.quads_for_pattern(None, None, None, target):  # type: ignore[arg-type]
        if str(q.predicate) not in derived:
            found.add((str(q.subject), str(q.predicate), str(q.object)))
    return found


def exported(app: MissionAtlas) -> set[Triple3]:
    """The RDF export's triples (the corrected view), as the store would print them."""
    store = RdfStore()
    text = "\n".join(f"{s} {p} {o} ." for _, ts in export_graphs(app, IRIS, with_events=True)
                     for s, p, o in ts)  # fmt: skip
    store.store.load(text.encode(), RdfFormat.N_TRIPLES)
    return triples(store)


def named_resolved(store: RdfStore, app: MissionAtlas) -> set[Triple3]:
    return {(s, p, resolved(o, app.people)) for s, p, o in triples(store)}


def projected(app: MissionAtlas, batch_size: int, path: Path | None = None) -> RdfStore:
    store = RdfStore(path)
    RdfProjector(app, store, IRIS, batch_size=batch_size).catch_up()
    return store


def test_the_default_graph_is_the_corrected_export_at_any_batch_size(app: MissionAtlas) -> None:
    expected = exported(app)
    for batch_size in (3, 1000):
        store = projected(app, batch_size)
        assert named_resolved(store, app) == expected
        assert store.position == app.last_position


def test_an_instrument_extended_twice_runs_until_the_later_day_only(tmp_path: Path) -> None:
    """Found by the property below: the export keeps only the latest extension, and the store
    kept both until an extension was read as a correction of the one before."""
    app = MissionAtlas(env=event_store_env("sqlite", tmp_path / "e.sqlite"))
    try:
        app.execute(
            [
                f.register_city(),
                f.launch(),
                f.adopt("retrofit", "challenge-groups", instrument="Fund"),
                *(
                    c.ExtendInstrument(
                        mission_id="retrofit",
                        approach_id="challenge-groups",
                        instrument="Fund",
                        runs_until=day,
                        **f.WHO,
                    )
                    for day in (date(2030, 1, 1), date(2031, 1, 1))
                ),
            ]
        )
        assert named_resolved(projected(app, 1), app) == exported(app)
    finally:
        app.close()


def test_named_graphs_keep_what_each_event_stated(app: MissionAtlas) -> None:
    store = projected(app, 5)
    pilot = NamedNode(IRIS.item("retrofit", "iteration", "audit-pilot")[1:-1])
    result = NamedNode(ATLAS + "result")
    now = {
        str(q.object) for q in store.store.quads_for_pattern(pilot, result, None, DefaultGraph())
    }
    ever = {str(q.object) for q in store.store.quads_for_pattern(pilot, result, None, None)}
    assert now == {f"<{ATLAS}did_not_work>"}
    assert ever == {f"<{ATLAS}did_not_work>", f"<{ATLAS}worked>"}
    oops = NamedNode(IRIS.item("retrofit", "decision", "oops")[1:-1])
    assert not list(store.store.quads_for_pattern(oops, None, None, DefaultGraph()))
    assert list(store.store.quads_for_pattern(oops, None, None, None))


def test_no_name_reaches_the_store_and_the_position_is_in_its_bookkeeping_graph(
    app: MissionAtlas,
) -> None:
    store = projected(app, 50)
    literals = {q.object.value for q in store.store if isinstance(q.object, Literal)}
    assert not {"Ada", "Bo", "Cy", "Dee"} & literals
    position = NamedNode(ATLAS + "position")
    kept = list(store.store.quads_for_pattern(None, position, None, NamedNode(BOOKKEEPING)))
    assert [int(q.object.value) for q in kept] == [app.last_position]  # type: ignore[union-attr]


def test_a_projector_started_again_goes_on_where_the_store_is(
    app: MissionAtlas, tmp_path: Path
) -> None:
    whole = named_resolved(projected(app, 1000), app)
    store = RdfStore(tmp_path / "rdf")
    RdfProjector(app, store, IRIS, batch_size=10).catch_up(until=40)
    assert store.position == 40
    store.close()
    store.close()  # the server's lifespan and its Atlas may both close it
    store = RdfStore(tmp_path / "rdf")
    RdfProjector(app, store, IRIS, batch_size=7).catch_up()
    assert named_resolved(store, app) == whole
    # A term withdrawn after the restart: the city's mapping state is rebuilt from its events.
    withdrawn = c.RetractCityEvent(city_id="springfield", version=6, reason="Wrong", **f.WHO)
    app.execute([withdrawn])
    RdfProjector(app, store, IRIS, batch_size=3).catch_up()
    assert named_resolved(store, app) == exported(app)


def test_a_build_cut_short_counts_for_nothing_and_is_started_again(
    app: MissionAtlas, tmp_path: Path
) -> None:
    """A build from the first event loads in bulk, outside any transaction: until its last
    step sets the position, the store says it is being built, and what it holds is cleared."""
    whole = named_resolved(projected(app, 1000), app)
    store = RdfStore(tmp_path / "rdf")
    store.begin_build()
    half = ("<http://atlas.test/id/half>", "<http://atlas.test/id/of>", '"a load"', "")
    store.load([(True, [half])])
    store.close()
    store = RdfStore(tmp_path / "rdf")
    projector = RdfProjector(app, store, IRIS, batch_size=10)
    assert (store.position, store.stamp, projector.outdated) == (0, REBUILDING, True)
    projector.catch_up()
    assert named_resolved(store, app) == whole
    assert (store.position, store.stamp) == (app.last_position, mapping_stamp())


def _links(store: RdfStore, link: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for q in store.store.quads_for_pattern(None, NamedNode(ATLAS + link), None, DefaultGraph()):
        found.setdefault(q.subject.value, set()).add(q.object.value)  # type: ignore[union-attr]
    return found


def test_items_link_to_the_administration_in_office_and_the_transitions_either_side(
    app: MissionAtlas,
) -> None:
    store = projected(app, 13)
    under, before, after = (_links(store, k) for k in DERIVED[:3])

    def item(kind: str, local: str) -> str:
        return IRIS.item("retrofit", kind, local)[1:-1]

    def adm(term: str) -> str:
        return IRIS.administration("springfield", term)[1:-1]

    def transition(incoming: str) -> str:
        return IRIS.transition("springfield", incoming)[1:-1]

    assert under[item("decision", "d2")] == {adm("ada")}  # 2018-03-01, Ada's last spring
    assert before[item("decision", "d2")] == {transition("bo")}
    assert item("decision", "d2") not in after
    assert under[item("decision", "d3")] == {adm("bo")}
    assert after[item("decision", "d3")] == {transition("bo")}
    assert before[item("decision", "d3")] == {transition("cy")}
    # Dated by its conclusion: worked under Ada, though the entry came later.
    assert under[item("iteration", "pilot")] == {adm("ada")}
    assert _links(store, "openAcross")[item("roadblock", "supply")] == {transition("bo")}
    # Valencia's 2023-03 decision: a month wholly within Ribó's second term.
    valencia = IRIS.item("valencia-climate-neutral", "decision", "present-climate-city-contract")
    assert under[valencia[1:-1]] == {IRIS.administration("valencia", "valencia-ribo-2019")[1:-1]}
    # On the handover day the administration taking office answers; a year or a month that
    # saw the change names none, though both fall after the transition by their first day.
    on_the_day = IRIS.item("valencia-climate-neutral", "decision", "handover")[1:-1]
    assert under[on_the_day] == {IRIS.administration("valencia", "valencia-catala-2023")[1:-1]}
    for vague in ("year", "month"):
        iri = IRIS.item("valencia-climate-neutral", "decision", vague)[1:-1]
        assert iri not in under
        assert after[iri] == {IRIS.transition("valencia", "valencia-ribo-2019")[1:-1]}


def test_the_three_questions_are_answered(app: MissionAtlas) -> None:
    store = projected(app, 1000)

    def ask(name: str) -> list[dict[str, str]]:
        solutions = store.store.query((QUERIES / f"{name}.rq").read_text())
        names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
        return [{n: t.value for n, t in zip(names, s, strict=True) if t is not None}
                for s in solutions]  # type: ignore[union-attr]  # fmt: skip

    shared = {r["label"]: r["names"] for r in ask("shared-approaches")}
    assert set(shared["Challenge groups"].split(", ")) == {
        "Greater Manchester", "Springfield", "Shelbyville"}  # fmt: skip
    failed = {r["iteration"]: r for r in ask("iterations-that-did-not-work")}
    audited = failed[IRIS.item("retrofit", "iteration", "audit-pilot")[1:-1]]
    assert audited["why"] == "Audited"
    assert audited["administration"] == IRIS.administration("springfield", "bo")[1:-1]
    assert resolved(audited["mayor"], app.people) == "Bo"
    rows = ask("transitions")
    to_bo = IRIS.transition("springfield", "bo")[1:-1]
    seen = {(r["side"], r["what"], r["item"].rsplit("/", 1)[1]) for r in rows
            if r["transition"] == to_bo}  # fmt: skip
    assert {("before", "decided", "d2"), ("after", "decided", "d3"),
            ("across", "left open", "supply")} <= seen  # fmt: skip
    assert not any(item == "oops" for _, _, item in seen)


def _window(store: RdfStore, item: str) -> dict[str, set[str]]:
    """The window data an item carries, each term as N-Triples writes it."""
    found: dict[str, set[str]] = {}
    for name in WINDOW:
        for q in store.store.quads_for_pattern(
            NamedNode(item[1:-1]), NamedNode(ATLAS + name), None, DefaultGraph()
        ):
            found.setdefault(name, set()).add(str(q.object))
    return found


def test_the_items_in_a_window_carry_what_its_question_lists_and_move_with_corrections(
    app: MissionAtlas,
) -> None:
    """Built, then following the log through a decision moved across Bo's taking office
    (2018-05-01) and one withdrawn: the window data moves and goes as a rebuild has it."""
    store = projected(app, 1000)
    projector = RdfProjector(app, store, IRIS, batch_size=1)
    d2, d3, oops = (IRIS.item("retrofit", "decision", d) for d in ("d2", "d3", "oops"))
    supply = IRIS.item("retrofit", "roadblock", "supply")
    retrofit = {IRIS.mission("retrofit")}
    day = "^^<http://www.w3.org/2001/XMLSchema#date>"
    assert _window(store, d2) == {
        "windowDecidedOn": {'"2018-03-01"' + day},
        "windowDetail": {'"Extend the pilot"'}, "windowMission": retrofit}  # fmt: skip
    assert _window(store, supply) == {
        "windowLeftOpenOn": {'"2017-09-01"' + day},
        "windowDetail": {'"Supply chain gaps"'}, "windowMission": retrofit}  # fmt: skip
    concluded = IRIS.item("retrofit", "iteration", "audit-pilot")  # 2019-03-01: in no window
    assert _window(store, concluded) == _window(store, oops) == {}
    assert _window(store, d3)["windowDecidedOn"] == {'"2018-06-01"' + day}

    recorded = _mission(app, "retrofit").recorded
    later = "Extend the pilot, once Bo was in"
    version = {item: v for v, (kind, item) in recorded.items() if kind == "DecisionRecorded"}
    app.execute([
        f.decide("retrofit", later, decision_id="d2",
                 occurred_on=date(2018, 5, 10), supersedes_version=version["d2"],
                 correction_reason="Misdated"),
        f.retract("retrofit", version["d3"], reason="Never taken"),
    ])  # fmt: skip
    projector.catch_up()

    assert _window(store, d2) == {
        "windowDecidedOn": {'"2018-05-10"' + day},
        "windowDetail": {f'"{later}"'}, "windowMission": retrofit}  # fmt: skip
    assert _links(store, "justAfter")[d2[1:-1]] == {IRIS.transition("springfield", "bo")[1:-1]}
    assert d2[1:-1] not in _links(store, "justBefore")
    assert _window(store, d3) == {}
    rebuilt = projected(app, 1000)
    for name in WINDOW:
        assert _links(store, name) == _links(rebuilt, name), name


# A tenth of the profile's histories (3 in CI, 100 with --hypothesis-profile=soak): each one
# projects its record through the whole store, seconds apiece.
@settings(max_examples=max(3, settings().max_examples // 10), deadline=None)
@given(data=st.data())
def test_any_history_projects_to_its_corrected_export(data: st.DataObject) -> None:
    built = history(data.draw)
    folder = Path(tempfile.mkdtemp(prefix="atlas-rdf-store-property-"))
    app = MissionAtlas(env=event_store_env("sqlite", folder / "e.sqlite"))
    try:
        app.execute(built.commands)
        store = projected(app, data.draw(st.integers(1, 20)))
        assert named_resolved(store, app) == exported(app)
        under = _links(store, "underAdministration")
        for city_id, city in built.model.cities.items():
            for day in {
                r.values["term_start"] for _, r in city.items("AdministrationBegan").values()
            }:
                term = built.model.handover(city_id, day)[0]
                # Every decision dated that very day sits under the administration of the day.
                for mission_id, m in built.model.missions.items():
                    if m.city_id != city_id:
                        continue
                    for local, (_, r) in m.items("DecisionRecorded").items():
                        # The command that recorded it: the last to use its id (positions
                        # count events, and not every command records one).
                        given = [
                            g for g in built.commands
                            if isinstance(g, c.RecordDecision)
                            and (g.mission_id, g.decision_id) == (mission_id, local)
                        ][-1]  # fmt: skip
                        dated = given.occurred_on
                        if r.day == day and dated is not None and dated.precision == "day":
                            iri = IRIS.item(mission_id, "decision", local)[1:-1]
                            expected = set() if term is None else {
                                IRIS.administration(city_id, term)[1:-1]}  # fmt: skip
                            assert under.get(iri, set()) == expected
    finally:
        app.close()
        shutil.rmtree(folder, ignore_errors=True)


@settings(max_examples=max(3, settings().max_examples // 10), deadline=None)
@given(data=st.data())
def test_a_store_that_follows_the_log_batch_by_batch_says_what_a_build_says(
    data: st.DataObject,
) -> None:
    """Built in bulk up to some event, then following the log a few events at a time, each
    batch deriving again only the links it may have moved: the same facts and links as a
    store built from the whole log at once."""
    built = history(data.draw)
    folder = Path(tempfile.mkdtemp(prefix="atlas-rdf-store-follow-"))
    app = MissionAtlas(env=event_store_env("sqlite", folder / "e.sqlite"))
    try:
        app.execute(built.commands)
        followed = RdfStore()
        until = data.draw(st.integers(1, max(1, app.last_position)), label="built until")
        RdfProjector(app, followed, IRIS, batch_size=5).catch_up(until=until)
        size = data.draw(st.integers(1, 7), label="then batches of")
        RdfProjector(app, followed, IRIS, batch_size=size).catch_up()
        whole = projected(app, 1000)
        assert named_resolved(followed, app) == named_resolved(whole, app) == exported(app)
        for link in DERIVED:
            assert _links(followed, link) == _links(whole, link), link
    finally:
        app.close()
        shutil.rmtree(folder, ignore_errors=True)


# The questions as one would first write them: each shaped query of ontology/queries must
# answer exactly these rows, in this order (the shaping changes how pyoxigraph joins and sorts,
# and what transitions reads: the window's copies of the record's terms; see the queries'
# comments).
PLAIN = {
    "iterations-that-did-not-work": """
PREFIX atlas: <https://w3id.org/mission-atlas/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?city ?administration ?mayor ?iteration ?title ?concluded ?why ?lesson WHERE {
  ?iteration atlas:result atlas:did_not_work ; atlas:mission/atlas:runBy ?city .
  OPTIONAL { ?iteration dcterms:title ?title }
  OPTIONAL { ?iteration atlas:endedOn ?concluded }
  OPTIONAL { ?iteration atlas:why ?why }
  OPTIONAL { ?iteration atlas:lesson ?lesson }
  OPTIONAL { ?iteration atlas:underAdministration ?administration .
             OPTIONAL { ?administration org:member/rdfs:label ?mayor } }
} ORDER BY ?city ?concluded ?iteration""",
    "transitions": """
PREFIX atlas: <https://w3id.org/mission-atlas/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?city ?transition ?on ?side ?what ?item ?mission ?date ?detail WHERE {
  ?transition a atlas:MayoralTransition ; dcterms:date ?on ; atlas:incoming/org:organization ?city .
  {
    { ?item atlas:justBefore ?transition . BIND("before" AS ?side) }
    UNION
    { ?item atlas:justAfter ?transition . BIND("after" AS ?side) }
    { ?item a atlas:Decision ; dcterms:date ?date .
      OPTIONAL { ?item dcterms:title ?detail }
      BIND("decided" AS ?what) }
    UNION
    { ?item atlas:result ?result ; atlas:endedOn ?date .
      BIND(STRAFTER(STR(?result), "#") AS ?detail)
      BIND("concluded" AS ?what) }
  } UNION {
    ?item atlas:openAcross ?transition ; atlas:startedOn ?date .
    OPTIONAL { ?item dcterms:description ?detail }
    BIND("across" AS ?side)
    BIND("left open" AS ?what)
  }
  ?item atlas:mission ?mission .
} ORDER BY ?on ?city ?side ?date ?item""",
}


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_a_shaped_question_answers_its_plain_form_row_for_row(app: MissionAtlas, name: str) -> None:
    store = projected(app, 1000)

    def rows(text: str) -> list[tuple[str | None, ...]]:
        solutions = store.store.query(text)
        return [tuple(None if t is None else str(t) for t in s)
                for s in solutions]  # type: ignore[union-attr]  # fmt: skip

    plain = rows(PLAIN[name])
    assert len(plain) > 1  # an order to keep
    assert rows((QUERIES / f"{name}.rq").read_text()) == plain
