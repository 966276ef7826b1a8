"""The export written by worker processes, for the formats whose text is each graph's text in
turn (N-Triples, N-Quads): decoding and mapping the events is the export's work, and one
process does it on one core.

The log is cut into runs of positions. Worker k of n maps and writes runs k, k+n, k+2n...,
each one whole into memory before handing it on through its pipe, so that it never waits on
the parent mid-run; the parent reads the pipes in turn, run by run, and the text comes out in
the order the export in one process writes it, byte for byte. Between two of its runs a
worker reads only the ``STATEFUL`` events of the runs the others write, and follows them
(``Exporting.follow``), so it maps its own as though it had read everything before them.

Workers are forked: they start with the modules loaded (a fresh interpreter took 0.7 s to
import them, a third of a 20,000-event export) and open their own connection to the event
store. Forking copies the calling thread only, and no lock another thread held: a process
running others (the server, a PostgreSQL connection pool) writes the export itself
(``one_thread``).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from events.application import MissionAtlas
from events.notification_log import each_decoded, stored_pages
from ontology.errors import ExportStopped
from ontology.export import STATEFUL, Exporting, Graph, Selection, opening_graphs
from ontology.iris import Iris
from ontology.writers import RdfFormat

log = logging.getLogger(__name__)

PER_GRAPH = frozenset({"nt", "nq"})  # formats whose text is each graph's text in turn
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


def can_use_workers(fmt: RdfFormat) -> bool:
    """Whether workers can write ``fmt`` on this system."""
    return fmt.name in PER_GRAPH and "fork" in multiprocessing.get_all_start_methods()


def one_thread() -> bool:
    """Whether this process runs a single thread, as a process that forks workers should."""
    return threading.active_count() == 1


def written_by_workers(
    app: MissionAtlas,
    opened: Callable[[], MissionAtlas],
    fmt: RdfFormat,
    export: Export,
    workers: int = 2,
    progress: Callable[[int, int], None] | None = None,
    run: int = RUN,
) -> Iterator[str]:
    """The text ``serialize(fmt, export_graphs(app, ...))`` gives, written by ``workers``
    forked processes that each open the event store with ``opened``.

    Raises ExportStopped if a worker stops before its part is written; stopping early (the
    reader went away) ends every worker."""
    if not can_use_workers(fmt):
        raise ValueError(f"{fmt.name}: workers write only {', '.join(sorted(PER_GRAPH))}")
    if workers < 1 or run < 1:
        raise ValueError(f"workers={workers}, run={run}: expected at least 1 of each")
    yield "".join(fmt.write(opening_graphs(export.iris, export.licence)))
    last = app.last_position
    if last == 0:
        return
    context = multiprocessing.get_context("fork")
    pipes: list[Pipe] = [context.Pipe(duplex=False) for _ in range(workers)]
    processes = [
        context.Process(
            target=_work,
            args=(k, workers, run, last, opened, fmt, export, pipes),
            name=f"export worker {k + 1} of {workers}",
            # Ended when the parent exits; a parent killed outright breaks the worker's pipe,
            # and the worker stops at its next write.
            daemon=True,
        )
        for k in range(workers)
    ]
    try:
        for process in processes:
            process.start()
        for _, writing in pipes:
            writing.close()  # so that a worker's end closes when the worker dies
        for index, start in enumerate(range(0, last, run)):
            k = index % workers
            while text := _received(pipes[k][0], processes[k]):
                yield text
            if progress is not None:
                progress(min(start + run, last), last)
    finally:
        _ended(processes)
        for reading, _ in pipes:
            reading.close()


def _received(reading: Connection, process: multiprocessing.process.BaseProcess) -> str:
    """The next part of a run from a worker; "" at the end of the run."""
    try:
        return reading.recv_bytes().decode()
    except (EOFError, OSError):  # OSError: the worker died in the middle of a part
        process.join(timeout=5)
        raise ExportStopped(
            f"{process.name} stopped (exit code {process.exitcode}) before writing its part; "
            "the export is incomplete (see the worker's log)"
        ) from None


def _ended(processes: Sequence[multiprocessing.process.BaseProcess]) -> None:
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        if process.pid is None:
            continue  # never started
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()


def _work(
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
