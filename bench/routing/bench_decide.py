"""Time `decide()` (classify, resolve the address, look up the routing table, urgent hint) per
message, with a trained model loaded, on the held-out messages given addresses: wall clock, and
the CPU time of this process, which other work on a shared machine does not inflate.

    export CIVICDESK_DEMO=1 CIVICDESK_DATA_DIR=/tmp/bench-routing
    civicdesk migrate && civicdesk load-categories && civicdesk load-admin-units --province 79
    .venv/bin/python bench/routing/bench_decide.py --train ../shared/data/petitions_train.csv \
        --test bench/routing/heldout_messages.csv --addresses bench/routing/addresses_79_single.csv

Trains into a temporary model directory; reads the database, writes nothing to it."""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402

from civicdesk.petitions.models import Case  # noqa: E402
from civicdesk.routing import classifier, evaluation  # noqa: E402
from civicdesk.routing.keywords import database_category_keywords  # noqa: E402
from civicdesk.routing.pipeline import decide  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--addresses", required=True)
    args = parser.parse_args()
    read = evaluation.read_csv
    train, test = read(args.train, ("title", "content", "category")), read(args.test, ("title", "content"))
    addresses = [r["address"] for r in read(args.addresses, ("address",))]
    settings.MODEL_DIR = Path(tempfile.mkdtemp())
    model = classifier.CategoryClassifier(database_category_keywords())
    model.train([classifier.message_text(r["title"], r["content"]) for r in train], [r["category"] for r in train])
    model.save(settings.MODEL_DIR)
    cases = [Case(title=r["title"], content=r["content"], address_text=addresses[i * 7 % len(addresses)])
             for i, r in enumerate(test)]
    decide(cases[0])  # load the model and the gazetteer once
    timings, cpu, confident, with_ward = [], [], 0, 0
    threshold = settings.ROUTING_CONFIDENCE_THRESHOLD
    for case in cases * 3:
        started, cpu_started = time.perf_counter(), time.process_time()
        decision = decide(case)
        cpu.append((time.process_time() - cpu_started) * 1000)
        timings.append((time.perf_counter() - started) * 1000)
        confident += decision.category is not None and decision.category_confidence >= threshold
        with_ward += decision.ward is not None
    print(json.dumps({
        "decisions": len(timings),
        "ms_p50": evaluation.percentile(timings, 0.5),
        "ms_p95": evaluation.percentile(timings, 0.95),
        "cpu_ms_p50": evaluation.percentile(cpu, 0.5),
        "cpu_ms_p95": evaluation.percentile(cpu, 0.95),
        "category_confident_share": round(confident / len(timings), 3),
        "ward_found_share": round(with_ward / len(timings), 3),
    }, indent=2))


if __name__ == "__main__":
    main()
