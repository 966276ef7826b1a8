"""A throwaway PostgreSQL server from Debian's packages, on 127.0.0.1, for the test run.

``initdb`` refuses to run as root, so under root (CI) the cluster belongs to the ``postgres``
user that Debian's package creates, and the commands run through ``runuser``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

USER, PASSWORD, DATABASE = "atlas", "atlas-test-password", "atlas"


class ServiceError(Exception):
    """A test service could not be started; the message says why."""


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise ServiceError(
            "PostgreSQL is not installed: no /usr/lib/postgresql/*/bin/initdb "
            "(tests/run installs Debian's postgresql package)"
        )
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class PostgresServer:
    data_dir: Path
    port: int
    _as_postgres: bool

    @property
    def env(self) -> dict[str, str]:
        """The standard variables eventsourcing reads."""
        return {
            "POSTGRES_HOST": "127.0.0.1",
            "POSTGRES_PORT": str(self.port),
            "POSTGRES_USER": USER,
            "POSTGRES_PASSWORD": PASSWORD,
            "POSTGRES_DBNAME": DATABASE,
        }

    def psql(self, sql: str, database: str = DATABASE) -> str:
        result = _run(
            [
                str(_bindir() / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                USER,
                "-d",
                database,
                "-At",
                "-c",
                sql,
            ],
            as_postgres=False,
            env={"PGPASSWORD": PASSWORD},
        )
        return result.stdout

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            _run(
                [str(_bindir() / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "stop"],
                as_postgres=self._as_postgres,
            )


def _run(
    command: list[str], *, as_postgres: bool, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    if as_postgres:
        command = ["runuser", "-u", "postgres", "--", *command]
    result = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False
    )
    if result.returncode != 0:
        raise ServiceError(
            f"`{' '.join(command)}` failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return result


def start_postgres(base: Path, timeout: float = 60) -> PostgresServer:
    """initdb a fresh cluster under ``base``, start it on a free port, create the test role."""
    as_postgres = os.geteuid() == 0
    bindir = _bindir()
    data_dir, run_dir = base / "data", base / "run"
    for d in (data_dir, run_dir):
        d.mkdir(parents=True, exist_ok=True)
    if as_postgres:
        shutil.chown(base, "postgres", "postgres")
        for d in (data_dir, run_dir):
            shutil.chown(d, "postgres", "postgres")
    password_file = run_dir / "pwfile"
    password_file.write_text(PASSWORD + "\n")
    if as_postgres:
        shutil.chown(password_file, "postgres", "postgres")
    _run(
        [
            str(bindir / "initdb"),
            "-D",
            str(data_dir),
            "-U",
            USER,
            "--pwfile",
            str(password_file),
            "-A",
            "scram-sha-256",
            "-E",
            "UTF8",
            "--no-sync",
        ],
        as_postgres=as_postgres,
    )
    port = _free_port()
    options = (
        f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={run_dir} "
        "-c max_connections=200 -c fsync=off -c synchronous_commit=off"
    )
    _run(
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(data_dir),
            "-l",
            str(run_dir / "postgres.log"),
            "-o",
            options,
            "-w",
            "-t",
            str(int(timeout)),
            "start",
        ],
        as_postgres=as_postgres,
    )
    server = PostgresServer(data_dir, port, as_postgres)
    deadline = time.monotonic() + timeout
    while True:
        try:
            server.psql(f"CREATE DATABASE {DATABASE}", database="postgres")
            return server
        except ServiceError:
            if time.monotonic() > deadline:
                log = (run_dir / "postgres.log").read_text(errors="replace")[-2000:]
                server.stop()
                raise ServiceError(f"PostgreSQL did not accept connections:\n{log}") from None
            time.sleep(0.2)
