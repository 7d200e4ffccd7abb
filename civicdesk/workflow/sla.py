"""Deadlines. Working days are Monday–Friday here; the working-time calendar with office hours
and Vietnamese holidays (issue 3) replaces `add_working_days`."""

from datetime import datetime, timedelta

from civicdesk.petitions.models import Case, Priority


def add_working_days(start: datetime, days: int) -> datetime:
    moment = start
    remaining = days
    while remaining > 0:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            remaining -= 1
    return moment


def due_at_for(case: Case, start: datetime) -> datetime:
    if case.priority == Priority.URGENT:
        return start + timedelta(hours=4)
    category = case.category
    if case.priority == Priority.COMPLEX:
        return add_working_days(start, category.sla_days_complex if category else 20)
    return add_working_days(start, category.sla_days_normal if category else 10)
