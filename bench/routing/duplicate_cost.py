"""CPU cost of what intake's duplicate search computes per new case, without the database:
the stored words of the new case (`match_terms`) and the pair score against three candidates,
every text seen for the first time (the per-process caches emptied before each pair).

    CIVICDESK_DEMO=1 .venv/bin/python bench/routing/duplicate_cost.py --pairs bench/duplicates/dev_text_only.csv
"""

import argparse
import csv
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import django

    django.setup()
    from civicdesk.routing import address, duplicate_search, duplicates

    address.gazetteer(duplicates.settings_province())
    with open(args.pairs, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    caches = [obj for module in (duplicates, duplicate_search) for obj in vars(module).values()
              if hasattr(obj, "cache_clear")]
    try:
        from civicdesk.routing import places
        caches += [obj for obj in vars(places).values() if hasattr(obj, "cache_clear")]
    except ImportError:  # before places.py existed
        pass
    per_case = []
    for _ in range(args.repeat):
        for row in rows:
            for cache in caches:
                cache.cache_clear()
            # intake: Message.text is "title . content", the text match_terms reads
            new = duplicates.Message(f" . {row['text_a']}", row.get("address_a", ""))
            others = [duplicates.Message(row["text_b"], row.get("address_b", ""))] * 3
            started = time.process_time()
            duplicate_search.match_terms("", row["text_a"])
            for other in others:
                duplicates.pair_score(new, other)
            per_case.append((time.process_time() - started) * 1000)
    per_case.sort()
    print(f"{len(rows)} pairs x {args.repeat}: CPU ms per new case p50 {statistics.median(per_case):.2f}, "
          f"p95 {per_case[int(0.95 * (len(per_case) - 1))]:.2f}")


if __name__ == "__main__":
    main()
