"""The one interface for telling people what happened to a case.

Callers say *what* happened (`notify_reporter(case, "answered")`, `notify_staff(...)`); this
module decides who is told on which channel, stores one `Notification` row per message in the
caller's transaction, and enqueues the sending task after that transaction commits. Rows are
unique per (case, channel, event, recipient, dedupe_key), so asking twice sends once."""

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civicdesk.accounts.models import CitizenPreferences
from civicdesk.notifications.channels import is_configured
from civicdesk.notifications.models import NOT_TO_REPORTER, Channel, Event, Notification

# What the reporter is always told, whatever their account's preferences: the receipt, the answer,
# a refusal or merging (the agency's duty to answer); the steps between may be turned off.
ALWAYS_TOLD = frozenset({Event.RECEIVED, Event.ANSWERED, Event.REJECTED, Event.MERGED})


def notify_reporter(case: Any, event: str, *, dedupe_key: str = "", context: dict | None = None,
                    new_case: bool = False) -> list[Notification]:
    """One message to the reporter, on the channel `reply_route` picks (none when no channel reaches
    them, or when their account turned this kind of step off: `ALWAYS_TOLD` always goes).
    `new_case`: the case was inserted in the current transaction (intake's receipt), so no earlier
    row can conflict and the savepoint that catches a repeat is left out (two round trips)."""
    if event not in ALWAYS_TOLD and not _wants_steps(case):
        return []
    route = reply_route(case)
    if route is None:
        return []
    channel, address = route
    return [_create(case, channel, address, event, dedupe_key, context, to_staff=False, savepoint=not new_case)]


def notify_staff(
    case: Any, users: Iterable[Any], event: str, *, dedupe_key: str = "", context: dict | None = None
) -> list[Notification]:
    created = []
    for user in users:
        if user.email:
            created.append(_create(case, Channel.EMAIL, user.email, event, dedupe_key, context, to_staff=True))
    return created


def _wants_steps(case: Any) -> bool:
    if not case.user_id:
        return True
    return not CitizenPreferences.objects.filter(user_id=case.user_id, case_steps=False).exists()


def notify_address(case: Any, channel: str, address: str, event: str, *, dedupe_key: str = "",
                   context: dict | None = None) -> Notification:
    """A message about `case` to someone who is not its reporter (a follower, a confirmation
    link): it never carries the reporter's own link (`models.NOT_TO_REPORTER`)."""
    return _create(case, channel, address, event, dedupe_key, context, to_staff=False)


# The reporter hears back on the channel they used, then the others in this order. Web, app, API and
# Open311 reporters first get what they chose on the form (`Case.reply_channel`), then DEFAULT_ORDER.
REPLY_ORDER: dict[str, tuple[str, ...]] = {
    "zalo": (Channel.ZALO, Channel.SMS, Channel.EMAIL),
    "sms": (Channel.SMS, Channel.EMAIL, Channel.ZALO),
    "hotline": (Channel.SMS, Channel.EMAIL, Channel.ZALO),
    "email": (Channel.EMAIL, Channel.SMS, Channel.ZALO),
}
DEFAULT_ORDER: tuple[str, ...] = (Channel.EMAIL, Channel.SMS, Channel.ZALO)
# Where the case keeps the reporter's address on each channel.
ADDRESS_FIELDS: dict[str, str] = {Channel.EMAIL: "reporter_email", Channel.SMS: "reporter_phone", Channel.ZALO: "reporter_zalo_id"}


def reply_order(case: Any) -> tuple[str, ...]:
    order = REPLY_ORDER.get(case.channel)
    if order is None:
        chosen = (case.reply_channel,) if case.reply_channel in ADDRESS_FIELDS else ()
        order = chosen + tuple(c for c in DEFAULT_ORDER if c not in chosen)
    return order


def address_for(case: Any, channel: str) -> str:
    field = ADDRESS_FIELDS.get(channel)
    return (getattr(case, field, "") or "").strip() if field else ""


def reply_route(case: Any) -> tuple[str, str] | None:
    """The one (channel, address) on which the reporter hears back: the first channel of
    `reply_order` that the city has configured and for which the case has an address."""
    for channel in reply_order(case):
        address = address_for(case, channel)
        if address and is_configured(channel):
            return channel, address
    return None


def fall_back(failed: Notification) -> Notification | None:
    """A message to the reporter that its channel could not deliver (refused for good, or its
    retries used up): the same message on the next channel of `reply_order` after the failed one
    that the city has configured and for which the case has an address — a new row, so each row
    keeps the channel it went (or failed to go) on, and `context["fallback_of"]` its predecessor.
    None when no channel is left, or the message was not the reporter's (staff, followers, codes)."""
    case = failed.case
    if case is None or failed.to_staff or failed.event in NOT_TO_REPORTER:
        return None
    order = reply_order(case)
    tried = {*failed.context.get("failed_channels", ()), failed.channel}
    later = order[order.index(failed.channel) + 1:] if failed.channel in order else order
    for channel in later:
        address = address_for(case, channel)
        if channel not in tried and address and is_configured(channel):
            context = {**failed.context, "failed_channels": sorted(tried), "fallback_of": failed.pk}
            return _create(case, channel, address, failed.event, failed.dedupe_key, context, to_staff=False)
    return None


def form_reply_channels() -> tuple[str, ...]:
    """What the web form may offer as `reply_channel`: the connected channels it asks an address for."""
    return tuple(c for c in (Channel.EMAIL, Channel.SMS) if is_configured(c))


def code_channels() -> dict[str, str]:
    """Address kind → the channel a one-time code is sent on: e-mail always; a phone number once an
    SMS channel is configured (`channels.is_configured`)."""
    found: dict[str, str] = {"email": Channel.EMAIL}
    if is_configured(Channel.SMS):
        found["phone"] = Channel.SMS
    return found


def send_code(kind: str, address: str, code: str, *, minutes: int) -> Notification:
    """Send a one-time code (`accounts.one_time_codes`) to an e-mail address or a phone number. The
    code stays in the row only until it is sent (`tasks.send_notification` blanks it)."""
    channel = code_channels()[kind]
    return _create(None, channel, address, Event.SIGN_IN_CODE, "", {"code": code, "minutes": minutes},
                   to_staff=False)


def _create(case: Any, channel: str, recipient: str, event: str, dedupe_key: str, context: dict | None,
            *, to_staff: bool, savepoint: bool = True) -> Notification:
    try:
        with transaction.atomic(savepoint=savepoint):
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


# --- telling the citizen how they will hear back -------------------------------------------------

def reply_via(case: Any) -> str:
    """The channel's name as the citizen reads it ("tin nhắn SMS"), or "" when nothing reaches them.
    Without the address: pages that anyone holding the code sees may show it."""
    route = reply_route(case)
    return str(_REPLY_VIA[route[0]]) if route else ""


def reply_to(case: Any) -> str:
    """The channel and the masked address ("tin nhắn SMS đến số 09*****456"), for the reporter and staff."""
    from civicdesk.petitions.public import mask_email, mask_phone

    route = reply_route(case)
    if route is None:
        return ""
    channel, address = route
    if channel == Channel.EMAIL:
        return _("thư điện tử %(email)s") % {"email": mask_email(address)}
    if channel == Channel.SMS:
        return _("tin nhắn SMS đến số %(phone)s") % {"phone": mask_phone(address)}
    return str(_REPLY_VIA[channel])


_REPLY_VIA: dict[str, Any] = {Channel.EMAIL: gettext_lazy("thư điện tử"), Channel.SMS: gettext_lazy("tin nhắn SMS"),
              Channel.ZALO: gettext_lazy("Zalo")}
