"""Per-step time limits on working time: each step of handling a case has its own clock.

The steps (`StepLimit.Step`) and where they start and end, read from the case's event rows:

- classify and forward: from receipt until the case first leaves `received`/`triage` (assigned or
  rejected) — the hotline's 5 minutes for a call;
- guidance when jurisdiction is unclear: from an agency handing the case back to triage until a
  person routes it again (1 hour);
- acceptance: from each assignment (or transfer) until the agency takes the case up, or it leaves
  the agency (8 working hours, urgent 4);
- answer: from the first assignment (or a reopening) until the case is answered or rejected; its
  deadline is the case's handling deadline (`due_at`: the category's days, extensions, 15 working
  days when agencies coordinate), else the table's limit.

A clock is breached when its step ended after its deadline, or is still running past it; who
breached it is the unit that held the step (the agency, or the city's triage desk) and the person who
finally completed it late. `clocks()` is a pure function of the events, so the arithmetic is tested
across weekends and Tết without a database; `case_clocks()` and `breaches()` read the database."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicdesk.lib.refcache import RefCache
from civicdesk.petitions.models import Case, CaseEvent, Channel, EventAction, Priority, Status
from civicdesk.workflow.calendar import WorkingCalendar, get_calendar
from civicdesk.workflow.models import StepLimit

Step = StepLimit.Step
Variant = StepLimit.Variant

TRIAGE_DESK = _("Bộ phận phân loại (tổng đài)")
_LEAVES_INTAKE = (Status.ASSIGNED, Status.REJECTED)
_ANSWER_ENDS = (Status.ANSWERED, Status.REJECTED)


@dataclass(frozen=True)
class Limit:
    amount: int
    unit: str

    def duration(self, calendar: WorkingCalendar) -> timedelta:
        if self.unit == StepLimit.Unit.MINUTES:
            return timedelta(minutes=self.amount)
        if self.unit == StepLimit.Unit.DAYS:
            return calendar.day_length * self.amount
        return timedelta(hours=self.amount)

    @property
    def label(self) -> str:
        return f"{self.amount} {StepLimit.Unit(self.unit).label}"


Limits = Mapping[tuple[str, str], Limit]


def _read_limits() -> dict[tuple[str, str], Limit]:
    return {(row.step, row.variant): Limit(row.amount, row.unit) for row in StepLimit.objects.all()}


# The city's table of limits changes in the admin, rarely: every case page reads it.
_limits = RefCache("step limits", _read_limits, depends_on=["workflow.StepLimit"])


def load_limits() -> Limits:
    """The limits as the administrator set them (a per-process copy, `lib.refcache`)."""
    return _limits.get()


def limit_for(limits: Limits, step: str, variants: Iterable[str]) -> Limit | None:
    """The row of the first variant that applies, else the step's default row, else no limit."""
    for variant in (*variants, Variant.DEFAULT):
        if (step, variant) in limits:
            return limits[(step, variant)]
    return None


@dataclass(frozen=True)
class Mark:
    """One event as the clocks read it: when, which status change, the agency holding the case after
    it (code) and who acted."""

    at: datetime
    action: str
    from_status: str
    to_status: str
    agency: str | None
    actor: Any = None
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Clock:
    step: str
    started_at: datetime
    deadline: datetime | None
    ended_at: datetime | None
    holder: str | None  # agency code; None = the triage desk
    finished_by: Any = None
    limit: Limit | None = None
    used: timedelta = timedelta(0)  # working time spent until the end (or now)

    @property
    def step_label(self) -> str:
        return str(Step(self.step).label)

    @property
    def running(self) -> bool:
        return self.ended_at is None

    def breached(self, now: datetime) -> bool:
        if self.deadline is None:
            return False
        return (self.ended_at or now) > self.deadline

    def state(self, now: datetime) -> str:
        """'breached', 'late' (running past its deadline), 'running' or 'done' — for badges."""
        if self.running:
            return "late" if self.breached(now) else "running"
        return "breached" if self.breached(now) else "done"


def clocks(*, created_at: datetime, channel: str, priority: str, coordinated: bool, marks: Sequence[Mark],
           limits: Limits, calendar: WorkingCalendar, now: datetime,
           handling_due_at: datetime | None = None) -> list[Clock]:
    """Every step clock of one case, in the order the steps started."""
    result: list[Clock] = []

    def deadline(start: datetime, limit: Limit | None) -> datetime | None:
        return calendar.add(start, limit.duration(calendar)) if limit else None

    # classify and forward: receipt -> first time the case leaves intake
    limit = limit_for(limits, Step.CLASSIFY, [Variant.HOTLINE] if channel == Channel.HOTLINE else [])
    end = next((m for m in marks if m.to_status in _LEAVES_INTAKE
                and m.from_status in (Status.RECEIVED, Status.TRIAGE)), None)
    result.append(Clock(Step.CLASSIFY, created_at, deadline(created_at, limit), end.at if end else None, None,
                        end.actor if end else None, limit))

    for index, mark in enumerate(marks):
        later = marks[index + 1:]
        # guidance: an agency handed the case back (not theirs) -> routed again
        if mark.to_status == Status.TRIAGE and mark.from_status in (Status.ASSIGNED, Status.IN_PROGRESS):
            limit = limit_for(limits, Step.GUIDANCE, [])
            end = next((m for m in later if m.from_status == Status.TRIAGE and m.to_status != Status.TRIAGE), None)
            result.append(Clock(Step.GUIDANCE, mark.at, deadline(mark.at, limit), end.at if end else None, None,
                                end.actor if end else None, limit))
        # acceptance: each assignment -> the agency takes it up, or the case leaves that agency
        if mark.to_status == Status.ASSIGNED:
            limit = limit_for(limits, Step.ACCEPTANCE, [Variant.URGENT] if priority == Priority.URGENT else [])
            end = next((m for m in later if m.from_status == Status.ASSIGNED), None)
            result.append(Clock(Step.ACCEPTANCE, mark.at, deadline(mark.at, limit), end.at if end else None,
                                mark.agency, end.actor if end else None, limit))

    # answer: first assignment or a reopening -> answered or rejected
    starts = [i for i, m in enumerate(marks)
              if m.action == EventAction.REOPENED
              or (m.to_status == Status.ASSIGNED and not any(p.to_status == Status.ASSIGNED for p in marks[:i]))]
    variants = [Variant.COORDINATED] if coordinated else []
    limit = limit_for(limits, Step.ANSWER, variants)
    for number, i in enumerate(starts):
        start = marks[i]
        period_end = starts[number + 1] if number + 1 < len(starts) else len(marks)
        period = marks[i + 1:period_end]
        end = next((m for m in period if m.to_status in _ANSWER_ENDS), None)
        extended = [m for m in period if m.action == EventAction.EXTENDED and m.data.get("new_due_at")
                    and (end is None or m.at <= end.at)]
        last_period = number == len(starts) - 1
        due: datetime | None
        if extended:
            due = datetime.fromisoformat(str(extended[-1].data["new_due_at"]))
        elif last_period and handling_due_at is not None:
            due = handling_due_at
        else:
            due = deadline(start.at, limit)
        holder = (end.agency if end else None) or _agency_at(marks[:period_end]) or start.agency
        result.append(Clock(Step.ANSWER, start.at, due, end.at if end else None, holder,
                            end.actor if end else None, limit))

    result.sort(key=lambda clock: clock.started_at)
    for clock in result:
        clock.used = calendar.between(clock.started_at, clock.ended_at or max(now, clock.started_at))
    return result


def _agency_at(marks: Sequence[Mark]) -> str | None:
    return marks[-1].agency if marks else None


def marks_from_events(events: Iterable[CaseEvent]) -> list[Mark]:
    """The status-changing events in order, each with the agency holding the case after it."""
    agency: str | None = None
    marks: list[Mark] = []
    for event in events:
        data = event.data or {}
        if event.action == EventAction.TRANSFERRED:
            agency = data.get("to_agency") or agency
        elif event.action == EventAction.ASSIGNED and data.get("agency"):
            agency = data["agency"]
        elif event.action == EventAction.TRANSFER_RETURNED:
            agency = None
        if event.to_status or event.action == EventAction.EXTENDED:
            marks.append(Mark(event.created_at, event.action, event.from_status, event.to_status, agency,
                              event.actor, data))
    return marks


def _is_coordinated(case: Case) -> bool:
    return bool(case.support_requests.all())  # type: ignore[attr-defined]  # prefetched by `breaches`


def case_clocks(case: Case, now: datetime | None = None, *, limits: Limits | None = None,
                calendar: WorkingCalendar | None = None, events: Iterable[CaseEvent] | None = None) -> list[Clock]:
    """The step clocks of one case, from its event rows."""
    rows = case.timeline() if events is None else events
    return clocks(created_at=case.created_at, channel=case.channel, priority=case.priority,
                  coordinated=_is_coordinated(case), marks=marks_from_events(rows),
                  limits=load_limits() if limits is None else limits, calendar=calendar or get_calendar(),
                  now=now or timezone.now(),
                  handling_due_at=case.due_at)


@dataclass(frozen=True)
class Breach:
    case: Case
    clock: Clock


def breaches(cases: QuerySet[Case], now: datetime | None = None, *, step: str = "",
             agency_code: str | None = None, limit: int = 2000) -> list[Breach]:
    """Breached clocks of `cases` (at most `limit` cases read, newest first): computed from the events,
    so a city's own table of limits applies to past cases too. `agency_code` keeps the breaches
    held by that agency."""
    now = now or timezone.now()
    limits = load_limits()
    calendar = get_calendar()
    events = Prefetch("events", queryset=CaseEvent.objects.select_related("actor").order_by("created_at", "id"),
                      to_attr="ordered_events")
    found: list[Breach] = []
    for case in cases.select_related("agency").prefetch_related(events, "support_requests").order_by("-created_at")[:limit]:
        for clock in case_clocks(case, now, limits=limits, calendar=calendar,
                                 events=case.ordered_events):  # type: ignore[attr-defined]
            if not clock.breached(now) or (step and clock.step != step):
                continue
            if agency_code is not None and clock.holder != agency_code:
                continue
            found.append(Breach(case, clock))
    found.sort(key=lambda b: b.clock.started_at, reverse=True)
    return found
