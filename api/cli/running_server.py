"""The running server, as the commands beside it see it.

While ``serve`` holds the embedded graph no other process may open the file, and LadybugDB's
read-only mode is no way round that: a reader beside a writer has no snapshot of its own and
may read pages a checkpoint is rewriting (LadybugDB/ladybug#666). So the server leaves a note
in the data directory, readable by its owner only: its process id, where it listens, and a
secret that lets those who can read the data directory ask it what only they may see.
"""

from __future__ import annotations

import json
import os
import secrets
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

NOTE = "server.json"
# A verification replays every event: minutes on a large record.
VERIFICATION_TIMEOUT = 30 * 60


class NoAnswer(Exception):
    """The server named by the note gave no answer to use (still starting, gone, refusing)."""


@dataclass(frozen=True)
class RunningServer:
    pid: int
    url: str
    secret: str

    def health(self) -> dict[str, Any]:
        """The positions the server reports at /health, open to anyone."""
        return self._get("/health", timeout=10)

    def graph_verification(self) -> dict[str, Any]:
        """``verify-graph``'s report, compared by the server on its own graph."""
        return self._get("/graph/verification", timeout=VERIFICATION_TIMEOUT, secret=True)

    def _get(self, path: str, timeout: float, secret: bool = False) -> dict[str, Any]:
        request = urllib.request.Request(self.url + path)  # noqa: S310 (our own http URL)
        if secret:
            request.add_header("authorization", f"Bearer {self.secret}")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                body: dict[str, Any] = json.load(response)
                return body
        except urllib.error.HTTPError as error:
            said = error.read().decode(errors="replace").strip()
            raise NoAnswer(f"{self.url}{path} answered {error.code}: {said}") from error
        except (OSError, ValueError) as error:
            raise NoAnswer(f"no answer from {self.url}{path}: {error}") from error


def local_url(host: str, port: int) -> str:
    """Where a command on this machine reaches a server listening on ``host``."""
    if host in ("", "0.0.0.0"):  # noqa: S104 (every interface includes the loopback one)
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def this_server(url: str) -> RunningServer:
    """This process, serving at ``url``, with a new secret."""
    return RunningServer(os.getpid(), url, secrets.token_urlsafe(32))


@contextmanager
def announced(data_dir: Path, server: RunningServer) -> Iterator[None]:
    """Leave the note for as long as the block runs: while the server holds the graph."""
    note, draft = data_dir / NOTE, data_dir / f"{NOTE}.{server.pid}"
    draft.unlink(missing_ok=True)
    # Created readable by its owner only, then moved into place whole.
    with os.fdopen(os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
        json.dump(asdict(server), file)
    os.replace(draft, note)
    try:
        yield
    finally:
        if _read(note) == server:  # not a later server's note
            note.unlink(missing_ok=True)


def running_server(data_dir: Path, holder: int | None) -> RunningServer | None:
    """The server that holds the embedded graph, if a note names it: the note of a server
    that was killed stays behind, so it counts only if its process is the one holding the
    graph (or, when the store does not say which process that is, one still alive)."""
    server = _read(data_dir / NOTE)
    if server is None:
        return None
    if holder is not None:
        return server if server.pid == holder else None
    try:
        os.kill(server.pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:  # alive, under another user
        pass
    return server


def _read(note: Path) -> RunningServer | None:
    with suppress(OSError, ValueError, TypeError, KeyError):
        fields = json.loads(note.read_text())
        server = RunningServer(int(fields["pid"]), str(fields["url"]), str(fields["secret"]))
        # Only ever an http address: the note is not a way to make a command open a file.
        return server if server.url.startswith("http://") else None
    return None
