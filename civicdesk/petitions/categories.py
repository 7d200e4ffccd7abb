"""The categories from a per-process copy (`lib.refcache`): every new case looks its category up,
by the citizen's choice or the router's, and duplicate search names an earlier case's category."""

from civicdesk.lib.refcache import RefCache
from civicdesk.petitions.models import Category


def _load() -> tuple[dict[str, Category], dict[int, str]]:
    every = list(Category.objects.all())
    return {c.code: c for c in every if c.is_active}, {c.pk: c.code for c in every}


_categories = RefCache("categories", _load, depends_on=["petitions.Category"])


def active_category(code: str | None) -> Category | None:
    return _categories.get()[0].get(code) if code else None


def active_categories() -> list[Category]:
    """In the taxonomy's order (sort order, then name)."""
    return sorted(_categories.get()[0].values(), key=lambda c: (c.sort_order, c.name))


def category_code_for(category_id: int | None) -> str | None:
    """The code of a category by its id (active or not: an old case keeps its category)."""
    return _categories.get()[1].get(category_id) if category_id else None
