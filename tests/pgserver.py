"""A throwaway PostgreSQL server for the tests: initdb and pg_ctl in a temporary folder, on a free port.

Started once per test session (when a test first asks for it) and stopped at the end, also after Ctrl+C.
Each test gets a fresh database, copied from an empty template. As root, the server runs as the
``postgres`` system user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

HOW_TO_ENABLE = "PostgreSQL tests skipped: no PostgreSQL binaries found (enable them with `apt-get install postgresql`)"


def find_bin_dir() -> Path | None:
    """The newest ``/usr/lib/postgresql/N/bin`` with initdb and pg_ctl, or the ones on PATH."""
    found: list[tuple[int, Path]] = []
    for folder in Path("/usr/lib/postgresql").glob("*/bin"):
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file() and folder.parent.name.isdigit():
            found.append((int(folder.parent.name), folder))
    if found:
        return max(found)[1]
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return Path(os.path.realpath(initdb)).parent
    return None


def free_port() -> int:
    """A TCP port on loopback that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    """One running server; :meth:`database` makes a fresh database and returns its URL."""

    bin_dir: Path
    root: Path
    port: int = 0
    user: str | None = None  # the system user the server runs as (None: ours)
    _numbers: count[int] = field(default_factory=count)
    _running: bool = False

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _run(self, *argv: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        command = [str(a) for a in argv]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)

    def start(self) -> None:
        """initdb, then pg_ctl start (waits until the server accepts connections); raises RuntimeError on failure."""
        if os.geteuid() == 0:
            self.user = "postgres"
            shutil.chown(self.root, self.user)
        os.chmod(self.root, 0o700)
        done = self._run(
            self.bin_dir / "initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        if done.returncode:
            raise RuntimeError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        self._authentication()
        self.port = free_port()
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        done = self._run(
            self.bin_dir / "pg_ctl", "-D", self.data, "-o", options, "-l", self.root / "server.log", "-w", "start"
        )
        if done.returncode:
            server_log = self.root / "server.log"
            log = server_log.read_text(errors="replace")[-2000:] if server_log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip() or done.stdout.strip()}\n{log}")
        self._running = True
        self._watch()
        self._sql("CREATE DATABASE barchasb_template TEMPLATE template0 ENCODING 'UTF8'")

    def _authentication(self) -> None:
        """The superuser ``postgres`` gets in without a password; every other role needs its password (SCRAM)."""
        rules = (
            "local all postgres trust\n"
            "host all postgres 127.0.0.1/32 trust\n"
            "local all all scram-sha-256\n"
            "host all all 127.0.0.1/32 scram-sha-256\n"
        )
        hba = self.data / "pg_hba.conf"
        if self.user is not None:  # the data folder belongs to the server's user, as initdb made it
            done = self._run("bash", "-c", 'printf %s "$0" > "$1"', rules, str(hba))
            if done.returncode:
                raise RuntimeError(f"writing pg_hba.conf failed: {done.stderr.strip()}")
        else:
            hba.write_text(rules, encoding="utf-8")

    def _watch(self) -> None:
        """A detached watchdog: when this process dies without stopping the server (killed), it stops it."""
        stop = [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]
        if self.user is not None:
            stop = ["runuser", "-u", self.user, "--", *stop]
        script = (
            'while kill -0 "$0" 2>/dev/null; do sleep 1; done; [ -d "$1" ] && "${@:3}" >/dev/null 2>&1; rm -rf "$2"'
        )
        subprocess.Popen(
            ["bash", "-c", script, str(os.getpid()), str(self.data), str(self.root), *stop],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete its folder; safe to call twice."""
        if self._running:
            self._run(self.bin_dir / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", timeout=60)
            self._running = False
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def _sql(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(statement)  # type: ignore[arg-type]  # a constant or a checked name

    def database(self, prefix: str = "t") -> str:
        """A new empty database (from the template); its URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._numbers)}"
        if not re.fullmatch(r"[a-z0-9_]+", name):
            raise ValueError(f"bad database name {name!r}")
        self._sql(f"CREATE DATABASE {name} TEMPLATE barchasb_template")
        return self.url(name)

    def drop(self, url: str) -> None:
        """Drop a database :meth:`database` made (its sessions ended first); a test's leftovers fill the disk."""
        name = url.rsplit("/", 1)[-1]
        if not re.fullmatch(r"[a-z0-9_]+", name):
            raise ValueError(f"bad database name {name!r}")
        with contextlib.suppress(Exception):  # a server already gone has nothing left to drop
            self._sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def start_server() -> PgServer | None:
    """A running throwaway server, or None when no PostgreSQL binaries are installed."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        return None
    server = PgServer(bin_dir, Path(tempfile.mkdtemp(prefix="barchasb-pg-")))
    try:
        server.start()
    except BaseException:
        with contextlib.suppress(Exception):
            server.stop()
        raise
    return server
