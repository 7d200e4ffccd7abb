"""Throw-away PostgreSQL clusters for tests that need a server of their own: a primary made with
initdb and a streaming replica made from it with pg_basebackup, both on loopback ports, run as the
`postgres` system user when the tests run as root. Needs Debian's postgresql server binaries."""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def why_unavailable() -> str | None:
    if bin_dir() is None:
        return "PostgreSQL server binaries (initdb) are not installed"
    if os.geteuid() != 0:
        try:
            if pwd.getpwuid(os.geteuid()).pw_name != "postgres":
                return "starting a PostgreSQL cluster needs root (to run it as postgres) or the postgres user"
        except KeyError:
            return "unknown system user"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    def __init__(self, root: Path, name: str, port: int):
        self.dir = root / name
        self.port = port
        self.socket_dir = root
        self.log = root / f"{name}.log"

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> str:
        done = subprocess.run(
            [str(bin_dir() / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
             "-XAtq", "-c", statement], capture_output=True, text=True, timeout=60, check=True)
        return done.stdout.strip()


def _as_postgres(args: list[str], **kwargs) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=180, **kwargs)


def _start(cluster: Cluster) -> None:
    _as_postgres([str(bin_dir() / "pg_ctl"), "-D", str(cluster.dir), "-l", str(cluster.log), "-w", "-t", "60",
                  "-o", f"-p {cluster.port} -k {cluster.socket_dir} -c listen_addresses=127.0.0.1", "start"])


def _stop(cluster: Cluster) -> None:
    if cluster.dir.exists():
        subprocess.run((["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else [])
                       + [str(bin_dir() / "pg_ctl"), "-D", str(cluster.dir), "-m", "immediate", "-w", "stop"],
                       capture_output=True, timeout=60)


class PrimaryAndReplica:
    """`with PrimaryAndReplica() as pair:` — pair.primary and pair.replica are running; both stop and
    their files go at the end."""

    def __enter__(self) -> "PrimaryAndReplica":
        self.root = Path(tempfile.mkdtemp(prefix="civicdesk-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self.primary = Cluster(self.root, "primary", free_port())
        self.replica = Cluster(self.root, "replica", free_port())
        try:
            _as_postgres([str(bin_dir() / "initdb"), "-D", str(self.primary.dir), "-U", "postgres", "-A", "trust",
                          "-E", "UTF8", "--locale=C.UTF-8"])
            with open(self.primary.dir / "postgresql.conf", "a") as conf:
                # A test cluster: durability is not the point, speed is.
                conf.write("wal_level = replica\nmax_wal_senders = 4\nfsync = off\n"
                           "synchronous_commit = off\nfull_page_writes = off\n")
            _start(self.primary)
            _as_postgres([str(bin_dir() / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.primary.port),
                          "-U", "postgres", "-D", str(self.replica.dir), "-R", "-X", "stream", "-c", "fast"])
            _start(self.replica)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def wait_replayed(self, timeout: float = 30) -> None:
        """Until the replica has replayed everything the primary has written so far."""
        target = self.primary.sql("SELECT pg_current_wal_lsn()")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.replica.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") == "t":
                return
            time.sleep(0.1)
        raise TimeoutError("the replica did not catch up")

    def __exit__(self, *exc: object) -> None:
        _stop(self.replica)
        _stop(self.primary)
        shutil.rmtree(self.root, ignore_errors=True)
