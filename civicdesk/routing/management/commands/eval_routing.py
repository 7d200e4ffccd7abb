"""civicdesk eval-routing --train TRAIN.csv --test TEST.csv: train in a throw-away store, predict
TEST one message at a time, print one JSON object (accuracy, macro_f1, per_category,
coverage_at_threshold, accuracy_at_threshold, train_seconds, predict_ms_p50, predict_ms_p95)."""

import json
import time

from django.core.management.base import BaseCommand, CommandError

from civicdesk.routing import evaluation, thresholds
from civicdesk.routing.classifier import CategoryClassifier, KeywordClassifier, message_text
from civicdesk.routing.keywords import product_category_keywords


class Command(BaseCommand):
    help = "Train the category router on TRAIN.csv and measure it on TEST.csv (columns title,content,category)."

    def add_arguments(self, parser):
        parser.add_argument("--train", required=True)
        parser.add_argument("--test", required=True)
        parser.add_argument("--threshold", type=float, default=None,
                            help="confidence below which a case goes to triage (default: the configured one)")
        parser.add_argument("--baseline", action="store_true",
                            help="also report a plain TF-IDF + LinearSVC on the same split")
        parser.add_argument("--no-keywords", action="store_true", help="train without the category words (name, scope, keywords) as examples")
        parser.add_argument("--keywords-only", action="store_true",
                            help="measure the no-history classifier (category names, scopes, keywords); TRAIN unused")

    def handle(self, *args, **options):
        try:
            train = evaluation.read_csv(options["train"], ("title", "content", "category"))
            test = evaluation.read_csv(options["test"], ("title", "content", "category"))
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        threshold = options["threshold"]
        if threshold is None:
            threshold = thresholds.configured_or_default()[0]
        keywords = [] if options["no_keywords"] else product_category_keywords()
        model: KeywordClassifier | CategoryClassifier
        if options["keywords_only"]:
            model = KeywordClassifier(product_category_keywords())
            train_seconds = 0.0
        else:
            trained = CategoryClassifier(keywords)
            trained.train([message_text(r["title"], r["content"]) for r in train], [r["category"] for r in train])
            model, train_seconds = trained, trained.train_seconds
        gold, predicted, confidence, timings = [], [], [], []
        for row in test:
            started = time.perf_counter()
            code, conf = model.predict(message_text(row["title"], row["content"]))
            timings.append((time.perf_counter() - started) * 1000)
            gold.append(row["category"])
            predicted.append(code)
            confidence.append(conf)
        report = evaluation.classification_report(gold, predicted)
        report |= evaluation.at_threshold(gold, predicted, confidence, threshold)
        report |= {
            "train_seconds": round(train_seconds, 3),
            "predict_ms_p50": evaluation.percentile(timings, 0.5),
            "predict_ms_p95": evaluation.percentile(timings, 0.95),
            "train_messages": len(train),
            "test_messages": len(test),
            "classifier": model.kind,
            "category_words": bool(keywords),
        }
        if options["baseline"]:
            report["baseline"] = _baseline(train, test)
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))


def _baseline(train, test) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    pipeline = make_pipeline(TfidfVectorizer(), LinearSVC(random_state=0))
    started = time.perf_counter()
    pipeline.fit([message_text(r["title"], r["content"]) for r in train], [r["category"] for r in train])
    seconds = time.perf_counter() - started
    predicted = list(pipeline.predict([message_text(r["title"], r["content"]) for r in test]))
    report = evaluation.classification_report([r["category"] for r in test], predicted)
    return {"name": "TF-IDF + LinearSVC", "accuracy": report["accuracy"], "macro_f1": report["macro_f1"],
            "train_seconds": round(seconds, 3)}
