"""``mission-atlas export``: the record as RDF, to a file or standard output."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from api.bootstrap import open_events
from api.opening import fail, settings_of
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
        with Progress(
            TextColumn("exporting events"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=output is None,
        ) as bar:
            task = bar.add_task("export", total=events.last_position)
            graphs = export_graphs(
                events,
                Iris(settings.base_iri),
                selection,
                with_events,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
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
