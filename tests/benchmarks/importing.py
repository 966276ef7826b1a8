"""Import speed: an event file imported (parse, checks, seal, store) against a bare
``eventsourcing`` append of the same events in batches, both into SQLite.

    .venv/bin/python -m tests.benchmarks.importing [--events 20000] [--rounds 3]

The two run in alternating rounds, each into a fresh file, since this machine is shared and
noisy; it prints each round, the medians with their spread, and the ratio of the medians.
The bare append is the floor: the events the import made, mapped by the library's own mapper
(no sealing, no hash chain) and inserted 1,000 at a time.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import JSONTranscoder

from events.application import MissionAtlas
from events.importing import import_events
from events.provenance import DateAsISO, ProvenanceAsDict
from events.settings import event_store_env
from tests.benchmarks.table import Limit, Row
from tests.synthetic import as_event_lines, synthetic_commands

BATCH = 1_000


class Bare(Application[UUID]):
    """A stock eventsourcing application that knows how to encode our events' values."""

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())
        transcoder.register(ProvenanceAsDict())


def imported(lines: list[str], db: Path) -> tuple[float, list[Any]]:
    app = MissionAtlas(env=event_store_env("sqlite", db))
    start = time.perf_counter()
    executed = import_events(app, lines)
    seconds = time.perf_counter() - start
    app.close()
    return seconds, [r.domain_event for r in executed.recordings]


def bare_append(events: list[Any], db: Path) -> float:
    app = Bare(env=event_store_env("sqlite", db))
    start = time.perf_counter()
    for i in range(0, len(events), BATCH):
        app.events.put(events[i : i + BATCH])
    seconds = time.perf_counter() - start
    app.close()
    return seconds


def summary(label: str, events: int, seconds: list[float]) -> float:
    rates = [events / s for s in seconds]
    median = statistics.median(rates)
    print(
        f"{label:<40} median {median:>8,.0f} events/s "
        f"(min {min(rates):,.0f}, max {max(rates):,.0f}, {len(rates)} rounds)"
    )
    return median


def run(events: int, rounds: int) -> list[Row]:
    lines = list(as_event_lines(synthetic_commands(cities=100, missions=2000, events=events)))
    work = Path(tempfile.mkdtemp(prefix="atlas-import-bench-"))
    timings: dict[str, list[float]] = {"import": [], "bare": []}
    for round_ in range(rounds):
        seconds, made = imported(lines, work / f"import-{round_}.sqlite")
        timings["import"].append(seconds)
        timings["bare"].append(bare_append(made, work / f"bare-{round_}.sqlite"))
        print(
            f"round {round_ + 1}: import {seconds:.2f} s, "
            f"bare append {timings['bare'][-1]:.2f} s ({len(lines):,} events)"
        )
    ours = summary("import (parse, checks, seal, store)", len(lines), timings["import"])
    bare = summary(f"bare eventsourcing append, {BATCH:,}/batch", len(lines), timings["bare"])
    print(f"import / bare append: {ours / bare:.2f}x")
    figure = f"{ours:,.0f} against {bare:,.0f} events/s ({len(lines):,} events)"
    return [
        Row(
            "importing",
            "import against a bare eventsourcing append",
            figure,
            ours / bare,
            Limit(0.5, at_least=True),
        )
    ]


def rows(quick: bool) -> list[Row]:
    return run(events=2_000, rounds=2) if quick else run(events=50_000, rounds=3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    run(args.events, args.rounds)


if __name__ == "__main__":
    main()
