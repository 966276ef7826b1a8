"""The command line's one error edge and its one reading of the settings."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner
from uvicorn.importer import import_from_string

from api.app import WORKERS, polling_worker, worker
from api.cli import cli
from api.cli.opening import FailingPlainly
from events.errors import NotFound
from ontology.errors import ExportStopped, RdfStoreError

BAD = {"MISSION_ATLAS_EVENT_STORE": "mongo"}


STOPPED = "export worker 2 of 2 stopped (exit code -9) before writing its part"
COMPACTING = "the RDF store at /d cannot be compacted: disk full"


@pytest.mark.parametrize(
    ("raised", "printed"),
    [
        (NotFound("no token 'abc' was issued", "token_id"), "token_id: no token 'abc' was issued"),
        (ExportStopped(STOPPED), STOPPED),
        (RdfStoreError(COMPACTING), COMPACTING),
    ],
)
def test_a_domain_or_ontology_error_no_command_answers_is_printed_plainly_and_exits_1(
    raised: Exception, printed: str
) -> None:
    app = typer.Typer(cls=FailingPlainly)

    @app.command()
    def revoke() -> None:
        raise raised

    @app.command()
    def other() -> None:
        """A second command, so that typer keeps the group (and its error edge)."""

    result = CliRunner().invoke(app, ["revoke"])
    assert result.exit_code == 1
    assert f"error: {printed}" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_bad_setting_is_named_by_the_first_command_that_needs_the_settings() -> None:
    result = CliRunner().invoke(cli, ["token", "list"], env=BAD)
    assert result.exit_code == 1
    assert "MISSION_ATLAS_EVENT_STORE='mongo'" in result.stderr


def test_commands_that_need_no_settings_work_whatever_the_settings_say() -> None:
    assert CliRunner().invoke(cli, ["status", "--help"], env=BAD).exit_code == 0
    schema = CliRunner().invoke(cli, ["schema"], env=BAD)
    assert schema.exit_code == 0
    assert "type Query" in schema.stdout


def test_serves_worker_processes_learn_whether_to_poll_from_the_factory_they_import() -> None:
    # uvicorn imports a worker's factory by name in each new process: nothing else is handed on.
    factories = {poll: import_from_string(name) for poll, name in WORKERS.items()}
    assert factories == {True: polling_worker, False: worker}
