"""The graph's commands: ``project``, ``verify-graph``, ``rebuild`` and ``status``."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from api.bootstrap import bootstrap, open_events
from api.cli.opening import fail, open_atlas, settings_of, why_not
from api.cli.plurals import count
from api.cli.progress import progress
from api.cli.running_server import NoAnswer, RunningServer, running_server
from api.settings import Settings
from graph.embedded import keep_damaged, rebuild_beside
from graph.errors import GraphDamaged, GraphError, GraphLocked, GraphUnavailable
from graph.projector import BATCH_SIZE, Projector
from graph.rebuilding import REBUILD_TURN
from graph.verification import Report, verify_graph
from ontology.errors import RdfStoreHeld
from ontology.iris import Iris
from ontology.rdf_projector import RdfProjector
from ontology.rdf_store import RdfStore

# soft_wrap: long lines stay whole when the output is a file or a pipe.
out = Console(soft_wrap=True)


def project(
    ctx: typer.Context,
    interval: Annotated[float, typer.Option(help="Seconds between polls when idle.")] = 0.5,
    batch_size: Annotated[
        int, typer.Option(help="Events written per graph transaction, at most.")
    ] = BATCH_SIZE,
) -> None:
    """Run the projector until interrupted: follow the event store into the graph."""
    atlas = open_atlas(settings_of(ctx))
    atlas.projector.batch_size = batch_size
    stop = threading.Event()
    stopped_by: list[signal.Signals] = []

    def stop_on(signum: int, _frame: object) -> None:
        # Ctrl-C as well as `docker stop`: the projector finishes the batch in hand (each is
        # committed with its position) rather than being interrupted inside it.
        stopped_by.append(signal.Signals(signum))
        stop.set()

    for stopping in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stopping, stop_on)
    out.print(f"projecting from position {atlas.projector.position}; Ctrl-C to stop")
    try:
        with progress("projected") as report:
            atlas.projector.run(stop, interval, progress=report)
        position = atlas.projector.position  # read before closing the graph
    finally:
        atlas.close()
    out.print(f"stopped at position {position} ({stopped_by[0].name})")


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


def verify_graph_command(ctx: typer.Context) -> None:
    """Compare the graph with the event store and report every difference.

    Beside `mission-atlas serve` on the embedded graph, the server compares its own."""
    settings = settings_of(ctx)
    try:
        atlas = bootstrap(settings)
    except GraphLocked as held:
        server = _server_holding(settings, held)
        report = Report.from_json(_ask(server, server.graph_verification))
        out.print(f"compared by `mission-atlas serve` at {server.url} (pid {server.pid})")
    except GraphError as error:
        raise fail(why_not(error, settings)) from error
    else:
        try:
            with progress("compared") as told:
                report = verify_graph(atlas.events, atlas.graph, progress=told)
        finally:
            atlas.close()
    _print_report(report)
    if not report.consistent:
        raise typer.Exit(1)
    out.print("the graph matches the event store")


def rebuild(ctx: typer.Context) -> None:
    """Project the graph again from the event store.

    The embedded graph is built beside the old one and replaces it only when complete;
    Neo4j's is rebuilt in place. The RDF store behind /sparql is projected again too."""
    settings = settings_of(ctx)
    try:
        if settings.graph_store == "embedded":
            position = _rebuild_embedded(settings)
        else:
            atlas = open_atlas(settings)
            try:
                # A worker of a running server that finds the graph outdated rebuilds it in
                # this same turn: one rebuild at a time, never one clearing under another.
                with atlas.graph.turn(REBUILD_TURN), progress("projected") as report:
                    position = atlas.projector.rebuild(progress=report)
            finally:
                atlas.close()
    except (GraphDamaged, GraphUnavailable) as error:
        raise fail(why_not(error, settings)) from error
    except GraphError as error:
        raise fail(f"the rebuild failed, and the graph was left as it was: {error}") from None
    out.print(f"rebuilt the graph from {count(position, 'event')}")
    out.print(_rebuild_rdf(settings))


def _rebuild_rdf(settings: Settings) -> str:
    try:
        store = RdfStore(settings.rdf_store_path)
    except RdfStoreHeld:
        return (
            "the RDF store is held by `mission-atlas serve`, which keeps it up to date itself; "
            "it was left as it was"
        )
    events = open_events(settings)
    try:
        position = RdfProjector(events, store, Iris(settings.base_iri)).rebuild()
    finally:
        store.close()
        events.close()
    return f"rebuilt the RDF store from {count(position, 'event')}"


def _rebuild_embedded(settings: Settings) -> int:
    """Rebuild beside the old graph file; one that cannot be read is kept aside first, as
    the events can always build the graph again."""
    events = open_events(settings)
    path = settings.embedded_graph_path
    try:
        with progress("projected") as report:
            try:
                return rebuild_beside(
                    path, lambda store: Projector(events, store).catch_up(progress=report)
                )
            except GraphDamaged as damage:
                kept = keep_damaged(path)
                out.print(f"{damage}\nthe damaged graph file was kept as {kept}; building again")
            return rebuild_beside(
                path, lambda store: Projector(events, store).catch_up(progress=report)
            )
    finally:
        events.close()


def status(ctx: typer.Context) -> None:
    """Events stored, projection position, and lag.

    Beside `mission-atlas serve` on the embedded graph, the server is asked."""
    settings = settings_of(ctx)
    try:
        atlas = bootstrap(settings)
    except GraphLocked as held:
        server = _server_holding(settings, held)
        health = _ask(server, server.health)
        asked = f" (asked `mission-atlas serve` at {server.url}, pid {server.pid})"
        _print_status(settings, health["events"], health["projected"], asked)
        if health["error"]:
            out.print(f"[red]projector     {health['error']}[/red]", highlight=False)
        return
    except GraphError as error:
        raise fail(why_not(error, settings)) from error
    try:
        stored, projected = atlas.events.last_position, atlas.projector.position
    finally:
        atlas.close()
    _print_status(settings, stored, projected)


def _print_status(settings: Settings, stored: int, projected: int, asked: str = "") -> None:
    out.print(f"event store   {settings.event_store}  last position {stored}")
    out.print(f"graph store   {settings.graph_store}  projected to {projected}{asked}")
    out.print(f"lag           {count(stored - projected, 'event')}")


def _server_holding(settings: Settings, held: GraphLocked) -> RunningServer:
    """The server that holds the embedded graph, to be asked instead of opening it."""
    server = running_server(settings.data_dir, held.holder)
    if server is None:
        raise fail(why_not(held, settings))
    return server


def _ask(server: RunningServer, question: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    try:
        return question()
    except NoAnswer as error:
        raise fail(
            f"`mission-atlas serve` (pid {server.pid}) holds the embedded graph, but gave no "
            f"answer: {error}"
        ) from error
