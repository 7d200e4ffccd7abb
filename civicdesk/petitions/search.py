"""Searching published cases in Vietnamese with or without diacritics, on SQLite and PostgreSQL.

Both sides are folded the same way: lower case, tone marks and vowel hats removed, đ → d. In
PostgreSQL `translate()` does it (no extension needed); in SQLite a Python function registered on
the connection does. The query is folded in Python, so "ngap nuoc" finds "Ngập nước".

A query word matches a whole word of the text ("ngap" finds "ngập", not "trong ấp"): in PostgreSQL
a full-text match on the folded public texts' stored tsvector, which a GIN index answers at a
million cases (migration 0012; the trigram "contains" it replaces rechecked every candidate of a
common word: over 30 s); in SQLite the same rule as a regular expression.

The order of the results needs care at a million cases. A common word is in a tenth of the
published cases: walking the public order's index and keeping the matches finds a page in
milliseconds, while sorting 100,000 matches takes seconds. A rare word is the other way round:
the walk would read every case to find none. PostgreSQL chooses from its estimates, which are wrong
for words it has no statistics on, so the choice is made here from the capped count the page needs
anyway: up to 10,000 matches are sorted (the GIN index finds them), more are walked."""

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    DateTimeField,
    ExpressionWrapper,
    F,
    Func,
    Q,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils import timezone

from civicdesk.lib.pagination import DEFAULT_CAP, capped_count
from civicdesk.petitions import permissions
from civicdesk.petitions.models import Case
from civicdesk.petitions.tracking import normalise_tracking_code

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
    """fold() as a database expression, for SQLite (PostgreSQL searches the stored, folded
    `public_search` column; migrations 0011 and 0012 fold with TRANSLATE and the tables below)."""

    output_field = TextField()

    def as_sql(self, compiler, conn, **extra):  # type: ignore[no-untyped-def,override]
        return super().as_sql(compiler, conn, function="civicdesk_fold", **extra)


def _ensure_sqlite_function() -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        connection.connection.create_function("civicdesk_fold", 1, lambda s: fold(s) if s else s,
                                              deterministic=True)


def search_terms(query: str) -> list[str]:
    """The query's words, folded, without contact-like words, as letters and digits only."""
    words = fold(unicodedata.normalize("NFC", query or "")).split()
    kept = [w for w in words if not _CONTACT_LIKE.search(w)]
    return [part for w in kept for part in re.findall(r"[a-z0-9]+", w)][:8]


def _matching_every_word(cases: QuerySet[Case], terms: list[str]) -> QuerySet[Case]:
    if connection.vendor == "postgresql":
        # whole words (no prefix match): PostgreSQL estimates those from the index's statistics
        query = " & ".join(terms)
        # `public_search`: migration 0012's stored tsvector of the folded public texts
        return cases.filter(RawSQL("petitions_case.public_search @@ to_tsquery('simple', %s)", (query,),
                                   output_field=BooleanField()))
    _ensure_sqlite_function()
    cases = cases.annotate(folded=Fold(Concat("public_title", Value(" "), "public_content"),
                                       output_field=CharField()))
    for term in terms:
        cases = cases.filter(folded__regex=rf"(^|[^a-z0-9]){term}([^a-z0-9]|$)")
    return cases


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
    cases: QuerySet[Case] = Case.objects.filter(is_public=True).select_related("category", "ward", "agency")
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
        cases = _matching_every_word(cases, terms)
        if connection.vendor == "postgresql" and capped_count(cases) <= DEFAULT_CAP:
            # Few enough to sort: an order no index holds keeps PostgreSQL from walking the public order.
            unindexed = ExpressionWrapper(F("answered_at") + timedelta(0), output_field=DateTimeField())
            return cases.order_by(unindexed.desc(nulls_last=True), "-created_at")
    return cases.order_by(F("answered_at").desc(nulls_last=True), "-created_at")


def staff_cases(cases: QuerySet[Case], text: str, user: Any) -> QuerySet[Case]:
    """What an officer's or a supervisor's search box finds among `cases`: a tracking code as people
    type it; a phone number (6 digits or more) among the senders' phones; otherwise words in the title,
    content, address or the sender's name. A sender's phone or name is searched only where `user` may
    tie a sender to a case (`permissions.identity_search_scope`). Each kind is one indexed condition
    (migration 0011/0013: trigram indexes), never an OR with an unindexed column, which at a million
    cases read every row of the agency."""
    text = (text or "").strip()[:100]
    if not text:
        return cases
    code = normalise_tracking_code(text)
    if code:
        return cases.filter(tracking_code=code)
    digits = re.sub(r"[\s.\-+()]", "", text)
    if digits.isdigit() and len(digits) >= 6:
        return cases.filter(reporter_phone__contains=digits).filter(permissions.identity_search_scope(user))
    texts = Q(title__icontains=text) | Q(content__icontains=text)
    own = permissions.personal_data_scope(user)
    if own != Q():
        # An agency reads the cases it only supports (phối hợp) masked: they are searched in their
        # masked texts, so a search cannot confirm a name or a phone number the page hides.
        # (By the list of those cases: the masked texts have no trigram index, the list is short.)
        masked = Q(public_title__icontains=text) | Q(public_content__icontains=text)
        texts = (texts & own) | (masked & Q(pk__in=permissions.supported_case_ids(user)))
    return cases.filter(Q(tracking_code=text.upper()) | texts | Q(address_text__icontains=text)
                        | (Q(reporter_name__icontains=text) & permissions.identity_search_scope(user)))
