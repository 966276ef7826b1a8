"""Projection speed: the projector against a bare loader, on Neo4j and the embedded store.

    .venv/bin/python -m tests.benchmarks.projection [--events 200000] [--batch-size 5000]

Stores a synthetic record (100 cities, 2,000 missions) in an SQLite event store, then measures
in one run: the projector catching up into a fresh Neo4j; two bare loaders writing the very
same rows through the driver with no event store and no decoding, one with the projector's
own statements and one with every statement an ``UNWIND $rows MERGE``; the projector into
the embedded store; and a full ``rebuild`` of Neo4j from the event store.
It prints figures, not verdicts: this is a benchmark, not a timed test.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from events.application import MissionAtlas
from events.notification_log import event_pages
from events.settings import event_store_env
from graph.embedded import EmbeddedGraphStore
from graph.neo4j_store import Neo4jGraphStore
from graph.port import Write
from graph.projection import Names, batch_writes, replayed
from graph.projector import Projector
from tests.benchmarks.table import Limit, Row
from tests.services.neo4j_server import start_neo4j
from tests.synthetic import synthetic_commands


def timed(label: str, count: int, work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {count:>9,} events {seconds:>8.1f} s {count / seconds:>10,.0f} events/s")
    return count / seconds


def prebuilt_batches(app: MissionAtlas, store: Neo4jGraphStore, size: int) -> list[list[Write]]:
    """The projector's rows for every batch, built ahead so the loader only writes."""
    batches, names = [], Names()
    for events in event_pages(app, size=size):
        names.learn(store, [e for _, e in events])
        batches.append(batch_writes(events, names, replayed(app)))
    return batches


def merge_only(batches: list[list[Write]]) -> list[list[Write]]:
    """The same rows with every CREATE turned into MERGE: the idempotent-writes baseline."""
    return [[Write(w.query.replace("CREATE (", "MERGE ("), w.rows) for w in b] for b in batches]


def bare_load(store: Neo4jGraphStore, batches: list[list[Write]]) -> None:
    with store._driver.session(database=store._database) as session:
        for writes in batches:
            with session.begin_transaction() as tx:
                for write in writes:
                    tx.run(write.query, rows=write.rows).consume()
                tx.commit()


def run(events: int, batch_size: int = 5000) -> list[Row]:
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    work = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    print(f"synthetic record: 100 cities, 2,000 missions, {events:,} events; work dir {work}")

    commands = synthetic_commands(events=events)
    app = MissionAtlas(env=event_store_env("sqlite", work / "events.sqlite"))
    timed("store in SQLite (one transaction)", len(commands), lambda: app.execute(commands))
    total = app.last_position

    server = start_neo4j(work / "neo4j")
    try:
        neo4j = Neo4jGraphStore.connect(server.uri, "neo4j", "", "neo4j")
        neo4j.setup()
        projector = Projector(app, neo4j, batch_size=batch_size)
        # Warm the JVM and the query caches first, so no contender pays for them alone.
        projector.catch_up(until=min(total, 20_000))
        neo4j.clear()
        neo4j.setup()
        projected = timed("projector -> Neo4j", total, projector.catch_up)

        batches = prebuilt_batches(app, neo4j, batch_size)
        neo4j.clear()
        neo4j.setup()
        same = "bare loader, same statements -> Neo4j"
        bare = timed(same, total, lambda: bare_load(neo4j, batches))
        neo4j.clear()
        neo4j.setup()
        merged = merge_only(batches)
        only_merge = "bare UNWIND $rows MERGE loader -> Neo4j"
        bare_merge = timed(only_merge, total, lambda: bare_load(neo4j, merged))

        rebuilt = timed("rebuild Neo4j from the event store", total, projector.rebuild)
        neo4j.close()
    finally:
        server.stop()

    embedded = EmbeddedGraphStore(work / "graph.lbug")
    embedded.setup()
    into_embedded = timed(
        "projector -> embedded",
        total,
        Projector(app, embedded, batch_size=batch_size).catch_up,
    )
    embedded.close()
    print(f"projector / bare loader, same statements: {projected / bare:.2f}")
    print(f"projector / bare MERGE loader: {projected / bare_merge:.2f} (goal: at least 0.50)")
    print(f"rebuild: {total / rebuilt:.1f} s for {total:,} events")
    return [
        Row(
            "projection",
            "projector -> Neo4j against a bare UNWIND MERGE loader",
            f"{projected:,.0f} against {bare_merge:,.0f} events/s ({total:,} events)",
            projected / bare_merge,
            Limit(0.5, at_least=True),
        ),
        Row("projection", "projector -> embedded", f"{into_embedded:,.0f} events/s"),
        Row("projection", "rebuild Neo4j", f"{total / rebuilt:,.1f} s ({total:,} events)"),
    ]


def rows(quick: bool) -> list[Row]:
    return run(events=5_000, batch_size=1000) if quick else run(events=200_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--batch-size", type=int, default=5000)
    args = parser.parse_args()
    run(args.events, args.batch_size)


if __name__ == "__main__":
    main()
