"""RDF export speed and memory: our streaming N-Triples against pyoxigraph and rdflib.

    .venv/bin/python -m tests.benchmarks.rdf [--events 50000] [--rounds 3] [--rdflib-turtle]
                                             [--db FILE]

Stores a synthetic record (or reuses ``--db``, a SQLite event store made by an earlier run),
then runs four contenders in alternating rounds, each measurement in a fresh process so that
peak memory is its own, since this machine is shared and noisy:

- ours: ``export_graphs`` through the N-Triples writer, every event described (reading the
  stored events, opening their sealed fields, mapping and writing);
- ours, 2 workers: the same export written by two forked worker processes
  (``mission-atlas export --workers 2``); its CPU time is the parent's and the workers'
  together, its peak memory the parent's and the largest worker's;
- pyoxigraph: ``parse`` of the N-Triples we wrote, streamed into ``serialize`` as N-Triples
  (the streaming parse-and-serialise peer);
- rdflib: ``Graph.serialize`` as N-Triples of that file parsed beforehand (the parse is left
  out of its time, which favours it).

It prints every round, the medians with their spread, the ratios of the medians (by elapsed
time and by CPU time, which the other engineers on this machine disturb less), then streaming
Turtle and JSON-LD once each, the N-Triples export of a record half the size, in one process
and by 2 workers (memory should not grow with the record) and, with ``--rdflib-turtle``,
rdflib's Turtle writer, which takes minutes by itself. It prints figures, not verdicts.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from events.application import MissionAtlas
from events.settings import event_store_env
from ontology.export import export_graphs
from ontology.export_runs import Export
from ontology.export_workers import written_by_workers
from ontology.iris import Iris
from ontology.writers import FORMATS, serialize
from tests.benchmarks.table import Limit, Row
from tests.synthetic import synthetic_commands

Result = dict[str, float]


# The peers the export is held to: (contender, what the row calls it, the goal's ratio).
PEERS = (
    ("pyoxigraph", "pyoxigraph's parse and serialise", 0.5),
    ("rdflib", "rdflib's Graph.serialize", 2.0),
)


def peak_mb() -> float:
    """This process's peak resident memory. (getrusage would count the parent's too: Linux
    carries ru_maxrss across exec, and the parent has just built the synthetic record.)"""
    status = Path("/proc/self/status").read_text()
    kb = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(kb) / 1024


def ours(fmt: str, db: Path, out: Path, workers: int = 1) -> None:
    def opened() -> MissionAtlas:
        return MissionAtlas(env=event_store_env("sqlite", db))

    app = opened()
    chunks = (
        written_by_workers(app, opened, FORMATS[fmt], Export(Iris(), with_events=True), workers)
        if workers > 1
        else serialize(FORMATS[fmt], export_graphs(app, Iris(), with_events=True))
    )
    with out.open("w", encoding="utf-8") as target:
        for chunk in chunks:
            target.write(chunk)
    app.close()


def children() -> tuple[float, float]:
    """CPU seconds of this process's ended children, and the largest one's peak in MB."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime, used.ru_maxrss / 1024


def pyoxigraph_nt(source: Path, out: Path) -> None:
    import pyoxigraph

    nt = pyoxigraph.RdfFormat.N_TRIPLES
    with source.open("rb") as data, out.open("wb") as target:
        pyoxigraph.serialize(pyoxigraph.parse(data, format=nt), target, format=nt)


def child(mode: str, db: Path, source: Path, out: Path) -> Result:
    """One measurement, run in its own process."""
    if mode.startswith("rdflib"):
        import rdflib

        graph = rdflib.Graph()
        graph.parse(source, format="nt")
    start, cpu, (before, _) = time.perf_counter(), time.process_time(), children()
    if mode.startswith("ours"):
        _, fmt, *workers = mode.split("-")
        ours(fmt, db, out, int(workers[0]) if workers else 1)
    elif mode == "pyoxigraph-nt":
        pyoxigraph_nt(source, out)
    else:
        graph.serialize(out, format="nt" if mode == "rdflib-nt" else "turtle")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    after, workers_mb = children()
    with source.open("rb") as lines:
        triples = sum(1 for _ in lines)
    cpu += after - before  # the workers', if any
    return {"seconds": seconds, "cpu": cpu, "triples": triples, "peak_mb": peak_mb(),
            "workers_peak_mb": workers_mb if after > before else 0.0}  # fmt: skip


def measure(mode: str, db: Path, source: Path, out: Path) -> Result:
    arguments = ["--child", mode, "--db", str(db), "--source", str(source), "--out", str(out)]
    run = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.rdf", *arguments],
        capture_output=True,
        text=True,
        check=True,
    )
    result: Result = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def line(label: str, r: Result) -> str:
    workers = f", workers {r['workers_peak_mb']:,.0f} MB" if r.get("workers_peak_mb") else ""
    return (
        f"{label:<34} {r['triples']:>10,.0f} triples {r['seconds']:>7.1f} s "
        f"{r['triples'] / r['seconds']:>9,.0f} triples/s (CPU {r['cpu']:>5.1f} s "
        f"{r['triples'] / r['cpu']:>9,.0f}/s)  peak {r['peak_mb']:>6,.0f} MB{workers}"
    )


def median_rate(label: str, results: list[Result], key: str = "seconds") -> float:
    rates = [r["triples"] / r[key] for r in results]
    median = statistics.median(rates)
    peak = max(r["peak_mb"] for r in results)
    print(
        f"{label:<34} median {median:>9,.0f} triples/s (min {min(rates):,.0f}, "
        f"max {max(rates):,.0f}, {len(rates)} rounds)  peak {peak:,.0f} MB"
    )
    return median


def store(events: int, db: Path) -> None:
    app = MissionAtlas(env=event_store_env("sqlite", db))
    app.execute(synthetic_commands(cities=100, missions=2000, events=events))
    app.close()


def run(events: int, rounds: int, db: Path | None = None, rdflib_turtle: bool = False) -> list[Row]:
    """Ours, pyoxigraph and rdflib in alternating rounds; prints every figure, returns the
    goals' rows."""
    work = Path(tempfile.mkdtemp(prefix="atlas-rdf-bench-"))
    if db is None:
        db = work / f"events-{events}.sqlite"
        store(events, db)
    app = MissionAtlas(env=event_store_env("sqlite", db))
    print(f"synthetic record: {app.last_position:,} events in {db}")
    app.close()
    nt, copy = work / "export.nt", work / "copy.nt"
    runs: dict[str, list[Result]] = {"ours": [], "ours, 2 workers": [], "pyoxigraph": [],
                                     "rdflib": []}  # fmt: skip
    for round_ in range(1, rounds + 1):
        runs["ours"].append(measure("ours-nt", db, nt, nt))
        runs["ours, 2 workers"].append(measure("ours-nt-2", db, nt, work / "workers.nt"))
        if (work / "workers.nt").read_bytes() != nt.read_bytes():
            raise SystemExit("the export written by workers differs from the one process's")
        runs["pyoxigraph"].append(measure("pyoxigraph-nt", db, nt, copy))
        runs["rdflib"].append(measure("rdflib-nt", db, nt, copy))
        for name, results in runs.items():
            print(line(f"round {round_}: {name}", results[-1]))
    print()
    rates = {}
    for key, clock in (("seconds", "elapsed"), ("cpu", "CPU")):
        for name, label in (("ours", "streaming N-Triples (ours)"),
                            ("ours, 2 workers", "ours, 2 workers"),
                            ("pyoxigraph", "pyoxigraph parse + serialize"),
                            ("rdflib", "rdflib Graph.serialize")):  # fmt: skip
            rates[name, key] = median_rate(f"{label}, {clock}", runs[name], key)
        for name in ("ours", "ours, 2 workers"):
            to_peer = rates[name, key] / rates["pyoxigraph", key]
            to_rdflib = rates[name, key] / rates["rdflib", key]
            print(
                f"{name} / pyoxigraph by {clock} time: {to_peer:.2f} (goal: at least 0.5); "
                f"{name} / rdflib: {to_rdflib:.1f} (goal: at least 2)"
            )
    print()
    print(line("streaming Turtle", measure("ours-ttl", db, nt, work / "export.ttl")))
    print(line("streaming JSON-LD", measure("ours-jsonld", db, nt, work / "export.jsonld")))
    if rdflib_turtle:
        print(line("rdflib Graph.serialize Turtle", measure("rdflib-ttl", db, nt, copy)))
    half = work / f"events-{events // 2}.sqlite"
    store(events // 2, half)
    half_nt = work / "half.nt"
    small = measure("ours-nt", half, half_nt, half_nt)
    print(line(f"streaming N-Triples, {events // 2:,} events", small))
    small_workers = measure("ours-nt-2", half, half_nt, work / "half-workers.nt")
    print(line(f"2 workers, {events // 2:,} events", small_workers))
    large_mb = max(r["peak_mb"] for r in runs["ours"])
    rows = []
    for name, how in (("ours", "one process"), ("ours, 2 workers", "2 workers, elapsed")):
        figure = (
            f"{rates[name, 'seconds']:,.0f} triples/s ({how}; by CPU "
            f"{rates[name, 'cpu']:,.0f}), peak {large_mb:,.0f} MB ({events:,} events)"
        )
        rows += [
            Row(
                "rdf",
                f"streaming N-Triples export ({how}) against {peer}",
                figure,
                rates[name, "seconds"] / rates[key, "seconds"],
                Limit(goal, at_least=True),
            )
            for key, peer, goal in PEERS
        ]
    return [
        *rows,
        Row(
            "rdf",
            f"export memory flat: peak at {events:,} events against {events // 2:,}",
            f"{large_mb:,.0f} MB against {small['peak_mb']:,.0f} MB",
            large_mb / small["peak_mb"],
            Limit(1.2),
        ),
    ]


def rows(quick: bool) -> list[Row]:
    return run(events=4_000, rounds=1) if quick else run(events=100_000, rounds=3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rdflib-turtle", action="store_true", help="also rdflib's Turtle")
    parser.add_argument("--db", type=Path, help="a synthetic store from an earlier run")
    parser.add_argument("--child")
    parser.add_argument("--source", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.db, args.source, args.out)))
        return
    run(args.events, args.rounds, args.db, args.rdflib_turtle)


if __name__ == "__main__":
    main()
