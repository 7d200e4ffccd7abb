"""The reporting replica (`CIVICDESK_DATABASE_REPLICA_URL`, civicdesk/lib/replica.py) against a real
PostgreSQL streaming replica: a primary made with initdb and a replica from pg_basebackup, both on
loopback. With the replica's replay paused, a case written on the primary is missing from the
dashboard and open data (they read the replica) but present for everything else; resumed, it appears."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ops import pgcluster

ROOT = Path(__file__).resolve().parents[2]

# Runs once, in the PostgreSQL pass of the suite (it starts its own two clusters).
pytestmark = pytest.mark.postgres_only


def _run(args: list[str], env: dict) -> str:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


@pytest.mark.skipif(pgcluster.why_unavailable() is not None, reason=str(pgcluster.why_unavailable()))
def test_replica_serves_dashboard_and_open_data_while_writes_go_to_primary(tmp_path):
    with pgcluster.PrimaryAndReplica() as pair:
        pair.primary.sql("CREATE DATABASE civicdesk")
        env = {k: v for k, v in os.environ.items() if not k.startswith("CIVICDESK_")}
        env.update({
            "CIVICDESK_TESTING": "1",
            "CIVICDESK_DATA_DIR": str(tmp_path),
            "CIVICDESK_DATABASE_URL": pair.primary.url("civicdesk"),
            "CIVICDESK_DATABASE_REPLICA_URL": pair.replica.url("civicdesk"),
            "DJANGO_SETTINGS_MODULE": "civicdesk.settings",
        })
        _run(["-m", "civicdesk.cli", "migrate", "-v0"], env)
        seen = json.loads(_run([str(ROOT / "tests/ops/replica_probe.py")], env).strip().splitlines()[-1])

    assert seen["replica_in_recovery"] is True
    assert seen["caught_up"] == {"dashboard": True, "open_data": True}
    paused = seen["paused"]
    assert paused["primary_has_it"] is True
    assert paused["dashboard"] is False, "the dashboard read the primary"
    assert paused["open_data"] is False, "open data read the primary"
    assert paused["reading_replica_orm"] is False
    assert paused["write_went_to_primary"] is True
    assert seen["resumed"] == {"dashboard": True, "open_data": True}


def test_replica_router_without_replica_reads_default(settings):
    from civicdesk.lib.replica import ReplicaRouter, reading_replica

    router = ReplicaRouter()
    assert "replica" not in settings.DATABASES
    with reading_replica():
        assert router.db_for_read(None) is None
    settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}
    with reading_replica():
        assert router.db_for_read(None) == "replica"
    assert router.db_for_read(None) is None
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("replica", "petitions") is False
