"""civicdesk eval-masking --test FILE.jsonl: mask each text (lib/masking.py) and print, as JSON, texts,
pii_total, pii_recall (share of the `pii` strings gone from the masked text), keep_total, keep_rate (share of
the `keep` strings still there verbatim) and ms_p95 (milliseconds per text). Needs no database."""

import json

from django.core.management.base import BaseCommand, CommandError

from civicdesk.lib import masking_eval
from civicdesk.lib.masking import mask_personal_data


def _mask(text: str, names: list[str], kind: str | None) -> str:
    return mask_personal_data(text, names, kind=kind)


class Command(BaseCommand):
    help = "Measure the masking of personal data on a JSONL file of labelled texts."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--test", required=True, help="JSONL: id, kind, reporter_name, text, pii, keep")
        parser.add_argument("--misses", action="store_true",
                            help="also list, per text, the personal data left and the kept strings lost")

    def handle(self, *args, **options):
        try:
            items = masking_eval.read_items(options["test"])
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        report = masking_eval.score(items, _mask, details=options["misses"])
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
