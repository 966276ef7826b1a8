"""How a command opens the stores, and the plain words it fails with when it cannot."""

from __future__ import annotations

from typing import Any

import typer
from rich.console import Console

from api.bootstrap import Atlas, bootstrap
from api.cli.help_screens import AtlasGroup
from api.cli.running_server import running_server
from api.settings import Settings, SettingsError
from events.errors import AtlasError
from graph.errors import GraphDamaged, GraphError, GraphLocked
from ontology.errors import OntologyError

err = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``message`` as an error; the caller raises what this returns."""
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


class FailingPlainly(AtlasGroup):
    """The command line's error edge: a domain error a command does not answer itself (an
    unknown token, mission or role), or the ontology's (an RDF store that cannot be opened or
    written, an export whose worker stopped), is printed plainly and exits 1, not as a
    traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (AtlasError, OntologyError) as error:
            raise fail(str(error)) from error


def read_settings() -> Settings | SettingsError:
    """The settings, read once for the whole command line. A bad one is kept, to be named
    by the first command that needs them: ``--help`` and ``schema`` need none."""
    try:
        return Settings.from_env()
    except SettingsError as error:
        return error


def settings_of(ctx: typer.Context) -> Settings:
    """The settings the command line's callback read (see ``read_settings``)."""
    read = ctx.obj
    if isinstance(read, SettingsError):
        raise fail(str(read)) from read
    if not isinstance(read, Settings):
        raise TypeError(f"the command line's callback left {read!r}, not settings")
    return read


def open_atlas(settings: Settings) -> Atlas:
    try:
        return bootstrap(settings)
    except GraphError as error:
        raise fail(why_not(error, settings)) from error


def why_not(error: GraphError, settings: Settings) -> str:
    """Why the graph will not open, and what to do about it."""
    if isinstance(error, GraphDamaged):
        # The graph is derived from the events: it is built again, never repaired.
        return f"{error}\nrun `mission-atlas rebuild` to build it again from the events"
    if isinstance(error, GraphLocked):
        server = running_server(settings.data_dir, error.holder)
        if server is None:
            return (
                f"{error}: stop `mission-atlas serve` or `mission-atlas project` on this data "
                "directory first, then run this command again"
            )
        return (
            f"`mission-atlas serve` (pid {server.pid}, {server.url}) holds the embedded graph "
            f"at {settings.embedded_graph_path}: stop `mission-atlas serve` on this data "
            "directory first, then run this command again"
        )
    return str(error)
