"""Working time: office hours in Asia/Ho_Chi_Minh, Monday–Friday, minus Vietnamese public
holidays (Tết included, from the `holidays` package) and the days an administrator adds, plus the
weekend days an administrator declares working (swapped days).

`WorkingCalendar` is a plain class so the arithmetic can be tested without a database;
`get_calendar()` builds one from the settings and days stored in the database.

Semantics: office intervals are closed on both ends for the result of an addition — adding one
working hour to 10:30 gives 11:30, not 13:00 — and `add(start, 0)` is `start` moved forward to
the next moment inside office hours."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from civicdesk.lib.refcache import RefCache

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_OFFICE_HOURS = ((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0)))
# Years searched before concluding there is no working time at all (a misconfigured calendar).
_MAX_DAYS = 3660


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year).keys())


@dataclass(frozen=True)
class WorkingCalendar:
    office_hours: tuple[tuple[time, time], ...] = DEFAULT_OFFICE_HOURS
    working_weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    extra_holidays: frozenset[date] = field(default_factory=frozenset)
    extra_working_days: frozenset[date] = field(default_factory=frozenset)
    use_public_holidays: bool = True

    def __post_init__(self) -> None:
        previous_end = time.min
        for start, end in self.office_hours:
            if not start < end or start < previous_end:
                raise ValueError("office hours must be increasing, non-overlapping intervals")
            previous_end = end

    @classmethod
    def build(
        cls,
        office_hours: Iterable[tuple[time, time]] = DEFAULT_OFFICE_HOURS,
        extra_holidays: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        **kwargs,  # type: ignore[no-untyped-def]
    ) -> "WorkingCalendar":
        return cls(
            office_hours=tuple((s, e) for s, e in office_hours if s < e),
            extra_holidays=frozenset(extra_holidays),
            extra_working_days=frozenset(extra_working_days),
            **kwargs,
        )

    # --- days ---------------------------------------------------------------------------------
    @property
    def day_length(self) -> timedelta:
        """Working time in one ordinary working day (8 hours by default): a 'working day' of SLA."""
        return sum((_span(s, e) for s, e in self.office_hours), timedelta())

    def is_holiday(self, day: date) -> bool:
        return day in self.extra_holidays or (self.use_public_holidays and day in _public_holidays(day.year))

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        if self.is_holiday(day):
            return False
        return day.weekday() in self.working_weekdays

    def intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        if not self.is_working_day(day):
            return []
        return [(datetime.combine(day, s, TZ), datetime.combine(day, e, TZ)) for s, e in self.office_hours]

    # --- arithmetic ---------------------------------------------------------------------------
    def is_working_moment(self, moment: datetime) -> bool:
        local = _local(moment)
        return any(s <= local <= e for s, e in self.intervals(local.date()))

    def add(self, start: datetime, amount: timedelta) -> datetime:
        """The moment when `amount` of working time has passed since `start`."""
        if amount < timedelta(0):
            raise ValueError("amount must not be negative")
        local = _local(start)
        remaining = amount
        day = local.date()
        for _ in range(_MAX_DAYS):
            for s, e in self.intervals(day):
                if e < local:
                    continue
                begin = max(s, local)
                available = e - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
            day += timedelta(days=1)
        raise ValueError("no working time found within ten years: check the calendar settings")

    def add_hours(self, start: datetime, hours: float) -> datetime:
        return self.add(start, timedelta(hours=hours))

    def add_days(self, start: datetime, days: int) -> datetime:
        """`days` working days of `day_length` each, counted in working time."""
        return self.add(start, self.day_length * days)

    def between(self, start: datetime, end: datetime) -> timedelta:
        """Working time from `start` to `end` (negative when `end` is earlier)."""
        if end < start:
            return -self.between(end, start)
        a, b = _local(start), _local(end)
        total = timedelta(0)
        day = a.date()
        while day <= b.date():
            for s, e in self.intervals(day):
                lo, hi = max(s, a), min(e, b)
                if hi > lo:
                    total += hi - lo
            day += timedelta(days=1)
        return total


def _span(start: time, end: time) -> timedelta:
    return datetime.combine(date.min, end) - datetime.combine(date.min, start)


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("working-time arithmetic needs aware datetimes")
    return moment.astimezone(TZ)


def get_calendar() -> WorkingCalendar:
    """The calendar as the administrator configured it (settings singleton and calendar days);
    each process keeps a copy, rebuilt when either changes."""
    return _calendar.get()


def workflow_settings():  # type: ignore[no-untyped-def]
    """The workflow settings singleton, as a per-process copy: read it, never save it."""
    return _settings.get()


def _load_settings():  # type: ignore[no-untyped-def]
    from civicdesk.workflow.models import WorkflowSettings

    return WorkflowSettings.load()


def _build_calendar() -> WorkingCalendar:
    from civicdesk.workflow.models import CalendarDay

    settings = workflow_settings()
    holidays_: set[date] = set()
    working: set[date] = set()
    for day, kind in CalendarDay.objects.values_list("date", "kind"):
        (working if kind == CalendarDay.Kind.WORKING_DAY else holidays_).add(day)
    return WorkingCalendar.build(
        office_hours=settings.office_hours(),
        extra_holidays=holidays_,
        extra_working_days=working,
    )


_settings = RefCache("workflow settings", _load_settings, depends_on=["workflow.WorkflowSettings"])
_calendar = RefCache("working calendar", _build_calendar,
                     depends_on=["workflow.WorkflowSettings", "workflow.CalendarDay"])
