"""`civicdesk load-answer-templates`: the product's starting answer templates (general ones and some per
category). Safe to run again: templates are matched by category and title, and texts an administrator
edited in the admin are kept unless --overwrite is given."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from civicdesk.answers.models import AnswerTemplate
from civicdesk.petitions.models import Category

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "answer_templates.json"


class Command(BaseCommand):
    help = "Load the starting answer templates (general and per category)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
        parser.add_argument("--overwrite", action="store_true", help="replace texts edited in the admin")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            rows = json.loads(options["file"].read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot read {options['file']}: {exc}") from exc
        categories = {c.code: c for c in Category.objects.all()}
        created = updated = skipped = 0
        for order, row in enumerate(rows):
            code = row.get("category")
            category = categories.get(code) if code else None
            if code and category is None:
                skipped += 1
                continue
            template, is_new = AnswerTemplate.objects.get_or_create(
                category=category, title=row["title"], defaults={"body": row["body"], "sort_order": order}
            )
            if is_new:
                created += 1
            elif options["overwrite"] and template.body != row["body"]:
                template.body = row["body"]
                template.save(update_fields=["body"])
                updated += 1
        self.stdout.write(f"Answer templates: {created} created, {updated} updated, "
                          f"{skipped} skipped (category not loaded)")
