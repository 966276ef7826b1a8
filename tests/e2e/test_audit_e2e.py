"""Auditors, over HTTP and from the command line, on both event stores."""

from __future__ import annotations

import json
from pathlib import Path

from events.application import MissionAtlas
from events.settings import event_store_env
from tests.e2e.server import Server, run_cli
from tests.integration.tamper import Tamper

WHO = 'recordedBy: "auditor", source: "https://example.org/minutes"'


def open_store(env: dict[str, str]) -> MissionAtlas:
    """The event store an e2e configuration uses, opened directly (as an attacker would)."""
    kind = env["MISSION_ATLAS_EVENT_STORE"]
    path = Path(env["MISSION_ATLAS_DATA_DIR"]) / "events.sqlite"
    return MissionAtlas(env={**env, **event_store_env(kind, path)})  # type: ignore[arg-type]


def test_the_audit_trail_links_a_correction_to_what_it_corrects(demo: Server) -> None:
    def record(mutation: str) -> dict[str, object]:
        body = demo.graphql(f"mutation {{ {mutation} }}")
        assert "errors" not in body, body
        return body["data"]  # type: ignore[no-any-return]

    record(
        f'recordDecision(input: {{missionId: "gm-retrofit", title: "Budget 12m", {WHO}}}) '
        "{ version }"
    )
    wrong = demo.graphql('{ mission(id: "gm-retrofit") { version } }')["data"]["mission"]["version"]
    record(
        f'recordDecision(input: {{missionId: "gm-retrofit", title: "Budget 21m", {WHO}}}) '
        "{ version }"
    )
    record(
        f'retractEvent(input: {{missionId: "gm-retrofit", version: {wrong}, '
        f'supersededBy: {wrong + 1}, reason: "Digits swapped", {WHO}}}) {{ version }}'
    )
    trail = demo.graphql(
        '{ auditTrail(missionId: "gm-retrofit", first: 100) { edges { node { version kind hash '
        "previousHash recordedBy source retractedBy supersededBy details } } } }"
    )["data"]["auditTrail"]["edges"]
    entries = {e["node"]["version"]: e["node"] for e in trail}
    assert entries[wrong]["retractedBy"] == wrong + 2
    assert entries[wrong]["supersededBy"] == wrong + 1
    assert entries[wrong + 2]["details"]["reason"] == "Digits swapped"
    assert all(entries[v]["previousHash"] == entries[v - 1]["hash"] for v in entries if v > 1)
    mission = demo.graphql(
        '{ mission(id: "gm-retrofit") { decisions { title } timeline { kind retractedBy } } }'
    )["data"]["mission"]
    titles = [d["title"] for d in mission["decisions"]]
    assert "Budget 21m" in titles
    assert "Budget 12m" not in titles
    assert [e["retractedBy"] for e in mission["timeline"] if e["retractedBy"]] == [
        f"gm-retrofit@{wrong + 2}"
    ]


def test_as_of_and_handover_over_http(demo: Server) -> None:
    before = demo.graphql(
        '{ missionAsOf(id: "we-make-camden", at: "2000-01-01T00:00:00Z") { version } }'
    )
    assert before["errors"][0]["extensions"] == {"code": "NOT_FOUND", "field": "id"}
    now = demo.graphql(
        '{ missionAsOf(id: "we-make-camden", at: "2999-01-01T00:00:00Z") { version status '
        "decisions { title } iterations { title result } partners { name } } }"
    )["data"]["missionAsOf"]
    assert now["version"] == 20
    assert [i["title"] for i in now["iterations"]] == [
        "Dinner club for disabled youth",
        "Mentorship programme for young creatives",
        "Resident panels help decide £4m of Community Wealth Fund investment",
    ]
    report = demo.graphql(
        '{ handover(cityId: "camden", day: "2024-06-20") { day administration { mayor } '
        "missions { mission { missionId } openRoadblocks { id } lastDecisions { title } } } }"
    )["data"]["handover"]
    assert report["administration"] == {"mayor": "Georgia Gould"}
    assert report["missions"][0]["mission"]["missionId"] == "we-make-camden"
    # Newest first by the day they happened; the undated approval cannot be placed later.
    assert report["missions"][0]["lastDecisions"] == [
        {"title": "Cabinet resolves to establish the Camden Community Wealth Fund"},
        {"title": "Publish We Make Camden, the borough's refreshed vision for its future"},
        {"title": "Approve the Community Wealth Fund"},
    ]


def test_verify_names_the_first_altered_event_and_heads_prove_prefixes(
    env: dict[str, str], tmp_path: Path
) -> None:
    seed = Path(__file__).resolve().parents[2] / "api" / "seed" / "missions-playbook-2024.jsonl"
    run_cli("import", str(seed), env=env)
    head = tmp_path / "head.json"
    intact = run_cli("verify", "--head-out", str(head), env=env)
    assert intact.returncode == 0, intact.stderr
    assert "intact: 25 events" in intact.stdout
    assert json.loads(head.read_text())["events"] == 25
    assert "extends the head" in run_cli("verify", "--against", str(head), env=env).stdout
    store = open_store(env)
    try:
        Tamper(store).edit(4, b"Retrofit hundreds", b"Retrofit dozens")
    finally:
        store.close()
    broken = run_cli("verify", env=env)
    assert broken.returncode == 1
    assert "broken at position 4 (gm-retrofit, version 1)" in " ".join(broken.stderr.split())
    assert run_cli("verify", "--against", str(head), env=env).returncode == 1


def test_audit_prints_a_trail_and_erasure_hides_a_name(env: dict[str, str], tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parents[2] / "api" / "seed" / "missions-playbook-2024.jsonl"
    run_cli("import", str(seed), env=env)
    lines = run_cli("audit", "we-make-camden", "--format", "jsonl", env=env).stdout.splitlines()
    assert len(lines) == 12
    first = json.loads(lines[0])
    assert (first["kind"], first["version"]) == ("MissionLaunched", 1)
    assert first["recorded_by"] == "Mission Atlas seed, from the article"
    markdown = run_cli("audit", "we-make-camden", env=env).stdout
    assert markdown.startswith("# Audit trail of we-make-camden")
    erased = run_cli("erase-person", "Mission Atlas seed, from the article", env=env)
    assert erased.returncode == 0, erased.stderr
    after = json.loads(
        run_cli("audit", "we-make-camden", "--format", "jsonl", env=env).stdout.splitlines()[0]
    )
    assert after["recorded_by"] == "[erased]"
    assert run_cli("verify", env=env).returncode == 0
    assert run_cli("erase-person", "Nobody", env=env).returncode == 1


def test_unknown_cities_and_missions_are_not_found_naming_the_argument(demo: Server) -> None:
    cases = [
        ('{ handover(cityId: "atlantis", day: "2024-01-01") { day } }', "cityId"),
        (
            '{ handover(cityId: "atlantis", day: "2024-01-01", asKnownThen: true) { day } }',
            "cityId",
        ),
        ('{ auditTrail(missionId: "nope") { edges { cursor } } }', "missionId"),
        ('{ missionAsOf(id: "nope", at: "2999-01-01T00:00:00Z") { version } }', "id"),
    ]
    for query, argument in cases:
        (error,) = demo.graphql(query)["errors"]
        assert error["extensions"] == {"code": "NOT_FOUND", "field": argument}, query
        assert error["message"].startswith(f"{argument}: ")
