"""``mission-atlas export``: the record as RDF, to a file or standard output."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from api.bootstrap import open_events
from api.cli.opening import fail, settings_of
from api.cli.progress import progress
from ontology.export import Selection, export_graphs
from ontology.export_runs import Export
from ontology.export_workers import PER_GRAPH, can_use_workers, one_thread, written_by_workers
from ontology.iris import Iris
from ontology.writers import FORMATS, serialize

err = Console(stderr=True, soft_wrap=True)


def export(
    ctx: typer.Context,
    format: Annotated[
        str, typer.Option("--format", "-f", help="ttl, nt, nq, trig or jsonld.")
    ] = "ttl",
    city: Annotated[str | None, typer.Option(help="Only this city and its missions.")] = None,
    since: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Only events recorded on or after this day."),
    ] = None,
    with_events: Annotated[
        bool, typer.Option(help="Describe each recording event as a PROV activity too.")
    ] = False,
    history: Annotated[
        bool,
        typer.Option(
            help="Also what corrections took back, as statements marked with PROV "
            "(the default is the corrected view)."
        ),
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="A file (standard output if absent).")
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Processes that decode and map the events (nt and nq only): 2 uses a second core.",
        ),
    ] = 1,
) -> None:
    """Write the record as RDF; every fact traces to the event that recorded it."""
    fmt = FORMATS.get(format)
    if fmt is None:
        raise fail(f"--format {format!r}: expected one of {', '.join(FORMATS)}")
    if workers > 1 and not can_use_workers(fmt):
        raise fail(f"--workers {workers}: workers write only {', '.join(sorted(PER_GRAPH))}")
    settings = settings_of(ctx)
    events = open_events(settings)
    selection = Selection(city_id=city, since=since.date() if since else None)
    if workers > 1 and not one_thread():
        err.print(
            f"--workers {workers}: written in one process, as this one runs other threads "
            "(PostgreSQL's connection pool does), which forking would not copy",
            markup=False,
        )
        workers = 1
    try:
        # A bar on the terminal the RDF itself is written to would be drawn into the data.
        quiet = output is None and sys.stdout.isatty()
        with progress("exported", console=err, quiet=quiet) as report:
            iris = Iris(settings.base_iri)
            chunks = (
                written_by_workers(
                    events,
                    lambda: open_events(settings),
                    fmt,
                    Export(iris, selection, with_events, history, settings.data_license),
                    workers,
                    progress=report,
                )
                if workers > 1
                else serialize(
                    fmt,
                    export_graphs(
                        events,
                        iris,
                        selection,
                        with_events,
                        progress=report,
                        history=history,
                        licence=settings.data_license,
                    ),
                )
            )
            target = output.open("w", encoding="utf-8") if output else sys.stdout
            try:
                for chunk in chunks:
                    target.write(chunk)
            finally:
                if output:
                    target.close()
    finally:
        events.close()
    if output:
        err.print(f"wrote {output} ({fmt.media_type})")
