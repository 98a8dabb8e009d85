"""A throwaway PostgreSQL cluster for tests: initdb in a temporary folder, started on a free
127.0.0.1 port, stopped and deleted afterwards.

Uses the Debian `postgresql` package's binaries (/usr/lib/postgresql/<version>/bin, installed
by scripts/ensure-system.sh) or those on PATH. PostgreSQL refuses to run as root, so as root the
server runs as the `postgres` system user, which owns the folder.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path

import psycopg

from support.ports import free_port

SUPERUSER = "ashyq"


def find_bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl: the newest Debian one, else PATH's; None if absent."""
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                    key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    for folder in reversed(debian):
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def unavailable_reason() -> str | None:
    """Why no cluster can be started here, or None."""
    if find_bin_dir() is None:
        return "PostgreSQL binaries (initdb, pg_ctl) not found: install Debian's postgresql"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a `postgres` user to run the server as"
    return None



class PostgresCluster:
    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="ashyq-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.os_user: str | None = None
        if os.geteuid() == 0:
            self.os_user = "postgres"
            entry = pwd.getpwnam(self.os_user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)

    def _run(self, args: Sequence[str], timeout: float = 120) -> None:
        done = subprocess.run(
            [str(self.bin_dir / args[0]), *args[1:]], capture_output=True, text=True,
            timeout=timeout, user=self.os_user, cwd=self.folder,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stderr[-2000:]}")

    def start(self) -> None:
        self._run(["initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                   "--encoding=UTF8", "--locale=C.UTF-8" if _has_c_utf8() else "--locale=C"])
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
                   "-c fsync=off -c max_connections=50")
        self._run(["pg_ctl", "-D", str(self.data), "-o", options, "-w", "-t", "60",
                   "-l", str(self.folder / "server.log"), "start"])

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(["pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database; its SQLAlchemy URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _has_c_utf8() -> bool:
    done = subprocess.run(["locale", "-a"], capture_output=True, text=True)
    return any(line.lower() in ("c.utf8", "c.utf-8") for line in done.stdout.splitlines())
