"""What the hotline console looks up while the caller is on the line: the caller's earlier cases
and likely duplicates of what they are describing."""

import re
from collections.abc import Callable
from itertools import islice
from typing import Any

from civicdesk.petitions import permissions
from civicdesk.petitions.models import Case


def normalise_phone(raw: str) -> str:
    """Digits only, with +84/84 written as a leading 0: '+84 903 123 456' → '0903123456'."""
    digits = re.sub(r"\D", "", raw or "")
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits


def cases_of_caller(phone: str, user: Any = None, limit: int = 20) -> list[Case]:
    """The caller's earlier cases; a denunciation is not listed (it would tie the caller to it)
    unless `user` may read denouncers' identities (`permissions.identity_search_scope`)."""
    digits = normalise_phone(phone)
    if len(digits) < 6:
        return []
    # Numbers are stored as typed (spaces, dots, +84); narrow down in SQL on the last three digits,
    # then compare the last nine (the subscriber number).
    tail = digits[-9:]
    candidates = (Case.objects.filter(reporter_phone__contains=tail[-3:]).filter(permissions.identity_search_scope(user))
                  .select_related("agency", "category"))
    matching = (c for c in candidates.order_by("-created_at")[:2000] if normalise_phone(c.reporter_phone).endswith(tail))
    return list(islice(matching, limit))


def similar_cases(title: str, content: str, *, ward_id: int | None = None, category_id: int | None = None,
                  limit: int = 5) -> list[tuple[Case, float | None]]:
    """Likely duplicates: the router's similarity search when it exists, else recent open cases
    of the same ward and category."""
    find_similar_open_cases: Callable[..., list[tuple[Any, float]]] | None
    try:
        from civicdesk.routing.duplicates import find_similar_open_cases
    except ImportError:
        find_similar_open_cases = None
    if find_similar_open_cases is not None and (title or content):
        found: list[tuple[Any, float]] = find_similar_open_cases(title, content, ward_id=ward_id, limit=limit)
        if found:
            return [(case, score) for case, score in found]
    if not ward_id and not category_id:
        return []
    queryset = Case.objects.open().filter(duplicate_of__isnull=True)
    if ward_id:
        queryset = queryset.filter(ward_id=ward_id)
    if category_id:
        queryset = queryset.filter(category_id=category_id)
    return [(case, None) for case in queryset.select_related("agency").order_by("-created_at")[:limit]]
