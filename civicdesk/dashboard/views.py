"""Dashboard pages: fetch the scope the user may see, compute figures, render or export."""

from collections.abc import Mapping
from datetime import date
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civicdesk.dashboard import exports, figures, hotspots, report
from civicdesk.dashboard.access import dashboard_view
from civicdesk.dashboard.forms import FilterForm
from civicdesk.dashboard.models import DailyFigure
from civicdesk.lib import xlsx_stream
from civicdesk.lib.dates import in_range
from civicdesk.organisation.models import AdminUnit, Agency
from civicdesk.petitions.models import OPEN_STATUSES, Case, Category, Status
from civicdesk.petitions.permissions import can_direct, can_view_case, dashboard_agency_id
from civicdesk.workflow import directives
from civicdesk.workflow.forms import DirectiveForm
from civicdesk.workflow.models import Directive

MAP_POINT_LIMIT = 10_000
CASES_PER_PAGE = 50
# Excel's own limit is 1,048,576 rows a sheet
EXPORT_ROW_LIMIT = 1_000_000


def _local(moment):  # type: ignore[no-untyped-def]
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _filters(request) -> tuple[FilterForm, figures.Scope]:
    form = FilterForm(request.GET or None, request.user)
    form.model_choice_field("ward").queryset = AdminUnit.objects.filter(id__in=_wards_in_use()).order_by("name")
    scope = form.scope()
    if not (form.is_bound and form.cleaned_data.get("period") == "custom"):
        # show the dates a preset stands for; they count only when the period is "custom"
        form.initial.update(start=scope.start, end=scope.end, by=scope.granularity)
        if form.is_bound:
            data = _editable(form.data)
            data["start"], data["end"] = scope.start.isoformat(), scope.end.isoformat()
            form.data = data
    if form.is_bound and not (form.data.get("by") and form.data.get("period")):
        data = _editable(form.data)
        data["by"] = data.get("by") or scope.granularity
        data["period"] = data.get("period") or "30d"
        form.data = data
    return form, scope


def _editable(data: Mapping[str, Any]) -> QueryDict:
    # A bound FilterForm's data is request.GET (or a copy of it): an immutable QueryDict.
    return cast(QueryDict, data).copy()


def _wards_in_use() -> list[int]:
    # The country has thousands of wards; offer those the city's cases are in (cached: a scan).
    return cast(list[int], cache.get_or_set(
        "dashboard:wards-in-use",
        lambda: list(DailyFigure.objects.exclude(ward_id=None).order_by().values_list("ward_id", flat=True)
                     .distinct()),
        600,
    ))


def _caption(scope: figures.Scope) -> str:
    parts = [_("Số liệu từ %(start)s đến %(end)s") % {"start": f"{scope.start:%d/%m/%Y}",
                                                      "end": f"{scope.end:%d/%m/%Y}"}]
    if scope.agency_id:
        parts.append(Agency.objects.filter(id=scope.agency_id).values_list("name", flat=True).first() or "")
    else:
        parts.append(_("Toàn thành phố"))
    if scope.ward_id:
        parts.append(AdminUnit.objects.filter(id=scope.ward_id).values_list("name", flat=True).first() or "")
    if scope.category_id:
        parts.append(Category.objects.filter(id=scope.category_id).values_list("name", flat=True).first() or "")
    return " · ".join(p for p in parts if p)


def _wants_xlsx(request) -> bool:
    return request.GET.get("format") == "xlsx"


def _page(request, template: str, context: dict, active: str) -> HttpResponse:
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("page", None)
    context.update(active=active, query=query.urlencode())
    return render(request, template, context)


def _pct(value):
    return None if value is None else round(value, 4)


@dashboard_view
def overview(request):
    form, scope = _filters(request)
    head = figures.headline(scope)
    series = figures.trend(scope)
    parts = {name: figures.breakdown(scope, name) for name in ("category", "channel", "ward")}
    if _wants_xlsx(request):
        tables = [
            exports.Table(_("Chỉ số chính"), [_("Chỉ số"), _("Kỳ này"), _("Kỳ trước"), _("Thay đổi")],
                          [_headline_row(i) for i in head["items"]]),
            exports.Table(_("Xu hướng"), [_("Từ ngày"), _("Tiếp nhận"), _("Đã giải quyết"), _("Tỉ lệ đúng hạn")],
                          [[r["start"], r["received"], r["resolved"], _pct(r["on_time_rate"])] for r in series],
                          percent_columns=(3,)),
        ] + [_breakdown_table(title, parts[name]) for name, title in
             (("category", _("Theo lĩnh vực")), ("channel", _("Theo kênh")), ("ward", _("Theo phường, xã")))]
        return exports.xlsx_response(tables, f"tong-quan-{scope.start}-{scope.end}", _caption(scope))
    chart_data = {
        "trend": {"labels": [f"{r['start']:%d/%m}" if scope.granularity != "month" else f"{r['start']:%m/%Y}"
                             for r in series],
                  "received": [r["received"] for r in series], "resolved": [r["resolved"] for r in series],
                  "on_time": [None if r["on_time_rate"] is None else round(100 * r["on_time_rate"], 1)
                              for r in series]},
        **{name: {"labels": [r["name"] for r in rows[:12]], "values": [r["received"] for r in rows[:12]]}
           for name, rows in parts.items()},
    }
    return _page(request, "dashboard/overview.html", {
        "form": form, "scope": scope, "headline": head, "parts": parts, "chart_data": chart_data,
        "caption": _caption(scope), "refreshed_at": timezone.localtime(),
    }, "overview")


def _headline_row(item: dict) -> list:
    label = str(item["label"])
    if item["kind"] == "hours":
        label = _("%(label)s (giờ)") % {"label": label}
    elif item["kind"] == "percent":
        label = _("%(label)s (%%)") % {"label": label}
    return [label] + [exports.by_kind(item[key], item["kind"]) for key in ("value", "previous", "change")]


def _breakdown_table(title, rows):
    return exports.Table(title, [_("Tên"), _("Tiếp nhận"), _("Tỉ trọng"), _("Đã giải quyết"), _("Tỉ lệ đúng hạn")],
                         [[r["name"], r["received"], _pct(r["share"]), r["resolved"], _pct(r["on_time_rate"])]
                          for r in rows], percent_columns=(2, 4))


@dashboard_view
def kpis(request):
    """The headline fragment, polled by HTMX every 60 s."""
    _form, scope = _filters(request)
    return render(request, "dashboard/_kpis.html", {
        "headline": figures.headline(scope), "refreshed_at": timezone.localtime(), "query": request.GET.urlencode()})


@dashboard_view
def league(request):
    form, scope = _filters(request)
    rows = figures.league(scope)
    if _wants_xlsx(request):
        table = exports.Table(_("Xếp hạng đơn vị"), [
            _("Hạng"), _("Đơn vị"), _("Tiếp nhận"), _("Đã giải quyết"), _("Đúng hạn"), _("Trễ hạn"),
            _("Đang quá hạn"), _("Số hồ sơ đến hạn"), _("Tỉ lệ đúng hạn"), _("Điểm xếp hạng"), _("Tồn đọng"),
            _("Hài lòng")],
            [[r["rank"] if r["ranked"] else _("chưa xếp hạng"), r["name"], r["received"], r["resolved"],
              r["on_time"], r["late"], r["overdue"], r["assessed"], _pct(r["on_time_share"]), _pct(r["score"]),
              r["backlog"], exports.by_kind(r["satisfaction"], "score")] for r in rows], percent_columns=(8, 9))
        return exports.xlsx_response([table], f"xep-hang-{scope.start}-{scope.end}", _caption(scope))
    return _page(request, "dashboard/league.html", {
        "form": form, "scope": scope, "rows": rows, "ranked": [r for r in rows if r["ranked"]],
        "unranked": [r for r in rows if not r["ranked"]], "min_cases": figures.LEAGUE_MIN_CASES,
        "caption": _caption(scope)}, "league")


@dashboard_view
def overdue(request):
    form, scope = _filters(request)
    rows = figures.overdue_by_unit(scope)
    if _wants_xlsx(request):
        table = exports.Table(_("Quá hạn theo đơn vị"), [_("Đơn vị"), _("Số hồ sơ quá hạn"), _("Hạn sớm nhất"),
                                                         _("Trễ nhất (ngày)")],
                              [[r["name"], r["overdue"], r["oldest_due"], r["days_late"]] for r in rows])
        return exports.xlsx_response([table], "qua-han", _caption(scope))
    return _page(request, "dashboard/overdue.html", {
        "form": form, "scope": scope, "rows": rows, "total": sum(r["overdue"] for r in rows),
        "caption": _caption(scope)}, "overdue")


CASE_STATES = {
    "overdue": lambda now: Q(status__in=OPEN_STATUSES, due_at__lt=now),
    "open": lambda now: Q(status__in=OPEN_STATUSES),
    "resolved": lambda now: Q(status__in=(Status.ANSWERED, Status.CLOSED)),
    "all": lambda now: Q(),
}


@dashboard_view
def case_list(request):
    """Drill-down: the cases behind a figure. `state=overdue|open` ignore the period (they are now)."""
    form, scope = _filters(request)
    state = request.GET.get("state", "all")
    if state not in CASE_STATES:
        state = "all"
    now = timezone.now()
    cases = Case.objects.filter(scope.area(), CASE_STATES[state](now))
    if request.GET.get("agency") == "none" and not dashboard_agency_id(request.user):
        cases = cases.filter(agency=None)
    if state in ("all", "resolved"):
        since, until = figures.day_bounds(scope.start, scope.end)
        cases = cases.filter(created_at__gte=since, created_at__lt=until)
    order = "due_at" if state == "overdue" else "-created_at"
    cases = cases.select_related("category", "agency", "ward").order_by(order)
    if _wants_xlsx(request):
        # Streamed while the rows are read (lib.xlsx_stream): memory does not grow with the rows.
        rows = ([c.tracking_code, c.title, c.get_status_display(), c.category.name if c.category else "",
                 c.agency.name if c.agency else "", c.ward.name if c.ward else "", _local(c.created_at),
                 _local(c.due_at), _local(c.answered_at)]
                for c in cases.only("tracking_code", "title", "status", "created_at", "due_at", "answered_at",
                                    "category__name", "agency__name", "ward__name")[:EXPORT_ROW_LIMIT]
                .iterator(chunk_size=1000))
        headers = [_("Mã"), _("Tiêu đề"), _("Trạng thái"), _("Lĩnh vực"), _("Đơn vị"), _("Phường/xã"),
                   _("Tiếp nhận"), _("Hạn xử lý"), _("Trả lời")]
        response = StreamingHttpResponse(xlsx_stream.stream(_("Hồ sơ"), _caption(scope), headers, rows),
                                         content_type=xlsx_stream.XLSX)
        response["Content-Disposition"] = f'attachment; filename="ho-so-{state}.xlsx"'
        return response
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    return _page(request, "dashboard/case_list.html", {
        "form": form, "scope": scope, "page": page, "state": state, "now": now, "caption": _caption(scope),
        "states": [("overdue", _("Đang quá hạn")), ("open", _("Đang xử lý")),
                   ("resolved", _("Đã giải quyết")), ("all", _("Tất cả"))]}, "cases")


def _staff_case_url(code: str) -> str | None:
    """The case page of the handling screens (/xu-ly/ho-so/<code>/) when that app provides it."""
    path = f"/xu-ly/ho-so/{code}/"
    try:
        resolve(path)
    except Resolver404:
        return None
    return path


@dashboard_view
def case_detail(request, code: str):
    case = get_object_or_404(Case.objects.select_related("category", "agency", "ward", "assignee"),
                             tracking_code=code)
    if not can_view_case(request.user, case):
        raise PermissionDenied
    if _wants_xlsx(request):
        rows = [[e.created_at, e.get_action_display(), e.from_status, e.to_status, str(e.actor or ""), e.note]
                for e in case.timeline()]
        table = exports.Table(case.tracking_code, [_("Thời điểm"), _("Sự kiện"), _("Từ"), _("Sang"),
                                                   _("Người thực hiện"), _("Ghi chú")], rows)
        return exports.xlsx_response([table], f"ho-so-{case.tracking_code}", f"{case.tracking_code} · {case.title}")
    return render(request, "dashboard/case_detail.html", {
        "case": case, "events": case.timeline(), "staff_url": _staff_case_url(case.tracking_code),
        "ratings": case.ratings.order_by("-created_at"), "now": timezone.now(), "active": "cases", "query": ""})


@dashboard_view
def case_map(request):
    form, scope = _filters(request)
    statuses = [s for s in request.GET.getlist("status") if s in Status.values]
    if _wants_xlsx(request):
        points = _map_points(scope, statuses)
        table = exports.Table(_("Bản đồ"), [_("Mã"), _("Vĩ độ"), _("Kinh độ"), _("Trạng thái"), _("Lĩnh vực")],
                              [[p["code"], p["lat"], p["lon"], p["status"], p["category"]] for p in points])
        return exports.xlsx_response([table], "ban-do", _caption(scope))
    query = request.GET.copy()
    query.pop("format", None)
    return _page(request, "dashboard/map.html", {
        "form": form, "scope": scope, "caption": _caption(scope), "statuses": Status.choices,
        "selected_statuses": statuses, "tile_url": getattr(settings, "TILE_URL", ""),
        "tile_attribution": getattr(settings, "TILE_ATTRIBUTION", ""),
        "data_url": reverse("dashboard:map_data") + "?" + query.urlencode(), "limit": MAP_POINT_LIMIT}, "map")


def _map_points(scope, statuses) -> list[dict]:
    since, until = figures.day_bounds(scope.start, scope.end)
    cases = Case.objects.filter(scope.area(), created_at__gte=since, created_at__lt=until,
                                lat__isnull=False, lon__isnull=False, duplicate_of=None)
    if statuses:
        cases = cases.filter(status__in=statuses)
    names = dict(Category.objects.values_list("id", "name"))
    rows = cases.order_by("-created_at").values_list("tracking_code", "lat", "lon", "status", "category_id")
    return [{"code": code, "lat": round(lat, 5), "lon": round(lon, 5), "status": status,
             "category": names.get(category_id, "")}
            for code, lat, lon, status, category_id in rows[:MAP_POINT_LIMIT]
            if lat is not None and lon is not None]  # always, by the filter above


@dashboard_view
def map_data(request):
    form, scope = _filters(request)
    statuses = [s for s in request.GET.getlist("status") if s in Status.values]
    points = _map_points(scope, statuses)
    return JsonResponse({
        # Filters refused (a date out of range…) are named here; the points are of the default period.
        "errors": [f"{form[name].label}: {error}" for name, errors in form.errors.items() if name in form.fields
                   for error in errors],
        "points": [[p["lat"], p["lon"], p["code"], p["status"], p["category"]] for p in points],
        "truncated": len(points) >= MAP_POINT_LIMIT,
        "case_url": reverse("dashboard:case_detail", args=["CODE"]),
        "status_labels": dict(Status.choices),
    })


@dashboard_view
def hotspot_list(request):
    form, scope = _filters(request)
    today = min(scope.end, timezone.localdate())
    found = []
    for dimension, title in hotspots.HOTSPOT_DIMENSIONS.items():
        for spot in hotspots.find(scope, today, dimension):
            spot["title"] = title
            spot["cases"] = list(hotspots.cases_behind(scope, today, spot))
            spot["open_codes"] = " ".join(hotspots.open_codes_behind(scope, today, spot))
            found.append(spot)
    if _wants_xlsx(request):
        table = exports.Table(_("Điểm nóng"), [_("Nhóm"), _("Tên"), _("7 ngày qua"), _("Trung bình 8 tuần trước"),
                                               _("Độ lệch chuẩn"), _("Mức vượt (lần độ lệch)")],
                              [[str(s["title"]), s["name"], s["this_week"], round(s["mean"], 1), round(s["sd"], 1),
                                round(s["score"], 1)] for s in found])
        return exports.xlsx_response([table], f"diem-nong-{today}", _caption(scope))
    return _page(request, "dashboard/hotspots.html", {
        "form": form, "scope": scope, "hotspots": found, "today": today, "caption": _caption(scope),
        "threshold": hotspots.THRESHOLD_SD, "weeks": hotspots.WEEKS_OF_HISTORY, "min_cases": hotspots.MIN_CASES,
        "can_direct": can_direct(request.user), "directive_form": DirectiveForm(),
    }, "hotspots")


@dashboard_view
def directive_list(request):
    """The leaders' directives still open, each with the state of every unit it binds."""
    now = timezone.now()
    listed = directives.visible(request.user).filter(state=Directive.State.OPEN).order_by("deadline")
    return _page(request, "dashboard/directives.html", {
        "rows": directives.summaries(list(listed), now), "now": now}, "directives")


def _bad_request(request, message: str) -> HttpResponse:
    return render(request, "dashboard/bad_request.html", {"message": message}, status=400)


@dashboard_view
def monthly_report(request):
    """The printable monthly report (PDF) of the city or one unit: ?month=YYYY-MM&agency=<id>."""
    today = timezone.localdate()
    first = (today.replace(day=1) - report.ONE_DAY).replace(day=1)  # last full month
    if request.GET.get("month"):
        try:
            year, month = (int(x) for x in request.GET["month"].split("-"))
            first = date(year, month, 1)
        except ValueError:
            return _bad_request(request, _("Tháng không hợp lệ; hãy viết theo dạng năm-tháng, ví dụ 2026-01."))
        if not in_range(first):
            return _bad_request(request, _("Chỉ có báo cáo cho các tháng từ 01/1990 đến 12/2100."))
    fixed = dashboard_agency_id(request.user)
    agency = None
    if fixed:
        agency = Agency.objects.get(id=fixed)
    elif request.GET.get("agency"):
        agency_id = request.GET["agency"]
        if not agency_id.isdigit() or len(agency_id) > 9:
            return _bad_request(request, _("Mã đơn vị không hợp lệ: hãy chọn đơn vị trong bộ lọc."))
        agency = Agency.objects.filter(id=int(agency_id)).first()
        if agency is None:
            raise Http404
    pdf = report.monthly_pdf(first, agency, prepared_by=request.user.get_full_name() or request.user.get_username())
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"bao-cao-{first:%Y-%m}-{agency.code if agency else 'toan-thanh-pho'}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
