"""The export is a function of the record: the same history, stored with the same clock and
the same people's ids, exports the same bytes in any process; one store, every time."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from events.application import MissionAtlas
from events.settings import event_store_env
from ontology.writers import FORMATS
from tests.histories import seeded_history
from tests.reproducible import exported

ROOT = Path(__file__).resolve().parents[2]
SEED = 3  # a history that names six people, all stored in one transaction


def stored_in_a_process_of_its_own(folder: Path, hash_seed: int) -> dict[str, str]:
    """The history of SEED stored in ``folder`` by a new Python, whose sets and dicts of
    strings iterate in the order its hash seed gives: each format's sha256."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.reproducible", str(folder), str(SEED)],
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": str(hash_seed)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return dict(line.split() for line in done.stdout.splitlines())


def test_the_same_seed_exports_the_same_bytes_and_one_store_exports_them_every_time(
    tmp_path: Path,
) -> None:
    assert seeded_history(SEED).terms_begun >= 3  # so some people get their ids together
    first = stored_in_a_process_of_its_own(tmp_path / "first", hash_seed=1)
    second = stored_in_a_process_of_its_own(tmp_path / "second", hash_seed=2)
    assert set(first) == set(FORMATS)
    assert second == first

    app = MissionAtlas(env=event_store_env("sqlite", tmp_path / "first" / "events.sqlite"))
    try:
        for fmt in FORMATS:
            once, again = exported(app, fmt), exported(app, fmt)
            assert once == again, fmt
            assert hashlib.sha256(once).hexdigest() == first[fmt], fmt
    finally:
        app.close()
