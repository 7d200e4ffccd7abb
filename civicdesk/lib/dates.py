"""Dates typed by people into filters: only a sensible calendar range is accepted.

A `DateField` takes 0001-01-01 or 9999-12-31, and arithmetic on them (a day before, a period
after, the time zone shift to UTC) overflows Python's datetime — a 500 instead of a message. Every
date filter uses `FilterDateField`, which refuses dates outside FIRST..LAST in Vietnamese."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

FIRST = date(1990, 1, 1)
LAST = date(2100, 12, 31)


def in_range(value: date) -> bool:
    return FIRST <= value <= LAST


class FilterDateField(forms.DateField):
    default_error_messages = {
        "invalid": _("Ngày không hợp lệ; hãy nhập theo dạng năm-tháng-ngày, ví dụ 2026-01-31."),
        "out_of_range": _("Ngày phải nằm trong khoảng từ 01/01/1990 đến 31/12/2100."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date", "min": FIRST.isoformat(),
                                                           "max": LAST.isoformat()}, format="%Y-%m-%d"))
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and not in_range(value):
            raise forms.ValidationError(self.error_messages["out_of_range"], code="out_of_range")
