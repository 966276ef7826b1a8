"""Audit speed: verifying the chain, and replaying a mission as of a moment.

    .venv/bin/python -m tests.benchmarks.audit [--events 200000]

Stores the synthetic record (100 cities, 2,000 missions) plus one mission of 1,000 events in
SQLite, then measures in one run: `verify` over the whole log (events/s), `mission_as_of` on
the 1,000-event mission, and, as the baseline, the bare replay of the same events with the
eventsourcing repository. It prints figures, not verdicts.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from events import commands as c
from events.application import MissionAtlas
from events.chain import verify_log
from events.history import mission_as_of
from events.identity import mission_uuid
from events.settings import event_store_env
from tests.benchmarks.table import Row
from tests.synthetic import WHO, synthetic_commands


def long_mission(events: int) -> list[c.Command]:
    """One mission with ``events`` events, mostly decisions, for the replay measurements."""
    commands: list[c.Command] = [
        c.LaunchMission(
            mission_id="long-mission",
            city_id="city-0000",
            title="Long",
            goal="A long record",
            theme="climate",
            **WHO,
        ),
    ]
    commands += [
        c.RecordDecision(
            mission_id="long-mission",
            decision_id=f"d{n}",
            title=f"Decision {n}",
            rationale="Because",
            **WHO,
        )
        for n in range(events - 1)
    ]
    return commands


def timed(runs: int, work: object) -> list[float]:
    assert callable(work)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times


def run(events: int) -> list[Row]:
    work = Path(tempfile.mkdtemp(prefix="atlas-audit-bench-"))
    app = MissionAtlas(env=event_store_env("sqlite", work / "events.sqlite"))
    app.execute(synthetic_commands(events=events - 1000))
    app.execute(long_mission(1000))
    total = app.last_position
    print(f"synthetic record: {total:,} events in SQLite; {work}")

    start = time.perf_counter()
    report = verify_log(app.recorder)
    seconds = time.perf_counter() - start
    assert report.intact
    print(
        f"verify, whole log            {report.head.events:>9,} events {seconds:6.1f} s "
        f"{report.head.events / seconds:>9,.0f} events/s"
    )

    now = datetime.now(UTC)
    as_of = timed(20, lambda: mission_as_of(app, "long-mission", now))
    bare = timed(20, lambda: app.repository.get(mission_uuid("long-mission")))
    for label, times in (("asOf, 1,000-event mission", as_of), ("bare repository replay", bare)):
        print(f"{label:<28} p50 {statistics.median(times):7.1f} ms   max {max(times):7.1f} ms")
    ratio = statistics.median(as_of) / statistics.median(bare)
    print(f"asOf / bare replay at p50: {ratio:.2f}")
    app.close()
    rate = f"{report.head.events / seconds:,.0f} events/s ({report.head.events:,} events)"
    replay = f"{statistics.median(as_of):,.1f} ms against {statistics.median(bare):,.1f} ms"
    return [
        Row("audit", "verify, whole log", rate),
        Row("audit", "asOf a 1,000-event mission against a bare replay, p50", replay, ratio),
    ]


def rows(quick: bool) -> list[Row]:
    return run(events=3_000 if quick else 200_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=200_000)
    args = parser.parse_args()
    run(args.events)


if __name__ == "__main__":
    main()
