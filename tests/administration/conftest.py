"""Fixtures for the administration tests: small synthetic elections and the two databases.

``db_url`` is parametrised over ``sqlite`` (a file in tmp_path, WAL, synchronous=FULL)
and ``postgresql`` (a throwaway cluster on a unix socket, started once per session from
the Debian binaries in /usr/lib/postgresql/*/bin; ``make test`` installs them through
scripts/ensure-system-deps.sh or scripts/ensure-postgres.sh).
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.administration.synthetic import synthetic_definition

ELECTION_DATE = date(2023, 3, 19)


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


class PostgresCluster:
    """A throwaway PostgreSQL cluster listening only on a unix socket."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="kazpolity-pg-"))
        self.data = self.root / "data"
        self.socket = self.root / "socket"
        self.socket.mkdir()
        self.user: str | None = None
        if os.geteuid() == 0:
            # initdb refuses to run as root: use the postgres (or nobody) account.
            for name in ("postgres", "nobody"):
                try:
                    entry = pwd.getpwnam(name)
                except KeyError:
                    continue
                self.user = name
                for path in (self.root, self.socket):
                    os.chown(path, entry.pw_uid, entry.pw_gid)
                break
        self._counter = itertools.count(1)

    def _run(self, *args: str) -> None:
        command = list(args)
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, cwd="/")

    def start(self) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust",
                  "-U", "kazpolity", "--no-sync", "-E", "UTF8")
        options = f"-k {self.socket} -c listen_addresses='' -c max_connections=200"
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options, "-w",
                  "-l", str(self.root / "log"), "start")

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                      "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://kazpolity@/{database}?host={self.socket}"

    def new_database(self) -> str:
        import psycopg

        name = f"t{os.getpid()}_{next(self._counter)}"
        with psycopg.connect(f"host={self.socket} user=kazpolity dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    bindir = _postgres_bin()
    if bindir is None:
        pytest.fail("PostgreSQL binaries not installed: run `make test`, which installs them "
                    "(scripts/ensure-system-deps.sh)")
    cluster = PostgresCluster(bindir)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kazpolity.db'}"
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.new_database()


@pytest.fixture(autouse=True)
def own_data_and_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Log keys and the demo go to the test's own directory, never the working tree."""
    monkeypatch.setenv("KAZPOLITY_KEYS_DIR", str(tmp_path / "keys"))
    monkeypatch.setenv("KAZPOLITY_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(scope="session")
def small_definition() -> ElectionDefinition:
    """The 2023 election with 60 precincts (3 levels: central, 20 territorial, precincts)."""
    return synthetic_definition(ELECTION_DATE, precincts=60)


@pytest.fixture
def store(db_url: str) -> Iterator[AdministrationStore]:
    s = AdministrationStore(db_url)
    try:
        yield s
    finally:
        s.close()
