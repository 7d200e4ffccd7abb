"""The filter bar every dashboard view shares: period, unit, ward, category, time step."""

from datetime import date, timedelta
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicdesk.dashboard.figures import Scope
from civicdesk.lib.dates import FilterDateField
from civicdesk.organisation.models import AdminUnit, Agency
from civicdesk.petitions.models import Category
from civicdesk.petitions.permissions import dashboard_agency_id

PERIODS = [
    ("7d", _("7 ngày qua")),
    ("30d", _("30 ngày qua")),
    ("month", _("Tháng này")),
    ("last-month", _("Tháng trước")),
    ("90d", _("90 ngày qua")),
    ("year", _("Từ đầu năm")),
    ("custom", _("Tự chọn")),
]
GRANULARITIES = [("day", _("Theo ngày")), ("week", _("Theo tuần")), ("month", _("Theo tháng"))]
MAX_DAYS = 3 * 366


def period_bounds(period: str, today: date) -> tuple[date, date]:
    if period == "7d":
        return today - timedelta(days=6), today
    if period == "month":
        return today.replace(day=1), today
    if period == "last-month":
        end = today.replace(day=1) - timedelta(days=1)
        return end.replace(day=1), end
    if period == "90d":
        return today - timedelta(days=89), today
    if period == "year":
        return today.replace(month=1, day=1), today
    return today - timedelta(days=29), today


class FilterForm(forms.Form):
    period = forms.ChoiceField(label=_("Kỳ"), choices=PERIODS, required=False, initial="30d")
    start = FilterDateField(label=_("Từ ngày"), required=False, help_text=_("khi chọn kỳ “Tự chọn”"))
    end = FilterDateField(label=_("Đến ngày"), required=False)
    agency = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Agency.objects.none(), required=False,
                                    empty_label=_("Toàn thành phố"))
    ward = forms.ModelChoiceField(label=_("Phường/xã"), queryset=AdminUnit.objects.none(), required=False,
                                  empty_label=_("Tất cả"))
    category = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Category.objects.none(), required=False,
                                      empty_label=_("Tất cả"))
    by = forms.ChoiceField(label=_("Bước thời gian"), choices=GRANULARITIES, required=False)

    def __init__(self, data, user, **kwargs):
        super().__init__(data, **kwargs)
        self.user = user
        self.fixed_agency = dashboard_agency_id(user)
        agencies = Agency.objects.order_by("name")
        if self.fixed_agency:
            agencies = agencies.filter(id=self.fixed_agency)
            self.model_choice_field("agency").empty_label = None
        self.model_choice_field("agency").queryset = agencies
        self.model_choice_field("ward").queryset = (
            AdminUnit.objects.filter(level=AdminUnit.Level.WARD).order_by("name"))
        self.model_choice_field("category").queryset = Category.objects.order_by("sort_order", "name")

    def model_choice_field(self, name: str) -> forms.ModelChoiceField:
        """`agency`, `ward` or `category`, declared above as ModelChoiceFields (`self.fields` is
        typed as holding plain Fields)."""
        return cast(forms.ModelChoiceField, self.fields[name])

    def scope(self, today: date | None = None) -> Scope:
        today = today or timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        period = data.get("period") or "30d"
        start, end = period_bounds(period, today)
        if period == "custom":
            start = data.get("start") or start
            end = data.get("end") or end
            if end < start:
                start, end = end, start
            start = max(start, end - timedelta(days=MAX_DAYS - 1))
        agency = data.get("agency")
        ward = data.get("ward")
        category = data.get("category")
        granularity = data.get("by") or ("month" if (end - start).days > 120 else
                                         "week" if (end - start).days > 45 else "day")
        return Scope(
            start=start, end=end, granularity=granularity,
            agency_id=self.fixed_agency or (agency.id if agency else None),
            ward_id=ward.id if ward else None,
            category_id=category.id if category else None,
        )
