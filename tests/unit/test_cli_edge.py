"""The command line's one error edge and its one reading of the settings."""

from __future__ import annotations

import typer
from typer.testing import CliRunner
from uvicorn.importer import import_from_string

from api.app import WORKERS, polling_worker, worker
from api.cli import cli
from api.cli.opening import FailingPlainly
from events.errors import NotFound

BAD = {"MISSION_ATLAS_EVENT_STORE": "mongo"}


def test_a_domain_error_no_command_answers_is_printed_plainly_and_exits_1() -> None:
    app = typer.Typer(cls=FailingPlainly)

    @app.command()
    def revoke() -> None:
        raise NotFound("no token 'abc' was issued", "token_id")

    @app.command()
    def other() -> None:
        """A second command, so that typer keeps the group (and its error edge)."""

    result = CliRunner().invoke(app, ["revoke"])
    assert result.exit_code == 1
    assert "error: token_id: no token 'abc' was issued" in result.stderr
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
