"""Deadlines on working time, as Hanoi's rules for iHanoi: the agency takes a case up within
8 working hours of receipt; an urgent case is handled within 4 working hours; normal and complex
cases within the category's number of working days (default 10 and 20). Due-soon and overdue
are computed here, for one case and as querysets for lists."""

from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from civicdesk.petitions.models import HANDLING_STATUSES, NOT_RECEIVED_STATUSES, OPEN_STATUSES, Case, Priority
from civicdesk.workflow.calendar import WorkingCalendar, get_calendar, workflow_settings

DEFAULT_NORMAL_DAYS = 10
DEFAULT_COMPLEX_DAYS = 20
DEFAULT_COORDINATED_DAYS = 15


def _settings():  # type: ignore[no-untyped-def]
    return workflow_settings()


def add_working_days(start: datetime, days: int, calendar: WorkingCalendar | None = None) -> datetime:
    return (calendar or get_calendar()).add_days(start, days)


def due_at_for(case: Case, start: datetime, calendar: WorkingCalendar | None = None) -> datetime:
    calendar = calendar or get_calendar()
    if case.priority == Priority.URGENT:
        return calendar.add_hours(start, _settings().urgent_hours)
    category = case.category
    if case.priority == Priority.COMPLEX:
        return calendar.add_days(start, category.sla_days_complex if category else DEFAULT_COMPLEX_DAYS)
    return calendar.add_days(start, category.sla_days_normal if category else DEFAULT_NORMAL_DAYS)


def coordinated_due_at(case: Case, calendar: WorkingCalendar | None = None) -> datetime:
    """The answer deadline when several agencies coordinate: the city's step limit for it (1022: 15
    working days) from receipt."""
    from civicdesk.workflow.models import StepLimit

    calendar = calendar or get_calendar()
    row = StepLimit.objects.filter(step=StepLimit.Step.ANSWER, variant=StepLimit.Variant.COORDINATED).first()
    if row is None:
        return calendar.add_days(case.created_at, DEFAULT_COORDINATED_DAYS)
    amount = {StepLimit.Unit.MINUTES: timedelta(minutes=row.amount), StepLimit.Unit.HOURS: timedelta(hours=row.amount)
              }.get(row.unit, calendar.day_length * row.amount)  # type: ignore[call-overload]
    return calendar.add(case.created_at, amount)


def receive_due_at(case: Case, calendar: WorkingCalendar | None = None) -> datetime:
    """When the agency must have taken the case up (8 working hours after receipt by default)."""
    return (calendar or get_calendar()).add_hours(case.created_at, _settings().receive_hours)


def due_soon_cutoff(now: datetime | None = None, calendar: WorkingCalendar | None = None) -> datetime:
    return (calendar or get_calendar()).add_hours(now or timezone.now(), _settings().due_soon_hours)


def is_overdue(case: Case, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return case.status in OPEN_STATUSES and case.due_at is not None and case.due_at <= now


def is_due_soon(case: Case, now: datetime | None = None, calendar: WorkingCalendar | None = None) -> bool:
    now = now or timezone.now()
    if case.status not in OPEN_STATUSES or case.due_at is None or case.due_at <= now:
        return False
    return case.due_at <= due_soon_cutoff(now, calendar)


def is_receipt_overdue(case: Case, now: datetime | None = None, calendar: WorkingCalendar | None = None) -> bool:
    return case.status in NOT_RECEIVED_STATUSES and receive_due_at(case, calendar) <= (now or timezone.now())


def working_time_left(case: Case, now: datetime | None = None, calendar: WorkingCalendar | None = None) -> timedelta | None:
    if case.due_at is None:
        return None
    return (calendar or get_calendar()).between(now or timezone.now(), case.due_at)


def sla_state(case: Case, now: datetime | None = None) -> str:
    """'overdue', 'due_soon', 'on_time' or '' (finished or no deadline) — for badges."""
    if case.status not in OPEN_STATUSES or case.due_at is None:
        return ""
    if is_overdue(case, now):
        return "overdue"
    return "due_soon" if is_due_soon(case, now) else "on_time"


def overdue(queryset: QuerySet[Case] | None = None, now: datetime | None = None) -> QuerySet[Case]:
    queryset = Case.objects.all() if queryset is None else queryset
    return queryset.filter(status__in=OPEN_STATUSES, due_at__isnull=False, due_at__lte=now or timezone.now())


def due_soon(queryset: QuerySet[Case] | None = None, now: datetime | None = None) -> QuerySet[Case]:
    queryset = Case.objects.all() if queryset is None else queryset
    now = now or timezone.now()
    return queryset.filter(status__in=OPEN_STATUSES, due_at__gt=now, due_at__lte=due_soon_cutoff(now))


def handling(queryset: QuerySet[Case] | None = None) -> QuerySet[Case]:
    queryset = Case.objects.all() if queryset is None else queryset
    return queryset.filter(status__in=HANDLING_STATUSES)


def open_by_agency(now: datetime | None = None) -> list:
    """Every agency with open cases: `open_count`, `overdue_count`, `due_soon_count` and
    `pending_extensions` set on it, the most overdue first. One grouped pass over the open cases
    (a partial index holds them), not a join of every agency with every case it ever had."""
    from django.db.models import Count, Q

    from civicdesk.organisation.models import Agency
    from civicdesk.workflow.models import Decision, ExtensionRequest

    now = now or timezone.now()
    cutoff = due_soon_cutoff(now)
    counts = {row["agency_id"]: row for row in (
        Case.objects.filter(status__in=OPEN_STATUSES).exclude(agency=None).order_by().values("agency_id")
        .annotate(open_count=Count("pk"), overdue_count=Count("pk", filter=Q(due_at__lte=now)),
                  due_soon_count=Count("pk", filter=Q(due_at__gt=now, due_at__lte=cutoff))))}
    pending = dict(ExtensionRequest.objects.filter(state=Decision.PENDING, case__agency_id__in=counts)
                   .order_by().values("case__agency_id").annotate(n=Count("pk"))
                   .values_list("case__agency_id", "n"))
    agencies = list(Agency.objects.filter(pk__in=counts))
    for agency in agencies:
        row = counts[agency.pk]
        agency.open_count, agency.overdue_count = row["open_count"], row["overdue_count"]  # type: ignore[attr-defined]
        agency.due_soon_count = row["due_soon_count"]  # type: ignore[attr-defined]
        agency.pending_extensions = pending.get(agency.pk, 0)  # type: ignore[attr-defined]
    agencies.sort(key=lambda a: (-a.overdue_count, -a.due_soon_count, a.name))  # type: ignore[attr-defined]
    return agencies
