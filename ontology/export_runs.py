"""A worker's share of the export written by worker processes (``ontology.export_workers``):
worker k of n maps and writes runs k, k+n, k+2n... of the log, each one whole, and between
two of its runs follows the ``STATEFUL`` events of the runs the others write."""

from __future__ import annotations

import gc
import logging
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from events.application import MissionAtlas
from events.notification_log import each_decoded, stored_pages
from ontology.export import STATEFUL, Exporting, Graph, Selection
from ontology.iris import Iris
from ontology.writers import RdfFormat

log = logging.getLogger(__name__)

# Positions per run: a worker holds one run's text at a time (about 3 MB of N-Triples with
# the events described), and the last runs leave one worker idle for at most one run.
RUN = 1000
Pipe = tuple[Connection, Connection]  # the parent's end (reading), the worker's (writing)


@dataclass(frozen=True)
class Export:
    """What an export writes, as ``export_graphs`` takes it."""

    iris: Iris
    selection: Selection = field(default_factory=Selection)
    with_events: bool = False
    history: bool = False
    licence: str | None = None


def work(
    k: int,
    workers: int,
    run: int,
    last: int,
    opened: Callable[[], MissionAtlas],
    fmt: RdfFormat,
    export: Export,
    pipes: list[Pipe],
) -> None:
    """Worker k: its runs of the log, each written whole, then "" to end it."""
    # What the parent had made is never garbage here: the collector need not walk it again,
    # nor copy its pages by touching them.
    gc.freeze()
    # Ctrl-C reaches the parent, which ends the workers: here it would only print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    writing = pipes[k][1]
    for i, (reading, other) in enumerate(pipes):
        reading.close()  # else the parent's going away would not break this worker's pipe
        if i != k:
            other.close()
    try:
        app = opened()
        try:
            exporting = Exporting(
                app, export.iris, last, export.selection, export.with_events, export.history
            )
            done = 0  # the log is mapped or replayed up to this position
            for start in range(k * run, last, workers * run):
                _replay(app, exporting, done, start)
                end = min(start + run, last)
                text = "".join(fmt.write(_graphs(app, exporting, start, end)))
                if text:
                    writing.send_bytes(text.encode())
                writing.send_bytes(b"")
                done = end
        finally:
            app.close()
    except BrokenPipeError:
        raise SystemExit(0) from None  # the parent has gone: nobody to write for
    except Exception:
        log.exception("export worker %d of %d failed", k + 1, workers)
        raise SystemExit(1) from None
    finally:
        writing.close()


def _replay(app: MissionAtlas, exporting: Exporting, after: int, upto: int) -> None:
    """Carry ``exporting`` over the positions after ``after`` up to ``upto``, as though it
    had mapped them: only their STATEFUL events change it, and they are followed, not mapped
    (a tenth of a record's events are missions launched)."""
    for rows in stored_pages(app, after=after, size=RUN, upto=upto, topics=STATEFUL):
        for _, e in each_decoded(app, rows):
            exporting.follow(e)


def _graphs(app: MissionAtlas, exporting: Exporting, after: int, upto: int) -> Iterator[Graph]:
    for rows in stored_pages(app, after=after, size=RUN, upto=upto):
        for position, e in each_decoded(app, rows):
            if (graph := exporting.graph(position, e)) is not None:
                yield graph
