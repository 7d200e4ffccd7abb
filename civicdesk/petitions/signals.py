"""Signals by which the apps above `petitions` hook into what it does. The layers point one way
(docs/architecture.md): petitions never imports routing, notifications, workflow, answers or the
dashboard; they connect to these signals when they start (their AppConfig.ready)."""

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from django.dispatch import Signal

# Several writes that make one change of a case (intake: the case, its files and first events; a
# batch of the nightly erasure). Each receiver returns a context manager entered around the writes
# — the dashboard's refreshes each touched case once at the end instead of once per row.
grouped_writes = Signal()

# Sent by `retention` inside each erasure batch's transaction, with `case_ids`, `names` (case id →
# the names to mask) and `doomed_files` (append the FieldFiles to delete; they go from storage
# after the commit). A receiver erases the personal data its app keeps about those cases and
# returns {"notifications": {case_id: count}, "files": {case_id: count}} (either key may be left out).
erasing_personal_data = Signal()

# Sent by the dry run with `case_ids`: a receiver returns {"notifications": n, "files": n}.
counting_personal_data = Signal()


def replies(signal: Signal, **kwargs: Any) -> list[Any]:
    """Send `signal` and return what its receivers returned (None left out)."""
    return [reply for _receiver, reply in signal.send(sender=None, **kwargs) if reply is not None]


@contextmanager
def writes_grouped() -> Iterator[None]:
    """Group the writes of the block for the receivers of `grouped_writes`."""
    with ExitStack() as stack:
        for manager in replies(grouped_writes):
            stack.enter_context(manager)
        yield
