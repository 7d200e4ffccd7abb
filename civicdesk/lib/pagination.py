"""Pages of long lists whose total is counted only up to a cap.

Counting every row behind a list costs as much as reading them: at a million cases "how many" took
longer than the page itself. `CappedPaginator` counts at most `cap + 1` rows (a LIMIT inside the
COUNT, so an index scan stops early); past the cap the page says "more than 10,000" and the last
reachable page is the cap's. Narrowing the filters shows the exact number again."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

DEFAULT_CAP = 10_000


class CappedPaginator(Paginator):
    cap = DEFAULT_CAP

    @cached_property
    def _counted(self) -> int:
        return self.object_list[: self.cap + 1].count()  # type: ignore[attr-defined]  # a QuerySet

    @property
    def count(self) -> int:  # type: ignore[override]
        return min(self._counted, self.cap)

    @property
    def capped(self) -> bool:
        """True when there are more rows than `count` says."""
        return self._counted > self.cap
