"""The one interface for telling people what happened to a case.

Callers say *what* happened (`notify_reporter(case, "answered")`, `notify_staff(...)`); this
module decides who is told on which channel, stores one `Notification` row per message in the
caller's transaction, and enqueues the sending task after that transaction commits. Rows are
unique per (case, channel, event, recipient, dedupe_key), so asking twice sends once."""

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from civicdesk.notifications.models import Channel, Event, Notification


def notify_reporter(case: Any, event: str, *, dedupe_key: str = "", context: dict | None = None) -> list[Notification]:
    recipients = _reporter_recipients(case)
    return [_create(case, channel, address, event, dedupe_key, context, to_staff=False)
            for channel, address in recipients]


def notify_staff(
    case: Any, users: Iterable[Any], event: str, *, dedupe_key: str = "", context: dict | None = None
) -> list[Notification]:
    created = []
    for user in users:
        if user.email:
            created.append(_create(case, Channel.EMAIL, user.email, event, dedupe_key, context, to_staff=True))
    return created


def notify_address(case: Any, channel: str, address: str, event: str, *, dedupe_key: str = "",
                   context: dict | None = None) -> Notification:
    """A message about `case` to someone who is not its reporter (a follower, a confirmation
    link): it never carries the reporter's own link (`models.NOT_TO_REPORTER`)."""
    return _create(case, channel, address, event, dedupe_key, context, to_staff=False)


def _reporter_recipients(case: Any) -> list[tuple[str, str]]:
    # SMS/Zalo join here once their channel modules exist (see channels/__init__.py).
    return [(Channel.EMAIL, case.reporter_email)] if case.reporter_email else []


def _create(case: Any, channel: str, recipient: str, event: str, dedupe_key: str, context: dict | None,
            *, to_staff: bool) -> Notification:
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                case=case, channel=channel, recipient=recipient, event=event, dedupe_key=dedupe_key[:80],
                context=context or {}, to_staff=to_staff,
            )
    except IntegrityError:  # already asked for: the first row stands, nothing more is sent
        return Notification.objects.get(
            case=case, channel=channel, recipient=recipient, event=event, dedupe_key=dedupe_key[:80]
        )
    transaction.on_commit(lambda: _enqueue(notification.pk))
    return notification


def _enqueue(notification_id: int) -> None:
    from civicdesk.notifications.tasks import send_notification
    from civicdesk.outbox.enqueue import send

    send(send_notification, notification_id)  # kept in the outbox if the broker is down


# --- the steps that matter to the citizen ------------------------------------------------------

def case_answered(case_id: int, *, reopen_days: int, only_duplicates: list[int] | None = None) -> None:
    """The answer goes to the reporter and to every reporter whose case was merged into this one;
    with `only_duplicates`, to those merged cases only (merged after the answer was sent).
    `reopen_days`: how long the reporter may ask to reopen (the workflow's setting, told by the caller)."""
    from civicdesk.petitions.models import Case

    case = Case.objects.filter(pk=case_id).first()
    if case is None or case.answered_at is None:
        return
    key = f"answered:{case.answered_at.isoformat()}"
    answer = case.answers.latest_approved()
    duplicates = case.duplicates.all()
    if only_duplicates is None:
        # The reporter reads the answer as the agency wrote it, addressed to them by name.
        notify_reporter(case, Event.ANSWERED, dedupe_key=key,
                        context={"answer": answer.body if answer else "", "reopen_days": reopen_days})
    else:
        duplicates = duplicates.filter(pk__in=only_duplicates)
    for duplicate in duplicates:
        # Reporters of merged cases are third parties to this one: the published (masked) text.
        notify_reporter(duplicate, Event.ANSWERED, dedupe_key=key, context={
            "answer": _public_answer(case, answer), "reopen_days": reopen_days,
            "original_code": case.tracking_code})


def _public_answer(case: Any, answer: Any) -> str:
    from civicdesk.petitions.public_text import mask_answer

    if answer is None:
        return ""
    return answer.public_body or mask_answer(answer.body, case)
