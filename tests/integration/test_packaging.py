"""The package as pip installs it (and as the Docker image gets it): with GraphiQL's page
and its pinned assets, not only the Python modules."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from api.graphql.graphiql import ASSETS, PAGE

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_carries_graphiqls_page_and_every_vendored_file(tmp_path: Path) -> None:
    # What the Dockerfile copies, into a clean folder: a build in the work tree would also
    # pick up files listed by an earlier build's leftover egg-info.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for package in ("events", "graph", "api", "ontology"):
        shutil.copytree(
            ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), source],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("mission_atlas-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    vendored = [p for p in ASSETS.rglob("*") if p.is_file()]
    expected = {p.relative_to(ROOT).as_posix() for p in [PAGE, *vendored]}
    assert "api/static/graphiql/graphiql/graphiql.min.js" in expected
    assert expected <= names, sorted(expected - names)
