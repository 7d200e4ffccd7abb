"""civicdesk eval-address --test ADDR.csv --province 79: resolve each address (column address)
to today's ward and compare with ward_code; prints accuracy, resolved_share,
accuracy_when_resolved and ms_p95 as JSON."""

import json
import time

from django.core.management.base import BaseCommand, CommandError

from civicdesk.routing import address, evaluation


class Command(BaseCommand):
    help = "Measure address → ward resolution on a CSV with columns address,ward_code."

    def add_arguments(self, parser):
        parser.add_argument("--test", required=True)
        parser.add_argument("--province", default=None,
                            help="today's province code (2 digits; default: CIVICDESK_PROVINCE_CODE, 79)")
        parser.add_argument("--min-confidence", type=float, default=0.0,
                            help="count an answer as resolved only at or above this confidence")

    def handle(self, *args, **options):
        try:
            rows = evaluation.read_csv(options["test"], ("address", "ward_code"))
            address.gazetteer(options["province"])
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        correct = resolved = resolved_correct = 0
        timings = []
        for row in rows:
            started = time.perf_counter()
            match = address.resolve(row["address"], options["province"])
            timings.append((time.perf_counter() - started) * 1000)
            answered = match.code is not None and match.confidence >= options["min_confidence"]
            right = answered and match.code == row["ward_code"].strip().zfill(5)
            correct += right
            resolved += answered
            resolved_correct += right
        total = len(rows) or 1
        self.stdout.write(json.dumps({
            "addresses": len(rows),
            "accuracy": round(correct / total, 4),
            "resolved_share": round(resolved / total, 4),
            "accuracy_when_resolved": round(resolved_correct / resolved, 4) if resolved else 0.0,
            "ms_p50": evaluation.percentile(timings, 0.5),
            "ms_p95": evaluation.percentile(timings, 0.95),
        }, indent=2))
