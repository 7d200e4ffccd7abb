"""Formatting of dashboard figures (Vietnamese number style: 1.234; 56,7 %)."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


def _number(value: float, digits: int = 0) -> str:
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


@register.filter
def figure(value, kind: str = "count") -> str:
    if value is None:
        return "—"
    if kind == "percent":
        return f"{_number(100 * value, 1)} %"
    if kind == "hours":
        if value < 48:
            return _("%(n)s giờ") % {"n": _number(value, 1)}
        return _("%(n)s ngày") % {"n": _number(value / 24, 1)}
    if kind == "score":
        return _number(value, 2)
    return _number(value)


@register.filter
def change(item: dict) -> str:
    value = item.get("change")
    if value is None:
        return ""
    kind = item["kind"]
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    if kind == "percent":
        text = _("%(sign)s%(n)s điểm %%") % {"sign": sign, "n": _number(abs(100 * value), 1)}
    else:
        text = sign + figure(abs(value), kind)
    if item.get("relative") is not None:
        text += f" ({sign}{_number(abs(100 * item['relative']), 0)} %)"
    return text
