"""Run by tests/ops/test_replica.py in a process of its own, with CIVICDESK_DATABASE_URL pointing at a
primary and CIVICDESK_DATABASE_REPLICA_URL at its streaming replica. Prints what it saw as JSON."""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django

django.setup()

from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402

from civicdesk.lib.replica import reading_replica  # noqa: E402
from civicdesk.petitions.models import Case, Status  # noqa: E402
from tests.factories import CaseFactory, UserFactory  # noqa: E402


def replica_sql(statement: str):  # type: ignore[no-untyped-def]
    with connections["replica"].cursor() as cursor:
        cursor.execute(statement)
        return cursor.fetchone()[0] if cursor.description else None


def wait_replayed() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if replica_sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"):
            return
        time.sleep(0.1)
    raise SystemExit("the replica did not catch up")


def public_case(code: str) -> Case:
    case = CaseFactory(tracking_code=code, status=Status.ANSWERED, is_public=True)
    Case.objects.filter(pk=case.pk).update(is_public=True)
    return case


seen: dict = {"replica_in_recovery": replica_sql("SELECT pg_is_in_recovery()")}
supervisor = UserFactory(username="chanh-van-phong", role="supervisor")
first = public_case("REPL-AAAA")
wait_replayed()

client = Client()
client.force_login(supervisor)


def dashboard_lists(code: str) -> bool:
    response = client.get("/dieu-hanh/ho-so/?state=all")
    assert response.status_code == 200, response.status_code
    return code in response.content.decode()


def open_data_lists(code: str) -> bool:
    response = client.get("/api/v1/open-data/cases.csv")
    assert response.status_code == 200, response.status_code
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return code in content.decode()


seen["caught_up"] = {"dashboard": dashboard_lists(first.tracking_code),
                     "open_data": open_data_lists(first.tracking_code)}

# Hold the replica still: what is written now exists only on the primary.
replica_sql("SELECT pg_wal_replay_pause()")
second = public_case("REPL-BBBB")
seen["paused"] = {
    "primary_has_it": Case.objects.filter(tracking_code=second.tracking_code).exists(),
    "dashboard": dashboard_lists(second.tracking_code),
    "open_data": open_data_lists(second.tracking_code),
}
with reading_replica():
    seen["paused"]["reading_replica_orm"] = Case.objects.filter(tracking_code=second.tracking_code).exists()
    # A write inside reading_replica() still goes to the primary.
    Case.objects.filter(pk=first.pk).update(title="Sửa trên máy chính")
seen["paused"]["write_went_to_primary"] = Case.objects.get(pk=first.pk).title == "Sửa trên máy chính"

replica_sql("SELECT pg_wal_replay_resume()")
wait_replayed()
seen["resumed"] = {"dashboard": dashboard_lists(second.tracking_code),
                   "open_data": open_data_lists(second.tracking_code)}
print(json.dumps(seen))
