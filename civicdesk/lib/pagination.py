"""Pages of long lists whose total is counted only up to a cap.

Counting every row behind a list costs as much as reading them: at a million cases "how many" took
longer than the page itself. `CappedPaginator` counts at most `cap + 1` rows (a LIMIT inside the
COUNT, so an index scan stops early); past the cap the page says "more than 10,000" and the last
reachable page is the cap's. Narrowing the filters shows the exact number again."""

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

DEFAULT_CAP = 10_000


def capped_count(queryset: QuerySet[Any], cap: int = DEFAULT_CAP) -> int:
    """The number of rows, or `cap + 1` when there are more (without the order: sorting rows only to
    count them made PostgreSQL sort every match)."""
    return queryset.order_by()[: cap + 1].count()


class CappedPaginator(Paginator):
    cap = DEFAULT_CAP

    @cached_property
    def _counted(self) -> int:
        return capped_count(self.object_list, self.cap)  # type: ignore[arg-type]  # a QuerySet

    @property
    def count(self) -> int:  # type: ignore[override]
        return min(self._counted, self.cap)

    @property
    def capped(self) -> bool:
        """True when there are more rows than `count` says."""
        return self._counted > self.cap
