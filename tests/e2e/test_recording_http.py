"""Recording over HTTP: every kind of event, who may record it, retries and stale writes."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.e2e.conftest import issue_token
from tests.e2e.server import Server

WHO = 'recordedBy: "e2e", source: "https://example.org/minutes"'

# One mutation of every kind, in an order the rules allow, for a city of the test's own.
EVERY_KIND = [
    ("registerCity", 'cityId: "riverton", name: "Riverton", country: "GB"'),
    (
        "beginAdministration",
        'cityId: "riverton", administrationId: "first", mayor: "Ann", termStart: "2020-01-01"',
    ),
    ("endAdministration", 'cityId: "riverton", administrationId: "first", termEnd: "2023-12-31"'),
    (
        "launchMission",
        'missionId: "riverton-homes", cityId: "riverton", title: "Warm homes",'
        ' goal: "Every home warm", theme: "climate", horizonYear: 2035, occurredOn: "2021-01-01"',
    ),
    (
        "adoptApproach",
        'missionId: "riverton-homes", approachId: "multi-year-budget", instrument: "Ten-year fund"',
    ),
    (
        "addPartner",
        'missionId: "riverton-homes", partnerId: "uni", name: "Riverton University",'
        " sector: ACADEMIA",
    ),
    ("endPartnership", 'missionId: "riverton-homes", partnerId: "uni", reason: "Grant ended"'),
    (
        "recordDecision",
        'missionId: "riverton-homes", title: "Fund ten years", occurredOn: "2021-02-01"',
    ),
    (
        "startIteration",
        'missionId: "riverton-homes", iterationId: "pilot", title: "Pilot street",'
        ' approachId: "multi-year-budget", occurredOn: "2021-03-01"',
    ),
    (
        "concludeIteration",
        'missionId: "riverton-homes", iterationId: "pilot", result: MIXED, why: "Slow start",'
        ' occurredOn: "2022-03-01"',
    ),
    (
        "recordRoadblock",
        'missionId: "riverton-homes", roadblockId: "skills", description: "No installers"',
    ),
    (
        "recordDecision",
        'missionId: "riverton-homes", title: "Train installers", answersRoadblock: "skills"',
    ),
    (
        "resolveRoadblock",
        'missionId: "riverton-homes", roadblockId: "skills", resolution: "Trained some"',
    ),
    (
        "recordOutcome",
        'missionId: "riverton-homes", indicator: "Homes warmed", kind: NET_IMPACT, value: 40,'
        ' unit: "homes", baseline: 0, target: 200, occurredOn: "2022-06-01"',
    ),
    ("recordSpillover", 'missionId: "riverton-homes", description: "Local jobs"'),
    (
        "changeMissionStatus",
        'missionId: "riverton-homes", status: PAUSED, reason: "Budget review", '
        'occurredOn: "2024-03"',
    ),
    (
        "changeMissionStatus",
        'missionId: "riverton-homes", status: ACHIEVED, reason: "Every home warm", '
        'occurredOn: "2035"',
    ),
]


def record(server: Server, mutation: str, fields: str, token: str | None = None) -> dict[str, Any]:
    selection = "kind position projected replayed"
    query = f"mutation {{ {mutation}(input: {{{fields}, {WHO}}}) {{ {selection} }} }}"
    response = server.post({"query": query}, token or server.token)
    body: dict[str, Any] = response.json()
    return body


def test_every_kind_of_event_is_recorded_and_read_back(demo: Server) -> None:
    for mutation, fields in EVERY_KIND:
        body = record(demo, mutation, fields)
        assert "errors" not in body, (mutation, body)
        assert body["data"][mutation]["projected"] is True
    mission = demo.graphql(
        '{ mission(id: "riverton-homes") { status version city { name administrations { mayor } } '
        "instruments { name } partners { name leftReason } decisions { title answersRoadblockId } "
        "iterations { result } "
        "roadblocks { resolution } outcomes { progress } spillovers { description } "
        "statusHistory { status reason } timeline { kind } } }"
    )["data"]["mission"]
    assert mission["status"] == "ACHIEVED"
    assert mission["version"] == 14
    assert {"title": "Train installers", "answersRoadblockId": "riverton-homes/skills"} in mission[
        "decisions"
    ]
    assert mission["partners"] == [{"name": "Riverton University", "leftReason": "Grant ended"}]
    assert mission["city"] == {"name": "Riverton", "administrations": [{"mayor": "Ann"}]}
    assert mission["iterations"] == [{"result": "MIXED"}]
    assert mission["roadblocks"] == [{"resolution": "Trained some"}]
    assert mission["outcomes"] == [{"progress": 0.2}]
    assert mission["statusHistory"] == [
        {"status": "PAUSED", "reason": "Budget review"},
        {"status": "ACHIEVED", "reason": "Every home warm"},
    ]
    assert len(mission["timeline"]) == 14


def test_writes_need_a_token_and_an_editor_writes_only_for_its_city(
    demo: Server, env: dict[str, str]
) -> None:
    before = demo.events()
    decision = 'missionId: "we-make-camden", title: "Open a second round"'
    anonymous = demo.post(
        {"query": f"mutation {{ recordDecision(input: {{{decision}, {WHO}}}) {{ position }} }}"}
    ).json()
    assert anonymous["errors"][0]["extensions"] == {
        "code": "UNAUTHENTICATED",
        "header": "Authorization",
    }
    assert anonymous["errors"][0]["message"].startswith(
        "Authorization: recording needs an API token"
    )

    camden = issue_token(env, "--role", "editor", "--city", "camden")
    assert "errors" not in record(demo, "recordDecision", decision, camden)
    elsewhere = record(demo, "recordDecision", 'missionId: "gm-retrofit", title: "T"', camden)
    assert elsewhere["errors"][0]["extensions"] == {"code": "FORBIDDEN", "field": "missionId"}
    new_city = record(demo, "registerCity", 'cityId: "x", name: "X", country: "GB"', camden)
    assert new_city["errors"][0]["extensions"] == {"code": "FORBIDDEN", "field": "cityId"}
    unknown = record(demo, "recordDecision", decision, "mat_not-a-real-token")
    assert unknown["errors"][0]["extensions"] == {
        "code": "UNAUTHENTICATED",
        "header": "Authorization",
    }
    assert "unknown or revoked" in unknown["errors"][0]["message"]
    assert demo.events() == before + 2  # the editor's decision, and its token


def test_a_revoked_token_is_refused(demo: Server, env: dict[str, str]) -> None:
    from tests.e2e.server import run_cli

    secret = issue_token(env, "--role", "admin", "--label", "to revoke")
    listed = run_cli("token", "list", env=env).stdout
    token_id = next(line.split()[0] for line in listed.splitlines() if "to revoke" in line)
    assert run_cli("token", "revoke", token_id, env=env).returncode == 0
    refused = record(demo, "recordDecision", 'missionId: "gm-retrofit", title: "T"', secret)
    (error,) = refused["errors"]
    assert error["extensions"] == {"code": "UNAUTHENTICATED", "header": "Authorization"}
    assert error["message"].startswith("Authorization: the API token sent is unknown or revoked")


def test_the_same_event_id_twice_stores_one_event(demo: Server) -> None:
    fields = 'missionId: "gm-retrofit", title: "Retry me", eventId: "client-42"'
    first = record(demo, "recordDecision", fields)["data"]["recordDecision"]
    again = record(demo, "recordDecision", fields)["data"]["recordDecision"]
    assert (first["replayed"], again["replayed"]) == (False, True)
    assert again["position"] == first["position"]
    assert demo.events() == first["position"]


def test_a_stale_expected_version_is_a_conflict_and_stores_nothing(demo: Server) -> None:
    version = demo.graphql('{ mission(id: "gm-retrofit") { version } }')["data"]["mission"][
        "version"
    ]
    fresh = record(
        demo, "recordDecision", f'missionId: "gm-retrofit", title: "A", expectedVersion: {version}'
    )
    assert "errors" not in fresh
    before = demo.events()
    stale = record(
        demo, "recordDecision", f'missionId: "gm-retrofit", title: "B", expectedVersion: {version}'
    )
    assert stale["errors"][0]["extensions"] == {"code": "CONFLICT", "field": "expectedVersion"}
    assert f"at version {version + 1}" in stale["errors"][0]["message"]
    assert demo.events() == before


def record_at_once(server: Server, titles: list[str], extra: str = "") -> list[dict[str, Any]]:
    """Record one decision per title on the same mission, all sent at the same moment."""
    start = threading.Barrier(len(titles))

    def send(title: str) -> dict[str, Any]:
        start.wait()
        return record(
            server, "recordDecision", f'missionId: "gm-retrofit", title: "{title}"{extra}'
        )

    with ThreadPoolExecutor(len(titles)) as pool:
        return list(pool.map(send, titles))


def test_concurrent_writers_on_one_mission_are_all_stored(demo: Server) -> None:
    before = demo.events()
    titles = [f"Writer {n}, write {m}" for m in range(3) for n in range(8)]
    answers = [
        a for batch in range(3) for a in record_at_once(demo, titles[batch * 8 : batch * 8 + 8])
    ]
    assert [a.get("errors") for a in answers] == [None] * len(titles)
    assert demo.events() == before + len(titles)
    decisions = demo.graphql('{ mission(id: "gm-retrofit") { decisions { title } } }')
    stored = {d["title"] for d in decisions["data"]["mission"]["decisions"]}
    assert set(titles) <= stored


def test_concurrent_writers_expecting_the_same_version_store_one_and_refuse_the_rest(
    demo: Server,
) -> None:
    version = demo.graphql('{ mission(id: "gm-retrofit") { version } }')["data"]["mission"][
        "version"
    ]
    before = demo.events()
    answers = record_at_once(
        demo, [f"Writer {n}" for n in range(8)], f", expectedVersion: {version}"
    )
    refused = [a["errors"][0] for a in answers if "errors" in a]
    assert len(refused) == 7
    for error in refused:
        assert error["extensions"] == {"code": "CONFLICT", "field": "expectedVersion"}
    assert demo.events() == before + 1


def test_a_fact_is_corrected_in_one_mutation_naming_the_event_it_replaces(demo: Server) -> None:
    first = record(
        demo, "recordOutcome",
        'missionId: "gm-retrofit", outcomeId: "homes", indicator: "Homes retrofitted", '
        'kind: UNITS_DELIVERED, value: 2100, unit: "homes", occurredOn: "2019", '
        'eventId: "homes-2019"',
    )  # fmt: skip
    assert "errors" not in first
    corrected = record(
        demo, "recordOutcome",
        'missionId: "gm-retrofit", outcomeId: "homes", indicator: "Homes retrofitted", '
        'kind: UNITS_DELIVERED, value: 1200, unit: "homes", occurredOn: "2019", '
        'supersedes: "homes-2019", correctionReason: "Digits swapped"',
    )["data"]["recordOutcome"]  # fmt: skip
    assert corrected["kind"] == "OutcomeMeasured"
    assert corrected["projected"] is True
    mission = demo.graphql(
        '{ mission(id: "gm-retrofit") { outcomes { id value } '
        "timeline { kind occurred retractedBy supersededBy } } }"
    )["data"]["mission"]
    assert [o["value"] for o in mission["outcomes"] if o["id"] == "gm-retrofit/homes"] == [1200]
    withdrawn = [e for e in mission["timeline"] if e["retractedBy"]]
    assert len(withdrawn) == 1
    assert withdrawn[0]["occurred"] == "2019"  # as precise as the source, no invented day
    replacement = withdrawn[0]["supersededBy"]
    assert replacement.startswith("gm-retrofit@")
    assert int(replacement.split("@")[1]) == int(withdrawn[0]["retractedBy"].split("@")[1]) + 1


def test_a_wrong_term_of_office_is_withdrawn_by_its_event_id(demo: Server) -> None:
    for mutation, fields in [
        ("registerCity", 'cityId: "lakeside", name: "Lakeside", country: "GB"'),
        (
            "beginAdministration",
            'cityId: "lakeside", administrationId: "wrong", mayor: "Nobody", '
            'termStart: "2020-01-01", eventId: "term-typo"',
        ),
        ("retractCityEvent", 'cityId: "lakeside", retracts: "term-typo", reason: "No such mayor"'),
    ]:
        body = record(demo, mutation, fields)
        assert "errors" not in body, (mutation, body)
    city = demo.graphql('{ city(id: "lakeside") { administrations { mayor } } }')
    assert city["data"]["city"]["administrations"] == []


def test_a_document_whose_second_mutation_is_refused_reports_the_first_as_stored(
    demo: Server,
) -> None:
    before = demo.events()
    query = (
        "mutation { "
        f'first: recordDecision(input: {{missionId: "gm-retrofit", title: "Kept", {WHO}}}) '
        "{ position projected } "
        f'second: recordDecision(input: {{missionId: "no-such-mission", title: "X", {WHO}}}) '
        "{ position } }"
    )
    body = demo.post({"query": query}, demo.token).json()
    assert body["data"]["first"] == {"position": before + 1, "projected": True}
    assert body["data"]["second"] is None
    assert body["errors"][0]["path"] == ["second"]
    assert body["errors"][0]["extensions"] == {"code": "NOT_FOUND", "field": "missionId"}
    assert demo.events() == before + 1


def test_handover_shows_the_record_as_known_today_or_as_it_stood_that_day(demo: Server) -> None:
    day = "2023-06-17"
    query = (
        '{ handover(cityId: "valencia", day: "%s", asKnownThen: %s) '
        "{ administration { mayor } missions { lastDecisions { title occurred } } } }"
    )
    today = demo.graphql(query % (day, "false"))["data"]["handover"]
    then = demo.graphql(query % (day, "true"))["data"]
    assert today["administration"] == {"mayor": "María José Catalá"}  # took office that day
    decisions = today["missions"][0]["lastDecisions"]
    assert decisions[0] == {
        "title": "Present València's Climate City Contract",
        "occurred": "2023-03",
    }
    assert then is None  # by the end of that day the record did not know València yet
    refused = demo.graphql(query % (day, "true"))["errors"][0]
    assert refused["extensions"] == {"code": "NOT_FOUND", "field": "cityId"}


def test_the_latest_measurement_is_the_one_that_happened_last(demo: Server) -> None:
    for mutation, fields in [
        ("registerCity", 'cityId: "harbour", name: "Harbour", country: "GB"'),
        (
            "launchMission",
            'missionId: "harbour-heat", cityId: "harbour", title: "Heat", goal: "Warm homes", '
            'theme: "climate", occurredOn: "2018"',
        ),
        (
            "recordOutcome",
            'missionId: "harbour-heat", indicator: "Homes warmed", kind: NET_IMPACT, value: 50, '
            'unit: "homes", occurredOn: "2023-05"',
        ),
        (  # a 2019 figure entered afterwards must not stand over the 2023 one
            "recordOutcome",
            'missionId: "harbour-heat", indicator: "Homes warmed", kind: NET_IMPACT, value: 10, '
            'unit: "homes", occurredOn: "2019"',
        ),
    ]:
        assert "errors" not in record(demo, mutation, fields), mutation
    report = demo.graphql(
        '{ handover(cityId: "harbour", day: "2024-01-01") '
        "{ missions { latestOutcomes { value measuredOn } } } }"
    )["data"]["handover"]
    assert report["missions"][0]["latestOutcomes"] == [{"value": 50.0, "measuredOn": "2023-05-01"}]
