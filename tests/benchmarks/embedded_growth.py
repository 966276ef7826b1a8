"""Which of the embedded store's statements cost more as the graph grows.

    .venv/bin/python -m tests.benchmarks.embedded_growth --work DIR [--events 200000]
        [--parts 10] [--log-limit-mib N]

Projects the stored synthetic record of ``--events`` events (made by ``tests.benchmarks.
embedded`` in ``--work``) into a fresh embedded graph with the projector's own batches, timing
every statement of every batch: each write kind, the position's check and move, and the commit
(where LadybugDB checkpoints when its log is full), and the store's upkeep once the
projector has caught up. It prints, for each part of the record, the seconds each kind
took and its cost per thousand rows. A kind whose cost per row rises from the first part to
the last grows with the graph; one whose seconds rise at a flat cost per row only has more rows
there (the record's mix of events changes along it: cities and missions first, then mostly
decisions, iterations and outcomes).

A profiling aid, not a benchmark with a goal. It reads every batch first, with the projector's
own reader, then applies them one after another, so that nothing else runs in the process
while a statement is timed: the figures are CPU seconds of the process, which the other load on
a shared machine inflates far less than wall time (LadybugDB may run a statement on several
threads; their time is counted).
"""

from __future__ import annotations

import argparse
import resource
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from events.application import MissionAtlas
from events.settings import event_store_env
from graph import cypher
from graph.columns import as_columns
from graph.embedded import EmbeddedGraphStore
from graph.port import Write
from graph.projector import BATCH_SIZE, Projector

# Timed steps that are not write kinds.
CHECK, POSITION, COMMIT = "(position check)", "(position move)", "(commit)"


class TimedStore(EmbeddedGraphStore):
    """The embedded store, applying a batch as it always does, each statement timed."""

    def limit_log(self, size: int) -> None:
        """Let LadybugDB checkpoint inside a commit at ``size`` bytes of log (0: never)."""
        if size:
            self._conn.execute(f"CALL checkpoint_threshold={size}")
        else:
            self._conn.execute("CALL auto_checkpoint=false")

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        # One entry per batch: step -> (rows, seconds).
        self.batches: list[dict[str, tuple[int, float]]] = []

    def apply(self, writes: Sequence[Write], projection: str, after: int, position: int) -> bool:
        steps: dict[str, tuple[int, float]] = {}
        with self._lock:
            self._conn.execute("BEGIN TRANSACTION")
            start = time.process_time()
            at = self._position(projection)
            steps[CHECK] = (1, time.process_time() - start)
            if at != after:
                self._conn.execute("ROLLBACK")
                return False
            for write in writes:
                if write.rows:
                    start = time.process_time()
                    self._conn.execute(*as_columns(write.query, write.rows))
                    name = write.kind.name if write.kind else "(unnamed)"
                    rows, seconds = steps.get(name, (0, 0.0))
                    steps[name] = (rows + len(write.rows), seconds + time.process_time() - start)
            start = time.process_time()
            self._conn.execute(cypher.SET_POSITION, {"name": projection, "position": position})
            steps[POSITION] = (1, time.process_time() - start)
            start = time.process_time()
            self._conn.execute("COMMIT")
            steps[COMMIT] = (1, time.process_time() - start)
        if projection == "graph":
            self.batches.append(steps)
        return True


def report(batches: list[dict[str, tuple[int, float]]], parts: int, spent: list[float]) -> None:
    """Seconds and cost per thousand rows of each step, by part of the record."""
    size = -(-len(batches) // parts)
    totals: list[dict[str, tuple[int, float]]] = []
    for start in range(0, len(batches), size):
        summed: dict[str, tuple[int, float]] = defaultdict(lambda: (0, 0.0))
        for steps in batches[start : start + size]:
            for name, (rows, seconds) in steps.items():
                had_rows, had_seconds = summed[name]
                summed[name] = (had_rows + rows, had_seconds + seconds)
        totals.append(summed)
    per_part = [sum(spent[i : i + size]) for i in range(0, len(spent), size)]
    print(f"{len(batches)} batches in {len(totals)} parts of {size}; CPU s per part: "
          + " ".join(f"{s:.1f}" for s in per_part))  # fmt: skip
    print(f"{'step':<28}" + "".join(f"{f'part {n}':>18}" for n in range(len(totals))))
    print(f"{'':<28}" + "".join(f"{'s  ms/1k rows':>18}" for _ in totals))
    names = {name for steps in batches for name in steps}
    for name in sorted(names, key=lambda n: -sum(t.get(n, (0, 0.0))[1] for t in totals)):
        cells = []
        for summed in totals:
            rows, seconds = summed.get(name, (0, 0.0))
            per = f"{1e6 * seconds / rows:7.1f}" if rows else "      -"
            cells.append(f"{seconds:9.2f} {per}")
        print(f"{name:<28}" + "".join(f"{cell:>18}" for cell in cells))
    commits = " ".join(f"{steps[COMMIT][1]:.2f}" for steps in batches)
    print(f"commit by batch (CPU s; a checkpoint when the log is full): {commits}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, required=True, help="where the records are stored")
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--parts", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument(
        "--log-limit-mib",
        type=int,
        help="checkpoint inside a commit at this size of log (0: never; default: the store's)",
    )
    args = parser.parse_args()
    app = MissionAtlas(env=event_store_env("sqlite", args.work / f"events-{args.events}.sqlite"))
    if app.last_position == 0:
        raise SystemExit(f"no {args.events}-event record in {args.work}: run the benchmark first")
    path = args.work / f"growth-{args.events}.lbug"
    for old in path.parent.glob(path.name + "*"):
        old.unlink()
    store = TimedStore(path)
    spent: list[float] = []
    try:
        store.setup()
        if args.log_limit_mib is not None:
            store.limit_log(args.log_limit_mib << 20)
        projector = Projector(app, store, batch_size=args.batch_size or BATCH_SIZE)
        batches, after = [], 0
        while (batch := projector._read(after)) is not None:
            batches.append((after, batch))
            after = batch[0]
        for after, (last, writes) in batches:
            start = time.process_time()
            store.apply(writes, "graph", after, last)
            spent.append(time.process_time() - start)
        print(f"{app.last_position:,} events written in {sum(spent):.1f} CPU s")
        start = time.process_time()
        store.caught_up()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"then caught up: {time.process_time() - start:.1f} CPU s; peak memory {peak:,.0f} MiB"
        )
    finally:
        store.close()
        app.close()
    report(store.batches, args.parts, spent)


if __name__ == "__main__":
    main()
