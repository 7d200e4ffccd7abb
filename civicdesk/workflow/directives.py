"""Reading leaders' directives (ý kiến chỉ đạo) for the pages: which ones a person sees, and the state
of each bound unit and of the directive as a whole. The actions are in `operations` (`direct`,
`report_on_directive`, `close_directive`, `reforward_late_directives`)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from civicdesk.petitions import permissions
from civicdesk.workflow.calendar import get_calendar
from civicdesk.workflow.models import Directive, DirectiveUnit

UNIT_STATES = {
    "reported": _("Đã báo cáo"),
    "pending": _("Chờ báo cáo"),
    "late": _("Quá hạn, chưa báo cáo"),
    "reforwarded": _("Quá hạn: đã chuyển lại"),
}
DIRECTIVE_STATES = {
    "closed": _("Đã kết thúc"),
    "done": _("Các đơn vị đã báo cáo"),
    "late": _("Có đơn vị chậm báo cáo"),
    "open": _("Đang thực hiện"),
}


@dataclass(frozen=True)
class UnitRow:
    unit: DirectiveUnit
    key: str
    reforward_by: datetime | None  # one working day after the deadline, while the unit is late

    @property
    def label(self) -> Any:
        return UNIT_STATES[self.key]

    @property
    def reforwarded_in_time(self) -> bool | None:
        if self.unit.reforwarded_at is None or self.reforward_by is None:
            return None
        return self.unit.reforwarded_at <= self.reforward_by


def visible(user: Any) -> QuerySet[Directive]:
    units = Prefetch("units", queryset=DirectiveUnit.objects.select_related("agency", "reported_by"))
    return (Directive.objects.filter(permissions.directive_scope(user))
            .select_related("author").prefetch_related(units, "cases"))


def unit_rows(directive: Directive, now: datetime) -> list[UnitRow]:
    calendar = get_calendar()
    rows = []
    for unit in directive.units.all():
        if unit.state == DirectiveUnit.State.REPORTED:
            key = "reported"
        elif unit.reforwarded_at is not None:
            key = "reforwarded"
        elif directive.deadline <= now:
            key = "late"
        else:
            key = "pending"
        late = key in ("late", "reforwarded")
        rows.append(UnitRow(unit, key, calendar.add_days(directive.deadline, 1) if late else None))
    return rows


def state(directive: Directive, rows: list[UnitRow]) -> str:
    if directive.state == Directive.State.CLOSED:
        return "closed"
    if rows and all(r.key == "reported" for r in rows):
        return "done"
    if any(r.key in ("late", "reforwarded") for r in rows):
        return "late"
    return "open"


def summaries(directives: QuerySet[Directive] | list[Directive], now: datetime) -> list[dict]:
    """Each directive with its unit rows and overall state, for lists."""
    result = []
    for directive in directives:
        rows = unit_rows(directive, now)
        key = state(directive, rows)
        result.append({"directive": directive, "units": rows, "state": key, "state_label": DIRECTIVE_STATES[key]})
    return result
