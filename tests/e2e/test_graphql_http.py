"""The API as a city team uses it: over HTTP, against ``mission-atlas serve --demo``."""

from __future__ import annotations

import httpx

from tests.e2e.server import Server

WHO = 'recordedBy: "e2e", source: "https://example.org/minutes"'


def test_the_demo_knows_the_three_cities_of_the_article(demo: Server) -> None:
    body = demo.graphql("{ cities { id name country } }")
    assert body["data"]["cities"] == [
        {"id": "camden", "name": "Camden", "country": "GB"},
        {"id": "greater-manchester", "name": "Greater Manchester", "country": "GB"},
        {"id": "valencia", "name": "Valencia", "country": "ES"},
    ]


def test_peers_rank_cities_by_what_they_share(demo: Server) -> None:
    body = demo.graphql(
        '{ peers(cityId: "valencia") { score reason city { id } sharedApproaches { id } '
        "sharedThemes sharedCapabilities { id } } }"
    )
    peers = body["data"]["peers"]
    # Greater Manchester's retrofitting task force is a cross-sector alliance too, and both
    # missions are about the climate; Camden shares the alliance only.
    assert [p["city"]["id"] for p in peers] == ["greater-manchester", "camden"]
    assert peers[0]["sharedApproaches"] == [{"id": "cross-sector-alliance"}]
    assert peers[0]["sharedThemes"] == ["climate"]
    assert peers[1]["sharedApproaches"] == [{"id": "cross-sector-alliance"}]
    assert peers[1]["sharedThemes"] == []
    assert peers[0]["score"] > peers[1]["score"]


def test_a_city_lists_its_missions_and_a_mission_its_story(demo: Server) -> None:
    body = demo.graphql(
        '{ city(id: "camden") { name missions { id approaches { id } partners { sector } '
        'instruments { name approach { id } } } } mission(id: "gm-retrofit") { city { name } '
        "timeline { kind source occurredOn } } }"
    )
    camden = body["data"]["city"]
    assert camden["missions"][0]["id"] == "we-make-camden"
    instruments = {(i["name"], i["approach"]["id"]) for i in camden["missions"][0]["instruments"]}
    assert ("Camden Community Wealth Fund", "community-wealth-fund") in instruments
    assert {p["sector"] for p in camden["missions"][0]["partners"]} == {
        "ACADEMIA",
        "BUSINESS",
        "CIVIL_SOCIETY",
        "PUBLIC_BODY",
        "RESIDENTS",
    }
    timeline = body["data"]["mission"]["timeline"]
    assert timeline[0]["kind"] == "MissionLaunched"
    # Every event cites its source: the article (which gives no dates), or a public page.
    from_article = [e for e in timeline if "playbook for taking missions" in e["source"]]
    from_pages = [e for e in timeline if e not in from_article]
    assert from_article
    assert from_pages
    assert all(e["occurredOn"] is None for e in from_article)
    assert all(e["source"].startswith(("http://", "https://")) for e in from_pages)


def test_a_recorded_event_is_readable_as_soon_as_the_mutation_returns(demo: Server) -> None:
    demo.graphql(
        'mutation { registerCity(input: {cityId: "testville", name: "Testville", '
        f'country: "GB", {WHO}}}) {{ kind }} }}'
    )
    demo.graphql(
        'mutation { launchMission(input: {missionId: "testville-retrofit", cityId: "testville", '
        f'title: "Retrofit", goal: "Warm homes", theme: "climate", {WHO}}}) {{ kind }} }}'
    )
    recorded = demo.graphql(
        'mutation { beginAdministration(input: {cityId: "testville", '
        f'administrationId: "term-2024", mayor: "A. Mayor", termStart: "2024-05-10", {WHO}}}) '
        "{ kind position } }"
    )["data"]["beginAdministration"]
    decision = demo.graphql(
        'mutation { recordDecision(input: {missionId: "testville-retrofit", '
        f'title: "Fund a pilot", occurredOn: "2024-07-01", {WHO}}}) '
        "{ kind position itemId projected subjectId } }"
    )["data"]["recordDecision"]
    assert decision["kind"] == "DecisionRecorded"
    assert decision["position"] == recorded["position"] + 1
    assert decision["projected"] is True
    timeline = demo.graphql(
        '{ mission(id: "testville-retrofit") '
        "{ timeline { kind summary administration { mayor } } } }"
    )["data"]["mission"]["timeline"]
    assert timeline[-1] == {
        "kind": "DecisionRecorded",
        "summary": "Decision: Fund a pilot",
        "administration": {"mayor": "A. Mayor"},
    }


def test_bad_input_is_refused_with_the_field_named_and_nothing_stored(demo: Server) -> None:
    before = demo.health()["events"]
    refused = demo.graphql(
        'mutation { concludeIteration(input: {missionId: "gm-retrofit", iterationId: "ghost", '
        f'result: WORKED, why: "?", {WHO}}}) {{ position }} }}'
    )
    (error,) = refused["errors"]
    assert error["extensions"] == {"code": "NOT_FOUND", "field": "iterationId"}
    assert "ghost" in error["message"]
    invalid = demo.graphql(
        'mutation { launchMission(input: {missionId: "x", cityId: "camden", title: "T", '
        f'goal: "G", theme: "t", horizonYear: 12, {WHO}}}) {{ position }} }}'
    )
    assert invalid["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "horizonYear"}
    early = demo.graphql(
        'mutation { recordDecision(input: {missionId: "nope", title: "T", '
        f"{WHO}}}) {{ position }} }}"
    )
    assert early["errors"][0]["extensions"]["field"] == "missionId"
    assert demo.health()["events"] == before


def test_queries_work_over_get_and_graphiql_is_served_to_browsers(demo: Server) -> None:
    response = httpx.get(f"{demo.url}/graphql", params={"query": "{ approaches { id } }"})
    assert response.status_code == 200
    assert len(response.json()["data"]["approaches"]) == 9
    page = httpx.get(f"{demo.url}/graphql", headers={"accept": "text/html"})
    assert "graphiql" in page.text.lower()
    mutation_over_get = httpx.get(
        f"{demo.url}/graphql", params={"query": "mutation { __typename }"}
    )
    assert mutation_over_get.status_code == 405


def test_unknown_ids_answer_null_and_unknown_peers_are_an_error(demo: Server) -> None:
    body = demo.graphql('{ city(id: "atlantis") { name } mission(id: "none") { title } }')
    assert body["data"] == {"city": None, "mission": None}
    peers = demo.graphql('{ peers(cityId: "atlantis") { score } }')
    assert peers["errors"][0]["extensions"] == {"code": "NOT_FOUND", "field": "cityId"}


def test_a_malformed_date_is_refused_before_anything_runs(demo: Server) -> None:
    body = demo.graphql(
        'mutation { recordDecision(input: {missionId: "gm-retrofit", title: "T", '
        f'occurredOn: "2024-02-30", {WHO}}}) {{ position }} }}'
    )
    assert "data" not in body  # refused before execution: there is no data to speak of
    assert (
        "'2024-02-30' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)" in body["errors"][0]["message"]
    )
    named = demo.graphql(
        "mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { position } }",
        {
            "input": {
                "missionId": "gm-retrofit",
                "title": "T",
                "occurredOn": "someday",
                "recordedBy": "e2e",
                "source": "s",
            }
        },
    )
    assert "occurredOn" in named["errors"][0]["message"]


def test_bad_arguments_are_bad_user_input_naming_the_argument(demo: Server) -> None:
    cases = [
        ("{ approaches { missions(first: 0) { edges { cursor } } } }", "first"),
        ('{ approaches { missions(after: "not-a-cursor") { edges { cursor } } } }', "after"),
        ("{ lessons(first: 500) { edges { cursor } } }", "first"),
        (
            '{ missionAsOf(id: "gm-retrofit", at: "2024-01-01T00:00:00") { version } }',
            "at",
        ),
    ]
    for query, argument in cases:
        errors = demo.graphql(query)["errors"]
        for error in errors:  # one for each approach, where the list is nested
            assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": argument}, query
            assert error["message"].startswith(f"{argument}: "), error
    zoned = demo.graphql(
        '{ missionAsOf(id: "gm-retrofit", at: "2999-01-01T00:00:00+01:00") { version } }'
    )
    assert zoned["data"]["missionAsOf"]["version"] > 0
