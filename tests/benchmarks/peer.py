"""The peer users would pick instead of Mission Atlas: @neo4j/graphql 7 on graphql-yoga (Node).

`tests/benchmarks/peer/` holds the server (`server.mjs`), the type definitions of the graph the
projector writes (`typeDefs.graphql`) and the pinned packages (`package-lock.json`); the first
run installs them with `npm ci` into `peer/node_modules`, which is not committed. The peer
serves on 127.0.0.1, on a free port, against the Neo4j the API reads.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

PEER_DIR = Path(__file__).resolve().parent / "peer"
READY = "READY "


class PeerError(Exception):
    """The peer could not be installed or started."""


@dataclass
class PeerServer:
    url: str
    process: subprocess.Popen[str]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def install() -> None:
    """`npm ci` once: the lock file pins every package, so each run serves the same peer."""
    if (PEER_DIR / "node_modules" / "@neo4j" / "graphql").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise PeerError("npm is not on PATH: the peer needs Node 20 and npm")
    run = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund"], cwd=PEER_DIR, capture_output=True, text=True
    )
    if run.returncode != 0:
        raise PeerError(f"npm ci failed in {PEER_DIR}:\n{run.stderr[-2000:]}")


def start_peer(neo4j_uri: str, log: Path) -> PeerServer:
    """The peer serving GraphQL over ``neo4j_uri``; its stderr goes to ``log``."""
    install()
    node = shutil.which("node")
    if node is None:
        raise PeerError("node is not on PATH: the peer needs Node 20")
    with log.open("w") as errors:
        process = subprocess.Popen(
            [node, "server.mjs"],
            cwd=PEER_DIR,
            env={"NEO4J_URI": neo4j_uri, "PORT": "0", "PATH": str(Path(node).parent)},
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
    assert process.stdout is not None
    # The server prints one line once it listens; reading it blocks, so a dead process
    # (which closes stdout) ends the wait as surely as a ready one.
    line = process.stdout.readline()
    if not line.startswith(READY):
        process.kill()
        raise PeerError(f"the peer did not start:\n{log.read_text()[-2000:]}")
    return PeerServer(line.removeprefix(READY).strip(), process)
