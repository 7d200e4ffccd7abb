"""How many labelled pairs pass intake's word prefilter (`routing.duplicate_search`): the share of
the shorter message's stored content words found in the other must reach MIN_OVERLAP before the
full pair score is computed. Prints, for several bars, the duplicate and non-duplicate pairs kept.

    CIVICDESK_DEMO=1 .venv/bin/python bench/routing/duplicate_prefilter.py --pairs ../shared/data/duplicates_dev.csv
"""

import argparse
import csv
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")

import django

django.setup()

from civicdesk.routing.duplicate_search import MIN_OVERLAP, match_terms, overlap  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", required=True)
    with open(parser.parse_args().pairs, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    shares = [(overlap(set(match_terms("", row["text_a"]).split()), set(match_terms("", row["text_b"]).split())),
               row["is_duplicate"].strip() == "1") for row in rows]
    duplicates = sum(1 for _share, same in shares if same)
    print(f"{len(rows)} pairs, {duplicates} duplicates; shipped bar MIN_OVERLAP = {MIN_OVERLAP}")
    print("| bar | duplicates kept | non-duplicates kept |")
    print("|---|---|---|")
    for bar in (0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.4):
        kept = sum(1 for share, same in shares if same and share >= bar)
        others = sum(1 for share, same in shares if not same and share >= bar)
        print(f"| {bar} | {kept} / {duplicates} | {others} / {len(rows) - duplicates} |")


if __name__ == "__main__":
    main()
