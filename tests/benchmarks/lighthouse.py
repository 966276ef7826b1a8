"""Lighthouse's performance and accessibility scores for each Mission Explorer page kind.

    .venv/bin/python -m tests.benchmarks.lighthouse [--page city] [--preset desktop]

Serves `mission-atlas serve --demo` (SQLite and the embedded graph) on a free port and runs
Lighthouse (npm, pinned in `tests/benchmarks/lighthouse/package-lock.json`; the first run
installs it there with `npm ci`) against Debian's chromium, headless, once per page kind.
Prints each page's two scores (goal: ≥ 90 each) and, for a page that loses accessibility
points, the audits it fails. Lighthouse's default is a mid-range phone on a throttled
network, simulated: the harder of its two presets.

Lighthouse 12.2.3, not 13: 13 wants Node 22 (Debian has 20), and npm here refuses the locks
12.3 to 13.4 make.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.benchmarks.table import Limit, Row
from tests.e2e.browser import CHROMIUM
from tests.e2e.server import serve
from tests.e2e.test_pages_http import PAGES

LIGHTHOUSE_DIR = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE_CLI = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
# As tests/e2e/browser.py launches it: no GPU, no sandbox (root in CI), and nothing that
# phones home, so the run measures only the page and the server.
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("performance", "accessibility")
GOAL = 90


class LighthouseError(Exception):
    """Lighthouse could not be installed, or could not audit a page."""


@dataclass(frozen=True)
class Scores:
    """One page's scores out of 100, and the accessibility audits it failed."""

    page: str
    performance: int
    accessibility: int
    failed: tuple[str, ...]


def install() -> None:
    """`npm ci` once: the lock file pins every package, so each run audits alike."""
    if LIGHTHOUSE_CLI.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise LighthouseError("npm is not on PATH: Lighthouse needs Node 18.20 or later and npm")
    run = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund"],
        cwd=LIGHTHOUSE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        raise LighthouseError(f"npm ci failed in {LIGHTHOUSE_DIR}:\n{run.stderr[-2000:]}")


def score(report: dict[str, Any], category: str) -> int:
    value: float | None = report["categories"][category]["score"]
    if value is None:
        # Lighthouse gives no score when an audit the category needs errored.
        raise LighthouseError(f"no {category} score: {report.get('runtimeError')}")
    return round(value * 100)


def failed_audits(report: dict[str, Any]) -> tuple[str, ...]:
    """The weighted accessibility audits the page did not pass, as Lighthouse titles them."""
    failed = []
    for ref in report["categories"]["accessibility"]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            failed.append(f"{ref['id']}: {audit['title']}")
    return tuple(failed)


def audit(page: str, url: str, preset: str | None) -> Scores:
    node = shutil.which("node")
    if node is None:
        raise LighthouseError("node is not on PATH")
    if not CHROMIUM.exists():
        raise LighthouseError(f"{CHROMIUM} is missing: install Debian's chromium package")
    args = [
        node,
        str(LIGHTHOUSE_CLI),
        url,
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
    ]
    if preset:
        args.append(f"--preset={preset}")
    with tempfile.TemporaryDirectory(prefix="atlas-lighthouse-") as home:
        # Lighthouse's chrome-launcher makes a fresh profile; HOME keeps chromium's crash
        # reports and caches out of the user's.
        run = subprocess.run(
            args,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            env={"CHROME_PATH": str(CHROMIUM), "HOME": home, "PATH": str(Path(node).parent)},
        )
    if run.returncode != 0 or not run.stdout.strip():
        raise LighthouseError(f"lighthouse failed on {url}:\n{run.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(run.stdout)
    return Scores(
        page, score(report, "performance"), score(report, "accessibility"), failed_audits(report)
    )


def measure(pages: list[str] | None = None, preset: str | None = None) -> list[Scores]:
    install()
    work = Path(tempfile.mkdtemp(prefix="atlas-lighthouse-bench-"))
    env = {"MISSION_ATLAS_DATA_DIR": str(work / "data")}
    server = serve(env, work / "serve.log", "--demo", "--no-access-log", timeout=600)
    print(f"the demo, Lighthouse {preset or 'mobile'} preset; {work}", flush=True)
    print(f"{'page':<10} {'performance':>11} {'accessibility':>13}", flush=True)
    measured = []
    try:
        for page, path in PAGES.items():
            if pages and page not in pages:
                continue
            scores = audit(page, server.url + path, preset)
            measured.append(scores)
            print(f"{page:<10} {scores.performance:>11} {scores.accessibility:>13}", flush=True)
            for failed in scores.failed:
                print(f"    fails {failed}", flush=True)
    finally:
        server.stop()
    return measured


def rows(quick: bool) -> list[Row]:
    """Two rows a page: its score against the goal of 90, as a ratio of it."""
    found = []
    for scores in measure(["home", "mission"] if quick else None):
        for category in CATEGORIES:
            value: int = getattr(scores, category)
            found.append(
                Row(
                    "lighthouse",
                    f"{scores.page} page, {category} score (goal ≥ {GOAL})",
                    f"{value}",
                    value / GOAL,
                    Limit(1.0, at_least=True),
                )
            )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", action="append", choices=PAGES, help="only these page kinds")
    parser.add_argument(
        "--preset", choices=("desktop", "perf"), help="a Lighthouse preset instead of mobile"
    )
    args = parser.parse_args()
    measure(args.page, args.preset)


if __name__ == "__main__":
    main()
