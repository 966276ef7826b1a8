"""The questions city teams ask, over HTTP: lessons, approaches, transitions, missions."""

from __future__ import annotations

from typing import Any

from tests.e2e.server import Server

LESSON = "title result why lessons administration { mayor } evidence { indicator value } sources"


def lessons(server: Server, arguments: str) -> dict[str, Any]:
    body = server.graphql(
        f"{{ lessons({arguments}) {{ edges {{ cursor node {{ {LESSON} }} }} "
        "pageInfo { hasNextPage endCursor } } }"
    )
    assert "errors" not in body, body
    page: dict[str, Any] = body["data"]["lessons"]
    return page


def test_lessons_say_what_worked_why_and_under_whom(history: Server) -> None:
    page = lessons(history, 'filter: {result: WORKED, cityId: "springfield"}')
    (pilot,) = [edge["node"] for edge in page["edges"]]
    assert pilot == {
        "title": "Street-by-street pilot",
        "result": "WORKED",
        "why": "Local installers joined",
        "lessons": "Start with one street",
        "administration": {"mayor": "Ada"},
        "evidence": [],  # nothing had been measured by then
        "sources": ["https://example.org/record", "https://example.org/record"],
    }
    loans = lessons(history, 'filter: {text: "take-up"}')["edges"][0]["node"]
    assert loans["evidence"] == [{"indicator": "Retrofit capacity", "value": 120.0}]
    assert loans["administration"] == {"mayor": "Bo"}


def test_lessons_are_filtered_by_administration_and_paged_with_cursors(history: Server) -> None:
    under_bo = lessons(history, 'filter: {administrationId: "springfield/bo"}')
    assert {e["node"]["title"] for e in under_bo["edges"]} == {
        "Review the budget",
        "Heat-pump loans",
        "School meals",
    }
    first = lessons(history, "first: 4")
    assert first["pageInfo"]["hasNextPage"] is True
    after = first["pageInfo"]["endCursor"]
    second = lessons(history, f'first: 4, after: "{after}"')
    everything = lessons(history, "first: 100")
    titles = [e["node"]["title"] for e in everything["edges"]]
    assert [e["node"]["title"] for e in first["edges"] + second["edges"]] == titles[:8]


def test_lessons_refuse_bad_pages_and_filters_naming_the_field(history: Server) -> None:
    for arguments, field in [
        ("first: 1000", "first"),
        ('after: "bm90LWEtY3Vyc29y"', "after"),
        ('filter: {approachId: "astrology"}', "approachId"),
        ('filter: {administrationId: "springfield/nobody"}', "administrationId"),
    ]:
        body = history.graphql(f"{{ lessons({arguments}) {{ edges {{ cursor }} }} }}")
        assert body["errors"][0]["extensions"]["field"] == field, (arguments, body)


def test_an_approach_carries_its_record_across_cities(history: Server) -> None:
    body = history.graphql(
        "{ approaches { id missionCount cities { id } "
        "iterationResults { worked didNotWork mixed open } "
        "outcomeIndicators { indicator measurements } roadblocks { met resolved open } "
        "missions(first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }"
    )
    records = {a["id"]: a for a in body["data"]["approaches"]}
    groups = records["challenge-groups"]
    assert [c["id"] for c in groups["cities"]] == [
        "greater-manchester",
        "shelbyville",
        "springfield",
    ]
    assert groups["missionCount"] == 3
    assert groups["iterationResults"] == {"worked": 1, "didNotWork": 0, "mixed": 0, "open": 0}
    # Springfield's capacity, and Greater Manchester's three measurements from public pages.
    indicators = {i["indicator"]: i["measurements"] for i in groups["outcomeIndicators"]}
    assert indicators["Retrofit capacity"] == 1
    assert len(indicators) == 4
    assert set(indicators.values()) == {1}
    assert groups["roadblocks"] == {"met": 1, "resolved": 1, "open": 0}
    assert [e["node"]["id"] for e in groups["missions"]["edges"]] == ["gm-retrofit", "retrofit"]
    assert groups["missions"]["pageInfo"]["hasNextPage"] is True


def test_transitions_follow_each_mission_across_each_change_of_mayor(history: Server) -> None:
    body = history.graphql(
        '{ transitions(cityId: "springfield") { on outgoing { mayor } incoming { mayor } '
        "missions { missionId fate reason decisionsBefore { title } decisionsAfter { title } "
        "roadblocksCarriedOver { description } administrationsSurvived } } }"
    )
    first, second = body["data"]["transitions"]
    assert (first["on"], first["outgoing"]["mayor"], first["incoming"]["mayor"]) == (
        "2018-05-01",
        "Ada",
        "Bo",
    )
    assert first["missions"] == [
        {
            "missionId": "retrofit",
            "fate": "PAUSED",
            "reason": "New mayor reviewing budgets",
            "decisionsBefore": [{"title": "Judge by capacity"}, {"title": "Extend the pilot"}],
            "decisionsAfter": [{"title": "Review the budget"}, {"title": "Keep the programme"}],
            "roadblocksCarriedOver": [{"description": "Supply chain gaps"}],
            "administrationsSurvived": 3,
        }
    ]
    fates = {m["missionId"]: m["fate"] for m in second["missions"]}
    assert fates == {"food": "HALTED", "retrofit": "CONTINUED"}
    unknown = history.graphql('{ transitions(cityId: "atlantis") { on } }')
    assert unknown["errors"][0]["extensions"] == {"code": "NOT_FOUND", "field": "cityId"}


def test_peers_across_the_story(history: Server) -> None:
    body = history.graphql(
        '{ peers(cityId: "shelbyville") { city { id } sharedApproaches { id } sharedThemes } }'
    )
    peers = {p["city"]["id"]: p for p in body["data"]["peers"]}
    assert peers["springfield"]["sharedApproaches"] == [{"id": "challenge-groups"}]
    assert peers["springfield"]["sharedThemes"] == ["climate"]
