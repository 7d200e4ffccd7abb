"""Open data: published cases and their answers, without personal data. Locations are rounded to
three decimals (~100 m), text is masked, and address lines and reporters are left out.

The same rows feed `civicdesk export-open-data --out DIR` (daily, see civicdesk/api/schedule.py)
and GET /api/v1/open-data/cases.csv|.json."""

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from ninja import Router

from civicdesk.lib.replica import reading_replica
from civicdesk.lib.spreadsheet import csv_row
from civicdesk.petitions import public_text
from civicdesk.petitions.models import Case

router = Router(tags=["open data"])

# Field name → meaning; docs/api.md documents the same list.
FIELDS = {
    "tracking_code": "mã tra cứu",
    "kind": "loại: report, proposal, question",
    "category_code": "mã lĩnh vực",
    "category_name": "tên lĩnh vực",
    "ward_code": "mã phường/xã (5 số)",
    "ward_name": "tên phường/xã",
    "agency_code": "mã đơn vị xử lý",
    "agency_name": "tên đơn vị xử lý",
    "channel": "kênh tiếp nhận",
    "status": "trạng thái",
    "priority": "mức độ",
    "created_at": "thời điểm tiếp nhận (ISO 8601, +07:00)",
    "due_at": "hạn xử lý",
    "answered_at": "thời điểm trả lời",
    "closed_at": "thời điểm đóng",
    "on_time": "trả lời đúng hạn (true/false; trống nếu chưa trả lời)",
    "title": "tiêu đề (đã che thông tin cá nhân)",
    "content": "nội dung (đã che thông tin cá nhân)",
    "answer": "nội dung trả lời công khai",
    "answer_approved_at": "thời điểm duyệt trả lời",
    "lat": "vĩ độ, làm tròn 3 chữ số (~100 m)",
    "lon": "kinh độ, làm tròn 3 chữ số (~100 m)",
}


def _iso(moment) -> str:  # type: ignore[no-untyped-def]
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


def published_cases():  # type: ignore[no-untyped-def]
    from civicdesk.answers.models import Answer

    approved = Answer.objects.newest_approved_first()
    return (Case.objects.filter(is_public=True)
            .select_related("category", "agency", "ward")
            .prefetch_related(Prefetch("answers", queryset=approved, to_attr="approved_answers"))
            .order_by("created_at", "id"))


def row(case: Case) -> dict:
    approved = getattr(case, "approved_answers", None)  # prefetched by published_cases()
    answer = approved[0] if approved else None
    on_time = ""
    if case.answered_at and case.due_at:
        on_time = "true" if case.answered_at <= case.due_at else "false"
    return {
        "tracking_code": case.tracking_code,
        "kind": case.kind,
        "category_code": case.category.code if case.category else "",
        "category_name": case.category.name if case.category else "",
        "ward_code": case.ward.code if case.ward else "",
        "ward_name": case.ward.name if case.ward else "",
        "agency_code": case.agency.code if case.agency else "",
        "agency_name": case.agency.name if case.agency else "",
        "channel": case.channel,
        "status": case.status,
        "priority": case.priority,
        "created_at": _iso(case.created_at),
        "due_at": _iso(case.due_at),
        "answered_at": _iso(case.answered_at),
        "closed_at": _iso(case.closed_at),
        "on_time": on_time,
        "title": public_text.title_of(case),
        "content": public_text.content_of(case),
        "answer": (answer.public_body or public_text.mask_answer(answer.body, case)) if answer else "",
        "answer_approved_at": _iso(answer.approved_at) if answer else "",
        "lat": round(case.lat, 3) if case.lat is not None else "",
        "lon": round(case.lon, 3) if case.lon is not None else "",
    }


def as_csv(records: Iterable[dict]) -> str:
    return "".join(csv_lines(records))


class _Line:
    """A file for csv.writer that hands back what it was given: one line at a time."""

    def write(self, text: str) -> str:
        return text


def csv_lines(records: Iterable[dict]) -> Iterator[str]:
    # RFC 4180 line ends: with "\n" alone the writer left a field holding a lone "\r" unquoted, and
    # readers split the row there.
    writer = csv.DictWriter(_Line(), fieldnames=list(FIELDS), lineterminator="\r\n")
    yield writer.writeheader()  # type: ignore[func-returns-value]
    # Text such as "=HYPERLINK(…)" must stay text when the file is opened in a spreadsheet.
    for record in records:
        yield writer.writerow(csv_row(record))


def as_json(records: list[dict]) -> str:
    return json.dumps({"generated_at": _iso(timezone.now()), "fields": FIELDS, "cases": records},
                      ensure_ascii=False, indent=1)


def export(directory: Path) -> tuple[Path, Path, int]:
    """Write cases.csv and cases.json into `directory` (atomically replaced)."""
    directory.mkdir(parents=True, exist_ok=True)
    records = list(_prefetched_rows())
    paths = []
    for name, text in (("cases.csv", as_csv(records)), ("cases.json", as_json(records))):
        target = directory / name
        partial = directory / f".{name}.tmp"
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)
        paths.append(target)
    return paths[0], paths[1], len(records)


def _prefetched_rows() -> Iterator[dict]:
    # Batches of 1000, each with its approved answers read in one query; each batch starts after the
    # last row of the one before (an OFFSET would re-read every earlier row). Read from the reporting
    # replica when there is one.
    #
    # The answers are attached by hand, not with prefetch_related: Django's prefetch of a reverse
    # foreign key also points each answer back at its case (answer.case), a reference cycle that
    # reference counting cannot free, so every batch stayed in memory until the cyclic collector
    # ran — the peak grew with the rows (1.6-2.6x for 4x the rows). Without the cycle a batch is freed
    # as soon as the next one replaces it.
    from civicdesk.answers.models import Answer

    queryset = published_cases().prefetch_related(None)
    after: tuple | None = None
    while True:
        page = queryset
        if after is not None:
            page = page.filter(Q(created_at__gt=after[0]) | Q(created_at=after[0], id__gt=after[1]))
        with reading_replica():
            batch = list(page[:1000])
            if not batch:
                return
            newest: dict[int, Answer] = {}
            for approved in Answer.objects.newest_approved_first().filter(case__in=[c.pk for c in batch]):
                newest.setdefault(approved.case_id, approved)
        after = (batch[-1].created_at, batch[-1].id)
        for case in batch:
            case.approved_answers = [newest[case.pk]] if case.pk in newest else []  # type: ignore[attr-defined]
            yield row(case)
        del batch, newest, case  # before the next batch is read: one batch in memory at a time


@router.get("/cases.csv", summary="Dữ liệu mở: hồ sơ đã công khai (CSV)")
def cases_csv(request: HttpRequest) -> StreamingHttpResponse:
    # Streamed as the rows are read: memory does not grow with the number of published cases.
    response = StreamingHttpResponse(csv_lines(_prefetched_rows()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="civicdesk-cases.csv"'
    return response


@router.get("/cases.json", summary="Dữ liệu mở: hồ sơ đã công khai (JSON)")
def cases_json(request: HttpRequest) -> HttpResponse:
    return HttpResponse(as_json(list(_prefetched_rows())), content_type="application/json; charset=utf-8")
