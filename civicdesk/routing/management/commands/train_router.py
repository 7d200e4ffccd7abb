"""civicdesk train-router: train the category router on the cases whose category a person
confirmed (operator corrections set that flag) and save a new model version under MODEL_DIR.
The nightly task does the same when that history changed (`--if-changed`)."""

import json

from django.core.management.base import BaseCommand, CommandError

from civicdesk.routing import training


class Command(BaseCommand):
    help = "Train the category router on confirmed cases and save a new model version."

    def add_arguments(self, parser):
        parser.add_argument("--min-cases", type=int, default=training.MIN_CASES,
                            help="refuse to train on fewer confirmed cases than this")
        parser.add_argument("--if-changed", action="store_true",
                            help="do nothing when the current model was trained on the same confirmed cases")

    def handle(self, *args, **options):
        try:
            if options["if_changed"]:
                trained = training.train_if_changed(options["min_cases"])
            else:
                trained = training.train(options["min_cases"])
        except training.NotEnoughHistory as exc:
            raise CommandError(str(exc)) from exc
        if trained is None:
            self.stdout.write(json.dumps({"model": None, "reason": "unchanged"}))
            return
        self.stdout.write(json.dumps({
            "model": str(trained.path), "cases": trained.cases, "categories": trained.categories,
            "train_seconds": round(trained.train_seconds, 2),
        }, ensure_ascii=False))
