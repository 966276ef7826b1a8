"""How a command opens the stores, and the plain words it fails with when it cannot."""

from __future__ import annotations

import typer
from rich.console import Console

from api.bootstrap import Atlas, bootstrap
from api.running_server import running_server
from api.settings import Settings, SettingsError
from graph.errors import GraphDamaged, GraphError, GraphLocked

err = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``message`` as an error; the caller raises what this returns."""
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


def load_settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as error:
        raise fail(str(error)) from error


def open_atlas(settings: Settings | None = None) -> Atlas:
    settings = settings or load_settings()
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
