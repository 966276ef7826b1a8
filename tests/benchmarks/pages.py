"""Page latency: each Mission Explorer page against the GraphQL queries behind it.

    .venv/bin/python -m tests.benchmarks.pages [--rounds 60] [--events 0]

Serves `mission-atlas serve --demo` (SQLite and the embedded graph), plus a synthetic record
of ``--events`` events (10 cities, 200 missions) when asked, and for each page kind
alternates, round after round, a GET of the page with POSTs to /graphql of the very
queries the page says it ran (read back from its GraphiQL links). Prints p50 of each and
their ratio (goal: a page within 2x its queries), and the size of each page. One client on
loopback: this measures what a page adds, not throughput.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from tests.e2e.server import run_cli, serve
from tests.e2e.test_pages_http import shown_queries
from tests.synthetic import as_event_lines, synthetic_commands

PAGES = {
    "home": "/",
    "city": "/cities/valencia",
    "mission": "/missions/valencia-climate-neutral",
    "approach": "/approaches/cross-sector-alliance",
    "lessons": "/lessons?cityId=valencia",
    "handover": "/cities/valencia/handover?day=2023-06-17",
    "audit trail": "/audit/gm-retrofit",
}


def p50(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--events", type=int, default=0)
    parser.add_argument("--page", action="append", choices=PAGES, help="only these page kinds")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="atlas-pages-bench-"))
    env = {"MISSION_ATLAS_DATA_DIR": str(work / "data")}
    if args.events:
        record = work / "synthetic.jsonl"
        commands = synthetic_commands(cities=10, missions=200, events=args.events)
        record.write_text("\n".join(as_event_lines(commands)) + "\n")
        imported = run_cli("import", str(record), env=env)
        assert imported.returncode == 0, imported.stderr
    print(f"the demo{f' and {args.events:,} synthetic events' if args.events else ''}; {work}")
    server = serve(env, work / "serve.log", "--demo", "--no-access-log", timeout=600)
    try:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            for kind, url in PAGES.items():
                if args.page and kind not in args.page:
                    continue
                html = client.get(url).text
                queries = shown_queries(html)
                page_times: list[float] = []
                api_times: list[float] = []
                for _ in range(args.rounds):
                    began = time.perf_counter()
                    assert client.get(url).status_code == 200
                    page_times.append(time.perf_counter() - began)
                    began = time.perf_counter()
                    for query, variables in queries:
                        body = {"query": query, "variables": variables}
                        assert client.post("/graphql", json=body).status_code == 200
                    api_times.append(time.perf_counter() - began)
                page, api = p50(page_times), p50(api_times)
                print(
                    f"{kind:<12} page p50 {page:7.1f} ms   its {len(queries)} "
                    f"quer{'y' if len(queries) == 1 else 'ies'} p50 {api:7.1f} ms   "
                    f"page / queries {page / api:4.2f}   {len(html.encode()) / 1000:5.1f} kB"
                )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
