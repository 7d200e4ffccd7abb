"""Figures for the evaluation commands: read labelled CSV files, score predictions. Pure Python."""

import csv
import statistics
from collections import Counter
from pathlib import Path


def read_csv(path: str | Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
        return list(reader)


def classification_report(gold: list[str], predicted: list[str | None]) -> dict:
    labels = sorted(set(gold) | {p for p in predicted if p})
    per_category = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=False) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=False) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=False) if g == label and p != label)
        per_category[label] = prf(tp, fp, fn) | {"support": tp + fn}
    gold_labels = [label for label in labels if per_category[label]["support"]]
    return {
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted, strict=False)) / len(gold), 4) if gold else 0.0,
        "macro_f1": round(statistics.fmean(per_category[label]["f1"] for label in gold_labels), 4)
        if gold_labels else 0.0,
        "per_category": per_category,
    }


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def at_threshold(gold: list[str], predicted: list[str | None], confidence: list[float], threshold: float) -> dict:
    kept = [(g, p) for g, p, c in zip(gold, predicted, confidence, strict=False) if p is not None and c >= threshold]
    return {
        "threshold": threshold,
        "coverage_at_threshold": round(len(kept) / len(gold), 4) if gold else 0.0,
        "accuracy_at_threshold": round(sum(g == p for g, p in kept) / len(kept), 4) if kept else 0.0,
    }


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return round(ordered[index], 3)


def most_common(values: list[str]) -> str:
    return Counter(values).most_common(1)[0][0]
