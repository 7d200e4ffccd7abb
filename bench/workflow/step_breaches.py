"""What the list of per-step breaches costs (`/quy-trinh/vi-pham-thoi-han/`): its clocks are computed
from the events of every case received in the period, at most 2,000 cases.

    CIVICDESK_TESTING=1 .venv/bin/python bench/workflow/step_breaches.py [--cases 2000]

Builds a throw-away SQLite database (Django's test database machinery) with that many cases, each
received, assigned, taken up and answered (five events), then times `step_clock.breaches()` — best
of three runs — and prints the breaches found."""

import argparse
import os
import time
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")
os.environ.pop("CIVICDESK_DATABASE_URL", None)

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from civicdesk.organisation.models import Agency  # noqa: E402
from civicdesk.petitions.models import Case, CaseEvent, Category, Channel, EventAction, Status  # noqa: E402
from civicdesk.workflow import step_clock  # noqa: E402


def build(count: int) -> None:
    category = Category.objects.create(code="bench", name="Bench")
    agency = Agency.objects.create(code="bench", name="Đơn vị thử")
    now = timezone.now()
    cases = [Case(tracking_code=f"B{n:07d}", title="t", content="c", category=category, agency=agency,
                  status=Status.ANSWERED, channel=Channel.HOTLINE if n % 3 == 0 else Channel.WEB,
                  created_at=now - timedelta(hours=1 + n % 600)) for n in range(count)]
    Case.objects.bulk_create(cases)
    events = []
    for n, case in enumerate(Case.objects.order_by("pk")):
        start = case.created_at
        steps = [(EventAction.CREATED, "", Status.RECEIVED, 0), (EventAction.ASSIGNED, Status.RECEIVED, Status.ASSIGNED,
                                                                 n % 20),
                 (EventAction.STATUS_CHANGED, Status.ASSIGNED, Status.IN_PROGRESS, 60 + n % 900),
                 (EventAction.ANSWER_DRAFTED, Status.IN_PROGRESS, Status.AWAITING_APPROVAL, 1200),
                 (EventAction.ANSWER_APPROVED, Status.AWAITING_APPROVAL, Status.ANSWERED, 1300 + n % 30000)]
        for action, source, target, minutes in steps:
            events.append(CaseEvent(case=case, action=action, from_status=source, to_status=target,
                                    data={"agency": "bench"}, created_at=start + timedelta(minutes=minutes)))
    CaseEvent.objects.bulk_create(events, batch_size=2000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=2000)
    args = parser.parse_args()
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        build(args.cases)
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            found = step_clock.breaches(Case.objects.all(), limit=args.cases)
            runs.append(time.perf_counter() - started)
        print(f"{args.cases} cases, {len(found)} breaches: best {min(runs) * 1000:.0f} ms "
              f"({min(runs) / args.cases * 1e6:.0f} µs a case)")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
