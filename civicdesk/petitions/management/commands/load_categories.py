"""`civicdesk load-categories [--overwrite]`: the 15 default fields (lĩnh vực) from
civicdesk/petitions/data/categories.json.

Run again after an upgrade: names, English names, scope and order follow the file; keywords the
file adds are appended to the administrator's list; deadlines (SLA days) and the active flag an
administrator set in the admin are kept unless --overwrite. Nothing is ever deleted."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from civicdesk.petitions.models import Category

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "categories.json"


def read_defaults() -> list[dict]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def load_categories(overwrite: bool = False) -> tuple[int, int]:
    created = updated = 0
    with transaction.atomic():
        existing = {c.code: c for c in Category.objects.select_for_update()}
        for order, item in enumerate(read_defaults(), start=1):
            category = existing.get(item["code"])
            if category is None:
                Category.objects.create(
                    code=item["code"], name=item["name"], name_en=item.get("name_en", ""),
                    scope=item.get("scope", ""), keywords="\n".join(item.get("keywords", [])),
                    sla_days_normal=item.get("sla_days_normal", 10),
                    sla_days_complex=item.get("sla_days_complex", 20), sort_order=order,
                )
                created += 1
                continue
            category.name, category.name_en = item["name"], item.get("name_en", "")
            category.scope, category.sort_order = item.get("scope", ""), order
            if overwrite:
                category.keywords = "\n".join(item.get("keywords", []))
                category.sla_days_normal = item.get("sla_days_normal", 10)
                category.sla_days_complex = item.get("sla_days_complex", 20)
                category.is_active = True
            else:
                current = [k.strip() for k in category.keywords.splitlines() if k.strip()]
                known = {k.casefold() for k in current}
                current += [k for k in item.get("keywords", []) if k.casefold() not in known]
                category.keywords = "\n".join(current)
            category.save()
            updated += 1
    return created, updated


class Command(BaseCommand):
    help = "Create or update the default categories (lĩnh vực) from the product's data file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite", action="store_true",
            help="Also reset keywords, SLA days and the active flag to the file's values.",
        )

    def handle(self, *args, overwrite: bool, **options):
        created, updated = load_categories(overwrite=overwrite)
        self.stdout.write(f"Categories: {created} created, {updated} updated ({DATA_FILE.name})")
