"""A real Neo4j 5.26 Community server for the test suite, without Docker.

The server is the embedded DBMS from Maven Central (``org.neo4j:neo4j``) run by a tiny Java
launcher (``tests/services/neo4j``) with the Bolt connector on ``127.0.0.1`` and auth disabled.
Maven only resolves the dependency classpath into the normal ``~/.m2``; ``javac`` compiles the
single launcher class. Both steps are cached under ``tests/services/neo4j/target/``.

Run by hand::

    python -m tests.services.neo4j_server /tmp/neo4j-home [--port 7687]
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import fcntl
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from neo4j import GraphDatabase
from neo4j.exceptions import DriverError, Neo4jError

SERVICE_DIR = Path(__file__).resolve().parent / "neo4j"
POM = SERVICE_DIR / "pom.xml"
SOURCE = SERVICE_DIR / "src" / "main" / "java" / "atlas" / "Neo4jLauncher.java"
TARGET = SERVICE_DIR / "target"
MAIN_CLASS = "atlas.Neo4jLauncher"
LOG_NAME = "neo4j-launcher.log"
READY_PREFIX = "READY bolt://"

JVM_FLAGS: tuple[str, ...] = (
    "-Xmx1g",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    # The same opens the neo4j launch scripts pass (Netty, page cache).
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)

_TAIL_LINES = 40
_POLL_SECONDS = 0.2


class ServiceError(Exception):
    """The Neo4j test service could not be built, started or reached."""


def _tail(path: Path, lines: int = _TAIL_LINES, start: int = 0) -> str:
    """The last ``lines`` lines of ``path`` from byte offset ``start`` on ('' if unreadable)."""
    try:
        with path.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(start, size - 64 * 1024))
            data = fh.read()
    except OSError:
        return ""
    return "\n".join(data.decode("utf-8", "replace").splitlines()[-lines:])


def _root_cause(text: str) -> str:
    """The innermost Java exception message in ``text`` ('' if none)."""
    causes = [ln.strip() for ln in text.splitlines() if ln.startswith("Caused by: ")]
    if causes:
        return causes[-1].removeprefix("Caused by: ")
    errors = [ln.strip() for ln in text.splitlines() if "Exception" in ln or " ERROR " in ln]
    return errors[0] if errors else ""


def _error(reason: str, log: Path | None = None, start: int = 0, output: str = "") -> ServiceError:
    parts = [reason]
    if output.strip():
        parts.append("--- output (tail) ---\n" + "\n".join(output.splitlines()[-_TAIL_LINES:]))
    if log is not None:
        cause = _root_cause(_tail(log, lines=100_000, start=start))
        if cause:
            parts.append(f"root cause: {cause}")
        text = _tail(log, start=start)
        parts.append(f"--- {log} (tail) ---\n{text}" if text else f"(log {log} is empty)")
    return ServiceError("\n".join(parts))


def _tool(name: str) -> str:
    java_home = os.environ.get("JAVA_HOME")
    if name in ("java", "javac") and java_home:
        candidate = Path(java_home) / "bin" / name
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise ServiceError(f"`{name}` not found on PATH (needed for the Neo4j test service)")
    return found


def _run(cmd: list[str], timeout: float, what: str) -> None:
    try:
        proc = subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=max(timeout, 1.0),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.output.decode("utf-8", "replace") if isinstance(exc.output, bytes) else ""
        reason = f"{what} timed out after {timeout:.0f}s: {' '.join(cmd[:4])} ..."
        raise _error(reason, output=out) from exc
    except OSError as exc:
        raise ServiceError(f"{what} could not run: {exc}") from exc
    if proc.returncode != 0:
        out = proc.stdout.decode("utf-8", "replace")
        raise _error(f"{what} failed with exit code {proc.returncode}", output=out)


@contextlib.contextmanager
def _build_lock() -> Iterator[None]:
    """Serialise builds across processes (e.g. pytest-xdist workers)."""
    TARGET.mkdir(parents=True, exist_ok=True)
    ignore = TARGET / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# build output of tests/services/neo4j_server.py\n*\n")
    with (TARGET / ".build.lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _digest(*chunks: bytes) -> str:
    h = hashlib.sha256()
    for chunk in chunks:
        h.update(chunk)
        h.update(b"\0")
    return h.hexdigest()[:16]


def _classpath(deadline: float) -> str:
    """Resolve the dependency classpath with Maven (cached per pom.xml content)."""
    cp_file = TARGET / f"classpath-{_digest(POM.read_bytes())}.txt"
    if cp_file.is_file():
        cp = cp_file.read_text().strip()
        if cp and all(Path(jar).is_file() for jar in cp.split(os.pathsep)):
            return cp
    tmp = cp_file.with_suffix(f".tmp{os.getpid()}")
    cmd = [
        _tool("mvn"),
        "-q",
        "-B",
        "-f",
        str(POM),
        "dependency:build-classpath",
        f"-Dmdep.outputFile={tmp}",
        f"-Dmdep.pathSeparator={os.pathsep}",
    ]
    try:
        _run(cmd, deadline - time.monotonic(), "mvn dependency:build-classpath")
        cp = tmp.read_text().strip() if tmp.is_file() else ""
        if not cp:
            raise ServiceError(f"mvn wrote no classpath to {tmp}")
        os.replace(tmp, cp_file)
    finally:
        tmp.unlink(missing_ok=True)
    return cp


def _compile(cp: str, deadline: float) -> Path:
    """Compile the launcher (cached per source + classpath)."""
    classes = TARGET / f"classes-{_digest(SOURCE.read_bytes(), cp.encode())}"
    if (classes / "atlas" / "Neo4jLauncher.class").is_file():
        return classes
    tmp = classes.with_name(f"{classes.name}.tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        cmd = [_tool("javac"), "--release", "17", "-encoding", "UTF-8"]
        cmd += ["-d", str(tmp), "-cp", cp, str(SOURCE)]
        _run(cmd, deadline - time.monotonic(), "javac")
        os.replace(tmp, classes)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return classes


def build_launcher(timeout: float = 900) -> list[str]:
    """Fetch the artifacts with mvn (into the normal ~/.m2) and compile the launcher.

    Returns the java command prefix (java + JVM flags + ``-cp <classpath>``); append
    ``MAIN_CLASS, <home>, <port>`` to run it. Cached under ``tests/services/neo4j/target/``:
    a second call neither runs mvn nor javac.
    """
    deadline = time.monotonic() + timeout
    java = _tool("java")
    with _build_lock():
        cp = _classpath(deadline)
        classes = _compile(cp, deadline)
        for stale in TARGET.glob("classes-*"):
            if stale != classes:
                shutil.rmtree(stale, ignore_errors=True)
    return [java, *JVM_FLAGS, "-cp", f"{classes}{os.pathsep}{cp}"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _bolt_answers(uri: str) -> bool:
    try:
        with GraphDatabase.driver(uri, auth=None, connection_timeout=3.0) as driver:
            driver.verify_connectivity()
    except (DriverError, Neo4jError, OSError):
        return False
    return True


_LIVE: dict[int, Neo4jServer] = {}


def _stop_all() -> None:
    for server in list(_LIVE.values()):
        server.stop()


atexit.register(_stop_all)


@dataclass
class Neo4jServer:
    """A running (or stopped) launcher process; ``start``/``stop`` keep home and port."""

    uri: str
    home: Path
    port: int
    command: list[str] = field(default_factory=list, repr=False)
    start_timeout: float = 180.0
    stop_timeout: float = 60.0
    _proc: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)
    _log: IO[bytes] | None = field(default=None, init=False, repr=False)

    @property
    def log_path(self) -> Path:
        return self.home / LOG_NAME

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self.running and self._proc is not None else None

    def start(self) -> None:
        """(Re)start on the same home and port; returns once Bolt answers."""
        if self.running:
            return
        self.stop()  # reap a dead process and close its log handle
        if not self.command:
            self.command = build_launcher()
        self.home.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        offset = log.seek(0, os.SEEK_END)
        log.write(f"=== {time.strftime('%Y-%m-%d %H:%M:%S')} starting port {self.port}\n".encode())
        log.flush()
        self._log = log
        argv = [*self.command, MAIN_CLASS, str(self.home), str(self.port)]
        try:
            self._proc = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,  # the launcher shuts down when this pipe closes
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.home,
                start_new_session=True,
            )
        except OSError as exc:
            self.stop()
            reason = f"could not start the Neo4j launcher: {exc}"
            raise _error(reason, self.log_path, offset) from exc
        _LIVE[id(self)] = self
        try:
            self._wait_ready(offset)
        except BaseException:
            self.stop()
            raise

    def _wait_ready(self, offset: int) -> None:
        deadline = time.monotonic() + self.start_timeout
        ready = False
        while True:
            proc = self._proc
            if proc is None or proc.poll() is not None:
                code = None if proc is None else proc.returncode
                raise _error(
                    f"Neo4j launcher exited (code {code}) before Bolt answered on {self.uri}",
                    self.log_path,
                    offset,
                )
            if not ready:
                ready = READY_PREFIX in _tail(self.log_path, lines=10_000, start=offset)
            if ready and _bolt_answers(self.uri):
                return
            if time.monotonic() > deadline:
                raise _error(
                    f"Neo4j did not answer on {self.uri} within {self.start_timeout:.0f}s",
                    self.log_path,
                    offset,
                )
            time.sleep(_POLL_SECONDS)

    def stop(self) -> None:
        """Graceful stop (SIGTERM, wait, then SIGKILL the process group); idempotent."""
        proc, self._proc = self._proc, None
        _LIVE.pop(id(self), None)
        if proc is not None:
            if proc.poll() is None:
                self._signal(proc, signal.SIGTERM)
                try:
                    proc.wait(timeout=self.stop_timeout)
                except subprocess.TimeoutExpired:
                    self._signal(proc, signal.SIGKILL)
                    proc.wait()
            # Anything else left in the launcher's session (there should be nothing).
            self._signal(proc, signal.SIGKILL)
            if proc.stdin is not None:
                with contextlib.suppress(OSError):
                    proc.stdin.close()
        if self._log is not None:
            self._log.close()
            self._log = None

    @staticmethod
    def _signal(proc: subprocess.Popen[bytes], sig: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)


def start_neo4j(home: Path, port: int | None = None, timeout: float = 180) -> Neo4jServer:
    """Start a server on ``home`` (on a free port if ``port`` is None).

    Returns once a driver's ``verify_connectivity()`` succeeds; raises ServiceError otherwise.
    """
    command = build_launcher()
    home = Path(home).resolve()
    attempts = 3 if port is None else 1
    for attempt in range(1, attempts + 1):
        chosen = free_port() if port is None else port
        server = Neo4jServer(
            uri=f"bolt://127.0.0.1:{chosen}",
            home=home,
            port=chosen,
            command=command,
            start_timeout=timeout,
        )
        try:
            server.start()
        except ServiceError as exc:
            # Lost the race for an ephemeral port: try another one.
            if attempt < attempts and "Address already in use" in str(exc):
                continue
            raise
        return server
    raise AssertionError("unreachable")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.services.neo4j_server",
        description="Start a Neo4j 5.26 test server (Bolt, no auth) and wait until Ctrl-C.",
    )
    parser.add_argument("home", type=Path, help="data directory (reused across restarts)")
    parser.add_argument("--port", type=int, default=None, help="Bolt port (default: a free one)")
    args = parser.parse_args(argv)

    def _terminate(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if inherited as ignored
    server: Neo4jServer | None = None
    try:
        t0 = time.monotonic()
        print("building launcher (first run downloads from Maven Central) ...", file=sys.stderr)
        build_launcher()
        t1 = time.monotonic()
        print(f"launcher ready in {t1 - t0:.1f}s; starting Neo4j ...", file=sys.stderr)
        server = start_neo4j(args.home, args.port)
        print(f"started in {time.monotonic() - t1:.1f}s (log: {server.log_path})", file=sys.stderr)
        print(server.uri, flush=True)
        while server.running:
            time.sleep(0.5)
        print(_error("Neo4j exited unexpectedly", server.log_path), file=sys.stderr)
        return 1
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stopping ...", file=sys.stderr)
        return 0
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
