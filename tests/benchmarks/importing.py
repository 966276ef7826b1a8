"""Import speed and memory: an event file imported (parse, checks, seal, store) against a
bare ``eventsourcing`` append of the same events in batches, both into SQLite; and the
import's peak memory at two sizes, to show whether it stays flat as the file grows.

    .venv/bin/python -m tests.benchmarks.importing [--events 20000] [--rounds 3]
        [--memory 50000,200000]

The two contenders run in alternating rounds, each into a fresh file, since this machine is
shared and noisy; it prints each round, the medians with their spread, and the ratio of the
medians. Then they run once more taking turns a batch at a time (``interleaved``): this
machine's speed changes by up to 1.7x from one second to the next (a fixed loop of Python
shows it), which rounds seconds apart do not cancel and turns a tenth of a second apart do.
The import reads the file from disk, as ``mission-atlas import`` does. The bare
append is the floor: the very events the import stored, read back and opened (so with the
names sealing had encrypted), mapped by the library's own mapper (no sealing, no hash chain)
and inserted 1,000 at a time. Memory is each import's peak resident set, measured in a
process of its own that does nothing else.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import JSONTranscoder

from events.application import MissionAtlas
from events.importing import EventFile, import_events
from events.provenance import DateAsISO, ProvenanceAsDict
from events.settings import event_store_env
from tests.benchmarks.table import Limit, Row
from tests.synthetic import as_event_lines, synthetic_commands

BATCH = 1_000
BUDGET_MB = 300  # issue 12: peak memory under 300 MB at 200k events


class Bare(Application[UUID]):
    """A stock eventsourcing application that knows how to encode our events' values."""

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())
        transcoder.register(ProvenanceAsDict())


def write_file(events: int, folder: Path) -> Path:
    path = folder / f"events-{events}.jsonl"
    commands = synthetic_commands(cities=100, missions=2000, events=events)
    with path.open("w", encoding="utf-8") as file:
        file.writelines(line + "\n" for line in as_event_lines(commands))
    return path


def imported(path: Path, db: Path) -> tuple[float, float, list[Any]]:
    """The import's time and CPU time, and the events it stored, read back as the domain has
    them."""
    app = MissionAtlas(env=event_store_env("sqlite", db))
    start, cpu = time.perf_counter(), time.process_time()
    import_events(app, EventFile(path))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    made: list[Any] = []
    while page := app.recorder.select_notifications(len(made) + 1, 10_000):
        made += [app.mapper.to_domain_event(n) for n in page]
    app.close()
    return seconds, cpu, made


def bare_append(events: list[Any], db: Path) -> tuple[float, float]:
    """The append's time and CPU time."""
    app = Bare(env=event_store_env("sqlite", db))
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(events), BATCH):
        app.events.put(events[i : i + BATCH])
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    app.close()
    return seconds, cpu


def interleaved(path: Path, db: Path, made: list[Any]) -> tuple[float, float, list[float]]:
    """The import and the bare append taking turns in one run: each time the import has
    checked, sealed and staged a batch, the bare append stores the next 1,000 events, so both
    meet the machine at the same speed. The CPU time of each (the import's with its final
    store, the bare append's outside it) and each turn's ratio."""
    app = MissionAtlas(env=event_store_env("sqlite", db.with_suffix(".import.sqlite")))
    bare = Bare(env=event_store_env("sqlite", db.with_suffix(".bare.sqlite")))
    ours: list[float] = []
    theirs: list[float] = []
    mark = [time.process_time()]

    def turn(done: int, total: int | None) -> None:
        ours.append(time.process_time() - mark[0])
        batch = made[len(theirs) * BATCH : (len(theirs) + 1) * BATCH]
        # The import turns the collector off while it runs; the bare append has it on, as
        # in its own rounds (the import's objects are set aside by now: it walks its own).
        collecting = gc.isenabled()
        gc.enable()
        start = time.process_time()
        app_put(bare, batch)
        theirs.append(time.process_time() - start)
        if not collecting:
            gc.disable()
        mark[0] = time.process_time()

    import_events(app, EventFile(path), turn)
    store = time.process_time() - mark[0]
    start = time.process_time()
    app_put(bare, made[len(theirs) * BATCH :])  # any left when a line made two events
    left = time.process_time() - start
    bare.close()
    app.close()
    turns = [b / i for i, b in zip(ours, theirs, strict=True) if b > 0]
    return sum(ours) + store, sum(theirs) + left, turns


def app_put(app: Application[UUID], events: list[Any]) -> None:
    if events:
        app.events.put(events)


def summary(label: str, events: int, seconds: list[float]) -> float:
    rates = [events / s for s in seconds]
    median = statistics.median(rates)
    print(
        f"{label:<40} median {median:>8,.0f} events/s "
        f"(min {min(rates):,.0f}, max {max(rates):,.0f}, {len(rates)} rounds)"
    )
    return median


def speed(path: Path, work: Path, rounds: int) -> list[Row]:
    timings: dict[str, list[float]] = {"import": [], "bare": []}
    cpu: dict[str, list[float]] = {"import": [], "bare": []}
    for round_ in range(rounds):
        seconds, import_cpu, made = imported(path, work / f"import-{round_}.sqlite")
        bare_seconds, bare_cpu = bare_append(made, work / f"bare-{round_}.sqlite")
        timings["import"].append(seconds)
        timings["bare"].append(bare_seconds)
        cpu["import"].append(import_cpu)
        cpu["bare"].append(bare_cpu)
        print(
            f"round {round_ + 1}: import {seconds:.2f} s (CPU {import_cpu:.2f} s), "
            f"bare append {bare_seconds:.2f} s (CPU {bare_cpu:.2f} s) ({len(made):,} events)"
        )
    ours = summary("import (parse, checks, seal, store)", len(made), timings["import"])
    bare = summary(f"bare eventsourcing append, {BATCH:,}/batch", len(made), timings["bare"])
    print(f"import / bare append: {ours / bare:.2f}x")
    # On a loaded machine the wall clock counts the waits for a core, which a long run meets
    # more of than a short one: the CPU time is the figure to compare there. (It leaves out
    # the waits for the disk, which the wall clock of a quiet machine includes.)
    cpu_ratio = statistics.median(cpu["bare"]) / statistics.median(cpu["import"])
    print(f"import / bare append in CPU time: {cpu_ratio:.2f}x")
    import_cpu, bare_cpu, turns = interleaved(path, work / "interleaved", made)
    print(
        f"taking turns a batch at a time: import CPU {import_cpu:.2f} s, bare append CPU "
        f"{bare_cpu:.2f} s; import / bare append in CPU time: {bare_cpu / import_cpu:.2f}x "
        f"(each turn's: median {statistics.median(turns):.2f}x, "
        f"min {min(turns):.2f}x, max {max(turns):.2f}x)"
    )
    return [
        Row(
            "importing",
            "import against a bare eventsourcing append",
            f"{ours:,.0f} against {bare:,.0f} events/s ({len(made):,} events)",
            ours / bare,
            Limit(0.5, at_least=True),
        ),
        Row(
            "importing",
            "import against a bare eventsourcing append, taking turns a batch at a time (CPU)",
            f"{import_cpu:.2f} s against {bare_cpu:.2f} s of CPU ({len(made):,} events)",
            bare_cpu / import_cpu,
            Limit(0.5, at_least=True),
        ),
    ]


def peak_mb(path: Path, work: Path) -> float:
    """The peak resident memory of a process that imports ``path`` and nothing else."""
    db = work / f"peak-{path.stem}.sqlite"
    run = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.importing", "--peak-of", str(path), str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(run.stdout.split()[-1])


def memory(sizes: list[int], work: Path) -> list[Row]:
    peaks = []
    for events in sizes:
        peaks.append(peak_mb(write_file(events, work), work))
        print(f"peak resident memory importing {events:,} events: {peaks[-1]:,.0f} MB")
    small, large = sizes[0], sizes[-1]
    growth = peaks[-1] / peaks[0]
    print(f"peak at {large:,} / peak at {small:,} events: {growth:.2f}x")
    return [
        Row(
            "importing",
            f"peak memory importing {large:,} events, against {BUDGET_MB} MB",
            f"{peaks[-1]:,.0f} MB",
            peaks[-1] / BUDGET_MB,
            Limit(1.0),
        ),
        Row(
            "importing",
            f"peak memory at {large:,} events against at {small:,} (flat: file not held)",
            f"{peaks[-1]:,.0f} MB against {peaks[0]:,.0f} MB",
            growth,
            Limit(1.5),
        ),
    ]


def run(events: int, rounds: int, sizes: list[int]) -> list[Row]:
    work = Path(tempfile.mkdtemp(prefix="atlas-import-bench-"))
    rows = speed(write_file(events, work), work, rounds)
    return rows + memory(sizes, work)


def rows(quick: bool) -> list[Row]:
    if quick:
        return run(events=2_000, rounds=2, sizes=[2_000, 8_000])
    return run(events=50_000, rounds=3, sizes=[50_000, 200_000])


def _peak_of(path: Path, db: Path) -> None:
    app = MissionAtlas(env=event_store_env("sqlite", db))
    import_events(app, EventFile(path))
    app.close()
    # VmHWM, not getrusage: Linux keeps in ru_maxrss the peak of the process before exec, so
    # a child started by a benchmark holding 50k events would report the benchmark's peak.
    status = Path("/proc/self/status").read_text()
    (peak_kib,) = [line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")]
    print(int(peak_kib) / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--memory", default="50000,200000", help="sizes whose peak to compare")
    parser.add_argument("--peak-of", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peak_of:
        _peak_of(*args.peak_of)
        return
    run(args.events, args.rounds, [int(n) for n in args.memory.split(",")])


if __name__ == "__main__":
    main()
