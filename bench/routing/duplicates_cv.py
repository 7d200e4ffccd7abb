"""How much of the duplicate F1 is owed to choices fitted on the development pairs themselves.

Leave-one-out over the labelled pairs: for each pair, the category-conflict confidence, its penalty
and the threshold are chosen (best F1; ties to the mildest rule) on the other pairs, then the left-
out pair is judged. Prints the in-sample F1 of the shipped values and the leave-one-out F1 with the
penalty fixed and with everything chosen inside the folds.

    CIVICDESK_DEMO=1 .venv/bin/python bench/routing/duplicates_cv.py \\
        --pairs ../shared/data/duplicates_dev.csv --train ../shared/data/petitions_train.csv
"""

import argparse
import itertools
import json
import os
import sys
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402

from civicdesk.routing import duplicates, evaluation  # noqa: E402
from civicdesk.routing.classifier import CategoryClassifier, message_text  # noqa: E402
from civicdesk.routing.keywords import product_category_keywords  # noqa: E402

CONFIDENCES = (0.6, 0.7, 0.8, 0.9)
PENALTIES = (0.3, 0.6, 2.0)
THRESHOLDS = [round(0.25 + 0.01 * i, 2) for i in range(36)]


def f1(scores, truths, threshold, rows) -> float:
    tp = sum(1 for i in rows if scores[i] >= threshold and truths[i])
    fp = sum(1 for i in rows if scores[i] >= threshold and not truths[i])
    fn = sum(1 for i in rows if scores[i] < threshold and truths[i])
    return evaluation.prf(tp, fp, fn)["f1"]


def leave_one_out(table, truths, configs, shipped) -> dict:
    tp = fp = fn = 0
    everyone = range(len(truths))
    for i in everyone:
        rest = [j for j in everyone if j != i]
        # ties: the mildest rule (highest confidence, smallest penalty), then the threshold nearest
        # the one configured before the category conflict existed; never a preference for the shipped values
        best = max((f1(table[c], truths, t, rest), c[0], -c[1], -abs(t - shipped[1]), c, t)
                   for c in configs for t in THRESHOLDS)
        said = table[best[4]][i] >= best[5]
        tp += said and truths[i]
        fp += said and not truths[i]
        fn += truths[i] and not said
    return evaluation.prf(tp, fp, fn)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", required=True)
    parser.add_argument("--train", required=True)
    args = parser.parse_args()
    pairs = evaluation.read_csv(args.pairs, ("text_a", "text_b", "is_duplicate"))
    train = evaluation.read_csv(args.train, ("title", "content", "category"))
    model = CategoryClassifier(product_category_keywords()).train(
        [message_text(r["title"], r["content"]) for r in train], [r["category"] for r in train])
    start = datetime(2026, 1, 1)
    messages = []
    for row in pairs:
        a = duplicates.Message(row["text_a"], row.get("address_a", ""), at=start)
        b = duplicates.Message(row["text_b"], row.get("address_b", ""),
                               at=start + timedelta(hours=float(row.get("hours_apart") or 0)))
        a.category, b.category = model.predict(a.text), model.predict(b.text)
        messages.append((a, b))
    truths = [row["is_duplicate"].strip() in ("1", "true", "True", "yes") for row in pairs]
    shipped = ((duplicates.CATEGORY_CONFIDENCE, duplicates.CATEGORY_CONFLICT_PENALTY), settings.DUPLICATE_THRESHOLD)
    table = {}
    for confidence, penalty in itertools.product((*CONFIDENCES, 1.01), PENALTIES):
        duplicates.CATEGORY_CONFIDENCE, duplicates.CATEGORY_CONFLICT_PENALTY = confidence, penalty
        table[(confidence, penalty)] = [duplicates.pair_score(a, b) for a, b in messages]
    duplicates.CATEGORY_CONFIDENCE, duplicates.CATEGORY_CONFLICT_PENALTY = shipped[0]
    everyone = range(len(pairs))
    report = {
        "pairs": len(pairs),
        "in_sample_f1_shipped": f1(table[shipped[0]], truths, shipped[1], everyone),
        "in_sample_f1_without_category_conflict": f1(table[(1.01, 0.3)], truths, shipped[1], everyone),
        "loo_f1_threshold_chosen_in_fold": leave_one_out(table, truths, [shipped[0]], shipped),
        "loo_f1_confidence_and_threshold_chosen_in_fold": leave_one_out(
            table, truths, [(c, shipped[0][1]) for c in CONFIDENCES], shipped),
        "loo_f1_confidence_penalty_threshold_chosen_in_fold": leave_one_out(
            table, truths, [(c, p) for c in CONFIDENCES for p in PENALTIES], shipped),
        "loo_f1_without_category_conflict": leave_one_out(table, truths, [(1.01, 0.3)], ((1.01, 0.3), 0.35)),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
