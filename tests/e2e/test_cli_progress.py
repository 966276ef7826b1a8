"""Long commands say how far they have got on stderr: plain lines when piped, as a CI job or a
log reads them, while stdout stays the command's data (export writes RDF there)."""

from __future__ import annotations

import rdflib

from api.seed import SEED_FILES
from tests.e2e.server import run_cli


def test_piped_long_commands_print_plain_progress_lines_on_stderr_and_keep_stdout_data(
    embedded_env: dict[str, str],
) -> None:
    imported = run_cli("import", str(SEED_FILES[0]), env=embedded_env)
    assert imported.returncode == 0, imported.stderr
    assert "checked 25 of 25 events" in imported.stderr.splitlines()
    assert "projected 25 of 25 events" in imported.stderr.splitlines()
    assert imported.stdout.splitlines()[0].startswith("stored 25 events")

    exported = run_cli("export", "--format", "nt", env=embedded_env)
    assert exported.returncode == 0, exported.stderr
    assert "exported 25 of 25 events" in exported.stderr.splitlines()
    assert len(rdflib.Graph().parse(data=exported.stdout, format="nt")) > 100
    by_workers = run_cli("export", "--format", "nt", "--workers", "2", env=embedded_env)
    assert by_workers.returncode == 0, by_workers.stderr
    assert by_workers.stdout == exported.stdout
    assert "exported 25 of 25 events" in by_workers.stderr.splitlines()
    refused = run_cli("export", "--format", "ttl", "--workers", "2", env=embedded_env)
    assert refused.returncode == 1
    assert "--workers 2: workers write only nq, nt" in refused.stderr

    for command, line in (
        ("verify", "verified 25 of 25 events"),
        ("verify-graph", "compared 25 of 25 events"),
        ("rebuild", "projected 25 of 25 events"),
    ):
        result = run_cli(command, env=embedded_env)
        assert result.returncode == 0, result.stderr
        assert line in result.stderr.splitlines(), (command, result.stderr)
