"""The active categories by code, from a per-process copy (`lib.refcache`): every new case looks
its category up, by the citizen's choice or the router's."""

from civicdesk.lib.refcache import RefCache
from civicdesk.petitions.models import Category


def _load() -> dict[str, Category]:
    return {category.code: category for category in Category.objects.filter(is_active=True)}


_active = RefCache("active categories", _load, depends_on=["petitions.Category"])


def active_category(code: str | None) -> Category | None:
    return _active.get().get(code) if code else None


def active_categories() -> list[Category]:
    """In the taxonomy's order (sort order, then name)."""
    return sorted(_active.get().values(), key=lambda c: (c.sort_order, c.name))


def category_code_for(category_id: int | None) -> str | None:
    """The code of a category by its id (active or not: an old case keeps its category)."""
    if not category_id:
        return None
    codes = _codes.get()
    return codes.get(category_id)


_codes = RefCache("category codes", lambda: dict(Category.objects.values_list("pk", "code")),
                  depends_on=["petitions.Category"])
