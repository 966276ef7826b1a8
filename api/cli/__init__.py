"""The ``mission-atlas`` command line: serve the API, import event files, rebuild and inspect."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from api.bootstrap import bootstrap, catch_up_rdf, open_events
from api.cli.audit import audit, erase_person, verify
from api.cli.export import export
from api.cli.graph import project, rebuild, status, verify_graph_command
from api.cli.help_screens import AtlasCommand
from api.cli.opening import FailingPlainly, fail, open_atlas, read_settings, settings_of, why_not
from api.cli.plurals import count
from api.cli.progress import progress
from api.cli.running_server import local_url, this_server
from api.cli.tokens import tokens_cli
from api.seed import SEED_FILES
from api.settings import Settings
from events.application import MissionAtlas
from events.errors import AtlasError
from events.import_run import Imported
from events.importing import EventFile, import_events
from graph.errors import GraphDamaged, GraphError, GraphUnavailable

cli = typer.Typer(
    help="Mission Atlas: what cities learned from their missions, across administrations.",
    no_args_is_help=True,
    add_completion=False,
    cls=FailingPlainly,
)
# soft_wrap: long lines stay whole when the output is a file or a pipe.
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
WORKER_HEALTHCHECK_SECONDS = 60
log = logging.getLogger(__name__)


@cli.callback()
def _settings(ctx: typer.Context) -> None:
    # Read here, once, and handed to every command through the context.
    ctx.obj = read_settings()


# Exit codes of `import`, so a script can tell what happened without reading the output.
NOTHING_STORED, STORED_NOT_PROJECTED = 1, 3


def _import(events: MissionAtlas, path: Path) -> Imported:
    # Read as checked, a batch at a time: neither the file nor its events are held whole.
    lines = EventFile(path)
    with progress("checked", console=err) as report:
        return import_events(events, lines, report, total=lines.count())


@cli.command("import", cls=AtlasCommand)
def import_file(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="A JSON-lines event file.")
    ],
) -> None:
    """Append the events of a JSON-lines file: all of them, or none if any line is bad.

    Exit status: 0 stored and projected; 1 nothing stored (the error names the line and
    field); 3 stored, but the graph could not show them yet (the projector retries)."""
    settings = settings_of(ctx)
    events = open_events(settings)
    try:
        stored = _import(events, file)
    except AtlasError as error:
        problem = f"{file}: {error}; nothing from this file was stored"
        raise fail(problem, NOTHING_STORED) from error
    finally:
        events.close()
    skipped = f", skipped {stored.skipped} already stored" if stored.skipped else ""
    out.print(f"stored {count(stored.stored, 'event')} from {file}{skipped}")
    try:
        atlas = bootstrap(settings)
    except GraphDamaged as error:
        message = (
            f"the events are stored, but the graph could not show them: {why_not(error, settings)}"
        )
        raise fail(message, STORED_NOT_PROJECTED) from None
    except GraphUnavailable as error:
        out.print(
            f"the graph is not updated here ({error}); the process holding it will project them"
        )
        return
    try:
        with progress("projected", console=err) as report:
            position = atlas.projector.catch_up(progress=report)
        out.print(f"graph projected to position {position}")
    except GraphError as error:
        raise fail(
            f"the events are stored, but the graph could not show them: {error}; it keeps "
            f"serving what it had (position {atlas.projector.position})",
            STORED_NOT_PROJECTED,
        ) from None
    finally:
        atlas.close()


@cli.command(cls=AtlasCommand)
def serve(
    ctx: typer.Context,
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
    # A stream stops at once when the server is told to stop, but a client that stopped
    # reading holds its connection: uvicorn would wait, without bound, for the bytes already
    # queued for it to be read.
    shutdown_grace: Annotated[
        int,
        typer.Option(
            help="Seconds a stopping server gives open connections to finish before it "
            "closes them.",
            min=0,
        ),
    ] = 5,
) -> None:
    """Serve the GraphQL API at /graphql (GraphiQL in a browser)."""
    import uvicorn

    from api.app import WORKERS, create_app

    settings = settings_of(ctx)
    # Opened here first, so that a graph that will not open is named plainly rather than in
    # a traceback of the server's startup.
    atlas = open_atlas(settings) if demo or settings.graph_store == "embedded" else None
    if atlas is not None:
        try:
            if demo:
                loaded = sum(_import(atlas.events, seed).stored for seed in SEED_FILES)
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
    out.print(f"Mission Explorer at http://{host}:{port}/")
    if workers == 1:
        # The embedded graph's file admits one process: the server leaves a note saying where
        # the commands run beside it may ask it instead (Neo4j they reach themselves).
        embedded = settings.graph_store == "embedded"
        beside = this_server(local_url(host, port)) if embedded else None
        app = create_app(settings, poll=poll, beside=beside)
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level="info",
            access_log=access_log,
            timeout_graceful_shutdown=shutdown_grace,
        )
        return
    if settings.graph_store != "neo4j":
        raise fail(
            "--workers above 1 needs MISSION_ATLAS_GRAPH_STORE=neo4j: the embedded "
            "graph is a file only one process may open"
        )
    from ontology.errors import RdfStoreError
    from ontology.rdf_copies import make_copies

    # Each worker needs an RDF store of its own to answer /sparql: copies of the store, made
    # while no worker runs yet. The store is brought up to the event log first, once: a copy
    # left behind (new, built by other code, or a build stopped half way) would otherwise be
    # built by every worker at once, in the processes answering requests, each build holding
    # its worker's GIL for most of its time. On 50,000 events, a lessons request's p50 was
    # 2.8 times its bare Cypher's for the four minutes two workers took to build it, and 1.7
    # times once they had (issue 12).
    try:
        _rdf_caught_up(settings)
        make_copies(settings.rdf_store_path, workers - 1)
    except RdfStoreError as error:
        raise fail(f"--workers {workers}: {error}") from error
    uvicorn.run(
        WORKERS[poll],
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="info",
        access_log=access_log,
        timeout_graceful_shutdown=shutdown_grace,
        # uvicorn kills a worker that leaves its ping unanswered for this long. A worker
        # rebuilding an outdated graph or RDF store answers from a thread that needs the
        # GIL, which the stores' native code can hold for seconds on a busy machine: at the
        # default 5 s, workers were killed and restarted mid-rebuild under load.
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
    )


def _rdf_caught_up(settings: Settings) -> None:
    """The RDF store brought up to the event log before the workers start, or the reason it
    was not logged: each worker still follows the log into its copy and retries what failed,
    as a single server does, so the server starts either way."""
    from ontology.errors import RdfStoreError

    try:
        catch_up_rdf(settings, behind=_rdf_behind)
    except RdfStoreError:
        raise  # a store that cannot be opened or copied: the caller says so and stops
    except Exception:
        log.exception("the RDF store could not be brought up to date before the workers start")


def _rdf_behind(position: int, last: int) -> None:
    err.print(
        f"the RDF store is at event {position:,} of {last:,}: bringing it up to date before "
        "the workers start",
        highlight=False,
    )


# The graph's commands, listed here in this order.
cli.command(cls=AtlasCommand)(project)
cli.command("verify-graph", cls=AtlasCommand)(verify_graph_command)
cli.command(cls=AtlasCommand)(rebuild)
cli.command(cls=AtlasCommand)(status)


@cli.command(cls=AtlasCommand)
def schema() -> None:
    """Print the GraphQL schema (SDL), as checked in at api/graphql/schema.graphql."""
    from api.graphql.schema import schema as graphql_schema

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
