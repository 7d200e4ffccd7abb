"""The agency inbox: which cases belong in which tab, and the filters officers use."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicdesk.lib.pagination import capped_count
from civicdesk.petitions import search
from civicdesk.petitions.models import OPEN_STATUSES, Case, Status

DUE_SOON_WORKING_DAYS = 2


def due_soon_limit(now: datetime) -> datetime:
    """The moment before which an open case counts as due soon: two working days from now."""
    from civicdesk.workflow import sla

    cutoff = getattr(sla, "due_soon_cutoff", None)
    if cutoff is not None:  # the working-time calendar and the administrator's setting
        return cutoff(now)
    add_working_days = getattr(sla, "add_working_days", None)
    if add_working_days is not None:
        return add_working_days(now, DUE_SOON_WORKING_DAYS)
    return now + timedelta(days=DUE_SOON_WORKING_DAYS)


@dataclass(frozen=True)
class Tab:
    key: str
    label: Any


TABS = (
    Tab("new", _("Mới nhận")),
    Tab("in_progress", _("Đang xử lý")),
    Tab("due_soon", _("Sắp đến hạn")),
    Tab("overdue", _("Quá hạn")),
    Tab("awaiting_approval", _("Chờ duyệt")),
    Tab("answered", _("Đã trả lời")),
    # cases another agency leads and this one supports (phối hợp), its contribution not yet sent
    Tab("support", _("Phối hợp")),
)
TAB_KEYS = tuple(tab.key for tab in TABS)
DEFAULT_TAB = "new"


def tab_filter(key: str, now: datetime, agency_id: int | None = None) -> Q:
    """The cases of tab `key`. For an agency (`agency_id`), every tab but "support" holds the cases it
    leads; "support" those it supports with its contribution still awaited."""
    if key == "support":
        from civicdesk.workflow.models import SupportRequest

        awaited = SupportRequest.objects.filter(state=SupportRequest.State.PENDING)
        if agency_id is not None:
            awaited = awaited.filter(agency_id=agency_id)
        return Q(status__in=OPEN_STATUSES, pk__in=awaited.values("case_id"))
    own = _tab_filter(key, now)
    return own & Q(agency_id=agency_id) if agency_id is not None else own


def _tab_filter(key: str, now: datetime) -> Q:
    if key == "new":
        return Q(status=Status.ASSIGNED)
    if key == "in_progress":
        return Q(status=Status.IN_PROGRESS)
    if key == "due_soon":
        return Q(status__in=OPEN_STATUSES, due_at__gt=now, due_at__lte=due_soon_limit(now))
    if key == "overdue":
        return Q(status__in=OPEN_STATUSES, due_at__lte=now)
    if key == "awaiting_approval":
        return Q(status=Status.AWAITING_APPROVAL)
    if key == "answered":
        return Q(status__in=(Status.ANSWERED, Status.CLOSED))
    raise ValueError(key)


ANSWERED_COUNT_CAP = 10_000


class CappedCount(int):
    """A count that stopped at its cap: shown as "10000+"."""

    def __str__(self) -> str:
        return f"{int(self)}+"


def tab_counts(cases: QuerySet[Case], now: datetime, agency_id: int | None = None) -> dict[str, int]:
    """One query for the open tabs (all but "answered"), over the open cases only (a partial index
    holds them), and one for "answered", which stops counting at ANSWERED_COUNT_CAP: a busy agency
    has answered a hundred thousand cases, and counting them all took over a second a page at a
    million cases."""
    from django.db.models import Count

    aggregates = {key: Count("pk", filter=tab_filter(key, now, agency_id)) for key in TAB_KEYS if key != "answered"}
    counts = cases.filter(status__in=OPEN_STATUSES).aggregate(**aggregates)
    answered = capped_count(cases.filter(tab_filter("answered", now, agency_id)), ANSWERED_COUNT_CAP)
    counts["answered"] = CappedCount(ANSWERED_COUNT_CAP) if answered > ANSWERED_COUNT_CAP else answered
    return counts


PERIODS = {
    "7": 7,
    "30": 30,
    "90": 90,
    "365": 365,
}


def apply_filters(cases: QuerySet[Case], params: dict[str, Any], user: Any, now: datetime) -> QuerySet[Case]:
    """Filter by category, ward, priority, text, period of reception and 'mine' (cleaned form data)."""
    if params.get("category"):
        cases = cases.filter(category=params["category"])
    if params.get("ward"):
        cases = cases.filter(ward=params["ward"])
    if params.get("priority"):
        cases = cases.filter(priority=params["priority"])
    if params.get("period") in PERIODS:
        cases = cases.filter(created_at__gte=now - timedelta(days=PERIODS[params["period"]]))
    if params.get("mine"):
        cases = cases.filter(assignee=user)
    return search.staff_cases(cases, params.get("q") or "", user)


def due_state(case: Case, now: datetime, limit: datetime) -> str:
    """'overdue', 'soon' or '' for one case (the same rules as the tabs)."""
    if case.due_at is None or case.status not in OPEN_STATUSES:
        return ""
    if case.due_at <= now:
        return "overdue"
    if case.due_at <= limit:
        return "soon"
    return ""


def order_for(key: str) -> tuple[str, ...]:
    if key in ("due_soon", "overdue", "new", "in_progress"):
        return ("due_at", "created_at")
    if key == "answered":
        return ("-answered_at",)
    return ("created_at",)


def now() -> datetime:
    return timezone.now()
