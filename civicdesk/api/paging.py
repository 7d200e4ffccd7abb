"""One way to page a list in the REST API: `limit`/`offset` in, `count`/`count_capped`/`limit`/
`offset`/`items` out. The total is counted only up to `lib.pagination.DEFAULT_CAP`: at a million
published cases an exact `count` cost more than the page itself. Past the cap `count` is the cap and
`count_capped` is true; filtering narrower gives the exact number again."""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema

from civicdesk.lib.pagination import DEFAULT_CAP, capped_count


class Paging(Schema):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=100_000)


class Page(Schema):
    count: int = Field(description=f"Tổng số, đếm tới {DEFAULT_CAP}")
    count_capped: bool = Field(False, description=f"Có hơn {DEFAULT_CAP}: thu hẹp bộ lọc để có số chính xác")
    limit: int
    offset: int


def page_of(queryset: QuerySet[Any], paging: Paging, item: Callable[[Any], dict]) -> dict:
    rows = list(queryset[paging.offset:paging.offset + paging.limit])
    if rows and len(rows) < paging.limit:  # the last page: the total is known without counting
        count, capped = paging.offset + len(rows), False
    else:
        counted = capped_count(queryset, DEFAULT_CAP)
        count, capped = min(counted, DEFAULT_CAP), counted > DEFAULT_CAP
    return {"count": count, "count_capped": capped, "limit": paging.limit, "offset": paging.offset,
            "items": [item(row) for row in rows]}
