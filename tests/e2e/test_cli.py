"""The command line as an operator uses it: import, status, rebuild, and help."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from api.seed import SEED_FILES
from tests.e2e.conftest import issue_token
from tests.e2e.server import CLI, free_port, run_cli, serve

README = Path(__file__).resolve().parents[2] / "README.md"


def test_import_stores_a_file_and_status_reports_no_lag(env: dict[str, str]) -> None:
    imported = run_cli("import", str(SEED_FILES[0]), env=env)
    assert imported.returncode == 0, imported.stderr
    assert "stored 25 events" in imported.stdout
    status = run_cli("status", env=env)
    assert "last position 25" in status.stdout
    assert "lag           0 events" in status.stdout


def test_a_bad_line_is_reported_with_its_number_and_field_and_nothing_is_stored(
    env: dict[str, str], tmp_path: Path
) -> None:
    good = SEED_FILES[0].read_text().splitlines()[:3]
    bad = {
        "event": "MissionLaunched",
        "mission_id": "m",
        "city_id": "valencia",
        "title": "T",
        "goal": "G",
        "theme": "t",
        "horizon_year": "soon",
        "recorded_by": "me",
        "source": "s",
    }
    file = tmp_path / "events.jsonl"
    file.write_text("\n".join([*good, json.dumps(bad)]) + "\n")
    result = run_cli("import", str(file), env=env)
    assert result.returncode == 1
    assert "line 4, field 'horizon_year'" in " ".join(result.stderr.split())
    assert "nothing from this file was stored" in " ".join(result.stderr.split())
    assert "last position 0" in run_cli("status", env=env).stdout


def test_a_line_that_is_not_utf8_is_reported_by_number_after_good_lines_and_nothing_is_stored(
    embedded_env: dict[str, str], tmp_path: Path
) -> None:
    # Lines are parsed as they are read: the good ones before are not stored either.
    good = SEED_FILES[0].read_bytes().splitlines()[:3]
    file = tmp_path / "events.jsonl"
    file.write_bytes(b"\n".join([*good, '{"event": "À"}'.encode("latin-1")]) + b"\n")
    result = run_cli("import", str(file), env=embedded_env)
    assert result.returncode == 1
    said = " ".join(result.stderr.split())
    assert "line 4: is not UTF-8 text" in said
    assert "nothing from this file was stored" in said
    assert "last position 0" in run_cli("status", env=embedded_env).stdout


def test_rebuild_reprojects_every_event(env: dict[str, str]) -> None:
    run_cli("import", str(SEED_FILES[0]), env=env)
    rebuilt = run_cli("rebuild", env=env)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "rebuilt the graph from 25 events" in rebuilt.stdout


@pytest.mark.parametrize(
    "command",
    ["serve", "import", "rebuild", "status", "project", "verify-graph", "schema", "token"],
)
def test_every_command_explains_itself(command: str) -> None:
    result = run_cli(command, "--help", env={})
    assert result.returncode == 0
    assert "Usage" in result.stdout


def test_a_bad_setting_is_named(tmp_path: Path) -> None:
    result = run_cli(
        "status",
        env={"MISSION_ATLAS_DATA_DIR": str(tmp_path), "MISSION_ATLAS_EVENT_STORE": "mongo"},
    )
    assert result.returncode == 1
    assert "MISSION_ATLAS_EVENT_STORE='mongo'" in result.stderr


def test_importing_the_same_file_twice_stores_its_events_once(env: dict[str, str]) -> None:
    run_cli("import", str(SEED_FILES[0]), env=env)
    again = run_cli("import", str(SEED_FILES[0]), env=env)
    assert again.returncode == 0, again.stderr
    assert "stored 0 events" in again.stdout
    assert "skipped 25 already stored" in again.stdout
    assert "last position 25" in run_cli("status", env=env).stdout
    verified = run_cli("verify-graph", env=env)
    assert verified.returncode == 0, verified.stdout
    assert "the graph matches the event store" in verified.stdout


def one_line(text: str) -> str:
    """Output as one line of words, whatever the terminal width and the help screen's boxes."""
    return " ".join(text.replace("│", " ").split())


def test_one_event_is_counted_in_the_singular(embedded_env: dict[str, str], tmp_path: Path) -> None:
    file = tmp_path / "one.jsonl"
    file.write_text(SEED_FILES[0].read_text().splitlines()[0] + "\n")
    imported = run_cli("import", str(file), env=embedded_env)
    assert imported.returncode == 0, imported.stderr
    assert f"stored 1 event from {file}" in one_line(imported.stdout)
    assert "rebuilt the graph from 1 event\n" in run_cli("rebuild", env=embedded_env).stdout
    assert "intact: 1 event," in one_line(run_cli("verify", env=embedded_env).stdout)


def test_token_list_prints_whole_ids_that_revoke_accepts(embedded_env: dict[str, str]) -> None:
    created = run_cli("token", "create", "--role", "admin", "--label", "a label", env=embedded_env)
    token_id = next(
        line.split()[2] for line in created.stdout.splitlines() if line.startswith("token id")
    )
    narrow = {**embedded_env, "COLUMNS": "40"}
    listed = run_cli("token", "list", env=narrow)
    assert token_id in listed.stdout.split()
    revoked = run_cli("token", "revoke", token_id, env=embedded_env)
    assert revoked.returncode == 0, revoked.stderr


def test_an_unknown_role_is_refused_naming_the_option_and_the_roles(
    embedded_env: dict[str, str],
) -> None:
    refused = run_cli("token", "create", "--role", "boss", env=embedded_env)
    assert refused.returncode == 2
    message = one_line(refused.stderr)
    assert "Invalid value for '--role': 'boss' is not a role: expected editor or admin" in message
    assert "Value error" not in message


def test_help_screens_show_flags_without_a_type_and_arguments_in_capitals() -> None:
    # The program is named "-c" here: the tests run it as `python -c`.
    usage = {
        ("import",): "import [OPTIONS] FILE",
        ("audit",): "audit [OPTIONS] MISSION_ID",
        ("token", "revoke"): "token revoke [OPTIONS] TOKEN_ID",
        ("serve",): "serve [OPTIONS]",
        (): "[OPTIONS] COMMAND [ARGS]...",
    }
    for command, line in usage.items():
        shown = run_cli(*command, "--help", env={"COLUMNS": "120"})
        assert shown.returncode == 0, shown.stderr
        text = one_line(shown.stdout)
        assert line in text
        assert "<bool>" not in text
        assert "{" not in text
    listing = one_line(run_cli("--help", env={"COLUMNS": "120"}).stdout)
    assert "rebuild Project the graph again from the event store. status" in listing
    serve_help = one_line(run_cli("serve", "--help", env={"COLUMNS": "120"}).stdout)
    assert "--demo --no-demo Load the seed dataset first" in serve_help
    assert "--help Show this message and exit." in serve_help


def test_the_audits_date_options_explain_themselves() -> None:
    shown = one_line(run_cli("audit", "--help", env={"COLUMNS": "160"}).stdout)
    assert "--from <%Y-%m-%d> Only events recorded on or after this day." in shown
    assert "--to <%Y-%m-%d> Only events recorded on or before this day." in shown


# What the README says of the commands while `serve` holds the embedded graph.
ASK_THE_SERVER: dict[str, list[str]] = {"status": [], "verify-graph": []}
NEED_THE_SERVER_STOPPED: dict[str, list[str]] = {
    "rebuild": [],
    "project": [],
}
WORK_BESIDE_IT: dict[str, list[str]] = {
    "verify": [],
    "audit": ["gm-retrofit"],
    "export": ["--format", "nt"],
    "token": ["list"],
    "schema": [],
    "erase-person": ["Mission Atlas seed, from the article"],  # last: it changes the record
}


def test_beside_a_running_server_status_and_verify_graph_ask_it_and_the_rest_say_stop_it(
    embedded_env: dict[str, str], tmp_path: Path
) -> None:
    def run(command: str, args: list[str]) -> subprocess.CompletedProcess[str] | None:
        try:
            return subprocess.run(
                [*CLI, command, *args],
                capture_output=True,
                text=True,
                env={**os.environ, **embedded_env},
                timeout=60,
                check=False,
            )
        except subprocess.TimeoutExpired:  # `project` would run until stopped
            return None

    data = Path(embedded_env["MISSION_ATLAS_DATA_DIR"])
    server = serve(embedded_env, tmp_path / "serve.log", "--demo")
    try:
        status = run("status", [])
        assert status is not None
        assert status.returncode == 0, status.stderr
        said = one_line(status.stdout)
        assert "last position 57" in said
        assert f"projected to 57 (asked `mission-atlas serve` at {server.url}" in said
        assert "lag 0 events" in said

        verified = run("verify-graph", [])
        assert verified is not None
        assert verified.returncode == 0, verified.stderr
        assert "compared events 1..57 with the graph (projected to 57, lag 0)" in verified.stdout
        assert "the graph matches the event store" in verified.stdout

        for command, args in NEED_THE_SERVER_STOPPED.items():
            refused = run(command, args)
            assert refused is not None, f"{command} did not refuse"
            assert refused.returncode == 1, (command, refused.stdout)
            said = one_line(refused.stderr)
            assert f"`mission-atlas serve` (pid {server.process.pid}, {server.url})" in said
            assert "stop `mission-atlas serve` on this data directory first" in said, command
            assert "Could not set lock" not in said, command

        for command, args in WORK_BESIDE_IT.items():
            worked = run(command, args)
            assert worked is not None, command
            assert worked.returncode == 0, (command, worked.stderr)
        one = tmp_path / "one.jsonl"
        city = json.loads(SEED_FILES[0].read_text().splitlines()[0])
        city.update(event_id="e2e/ogdenville", city_id="ogdenville", name="Ogdenville")
        one.write_text(json.dumps(city) + "\n")
        imported = run("import", [str(one)])
        assert imported is not None
        assert imported.returncode == 0, imported.stderr
        assert "the process holding it will project them" in one_line(imported.stdout)
    finally:
        server.stop()
    assert not (data / "server.json").exists()  # the note goes with the server

    said = one_line(README.read_text().split("**With the server running.**")[1].split("\n\n")[0])
    asking, rest = said.split(" ask it", 1)
    refusing, working = rest.split(" refuse", 1)
    for command in ASK_THE_SERVER:
        assert f"`{command}`" in asking
    for command in NEED_THE_SERVER_STOPPED:
        assert f"`{command}`" in refusing
    for command in [*WORK_BESIDE_IT, "import"]:
        assert f"`{command}`" in working


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_the_projector_stops_cleanly_on_sigterm_and_ctrl_c(
    embedded_env: dict[str, str], stop: signal.Signals
) -> None:
    # `docker stop` sends SIGTERM to the compose file's `projector` service; Ctrl-C is SIGINT.
    run_cli("import", str(SEED_FILES[0]), env=embedded_env)
    projector = subprocess.Popen(
        [*CLI, "project"],
        env={**os.environ, **embedded_env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert projector.stdout is not None
        assert "projecting from position 25" in projector.stdout.readline()
        projector.send_signal(stop)
        said, complained = projector.communicate(timeout=30)
    finally:
        projector.kill()
    assert projector.returncode == 0, complained
    assert complained == ""
    assert said.strip() == f"stopped at position 25 ({stop.name})"


def test_a_damaged_graph_file_is_named_by_serve_and_rebuilt_from_the_events(
    embedded_env: dict[str, str],
) -> None:
    run_cli("import", str(SEED_FILES[0]), env=embedded_env)
    data = Path(embedded_env["MISSION_ATLAS_DATA_DIR"])
    with (data / "graph.lbug").open("r+b") as graph:
        graph.write(b"not a graph " * 8)  # over the file's header

    served = run_cli("serve", "--port", str(free_port()), env=embedded_env)
    assert served.returncode == 1
    said = one_line(served.stderr)
    assert f"the embedded graph at {data / 'graph.lbug'} is damaged" in said
    assert "run `mission-atlas rebuild` to build it again from the events" in said
    assert "Traceback" not in said

    rebuilt = run_cli("rebuild", env=embedded_env)
    assert rebuilt.returncode == 0, rebuilt.stderr
    (kept,) = data.glob("graph.lbug.damaged-*")
    assert kept.read_bytes().startswith(b"not a graph ")
    said = one_line(rebuilt.stdout)
    assert f"the damaged graph file was kept as {kept}" in said
    assert "rebuilt the graph from 25 events" in said
    assert run_cli("verify-graph", env=embedded_env).returncode == 0


def test_the_readmes_record_decision_example_answers_as_it_says_after_a_token_was_made(
    embedded_env: dict[str, str], tmp_path: Path
) -> None:
    # The README's reader starts `serve --demo` and makes a token, as it tells them to: the
    # token's issue is an event of the record too, and takes a position.
    text = README.read_text()
    start = text.index("```graphql\nmutation {\n  recordDecision(") + len("```graphql\n")
    mutation = text[start : text.index("```", start)]
    start = text.index("```json\n", start) + len("```json\n")
    shown = json.loads(text[start : text.index("```", start)])["data"]["recordDecision"]

    token = issue_token(embedded_env, "--role", "admin")
    server = serve(embedded_env, tmp_path / "serve.log", "--demo", token=token)
    try:
        answer = server.graphql(mutation)["data"]["recordDecision"]
    finally:
        server.stop()
    assert {**answer, "itemId": shown["itemId"]} == shown
