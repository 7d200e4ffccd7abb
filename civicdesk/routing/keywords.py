"""Where the category words come from (name, scope and keywords: training examples for the trained
router, the whole of the no-history classifier): the categories in the database, or the product's
default list (civicdesk/petitions/data/categories.json) when the database has none."""

import json
from pathlib import Path

from django.conf import settings

from civicdesk.routing.classifier import CategoryKeywords


def database_category_keywords() -> list[CategoryKeywords]:
    from civicdesk.petitions.models import Category

    rows = Category.objects.filter(is_active=True).order_by("code").values_list("code", "name", "scope", "keywords")
    return [CategoryKeywords.from_fields(*row) for row in rows]


def file_category_keywords(path: Path | None = None) -> list[CategoryKeywords]:
    path = path or settings.BASE_DIR / "petitions" / "data" / "categories.json"
    if not path.exists():
        return []
    out = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        keywords = item.get("keywords") or []
        if isinstance(keywords, list):
            keywords = "\n".join(keywords)
        out.append(CategoryKeywords.from_fields(item["code"], item.get("name", ""), item.get("scope", ""), keywords))
    return out


def product_category_keywords() -> list[CategoryKeywords]:
    try:
        found = database_category_keywords()
    except Exception:  # no database (an evaluation on a fresh machine): the shipped defaults will do
        found = []
    return found or file_category_keywords()
