"""The README shows the command line as it is: the real `mission-atlas --help`, every command."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The console script pip installed beside this Python, as a reader of the README calls it.
MISSION_ATLAS = Path(sys.executable).parent / "mission-atlas"


def readme_block(after: str) -> str:
    """The text of the README's code block that starts with the line ``after``."""
    text = (ROOT / "README.md").read_text()
    start = text.index(f"```text\n{after}\n") + len(f"```text\n{after}\n")
    return text[start : text.index("\n\n$ ", start)]


def test_the_readme_shows_the_real_help_screen_with_every_command() -> None:
    shown = subprocess.run(
        [MISSION_ATLAS, "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100"},
        check=True,
    )
    real = "\n".join(line.rstrip() for line in shown.stdout.splitlines()).strip("\n")
    in_readme = readme_block("$ mission-atlas --help")
    assert in_readme == real
    listed = re.findall(r"^│ ([a-z][a-z-]*) ", in_readme, re.M)
    assert len(listed) == 12
    assert "token" in listed
