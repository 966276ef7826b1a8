"""The ``mission-atlas`` command line: serve the API, import event files, rebuild and inspect."""

from __future__ import annotations

import logging
import os
import signal
import threading
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from api.audit_cli import audit, erase_person, verify
from api.bootstrap import Atlas, bootstrap, open_events
from api.export_cli import export
from api.help_screens import AtlasCommand, AtlasGroup
from api.plurals import count
from api.seed import SEED_FILES
from api.settings import Settings, SettingsError
from api.tokens_cli import tokens_cli
from events.application import Executed, MissionAtlas
from events.errors import AtlasError
from events.importing import decode_lines, import_events
from graph.embedded import rebuild_beside
from graph.errors import GraphError, GraphUnavailable
from graph.projector import Projector
from graph.verification import Report, verify_graph

cli = typer.Typer(
    help="Mission Atlas: what cities learned from their missions, across administrations.",
    no_args_is_help=True,
    add_completion=False,
    cls=AtlasGroup,
)
# soft_wrap: long lines stay whole when the output is a file or a pipe.
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as error:
        raise _fail(str(error)) from error


def _open() -> Atlas:
    try:
        return bootstrap(_settings())
    except GraphUnavailable as error:
        raise _fail(f"{error} (is `mission-atlas serve` running on the same data?)") from error


# Exit codes of `import`, so a script can tell what happened without reading the output.
NOTHING_STORED, STORED_NOT_PROJECTED = 1, 3


def _import(events: MissionAtlas, path: Path) -> Executed:
    # Lines are parsed as they are read, not held as text first. The commands and their
    # events are still held until the one save that makes the file all or nothing.
    with (
        path.open("rb") as file,
        Progress(
            TextColumn("checking {task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task(path.name, total=None)
        return import_events(
            events,
            decode_lines(file),
            lambda done, total: progress.update(task, completed=done, total=total),
        )


@cli.command("import", cls=AtlasCommand)
def import_file(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="A JSON-lines event file.")
    ],
) -> None:
    """Append the events of a JSON-lines file: all of them, or none if any line is bad.

    Exit status: 0 stored and projected; 1 nothing stored (the error names the line and
    field); 3 stored, but the graph could not show them yet (the projector retries)."""
    settings = _settings()
    events = open_events(settings)
    try:
        stored = _import(events, file)
    except AtlasError as error:
        problem = f"{file}: {error}; nothing from this file was stored"
        raise _fail(problem, NOTHING_STORED) from error
    finally:
        events.close()
    stored_count = len(stored.recordings)
    skipped = f", skipped {len(stored.replayed)} already stored" if stored.replayed else ""
    out.print(f"stored {count(stored_count, 'event')} from {file}{skipped}")
    try:
        atlas = bootstrap(settings)
    except GraphUnavailable as error:
        out.print(
            f"the graph is not updated here ({error}); the process holding it will project them"
        )
        return
    try:
        out.print(f"graph projected to position {atlas.projector.catch_up()}")
    except GraphError as error:
        raise _fail(
            f"the events are stored, but the graph could not show them: {error}; it keeps "
            f"serving what it had (position {atlas.projector.position})",
            STORED_NOT_PROJECTED,
        ) from None
    finally:
        atlas.close()


@cli.command(cls=AtlasCommand)
def serve(
    demo: Annotated[
        bool,
        typer.Option(
            help="Load the seed dataset first (its events are stored once, however often)."
        ),
    ] = False,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    poll: Annotated[
        bool,
        typer.Option(
            help="Also project events stored by other processes (`import`, a projector "
            "service), so that the graph and subscriptions show them. Keep it on beside a "
            "`mission-atlas project` service: on Neo4j the two take turns."
        ),
    ] = True,
    access_log: Annotated[bool, typer.Option(help="Log every request.")] = True,
    workers: Annotated[
        int, typer.Option(help="Worker processes (more than one needs the Neo4j graph store).")
    ] = 1,
) -> None:
    """Serve the GraphQL API at /graphql (GraphiQL in a browser)."""
    import uvicorn

    from api.app import create_app

    if demo:
        atlas = _open()
        try:
            loaded = sum(len(_import(atlas.events, seed).recordings) for seed in SEED_FILES)
            if loaded:
                out.print(f"loaded the seed dataset: {count(loaded, 'event')}")
            atlas.projector.catch_up()
        except GraphError as error:
            # The server still starts: it serves the last consistent graph and reports the
            # lag and the error at /health while its projector retries.
            err.print(f"[yellow]warning:[/yellow] {error}", highlight=False)
        finally:
            atlas.close()
    out.print(f"GraphQL at http://{host}:{port}/graphql")
    settings = Settings.from_env()
    if workers == 1:
        app = create_app(settings, poll=poll)
        uvicorn.run(app, host=host, port=port, log_level="info", access_log=access_log)
        return
    if settings.graph_store != "neo4j":
        raise _fail(
            "--workers above 1 needs MISSION_ATLAS_GRAPH_STORE=neo4j: the embedded "
            "graph is a file only one process may open"
        )
    os.environ["MISSION_ATLAS_POLL"] = "1" if poll else "0"
    uvicorn.run(
        "api.app:create_app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="info",
        access_log=access_log,
    )


@cli.command(cls=AtlasCommand)
def project(
    interval: Annotated[float, typer.Option(help="Seconds between polls when idle.")] = 0.5,
    batch_size: Annotated[int, typer.Option(help="Events written per graph transaction.")] = 1000,
) -> None:
    """Run the projector until interrupted: follow the event store into the graph."""
    atlas = _open()
    atlas.projector.batch_size = batch_size
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    out.print(f"projecting from position {atlas.projector.position}; Ctrl-C to stop")
    try:
        atlas.projector.run(stop, interval)
    except KeyboardInterrupt:
        pass
    finally:
        atlas.close()
    out.print(f"stopped at position {atlas.projector.position}")


def _print_report(report: Report) -> None:
    table = Table("nodes", "from events", "in graph", box=None)
    for label, expected in report.expected.items():
        table.add_row(label, str(expected), str(report.actual[label]))
    out.print(table)
    out.print(
        f"compared events 1..{report.last_position} with the graph "
        f"(projected to {report.position}, lag {report.lag})"
    )
    if report.lag:
        out.print(f"[red]the graph does not show the last {count(report.lag, 'event')} yet[/red]")
    for difference in report.differences:
        for what, ids in (
            ("missing from the graph", difference.missing),
            ("in the graph but in no event", difference.unexpected),
        ):
            if ids:
                more = f" and {len(ids) - 10} more" if len(ids) > 10 else ""
                out.print(
                    f"[red]{difference.label}: {len(ids)} {what}:[/red] {', '.join(ids[:10])}{more}"
                )
    for kind in sorted(set(report.kinds_expected) | set(report.kinds_actual)):
        expected, actual = report.kinds_expected[kind], report.kinds_actual[kind]
        if expected != actual:
            recorded = count(expected, "event")
            out.print(f"[red]{kind}: {recorded} recorded, {actual} in the graph[/red]")


@cli.command("verify-graph", cls=AtlasCommand)
def verify_graph_command() -> None:
    """Compare the graph with the event store and report every difference."""
    atlas = _open()
    try:
        report = verify_graph(atlas.events, atlas.graph)
    finally:
        atlas.close()
    _print_report(report)
    if not report.consistent:
        raise typer.Exit(1)
    out.print("the graph matches the event store")


@cli.command(cls=AtlasCommand)
def rebuild() -> None:
    """Project the graph again from the event store.

    The embedded graph is built beside the old one and replaces it only when complete;
    Neo4j's is rebuilt in place."""
    settings = _settings()
    try:
        if settings.graph_store == "embedded":
            events = open_events(settings)
            try:
                position = rebuild_beside(
                    settings.embedded_graph_path,
                    lambda store: Projector(events, store).catch_up(),
                )
            finally:
                events.close()
        else:
            atlas = _open()
            try:
                position = atlas.projector.rebuild()
            finally:
                atlas.close()
    except GraphUnavailable as error:
        raise _fail(f"{error} (is `mission-atlas serve` running on the same data?)") from error
    except GraphError as error:
        raise _fail(f"the rebuild failed, and the graph was left as it was: {error}") from None
    out.print(f"rebuilt the graph from {count(position, 'event')}")


@cli.command(cls=AtlasCommand)
def status() -> None:
    """Events stored, projection position, and lag."""
    atlas = _open()
    try:
        stored, projected = atlas.events.last_position, atlas.projector.position
    finally:
        atlas.close()
    settings = atlas.settings
    out.print(f"event store   {settings.event_store}  last position {stored}")
    out.print(f"graph store   {settings.graph_store}  projected to {projected}")
    out.print(f"lag           {count(stored - projected, 'event')}")


@cli.command(cls=AtlasCommand)
def schema() -> None:
    """Print the GraphQL schema (SDL); api/schema.graphql is this output, checked in."""
    from api.schema import schema as graphql_schema

    print(graphql_schema.as_str())


# Listed after the commands above, in this order: the auditor's commands, then the tokens.
cli.command("export", cls=AtlasCommand)(export)
cli.command("verify", cls=AtlasCommand)(verify)
cli.command("audit", cls=AtlasCommand)(audit)
cli.command("erase-person", cls=AtlasCommand)(erase_person)
cli.add_typer(tokens_cli, name="token")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    cli()
