"""RDF export speed and memory: the streaming writers against rdflib's Graph.serialize.

    .venv/bin/python -m tests.benchmarks.rdf [--events 100000]

Stores a synthetic record, then measures, each in a fresh process so that peak memory is its
own: streaming N-Triples and Turtle (with the events described, at two sizes of record to
show memory stays flat), and rdflib parsing that N-Triples into a Graph and serializing it as
N-Triples and as Turtle. It prints figures, not verdicts.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from events.application import MissionAtlas
from events.settings import event_store_env
from ontology.export import export_graphs
from ontology.iris import Iris
from ontology.writers import FORMATS, serialize
from tests.benchmarks.table import Limit, Row
from tests.synthetic import synthetic_commands


def peak_mb() -> float:
    """This process's peak resident memory. (getrusage would count the parent's too: Linux
    carries ru_maxrss across exec, and the parent has just built the synthetic record.)"""
    status = Path("/proc/self/status").read_text()
    kb = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(kb) / 1024


def child(mode: str, db: Path, out: Path) -> dict[str, float]:
    """One measurement, run in its own process."""
    app = MissionAtlas(env=event_store_env("sqlite", db))
    start = time.perf_counter()
    if mode in ("nt", "ttl"):
        with out.open("w") as target:
            for chunk in serialize(FORMATS[mode], export_graphs(app, Iris(), with_events=True)):
                target.write(chunk)
        seconds = time.perf_counter() - start
    else:
        import rdflib

        graph = rdflib.Graph()
        graph.parse(out.with_name("export.nt"), format="nt")
        start = time.perf_counter()
        graph.serialize(out, format="nt" if mode == "rdflib-nt" else "turtle")
        seconds = time.perf_counter() - start
    triples = sum(1 for _ in out.with_name("export.nt").open())
    return {"seconds": seconds, "triples": triples, "peak_mb": peak_mb()}


def measure(mode: str, db: Path, out: Path) -> dict[str, float]:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.benchmarks.rdf",
            "--child",
            mode,
            "--db",
            str(db),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def report(label: str, r: dict[str, float]) -> None:
    rate = r["triples"] / r["seconds"]
    print(
        f"{label:<36} {r['triples']:>10,.0f} triples {r['seconds']:>7.1f} s "
        f"{rate:>9,.0f} triples/s  peak {r['peak_mb']:>6,.0f} MB"
    )


def run(events: int, turtle: bool = True) -> list[Row]:
    """``turtle=False`` leaves out rdflib's Turtle writer, which takes minutes by itself."""
    work = Path(tempfile.mkdtemp(prefix="atlas-rdf-bench-"))
    results = {}
    for size in (events // 2, events):
        db = work / f"events-{size}.sqlite"
        app = MissionAtlas(env=event_store_env("sqlite", db))
        app.execute(synthetic_commands(cities=100, missions=2000, events=size))
        app.close()
        results[size] = (measure("nt", db, work / "export.nt"), db)
        report(f"streaming N-Triples, {size:,} events", results[size][0])
    db = results[events][1]
    report("streaming Turtle", measure("ttl", db, work / "export.ttl"))
    measure("nt", db, work / "export.nt")  # the file rdflib starts from
    rdflib_nt = measure("rdflib-nt", db, work / "rdflib.nt")
    report("rdflib Graph.serialize N-Triples", rdflib_nt)
    if turtle:
        report("rdflib Graph.serialize Turtle", measure("rdflib-ttl", db, work / "rdflib.ttl"))
    ours = results[events][0]
    ratio = (ours["triples"] / ours["seconds"]) / (rdflib_nt["triples"] / rdflib_nt["seconds"])
    print(
        f"streaming / rdflib, N-Triples: {ratio:.1f}x the rate "
        "(goal: at least 150,000 triples/s in under 200 MB)"
    )
    rate = ours["triples"] / ours["seconds"]
    small, large = results[events // 2][0]["peak_mb"], ours["peak_mb"]
    return [
        Row(
            "rdf",
            "streaming N-Triples export against rdflib's Graph.serialize",
            f"{rate:,.0f} triples/s, peak {large:,.0f} MB ({events:,} events)",
            ratio,
            Limit(2.0, at_least=True),
        ),
        Row(
            "rdf",
            f"export memory flat: peak at {events:,} events against {events // 2:,}",
            f"{large:,.0f} MB against {small:,.0f} MB",
            large / small,
            Limit(1.2),
        ),
    ]


def rows(quick: bool) -> list[Row]:
    return run(events=4_000, turtle=False) if quick else run(events=100_000, turtle=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--child")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.db, args.out)))
        return
    run(args.events)


if __name__ == "__main__":
    main()
