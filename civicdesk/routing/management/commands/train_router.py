"""civicdesk train-router: train the category router on the cases whose category a person
confirmed (operator corrections set that flag) and save a new model version under MODEL_DIR."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from civicdesk.petitions.models import Case
from civicdesk.routing.classifier import CategoryClassifier, message_text
from civicdesk.routing.keywords import database_category_keywords


class Command(BaseCommand):
    help = "Train the category router on confirmed cases and save a new model version."

    def add_arguments(self, parser):
        parser.add_argument("--min-cases", type=int, default=30,
                            help="refuse to train on fewer confirmed cases than this")

    def handle(self, *args, **options):
        rows = list(
            Case.objects.filter(category_confirmed=True, category__isnull=False, category__is_active=True)
            .values_list("title", "content", "category__code")
        )
        if len(rows) < options["min_cases"]:
            raise CommandError(
                f"only {len(rows)} cases with a confirmed category (need {options['min_cases']}); "
                "the router keeps working from the category keywords"
            )
        categories = {code for _t, _c, code in rows}
        if len(categories) < 2:
            raise CommandError("confirmed cases of at least two categories are needed")
        model = CategoryClassifier(database_category_keywords())
        model.train([message_text(t, c) for t, c, _code in rows], [code for _t, _c, code in rows])
        path = model.save(settings.MODEL_DIR)
        self.stdout.write(json.dumps({
            "model": str(path), "cases": len(rows), "categories": len(categories),
            "train_seconds": round(model.train_seconds, 2),
        }, ensure_ascii=False))
