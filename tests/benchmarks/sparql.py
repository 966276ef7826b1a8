"""The RDF store behind /sparql: how fast it is built, and the researchers' three questions.

    .venv/bin/python -m tests.benchmarks.sparql [--events 100000] [--runs 3] [--db FILE]
                                                [--work DIR [--questions-only]]

Stores a synthetic record in SQLite (or reuses ``--db``, a store made by an earlier run), and
one a tenth its size, so that the growth shows. ``--work DIR`` keeps the records and the RDF
stores in ``DIR`` rather than a temporary folder, and a later run with the same ``DIR`` reuses
a store already built to the record's end by the same mapping (``mapping_stamp``) without
timing its build again; ``--questions-only`` skips the smaller record, so that re-timing the
questions on a kept store takes seconds, not minutes. Builds an on-disk RDF store from each, as
``mission-atlas rebuild`` does (loaded in bulk, the links derived at the end); on the smaller
record, also follows the log batch by batch from half way, as the server does (one transaction
per 500 events, the links derived per batch). Then runs each query of ``ontology/queries`` on
the larger store (every result read, as the endpoint would), by elapsed and by CPU time (which
the other engineers on this machine disturb less). Goals: the build of 100,000 events within 3
minutes, each question under 1 s. It prints figures, not verdicts.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from pyoxigraph import QuerySolutions

from events.application import MissionAtlas
from events.settings import event_store_env
from ontology.iris import Iris
from ontology.rdf_projector import RdfProjector, mapping_stamp
from ontology.rdf_store import RdfStore
from tests.benchmarks.table import Limit, Row
from tests.synthetic import synthetic_commands

QUERIES = Path(__file__).resolve().parents[2] / "ontology" / "queries"
QUESTIONS = ("shared-approaches", "iterations-that-did-not-work", "transitions")
BUILD_GOAL = 180.0  # seconds for 100,000 events
QUERY_GOAL = 1.0  # seconds


def record(events: int, db: Path) -> MissionAtlas:
    """The synthetic record of ``events`` events in ``db``, stored unless it is already."""
    app = MissionAtlas(env=event_store_env("sqlite", db))
    if app.last_position == 0:
        started = time.perf_counter()
        commands = synthetic_commands(cities=100, missions=max(20, events // 100), events=events)
        for first in range(0, len(commands), 5000):
            app.execute(commands[first : first + 5000])
        print(f"synthetic record: {app.last_position:,} events stored in "
              f"{time.perf_counter() - started:.1f} s in {db}")  # fmt: skip
    return app


def build(app: MissionAtlas, folder: Path) -> tuple[RdfStore, float]:
    """An RDF store built from the whole log; the seconds it took."""
    store = RdfStore(folder)
    started, cpu = time.perf_counter(), time.process_time()
    RdfProjector(app, store, Iris(), batch_size=1000).catch_up()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    quads = sum(1 for _ in store.store)
    print(f"built from {app.last_position:>9,} events: {quads:>10,} quads in {seconds:7.1f} s "
          f"({app.last_position / seconds:>6,.0f} events/s; CPU {cpu:6.1f} s)")  # fmt: skip
    return store, seconds


def built(app: MissionAtlas, folder: Path) -> RdfStore | None:
    """The store in ``folder`` if an earlier run built it to the record's end with the same
    mapping (the question is then asked of what this code would build), else None."""
    if not folder.exists():
        return None
    store = RdfStore(folder)
    if store.position == app.last_position and store.stamp == mapping_stamp():
        print(f"reused the RDF store in {folder} ({store.position:,} events)")
        return store
    store.close()
    shutil.rmtree(folder)
    return None


def follow(app: MissionAtlas, folder: Path) -> float:
    """Events per second as the server follows the log: built to half way, then the rest in
    transactions of 500 events."""
    store = RdfStore(folder)
    half = RdfProjector(app, store, Iris(), batch_size=1000).catch_up(until=app.last_position // 2)
    started = time.perf_counter()
    RdfProjector(app, store, Iris(), batch_size=500).catch_up()
    seconds = time.perf_counter() - started
    rate = (store.position - half) / seconds
    print(f"followed the log from event {half:,} to {store.position:,} in batches of 500: "
          f"{seconds:.1f} s ({rate:,.0f} events/s)")  # fmt: skip
    store.close()
    return rate


def ask(store: RdfStore, name: str, runs: int) -> tuple[float, float, int]:
    """The median elapsed and CPU seconds of ``runs`` runs of a question, and its rows."""
    text = (QUERIES / f"{name}.rq").read_text()
    timings, cpus, rows = [], [], 0
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        solutions = store.store.query(text)
        assert isinstance(solutions, QuerySolutions)
        rows = sum(1 for _ in solutions)
        timings.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    median, cpu = statistics.median(timings), statistics.median(cpus)
    each = "  ".join(f"{t:6.3f}" for t in timings)
    print(f"{name:30} {rows:>8,} rows   median {median:6.3f} s (CPU {cpu:6.3f} s)   runs {each}")
    return median, cpu, rows


def run(
    events: int,
    runs: int,
    db: Path | None = None,
    work: Path | None = None,
    questions_only: bool = False,
) -> list[Row]:
    folder = work or Path(tempfile.mkdtemp(prefix="atlas-sparql-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        rows: list[Row] = []
        if not questions_only:
            shutil.rmtree(folder / "small-rdf", ignore_errors=True)
            shutil.rmtree(folder / "follow-rdf", ignore_errors=True)
            small = record(events // 10, folder / "small.sqlite")
            build(small, folder / "small-rdf")[0].close()
            following = follow(small, folder / "follow-rdf")
            small.close()
        large = record(events, db or folder / "large.sqlite")
        total = large.last_position
        store = built(large, folder / "large-rdf")
        if store is None:
            store, seconds = build(large, folder / "large-rdf")
            rows.append(
                Row(
                    "sparql",
                    f"build the RDF store from {total:,} events, against {BUILD_GOAL:.0f} s "
                    "for 100,000",
                    f"{seconds:,.0f} s ({total / seconds:,.0f} events/s)",
                    seconds * 100_000 / total / BUILD_GOAL,
                    Limit(1.0),
                )
            )
        large.close()
        if not questions_only:
            following_row = Row(
                "sparql", "follow the log, 500 events a transaction", f"{following:,.0f} events/s"
            )
            rows.append(following_row)
        for name in QUESTIONS:
            median, cpu, count = ask(store, name, runs)
            rows.append(
                Row(
                    "sparql",
                    f"{name}.rq at {total:,} events, median against {QUERY_GOAL:g} s",
                    f"{median:.3f} s (CPU {cpu:.3f} s), {count:,} rows",
                    median / QUERY_GOAL,
                    Limit(1.0),
                )
            )
        store.close()
        return rows
    finally:
        if work is None:
            shutil.rmtree(folder, ignore_errors=True)


def rows(quick: bool) -> list[Row]:
    return run(events=2_000, runs=1) if quick else run(events=100_000, runs=3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", type=Path, help="a synthetic store from an earlier run")
    parser.add_argument(
        "--work", type=Path, help="keep the records and stores here, and reuse those built"
    )
    parser.add_argument(
        "--questions-only", action="store_true", help="skip the smaller record's build and follow"
    )
    args = parser.parse_args()
    if args.questions_only and args.work is None:
        parser.error("--questions-only: give --work DIR, where the store is kept")
    run(args.events, args.runs, args.db, args.work, args.questions_only)


if __name__ == "__main__":
    main()
