"""Apache Jena's ``riot`` for the tests: an independent parser of our RDF exports.

Maven resolves ``org.apache.jena:jena-cmds`` (``jena/pom.xml``) into the normal ``~/.m2`` and
writes its classpath, cached under ``jena/target/`` by the pom's content; ``riot`` is then the
class ``riotcmd.riot`` on it. Nothing is compiled. Anything missing (java, mvn, the artifacts)
is a :class:`ServiceError` that says what: the tests that use riot fail, never skip.

By hand::

    python -m tests.services.jena_riot --validate --count atlas.nq
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SERVICE_DIR = Path(__file__).resolve().parent / "jena"
POM = SERVICE_DIR / "pom.xml"
TARGET = SERVICE_DIR / "target"
MAIN_CLASS = "riotcmd.riot"
# riot's per-file line under --count: "atlas.nq        : Quads = 1,227".
COUNT_LINE = re.compile(r"^(?P<file>\S+)\s+: (?:Triples|Quads) = (?P<count>[\d,]+)$")


class ServiceError(Exception):
    """riot could not be fetched or run."""


def _tool(name: str) -> str:
    java_home = os.environ.get("JAVA_HOME")
    if name == "java" and java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which(name)
    if found is None:
        raise ServiceError(f"`{name}` not found on PATH (needed for Jena riot)")
    return found


def classpath(timeout: float = 900) -> str:
    """jena-cmds and its dependencies, resolved by Maven once per content of the pom."""
    TARGET.mkdir(parents=True, exist_ok=True)
    ignore = TARGET / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# build output of tests/services/jena_riot.py\n*\n")
    cached = TARGET / f"classpath-{hashlib.sha256(POM.read_bytes()).hexdigest()[:16]}.txt"
    # Two test processes may ask at once: one resolves, the other waits and reads its answer.
    with (TARGET / ".build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if cached.is_file():
            cp = cached.read_text().strip()
            if cp and all(Path(jar).is_file() for jar in cp.split(os.pathsep)):
                return cp
        written = cached.with_suffix(f".tmp{os.getpid()}")
        command = [_tool("mvn"), "-q", "-B", "-f", str(POM), "dependency:build-classpath"]
        command += [f"-Dmdep.outputFile={written}", f"-Dmdep.pathSeparator={os.pathsep}"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL, check=False)  # fmt: skip
        except subprocess.TimeoutExpired as error:
            raise ServiceError(f"mvn did not resolve jena-cmds within {timeout:.0f} s") from error
        cp = written.read_text().strip() if written.is_file() else ""
        if done.returncode != 0 or not cp:
            written.unlink(missing_ok=True)
            raise ServiceError(
                f"mvn could not resolve jena-cmds (exit {done.returncode}):\n"
                + (done.stdout + done.stderr)[-4000:]
            )
        os.replace(written, cached)
        return cp


@dataclass(frozen=True)
class Riot:
    """What one ``riot --validate --count`` run over several files said."""

    returncode: int
    output: str

    @property
    def problems(self) -> list[str]:
        """riot's warnings and errors, one per line."""
        return [line for line in self.output.splitlines() if " WARN " in line or " ERROR " in line]

    @property
    def counts(self) -> dict[str, int]:
        """The triples (or quads) riot read from each file, by the file's name."""
        found = (COUNT_LINE.match(line.strip()) for line in self.output.splitlines())
        return {m["file"]: int(m["count"].replace(",", "")) for m in found if m}


def riot(*arguments: str, cwd: Path | None = None, timeout: float = 300) -> Riot:
    """Run ``riot`` with ``arguments``; its log goes to the same output as its counts."""
    command = [_tool("java"), "-Xmx512m", "-cp", classpath(), MAIN_CLASS, *arguments]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=cwd,
                              stdin=subprocess.DEVNULL, check=False)  # fmt: skip
    except subprocess.TimeoutExpired as error:
        raise ServiceError(f"riot did not finish within {timeout:.0f} s") from error
    return Riot(done.returncode, done.stdout + done.stderr)


if __name__ == "__main__":
    ran = riot(*sys.argv[1:])
    print(ran.output, end="")
    sys.exit(ran.returncode)
