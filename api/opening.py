"""How a command opens the stores, and the plain words it fails with when it cannot."""

from __future__ import annotations

import typer
from rich.console import Console

from api.bootstrap import Atlas, bootstrap
from api.settings import Settings, SettingsError
from graph.errors import GraphDamaged, GraphError, GraphUnavailable

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


def open_atlas() -> Atlas:
    try:
        return bootstrap(load_settings())
    except GraphError as error:
        raise fail(why_not(error)) from error


def why_not(error: GraphError) -> str:
    """Why the graph will not open, and what to do about it."""
    if isinstance(error, GraphDamaged):
        # The graph is derived from the events: it is built again, never repaired.
        return f"{error}\nrun `mission-atlas rebuild` to build it again from the events"
    if isinstance(error, GraphUnavailable):
        return f"{error} (is `mission-atlas serve` running on the same data?)"
    return str(error)
