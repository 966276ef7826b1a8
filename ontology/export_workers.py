"""The export written by worker processes, for the formats whose text is each graph's text in
turn (N-Triples, N-Quads): decoding and mapping the events is the export's work, and one
process does it on one core.

The log is cut into runs of positions. Worker k of n (``ontology.export_runs``) maps and
writes runs k, k+n, k+2n..., each one whole into memory before handing it on through its pipe,
so that it never waits on the parent mid-run; the parent (this module) reads the pipes in
turn, run by run, and the text comes out in the order the export in one process writes it,
byte for byte. Between two of its runs a worker reads only the ``STATEFUL`` events of the runs
the others write, and follows them (``Exporting.follow``), so it maps its own as though it had
read everything before them.

Workers are forked: they start with the modules loaded (a fresh interpreter took 0.7 s to
import them, a third of a 20,000-event export) and open their own connection to the event
store. Forking copies the calling thread only, and no lock another thread held: a process
running others (the server, a PostgreSQL connection pool) writes the export itself
(``one_thread``).
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection

from events.application import MissionAtlas
from ontology.errors import ExportStopped
from ontology.export import opening_graphs
from ontology.export_runs import RUN, Export, Pipe, work
from ontology.writers import RdfFormat

PER_GRAPH = frozenset({"nt", "nq"})  # formats whose text is each graph's text in turn


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
            target=work,
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
