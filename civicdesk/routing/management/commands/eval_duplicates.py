"""civicdesk eval-duplicates --pairs PAIRS.csv: score each pair (columns text_a,text_b,is_duplicate;
optional address_a,address_b,hours_apart) and print precision, recall and f1 at the product's
configured threshold as JSON."""

import json
from datetime import datetime, timedelta

from django.core.management.base import BaseCommand, CommandError

from civicdesk.routing import duplicates, evaluation


class Command(BaseCommand):
    help = "Measure duplicate detection on labelled pairs."

    def add_arguments(self, parser):
        parser.add_argument("--pairs", required=True)
        parser.add_argument("--threshold", type=float, default=None, help="default: the configured one")

    def handle(self, *args, **options):
        try:
            rows = evaluation.read_csv(options["pairs"], ("text_a", "text_b", "is_duplicate"))
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        threshold = options["threshold"] if options["threshold"] is not None else duplicates.threshold()
        start = datetime(2026, 1, 1)
        tp = fp = fn = tn = 0
        for row in rows:
            hours = float(row.get("hours_apart") or 0)
            first = duplicates.Message(row["text_a"], row.get("address_a", ""), at=start)
            second = duplicates.Message(row["text_b"], row.get("address_b", ""), at=start + timedelta(hours=hours))
            said = duplicates.pair_score(first, second, duplicates.window_hours()) >= threshold
            truth = str(row["is_duplicate"]).strip() in ("1", "true", "True", "yes")
            tp += said and truth
            fp += said and not truth
            fn += truth and not said
            tn += not said and not truth
        self.stdout.write(json.dumps(
            {"pairs": len(rows), "threshold": threshold} | evaluation.prf(tp, fp, fn)
            | {"true_positives": tp, "false_positives": fp, "false_negatives": fn, "true_negatives": tn},
            indent=2,
        ))
