"""Answer templates: the placeholders an officer may use and how they are filled from a case."""

import string
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from civicdesk.answers.models import AnswerTemplate
from civicdesk.petitions.models import Case

PLACEHOLDERS = ("ten_nguoi_gui", "ma_tra_cuu", "tieu_de", "don_vi", "ngay_tiep_nhan")


def placeholder_values(case: Case) -> dict[str, str]:
    created = timezone.localtime(case.created_at) if case.created_at else None
    return {
        "ten_nguoi_gui": case.reporter_name or _("Ông/Bà"),
        "ma_tra_cuu": case.tracking_code,
        "tieu_de": case.title,
        "don_vi": case.agency.name if case.agency is not None else "",
        "ngay_tiep_nhan": f"{created:%d/%m/%Y}" if created else "",
    }


class _KeepUnknown(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(body: str, case: Case) -> str:
    """Replace the known placeholders; anything else in braces is left as written (no format errors,
    no attribute access: `{x.y}` and `{0}` stay as they are)."""
    values = _KeepUnknown(placeholder_values(case))
    out = []
    for literal, field, spec, conversion in string.Formatter().parse(body):
        out.append(literal)
        if field is None:
            continue
        if field in PLACEHOLDERS:
            out.append(values[field])
        else:
            rest = (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            out.append("{" + field + rest + "}")
    return "".join(out)


def safe_fill(body: str, case: Case) -> str:
    try:
        return fill(body, case)
    except ValueError:  # unbalanced braces: show the template as written
        return body


def templates_for(case: Case) -> QuerySet[AnswerTemplate]:
    """Templates of the case's category first, then the ones for every category."""
    query = Q(category__isnull=True)
    if case.category_id:
        query |= Q(category_id=case.category_id)
    return AnswerTemplate.objects.filter(query, is_active=True).order_by(
        F("category").asc(nulls_last=True), "sort_order", "title"
    )


def filled_templates(case: Case) -> list[dict[str, Any]]:
    return [{"id": t.pk, "title": t.title, "body": safe_fill(t.body, case), "category": t.category_id}
            for t in templates_for(case)]
