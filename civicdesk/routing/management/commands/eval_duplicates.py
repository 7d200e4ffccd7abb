"""civicdesk eval-duplicates --pairs PAIRS.csv [--train TRAIN.csv]: score each pair (columns
text_a,text_b,is_duplicate; optional address_a,address_b,hours_apart) and print precision, recall
and f1 at the product's configured threshold as JSON. With --train, a category router is trained on
TRAIN.csv (columns title,content,category) first and its predictions take part, as they do in the
product once a model is trained; the output then also gives the leave-one-out figure: for each pair,
the threshold is chosen on the other pairs."""

import json
from datetime import datetime, timedelta

from django.core.management.base import BaseCommand, CommandError

from civicdesk.routing import duplicate_search, duplicates, evaluation, thresholds


class Command(BaseCommand):
    help = "Measure duplicate detection on labelled pairs."

    def add_arguments(self, parser):
        parser.add_argument("--pairs", required=True)
        parser.add_argument("--threshold", type=float, default=None, help="default: the configured one")
        parser.add_argument("--train", default=None,
                            help="labelled messages to train the category router on (default: no router)")

    def handle(self, *args, **options):
        try:
            rows = evaluation.read_csv(options["pairs"], ("text_a", "text_b", "is_duplicate"))
            train = evaluation.read_csv(options["train"], ("title", "content", "category")) if options["train"] else None
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        threshold = options["threshold"] if options["threshold"] is not None else thresholds.configured_or_default()[1]
        model = None
        if train:
            from civicdesk.routing.classifier import CategoryClassifier, message_text
            from civicdesk.routing.keywords import product_category_keywords

            model = CategoryClassifier(product_category_keywords()).train(
                [message_text(r["title"], r["content"]) for r in train], [r["category"] for r in train])
        start = datetime(2026, 1, 1)
        scores, truths, shares = [], [], []
        for row in rows:
            hours = float(row.get("hours_apart") or 0)
            first = duplicates.Message(row["text_a"], row.get("address_a", ""), at=start)
            second = duplicates.Message(row["text_b"], row.get("address_b", ""), at=start + timedelta(hours=hours))
            if model is not None:
                first.category, second.category = model.predict(first.text), model.predict(second.text)
            scores.append(duplicates.pair_score(first, second, duplicates.window_hours()))
            shares.append(duplicate_search.overlap(set(duplicate_search.match_terms("", first.text).split()),
                                                   set(duplicate_search.match_terms("", second.text).split())))
            truths.append(str(row["is_duplicate"]).strip() in ("1", "true", "True", "yes"))
        counts = _counts(scores, truths, threshold)
        report = {"pairs": len(rows), "threshold": threshold, "category_router": model is not None}
        report |= evaluation.prf(*counts[:3]) | dict(zip(
            ("true_positives", "false_positives", "false_negatives", "true_negatives"), counts, strict=True))
        report["leave_one_out"] = _leave_one_out(scores, truths, threshold)
        # What intake decides: a pair is scored only when the messages share enough words.
        gated = [score if share >= duplicate_search.MIN_OVERLAP else 0.0 for score, share in zip(scores, shares, strict=True)]
        at_intake = _counts(gated, truths, threshold)
        report["at_intake"] = {"min_word_overlap": duplicate_search.MIN_OVERLAP} | evaluation.prf(*at_intake[:3]) | dict(
            zip(("true_positives", "false_positives", "false_negatives"), at_intake[:3], strict=True))
        self.stdout.write(json.dumps(report, indent=2))


def _counts(scores, truths, threshold) -> tuple[int, int, int, int]:
    said = [s >= threshold for s in scores]
    tp = sum(s and t for s, t in zip(said, truths, strict=True))
    fp = sum(s and not t for s, t in zip(said, truths, strict=True))
    fn = sum(t and not s for s, t in zip(said, truths, strict=True))
    return tp, fp, fn, len(scores) - tp - fp - fn


def _leave_one_out(scores, truths, configured) -> dict:
    """Each pair judged at the threshold that gives the best F1 on the other pairs (ties: the one
    nearest the configured threshold), so the figure does not reward a threshold fitted to it."""
    candidates = sorted({round(s, 3) for s in scores} | {configured})
    tp = fp = fn = 0
    for i in range(len(scores)):
        rest_s, rest_t = scores[:i] + scores[i + 1:], truths[:i] + truths[i + 1:]

        def quality(t, rest_s=rest_s, rest_t=rest_t):
            return evaluation.prf(*_counts(rest_s, rest_t, t)[:3])["f1"], -abs(t - configured)

        chosen = max(candidates, key=quality)
        said = scores[i] >= chosen
        tp += said and truths[i]
        fp += said and not truths[i]
        fn += truths[i] and not said
    return evaluation.prf(tp, fp, fn) | {"true_positives": tp, "false_positives": fp, "false_negatives": fn}
