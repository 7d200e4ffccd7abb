"""Time the assistant's index: a full build over a KB file, then updates in place (entries added,
changed and removed), and check that the updated index scores as a new build over the same entries.

    python bench/assistant/make_bench.py --out /tmp/assistant-bench --size 100000
    CIVICDESK_DEMO=1 .venv/bin/python bench/assistant/bench_index.py --kb /tmp/assistant-bench/kb_100000.jsonl

Prints the seconds of each step as JSON. `--workers N` is not offered: the build runs on one core."""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")

import django

django.setup()

import numpy as np  # noqa: E402

from civicdesk.assistant.retrieval import Document, Index  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kb", required=True, type=Path)
    parser.add_argument("--update", type=int, default=10, help="entries added, changed and removed per update")
    parser.add_argument("--check", action="store_true", help="also build the final index anew and compare scores")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.kb.open(encoding="utf-8") if line.strip()]
    docs = [Document(id=str(n), title=r.get("title") or "", text=r.get("text") or "") for n, r in enumerate(rows)]
    held_back, docs = docs[-args.update:], docs[:-args.update]
    result: dict[str, float | int | bool] = {"entries": len(docs),
                                             "distinct_bodies": len({d.text for d in docs})}
    cpu, wall = time.process_time(), time.perf_counter()
    index = Index(docs)
    result["full_build_s"] = round(time.perf_counter() - wall, 1)
    result["full_build_cpu_s"] = round(time.process_time() - cpu, 1)

    changed = [Document(d.id, d.title, d.text + "\nĐã cập nhật: nộp hồ sơ trực tuyến.") for d in docs[100:100 + args.update]]
    removed = {d.id for d in docs[200:200 + args.update]}
    cpu, wall = time.process_time(), time.perf_counter()
    updated = index.copy()
    updated.update([*changed, *held_back], removed)
    result["update_s"] = round(time.perf_counter() - wall, 2)
    result["update_cpu_s"] = round(time.process_time() - cpu, 2)
    result["updated_entries"] = updated.size
    cpu, wall = time.process_time(), time.perf_counter()
    one = updated.copy()
    one.update([Document(held_back[0].id, held_back[0].title + " (bản mới)", held_back[0].text)], set())
    result["update_one_entry_s"] = round(time.perf_counter() - wall, 2)
    if args.check:
        final = [*docs[:100], *changed, *docs[100 + args.update:]]
        final = [d for d in final if d.id not in removed] + held_back
        rebuilt = Index(final)
        questions = ["đăng ký khai sinh", "doi giay phep lai xe", "giải thể doanh nghiệp", "thuế đất ở"]
        result["same_scores_as_a_new_build"] = bool(
            updated.ids == rebuilt.ids and all(np.array_equal(updated.scores(q), rebuilt.scores(q)) for q in questions))
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
