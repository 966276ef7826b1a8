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
) -> None:
    """Write the record as RDF; every fact traces to the event that recorded it."""
    fmt = FORMATS.get(format)
    if fmt is None:
        raise fail(f"--format {format!r}: expected one of {', '.join(FORMATS)}")
    settings = settings_of(ctx)
    events = open_events(settings)
    selection = Selection(city_id=city, since=since.date() if since else None)
    try:
        # A bar on the terminal the RDF itself is written to would be drawn into the data.
        quiet = output is None and sys.stdout.isatty()
        with progress("exported", console=err, quiet=quiet) as report:
            graphs = export_graphs(
                events,
                Iris(settings.base_iri),
                selection,
                with_events,
                progress=report,
                history=history,
                licence=settings.data_license,
            )
            target = output.open("w", encoding="utf-8") if output else sys.stdout
            try:
                for chunk in serialize(fmt, graphs):
                    target.write(chunk)
            finally:
                if output:
                    target.close()
    finally:
        events.close()
    if output:
        err.print(f"wrote {output} ({fmt.media_type})")
