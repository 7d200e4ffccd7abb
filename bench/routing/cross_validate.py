"""5-fold cross-validation of the category router against a plain TF-IDF + LinearSVC, on the
labelled messages as written and on the same test folds rewritten the way people type on a phone
(no diacritics, shorthand, only the title and first sentence).

    CIVICDESK_DEMO=1 .venv/bin/python bench/routing/cross_validate.py --data ../shared/data/petitions_train.csv
"""

import argparse
import csv
import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

from civicdesk.routing import evaluation  # noqa: E402
from civicdesk.routing.classifier import CategoryClassifier, message_text  # noqa: E402
from civicdesk.routing.keywords import product_category_keywords  # noqa: E402
from civicdesk.routing.normalise import fold  # noqa: E402

SHORT = [("không", "ko"), ("được", "dc"), ("người", "ng"), ("với", "vs"), ("rồi", "r")]


def phone_style(title: str, content: str) -> str:
    first = re.split(r"(?<=[.!?])\s", content, maxsplit=1)[0]
    text = f"{title} . {first}".lower()
    for long, short in SHORT:
        text = text.replace(long, short)
    return fold(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    with open(args.data, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    labels = [r["category"] for r in rows]
    keywords = product_category_keywords()
    threshold = settings.ROUTING_CONFIDENCE_THRESHOLD
    results = {name: {"gold": [], "pred": [], "conf": []} for name in
               ("ours_as_written", "ours_phone_style", "baseline_as_written", "baseline_phone_style")}
    folds = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=0)
    for train_idx, test_idx in folds.split(rows, labels):
        train = [rows[i] for i in train_idx]
        test = [rows[i] for i in test_idx]
        texts = [message_text(r["title"], r["content"]) for r in train]
        ours = CategoryClassifier(keywords).train(texts, [r["category"] for r in train])
        baseline = make_pipeline(TfidfVectorizer(), LinearSVC(random_state=0)).fit(texts, [r["category"] for r in train])
        for style, render in (("as_written", lambda r: message_text(r["title"], r["content"])),
                              ("phone_style", lambda r: phone_style(r["title"], r["content"]))):
            test_texts = [render(r) for r in test]
            gold = [r["category"] for r in test]
            predictions = [ours.predict(t) for t in test_texts]
            results[f"ours_{style}"]["gold"] += gold
            results[f"ours_{style}"]["pred"] += [p for p, _ in predictions]
            results[f"ours_{style}"]["conf"] += [c for _, c in predictions]
            results[f"baseline_{style}"]["gold"] += gold
            results[f"baseline_{style}"]["pred"] += list(baseline.predict(test_texts))
            results[f"baseline_{style}"]["conf"] += [1.0] * len(gold)
        print(f"fold done: {len(test)} messages", file=sys.stderr, flush=True)
    summary = {}
    for name, res in results.items():
        report = evaluation.classification_report(res["gold"], res["pred"])
        summary[name] = {"accuracy": report["accuracy"], "macro_f1": report["macro_f1"]}
        if name.startswith("ours"):
            summary[name] |= evaluation.at_threshold(res["gold"], res["pred"], res["conf"], threshold)
    print(json.dumps({"messages": len(rows), "folds": args.folds} | summary, indent=2))


if __name__ == "__main__":
    main()
