"""Searching published cases in Vietnamese with or without diacritics, on SQLite and PostgreSQL.

Both sides are folded the same way: lower case, tone marks and vowel hats removed, đ → d. In
PostgreSQL `translate()` does it (no extension needed); in SQLite a Python function registered on
the connection does. The query is folded in Python, so "ngap nuoc" finds "Ngập nước"."""

import re
import unicodedata
from datetime import date, datetime, time

from django.db import connection
from django.db.models import CharField, F, Func, Q, QuerySet, TextField
from django.utils import timezone

from civicdesk.petitions.models import Case

_VIETNAMESE_LOWER = "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ"
# Words that look like contact data are not searched: a match would tell which published case
# holds a given phone number or e-mail address even though the page shows it masked.
_CONTACT_LIKE = re.compile(r"\d{6,}|@")


def fold(text: str) -> str:
    """'Ngập NƯỚC đường' → 'ngap nuoc duong'."""
    decomposed = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _translate_tables() -> tuple[str, str]:
    letters = _VIETNAMESE_LOWER + _VIETNAMESE_LOWER.upper()
    return letters, "".join(fold(ch) for ch in letters)


_FROM, _TO = _translate_tables()


class Fold(Func):
    """fold() as a database expression."""

    output_field = TextField()

    def as_sql(self, compiler, conn, **extra):  # type: ignore[no-untyped-def,override]
        return super().as_sql(compiler, conn, function="civicdesk_fold", **extra)

    def as_postgresql(self, compiler, conn, **extra):  # type: ignore[no-untyped-def]
        sql, params = compiler.compile(self.source_expressions[0])
        return f"LOWER(TRANSLATE({sql}, %s, %s))", [*params, _FROM, _TO]


def _ensure_sqlite_function() -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        connection.connection.create_function("civicdesk_fold", 1, lambda s: fold(s) if s else s,
                                              deterministic=True)


def search_terms(query: str) -> list[str]:
    words = fold(unicodedata.normalize("NFC", query or "")).split()
    return [w for w in words if not _CONTACT_LIKE.search(w)][:8]


def public_cases(
    query: str = "",
    category=None,  # type: ignore[no-untyped-def]
    ward=None,
    status: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Case]:
    """Published cases matching every word of `query` in their public (masked) title or content,
    newest answer first: a word the page hides — a name, an e-mail, ID digits — finds nothing."""
    cases = Case.objects.filter(is_public=True).select_related("category", "ward", "agency")
    if category is not None:
        cases = cases.filter(category=category)
    if ward is not None:
        cases = cases.filter(ward=ward)
    if status:
        cases = cases.filter(status=status)
    tz = timezone.get_current_timezone()
    if date_from:
        cases = cases.filter(created_at__gte=datetime.combine(date_from, time.min, tzinfo=tz))
    if date_to:
        cases = cases.filter(created_at__lte=datetime.combine(date_to, time.max, tzinfo=tz))
    terms = search_terms(query)
    if terms:
        _ensure_sqlite_function()
        cases = cases.annotate(
            folded_title=Fold("public_title", output_field=CharField()), folded_content=Fold("public_content")
        )
        for term in terms:
            cases = cases.filter(Q(folded_title__contains=term) | Q(folded_content__contains=term))
    return cases.order_by(F("answered_at").desc(nulls_last=True), "-created_at")
