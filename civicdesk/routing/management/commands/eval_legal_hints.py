"""civicdesk eval-legal-hints [--file bench/routing/legal_hints.csv]: how well the intake hint
(`routing.legal`) recognises complaints and denunciations in a labelled file (columns text,label;
label complaint, denunciation or none). Prints one JSON object: per label precision and recall,
and for "complaint or denunciation at all" (what sends a message to a person)."""

import csv
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from civicdesk.routing.legal import legal_hint

DEFAULT_FILE = Path(__file__).resolve().parents[4] / "bench" / "routing" / "legal_hints.csv"


def scores(rows: list[tuple[str, str]]) -> dict:
    predicted = [(label, legal_hint(text) or "none") for text, label in rows]

    def precision_recall(match) -> dict:  # type: ignore[no-untyped-def]
        tp = sum(1 for gold, got in predicted if match(gold) and match(got))
        fp = sum(1 for gold, got in predicted if not match(gold) and match(got))
        fn = sum(1 for gold, got in predicted if match(gold) and not match(got))
        return {"precision": round(tp / (tp + fp), 3) if tp + fp else None,
                "recall": round(tp / (tp + fn), 3) if tp + fn else None, "tp": tp, "fp": fp, "fn": fn}

    result: dict[str, Any] = {label: precision_recall(lambda value, label=label: value == label)
              for label in ("complaint", "denunciation")}
    result["legal_any"] = precision_recall(lambda value: value != "none")
    result["messages"] = len(rows)
    result["misread"] = [{"text": text, "label": label, "hint": legal_hint(text) or "none"}
                         for (text, label), (_gold, got) in zip(rows, predicted, strict=True) if got != label]
    return result


class Command(BaseCommand):
    help = "Measure the complaint/denunciation hint on a labelled CSV (columns text,label)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--file", default=str(DEFAULT_FILE))

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            with open(options["file"], encoding="utf-8", newline="") as handle:
                rows = [(row["text"], row["label"]) for row in csv.DictReader(handle)]
        except (OSError, KeyError) as exc:
            raise CommandError(str(exc)) from exc
        if not rows or any(label not in ("complaint", "denunciation", "none") for _t, label in rows):
            raise CommandError("labels must be complaint, denunciation or none")
        self.stdout.write(json.dumps(scores(rows), ensure_ascii=False, indent=1))
