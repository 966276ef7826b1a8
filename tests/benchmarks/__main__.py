"""Every benchmark in one run, and the table of issue 12's goals the README quotes.

    .venv/bin/python -m tests.benchmarks [--quick] [--only api,rdf] [--out table.md]

Runs each module's ``rows(quick)`` in turn (their own figures print as they go), then writes
one Markdown table (benchmark, goal, figure, ratio, met or not) to stdout and to ``--out``.
``--quick`` uses small records, to smoke-test the whole run in a few minutes: its figures
say nothing about speed.
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import time
from pathlib import Path

from tests.benchmarks.table import Row, markdown_table

# Cheapest first, so a broken benchmark shows up early.
MODULES = (
    "importing", "audit", "rdf", "sparql", "writers", "abuse", "projection", "embedded", "api",
    "lighthouse",
)  # fmt: skip


def commit() -> str:
    run = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    return run.stdout.strip() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small records: a smoke test")
    parser.add_argument("--only", help="comma-separated modules, of: " + ", ".join(MODULES))
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    chosen = args.only.split(",") if args.only else list(MODULES)
    unknown = sorted(set(chosen) - set(MODULES))
    if unknown:
        parser.error(f"--only: no benchmark named {', '.join(unknown)}")
    rows: list[Row] = []
    measured = commit()  # now: anything committed while it runs is not what it measured
    started = time.monotonic()
    for name in chosen:
        print(f"\n## {name}", flush=True)
        module = importlib.import_module(f"tests.benchmarks.{name}")
        rows += module.rows(args.quick)
    minutes = (time.monotonic() - started) / 60
    size = "quick (small records)" if args.quick else "full"
    table = (
        f"Measured at commit {measured}, {size} run, {minutes:.0f} min.\n\n{markdown_table(rows)}"
    )
    print("\n" + table, end="")
    if args.out:
        args.out.write_text(table)


if __name__ == "__main__":
    main()
