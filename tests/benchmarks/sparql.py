"""The three researchers' questions as SPARQL over the RDF store, on a synthetic record.

    .venv/bin/python -m tests.benchmarks.sparql [--events 100000] [--runs 3]

Stores a synthetic record in SQLite, projects it into an on-disk RDF store (as the server
does, batch by batch with the derived links), then runs each query of ``ontology/queries``
(every result read, as the endpoint would) and prints the time of each run. Goal: each under
1 s at 100,000 events. It prints figures, not verdicts.
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
from ontology.rdf_projector import RdfProjector
from ontology.rdf_store import RdfStore
from tests.synthetic import synthetic_commands

QUERIES = Path(__file__).resolve().parents[2] / "ontology" / "queries"
QUESTIONS = ("shared-approaches", "iterations-that-did-not-work", "transitions")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="atlas-sparql-bench-"))
    try:
        cities, missions = 100, max(20, args.events // 100)
        app = MissionAtlas(env=event_store_env("sqlite", folder / "events.sqlite"))
        started = time.perf_counter()
        commands = synthetic_commands(cities=cities, missions=missions, events=args.events)
        for first in range(0, len(commands), 5000):
            app.execute(commands[first : first + 5000])
        print(f"synthetic record: {cities} cities, {missions:,} missions, "
              f"{app.last_position:,} events stored in {time.perf_counter() - started:.1f} s; "
              f"{folder}")  # fmt: skip
        store = RdfStore(folder / "rdf")
        started = time.perf_counter()
        RdfProjector(app, store, Iris(), batch_size=1000).catch_up()
        seconds = time.perf_counter() - started
        quads = sum(1 for _ in store.store)
        print(f"projected into the RDF store: {quads:,} quads in {seconds:.1f} s "
              f"({app.last_position / seconds:,.0f} events/s)")  # fmt: skip
        for name in QUESTIONS:
            text = (QUERIES / f"{name}.rq").read_text()
            timings, rows = [], 0
            for _ in range(args.runs):
                started = time.perf_counter()
                solutions = store.store.query(text)
                assert isinstance(solutions, QuerySolutions)
                rows = sum(1 for _ in solutions)
                timings.append(time.perf_counter() - started)
            runs = "  ".join(f"{t:6.3f}" for t in timings)
            print(f"{name:30} {rows:>8,} rows   median {statistics.median(timings):6.3f} s"
                  f"   runs {runs}")  # fmt: skip
        store.close()
        app.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
