"""Leave one retrieval feature out at a time and measure hit@1/hit@5/MRR@10 on the benchmark.

    CIVICDESK_DEMO=1 .venv/bin/python bench/assistant/ablation.py --kb /tmp/assistant-bench/kb.jsonl \
        --questions /tmp/assistant-bench/questions.jsonl
"""

import argparse
import functools
import json
import os
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")

import django

django.setup()

from civicdesk.assistant import retrieval, text  # noqa: E402
from civicdesk.assistant.management.commands.eval_assistant import evaluate, read_jsonl  # noqa: E402
from civicdesk.assistant.retrieval import Document  # noqa: E402

ORIGINAL_TOKENIZE = text.tokenize


def variant(name: str):
    """Patch the module for one variant; returns a function undoing it."""
    retrieval.TITLE_WEIGHT = 2.0
    text.tokenize = ORIGINAL_TOKENIZE
    text.CONCEPT_QUERY_WEIGHT = 2
    if name == "no title boost":
        retrieval.TITLE_WEIGHT = 1.0
    elif name == "no synonyms":
        text.tokenize = functools.partial(ORIGINAL_TOKENIZE, synonyms=False)
    elif name == "no query expansion":
        text.tokenize = lambda t, **kw: ORIGINAL_TOKENIZE(t, **{**kw, "expand": False})
    elif name == "no bigrams":
        text.tokenize = functools.partial(ORIGINAL_TOKENIZE, bigrams=False)
    elif name == "no pyvi compounds":
        text.tokenize = functools.partial(ORIGINAL_TOKENIZE, segment=False)
    elif name == "folded tokens only":
        def folded_only(t, **kw):
            return [tok for tok in ORIGINAL_TOKENIZE(t, **kw) if tok[0] in (text.FOLDED_PREFIX, text.CONCEPT_PREFIX)]
        text.tokenize = folded_only


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=Path, required=True)
    parser.add_argument("--questions", type=Path, required=True)
    args = parser.parse_args()
    docs = [Document(id=str(r["id"]), title=r.get("title") or "", text=r.get("text") or "") for r in read_jsonl(args.kb)]
    questions = read_jsonl(args.questions)
    rows = {"plain BM25": evaluate(docs, questions, plain=True)}
    for name in ("full", "no title boost", "no synonyms", "no query expansion", "no bigrams", "no pyvi compounds",
                 "folded tokens only"):
        variant(name)
        rows[name] = evaluate(docs, questions)
    variant("full")
    for name, r in rows.items():
        print(json.dumps({"variant": name, **{k: r[k] for k in ("hit_at_1", "hit_at_5", "mrr_at_10")}},
                         ensure_ascii=False))


if __name__ == "__main__":
    main()
