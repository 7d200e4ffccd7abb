import csv
import io
import json
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from civicdesk.answers.models import Answer
from civicdesk.api.opendata import FIELDS
from tests.factories import CaseFactory

SECRETS = ("Nguyễn Văn An", "an.nguyen@example.vn", "0903123456", "12 Lê Lợi")


def _published(category, agency, officer, lead):
    case = CaseFactory(category=category, agency=agency, is_public=True, status="answered",
                       content="Tôi là Nguyễn Văn An, gọi 0903123456 khi cần.", lat=10.776912, lon=106.700987,
                       answered_at=timezone.now())
    Answer.objects.create(case=case, author=officer, body="Gửi ông Nguyễn Văn An: đã sửa.",
                          public_body="Gửi ông N.V.A.: đã sửa.", state="approved", approved_by=lead,
                          approved_at=timezone.now())
    CaseFactory(category=category, agency=agency)  # not published
    return case


def test_the_csv_endpoint_has_published_cases_without_personal_data(client, category, agency, officer, lead):
    case = _published(category, agency, officer, lead)
    response = client.get("/api/v1/open-data/cases.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.getvalue().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["tracking_code"] for r in rows] == [case.tracking_code]
    assert list(rows[0]) == list(FIELDS)
    assert rows[0]["answer"] == "Gửi ông N.V.A.: đã sửa."
    assert (rows[0]["lat"], rows[0]["lon"]) == ("10.777", "106.701")
    for secret in SECRETS:
        assert secret not in text


def test_the_json_endpoint_documents_its_fields(client, category, agency, officer, lead):
    _published(category, agency, officer, lead)
    data = client.get("/api/v1/open-data/cases.json").json()
    assert data["fields"] == FIELDS
    assert len(data["cases"]) == 1 and data["cases"][0]["created_at"].endswith("+07:00")
    for secret in SECRETS:
        assert secret not in json.dumps(data, ensure_ascii=False)


def test_the_command_writes_both_files(tmp_path, category, agency, officer, lead):
    _published(category, agency, officer, lead)
    call_command("export_open_data", "--out", str(tmp_path / "mo"), stdout=StringIO())
    rows = list(csv.DictReader((tmp_path / "mo" / "cases.csv").open(encoding="utf-8")))
    assert len(rows) == 1
    assert len(json.loads((tmp_path / "mo" / "cases.json").read_text(encoding="utf-8"))["cases"]) == 1
