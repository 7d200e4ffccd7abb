"""Following a case ("theo dõi"): anyone — with an account, or with an e-mail address proved by
the link `ask_by_email` sends — is told of each public step of a case, once per step
(`notify_step`: one `Notification` per follower and event, deduplicated by the event's id), with a
link to stop in every message (`unsubscribe_token`, no sign-in needed).

A follower is not the reporter: the messages carry the public (masked) title and step, never the
reporter's own link. Following a merged case follows its main case."""

from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from civicdesk.accounts.models import CitizenPreferences
from civicdesk.notifications import dispatch
from civicdesk.notifications.models import Channel, Event
from civicdesk.petitions import public, public_text
from civicdesk.petitions.models import Case, CaseEvent, EventAction, Follower, Status
from civicdesk.workflow import confirmations
from civicdesk.workflow.operations import WorkflowError

_SALT = "civicdesk.workflow.following"


class FollowRefused(WorkflowError):
    """Why this case cannot be followed (message in Vietnamese)."""


def target(case: Case) -> Case:
    return case.duplicate_of if case.duplicate_of_id and case.duplicate_of else case


def _check(case: Case) -> None:
    if case.status == Status.REJECTED:
        raise FollowRefused(_("Phản ánh này không được thụ lý nên không có diễn biến để theo dõi."))


def follow(case: Case, *, user: Any = None, email: str = "") -> Follower:
    """Follow `case` (its main case if merged) as a signed-in `user` or a proved `email`; following
    twice keeps one row."""
    case = target(case)
    _check(case)
    account = user if user is not None and getattr(user, "is_authenticated", False) else None
    if account is None and not email.strip():
        raise ValueError("follow needs a signed-in user or a proved e-mail address")
    lookup = {"case": case, "user": account} if account else {"case": case, "user": None, "email": email.strip().lower()}
    try:
        with transaction.atomic():
            return Follower.objects.create(**lookup, created_at=timezone.now())
    except IntegrityError:
        return Follower.objects.get(**lookup)


def unfollow(case: Case, *, user: Any = None, email: str = "") -> int:
    case = target(case)
    if user is not None and getattr(user, "is_authenticated", False):
        return Follower.objects.filter(case=case, user=user).delete()[0]
    return Follower.objects.filter(case=case, user=None, email=email.strip().lower()).delete()[0]


def is_following(case: Case, user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False)
                and Follower.objects.filter(case=target(case), user=user).exists())


def ask_by_email(case: Case, email: str) -> None:
    case = target(case)
    _check(case)
    confirmations.send("follow", case, email.strip(), title=public.public_title(case))


def unsubscribe_token(follower: Follower) -> str:
    return f"{follower.pk}-" + salted_hmac(_SALT, f"{follower.pk}:{follower.case_id}",
                                           algorithm="sha256").hexdigest()[:32]


def follower_for_token(token: str) -> Follower | None:
    pk = (token or "").partition("-")[0]
    follower = Follower.objects.filter(pk=int(pk)).select_related("case").first() if pk.isdigit() else None
    if follower is None or not constant_time_compare(unsubscribe_token(follower), token):
        return None
    return follower


# Public events a follower is not told of: the case's creation (nobody follows yet), the messages
# themselves, the reporter's rating, and publication (told with the approval just before it).
QUIET_ACTIONS = frozenset({EventAction.CREATED, EventAction.NOTIFIED, EventAction.RATED, EventAction.PUBLISHED})


def notify_step(event: CaseEvent) -> list[Any]:
    """Tell every follower of the event's case of a public step — once per follower and event
    (the notification's dedupe key is the event's id, so a second call sends nothing)."""
    if not event.is_public or event.action in QUIET_ACTIONS or event.from_status == Status.RECEIVED:
        return []  # leaving `received` is intake's routing, in the case's first transaction: no followers yet
    case = event.case
    if case.created_at and event.created_at <= case.created_at:
        return []  # intake's own steps: nobody can follow a case before it exists (and no query on the hot path)
    followers = list(Follower.objects.filter(case=case).select_related("user"))
    if not followers:
        return []
    step = public.public_timeline_label(event)
    note = public_text.mask(event.note, case) if event.note else ""
    path = reverse("petitions:public_detail" if case.is_public else "petitions:track", args=[case.tracking_code])
    sent = []
    for follower in followers:
        address = follower.user.email if follower.user_id and follower.user else follower.email
        if not address or not wants_email(follower):
            continue
        sent.append(dispatch.notify_address(case, Channel.EMAIL, address, Event.FOLLOWED_STEP,
                                           dedupe_key=f"event:{event.pk}", context={
            "title": public.public_title(case), "step": step, "note": note, "path": path,
            "unsubscribe": settings.SITE_URL.rstrip("/") + reverse("workflow:unsubscribe",
                                                                  args=[unsubscribe_token(follower)])}))
    return sent


def wants_email(follower: Follower) -> bool:
    """An account may have turned these messages off (its notification preferences)."""
    if follower.user_id is None:
        return True
    return not CitizenPreferences.objects.filter(user_id=follower.user_id, followed_steps=False).exists()


def _event_saved(sender: Any, instance: CaseEvent, created: bool = False, raw: bool = False, **kwargs: Any) -> None:
    if created and not raw:
        notify_step(instance)


def connect() -> None:
    post_save.connect(_event_saved, sender=CaseEvent, dispatch_uid="workflow_following_steps")
