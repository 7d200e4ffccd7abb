"""Training-speed benchmark: grow the 600 labelled messages to 100,000 by rewriting them the way
people type (no diacritics, phone shorthand, dropped words, shuffled sentences), train the
category router on them once and measure it on the held-out set.

    CIVICDESK_DEMO=1 .venv/bin/python bench/routing/train_100k.py \
        --train ../shared/data/petitions_train.csv --test bench/routing/heldout_messages.csv

CPU heavy (one core for about a minute): run it once, not in CI."""

import argparse
import csv
import json
import os
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")

import django

django.setup()

from civicdesk.routing.classifier import CategoryClassifier, message_text  # noqa: E402
from civicdesk.routing.keywords import product_category_keywords  # noqa: E402
from civicdesk.routing.normalise import fold  # noqa: E402

SHORT = {"không": "ko", "được": "dc", "rồi": "r", "với": "vs", "người": "ng", "gì": "j", "phường": "P.",
         "quận": "Q.", "thành phố": "TP", "bao nhiêu": "bn", "điện thoại": "dt"}


def rewrite(title: str, content: str, rng: random.Random) -> str:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", content) if s]
    rng.shuffle(sentences)
    keep = sentences[: rng.randint(1, max(1, len(sentences)))]
    words = f"{title} . {' '.join(keep)}".split()
    words = [w for w in words if rng.random() > 0.12]
    text = " ".join(words)
    if rng.random() < 0.5:
        for long, short in SHORT.items():
            text = text.replace(long, short)
    if rng.random() < 0.5:
        text = fold(text)
    return text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(1022)
    with open(args.train, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    texts, labels = [], []
    while len(texts) < args.size:
        row = rng.choice(rows)
        texts.append(rewrite(row["title"], row["content"], rng))
        labels.append(row["category"])
    model = CategoryClassifier(product_category_keywords())
    started, cpu_started = time.perf_counter(), time.process_time()
    model.train(texts, labels)
    train_seconds = time.perf_counter() - started
    train_cpu_seconds = time.process_time() - cpu_started
    with open(args.test, encoding="utf-8") as fh:
        test = list(csv.DictReader(fh))
    timings, correct = [], 0
    for row in test:
        t0 = time.perf_counter()
        code, _confidence = model.predict(message_text(row["title"], row["content"]))
        timings.append((time.perf_counter() - t0) * 1000)
        correct += code == row["category"]
    timings.sort()
    print(json.dumps({
        "train_messages": len(texts),
        "train_seconds": round(train_seconds, 1),
        "train_cpu_seconds": round(train_cpu_seconds, 1),
        "heldout_accuracy": round(correct / len(test), 4),
        "predict_ms_p50": round(timings[len(timings) // 2], 3),
        "predict_ms_p95": round(timings[int(len(timings) * 0.95)], 3),
    }, indent=2))


if __name__ == "__main__":
    main()
