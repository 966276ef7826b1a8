"""The note a server leaves for the commands run beside it, and the report they are sent."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path

from api.cli.running_server import NOTE, RunningServer, announced, local_url, running_server
from graph.verification import Difference, Report


def test_the_note_is_readable_by_its_owner_only_and_goes_with_the_server(tmp_path: Path) -> None:
    server = RunningServer(os.getpid(), "http://127.0.0.1:8000", "a secret")
    with announced(tmp_path, server):
        note = tmp_path / NOTE
        assert stat.S_IMODE(note.stat().st_mode) == 0o600
        assert running_server(tmp_path, holder=os.getpid()) == server
    assert not note.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_note_counts_only_for_the_process_that_holds_the_graph(tmp_path: Path) -> None:
    server = RunningServer(os.getpid(), "http://127.0.0.1:8000", "a secret")
    with announced(tmp_path, server):
        assert running_server(tmp_path, holder=os.getpid() + 1) is None  # another holder
        assert running_server(tmp_path, holder=None) == server  # alive: taken as the holder


def test_the_note_of_a_server_that_was_killed_is_ignored(tmp_path: Path) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    note = {"pid": int(gone.stdout), "url": "http://127.0.0.1:8000", "secret": "s"}
    (tmp_path / NOTE).write_text(json.dumps(note))
    assert running_server(tmp_path, holder=None) is None


def test_a_note_is_never_a_way_to_make_a_command_open_a_file(tmp_path: Path) -> None:
    note = {"pid": os.getpid(), "url": "file:///etc/passwd#", "secret": "s"}
    (tmp_path / NOTE).write_text(json.dumps(note))
    assert running_server(tmp_path, holder=os.getpid()) is None


def test_a_server_listening_everywhere_is_asked_on_the_loopback_interface() -> None:
    assert local_url("0.0.0.0", 8000) == "http://127.0.0.1:8000"
    assert local_url("::", 8000) == "http://[::1]:8000"
    assert local_url("127.0.0.1", 8080) == "http://127.0.0.1:8080"
    assert local_url("fe80::1", 8000) == "http://[fe80::1]:8000"


def test_a_graph_report_survives_the_trip_from_the_server_to_the_command() -> None:
    report = Report(
        position=56,
        last_position=57,
        expected={"City": 3, "Decision": 11},
        actual={"City": 3, "Decision": 10},
        kinds_expected=Counter({"DecisionRecorded": 11}),
        kinds_actual=Counter({"DecisionRecorded": 10}),
        differences=[Difference("Decision", ["gm-retrofit/pilot"], [])],
    )
    carried = Report.from_json(json.loads(json.dumps(report.as_json())))
    assert carried == report
    assert not carried.consistent
