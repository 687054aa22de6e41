"""The processes a crash drill kills: the app server and, on PostgreSQL, the database
server, each started in a session of its own so that one SIGKILL takes every process it has
(gunicorn's workers, PostgreSQL's backends) with no handler run and nothing flushed."""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from goldenthread.testing_scratch import ROOT
from goldenthread.testing_scratch import manage as run_manage

PG_BIN = Path(os.environ.get("GT_PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def kill_session(process: subprocess.Popen[bytes] | None) -> None:
    if process is None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The parent is the second field after the command, which may hold spaces.
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def wait_until(ready: Callable[[], bool], what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not come up within {timeout:.0f} s")


class AppServer:
    """gunicorn serving the site on a loopback port, as production serves it."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 2, threads: int = 2) -> None:
        self.env = env
        self.workers, self.threads = workers, threads
        self.log = log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own arguments, no shell
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "goldenthread.wsgi",
                    "-b",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    str(self.workers),
                    "--threads",
                    str(self.threads),
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        wait_until(self._answers, "the app server")

    def _answers(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"the app server exited; see {self.log}")
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:  # noqa: S310 - loopback
                return bool(answer.status == 200)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    def kill(self) -> None:
        kill_session(self.process)
        self.process = None


class PostgresCluster:
    """A throwaway PostgreSQL cluster of the drill's own, so killing it harms nothing else.
    Durability is on as production runs it: fsync, synchronous commit, data checksums."""

    def __init__(self, folder: Path) -> None:
        self.data = folder / "pgdata"
        self.socket_dir = folder
        self.log = folder / "postgres.log"
        self.port = free_port()
        self.url = f"postgres://goldenthread@127.0.0.1:{self.port}/goldenthread"
        self.process: subprocess.Popen[bytes] | None = None
        # PostgreSQL refuses to run as root: the cluster belongs to the postgres account.
        # The server runs as this process's own child, so the kill reaps it at once; under
        # runuser it would linger as a zombie whose pid blocks the restart.
        self.owner = "postgres" if os.geteuid() == 0 else None
        if self.owner:
            shutil.chown(folder, self.owner)

    def create(self) -> None:
        subprocess.run(  # noqa: S603 - our own arguments, no shell
            [
                *(["runuser", "-u", self.owner, "--"] if self.owner else []),
                str(PG_BIN / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "goldenthread",
                "--auth=trust",
                "-E",
                "UTF8",
                "--data-checksums",
            ],
            check=True,
            capture_output=True,
        )
        self.start()
        admin = self.url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute("CREATE DATABASE goldenthread")

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own arguments, no shell
                [
                    str(PG_BIN / "postgres"),
                    "-D",
                    str(self.data),
                    "-p",
                    str(self.port),
                    "-k",
                    str(self.socket_dir),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    "fsync=on",
                    "-c",
                    "synchronous_commit=on",
                    "-c",
                    "full_page_writes=on",
                ],
                stdout=log,
                stderr=log,
                start_new_session=True,
                user=self.owner,
                group=self.owner,
                extra_groups=[] if self.owner else None,
            )
        wait_until(self._accepts, "PostgreSQL")

    def _accepts(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"PostgreSQL exited; see {self.log}")
        try:
            with psycopg.connect(self.url.rsplit("/", 1)[0] + "/postgres", connect_timeout=2):
                return True
        except psycopg.OperationalError:
            return False

    def kill(self) -> None:
        """SIGKILL to the postmaster and every backend at once, as when the machine's
        memory killer or an operator's kill -9 takes the whole server mid-transaction.
        (Backends start sessions of their own, so they are found by parentage.)"""
        if self.process is not None:
            for pid in [self.process.pid, *_children(self.process.pid)]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        kill_session(self.process)
        self.process = None

    def stop(self) -> None:
        self.kill()
        shutil.rmtree(self.data, ignore_errors=True)


def site_env(folder: Path, database: "PostgresCluster | None") -> dict[str, str]:
    """The environment of a drill's own site: on the given cluster, or a SQLite file."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith("GT_")}
    keep.pop("DATABASE_URL", None)
    env = {
        **keep,
        "GT_SECRET_KEY": "drill-secret-key-not-for-any-real-site-0123456789",
        "GT_AUDIT_KEY": "drill-audit-key-not-for-any-real-site",
        # Drills send far more than one partner would; the limiter is not under test.
        "GT_API_RATE": "100000/m",
        "GT_LOG_FORMAT": "json",
    }
    if database is not None:
        return {**env, "DATABASE_URL": database.url}
    return {**env, "GT_SQLITE_PATH": str(folder / "drill.sqlite3")}


def manage(env: dict[str, str], *args: str) -> str:
    """manage.py on the drill's site; its output, or an error carrying what it said."""
    done = run_manage(env, *args)
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args[:2])} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def shell_json(env: dict[str, str], code: str) -> dict[str, Any]:
    """Runs `code` inside the site (`manage.py shell`) and reads the JSON it prints last."""
    out = manage(env, "shell", "--no-imports", "-c", code)
    return dict(json.loads(out.strip().splitlines()[-1]))


@dataclass
class DrillSite:
    """The demo site a drill runs on: its environment, its folder, and its own database
    server on PostgreSQL (None on SQLite, whose engine runs inside the app)."""

    env: dict[str, str]
    folder: Path
    engine: str
    database: PostgresCluster | None


@contextmanager
def drill_site(
    engine: str, folder: Path, size: str = "small", seed: int = 2011
) -> Iterator[DrillSite]:
    """Builds the demo site on a throwaway PostgreSQL cluster of its own, or a SQLite file,
    and removes the cluster after."""
    database = PostgresCluster(folder) if engine == "postgres" else None
    try:
        if database is not None:
            database.create()
        env = site_env(folder, database)
        manage(env, "migrate", "--noinput")
        manage(env, "demo", "--seed", str(seed), "--size", size)
        yield DrillSite(env=env, folder=folder, engine=engine, database=database)
    finally:
        if database is not None:
            database.stop()
