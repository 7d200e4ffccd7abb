"""“Tôi cũng gặp” (me too): people saying a case's problem is theirs as well — counted once per
person, shown on the public pages, feeding the case's priority and the dashboard's hot spots.

Who is a person: a signed-in account, or an e-mail address proved by the link `ask_by_email` sends
(a phone number once a channel can send it a code). Each is reduced to a `person_key` — the
account's e-mail address when it has one, so the same person through an account and through a
link counts once; a keyed hash, so the table holds no address. The reporter of the case is not
counted on their own case. A case merged into another counts on the main case.

Priority rule: when an open case reaches `settings.ME_TOO_URGENT_AT` people (10), a case of
normal or complex priority becomes urgent (`operations.raise_priority`: an internal event, and the
handling deadline becomes no later than an urgent case's from that moment).

Called by the public case and tracking pages (`workflow.citizen_views`) and by the "nearby before
sending" offer (“đây cũng là vấn đề của tôi”)."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from civicdesk.petitions import public
from civicdesk.petitions.models import OPEN_STATUSES, Case, Channel, MeToo, Priority, Status
from civicdesk.workflow import confirmations, operations
from civicdesk.workflow.operations import WorkflowError

_SALT = "civicdesk.workflow.me_too"


class MeTooRefused(WorkflowError):
    """Why this person may not say "me too" on this case (message in Vietnamese)."""


@dataclass(frozen=True)
class MeTooOutcome:
    added: bool  # False: this person had already said so (nothing changed)
    count: int  # people who said so on `case`, this one included
    case: Case  # the case counted: the main case when the one asked about was merged into it


def person_key(*, user: Any = None, email: str = "", phone: str = "") -> str:
    """One key per person: an account by its e-mail address if it has one (else by its id), an
    address by itself — lower-cased e-mail, digits of a phone number with 0 for +84."""
    if user is not None and getattr(user, "is_authenticated", False):
        if user.email:
            email = user.email
        else:
            return f"u:{user.pk}"
    if email.strip():
        return "e:" + salted_hmac(_SALT, email.strip().lower(), algorithm="sha256").hexdigest()[:64]
    digits = "".join(c for c in phone if c.isdigit())
    if digits.startswith("84") and len(digits) > 9:
        digits = "0" + digits[2:]
    if len(digits) >= 9:
        return "p:" + salted_hmac(_SALT, digits, algorithm="sha256").hexdigest()[:64]
    raise ValueError("person_key needs an account, an e-mail address or a phone number")


def target(case: Case) -> Case:
    """The case a "me too" counts on: the main case of a merged one."""
    return case.duplicate_of if case.duplicate_of_id and case.duplicate_of else case


def refusal(case: Case, *, user: Any = None, email: str = "") -> str:
    """Why "me too" is not offered or not taken on `case` for this person ("" = it is)."""
    case = target(case)
    if case.status == Status.REJECTED:
        return _("Phản ánh này không được thụ lý nên không ghi nhận thêm người cùng gặp.")
    if user is not None and getattr(user, "is_authenticated", False) and case.user_id == user.pk:
        return _("Đây là phản ánh của chính Quý ông/bà.")
    reporter_email = (case.reporter_email or "").strip().lower()
    if reporter_email and reporter_email in {(email or "").strip().lower(),
                                             (getattr(user, "email", "") or "").strip().lower()}:
        return _("Đây là phản ánh của chính Quý ông/bà.")
    return ""


def add(case: Case, *, user: Any = None, email: str = "", phone: str = "", channel: str = Channel.WEB) -> MeTooOutcome:
    """Count this person on `case` (or its main case). `user` must be signed in; `email`/`phone`
    must already be proved (a confirmation link, a code) — use `ask_by_email` otherwise.
    Raises MeTooRefused (rejected case, the reporter's own case); saying it twice counts once."""
    case = target(case)
    reason = refusal(case, user=user, email=email)
    if reason:
        raise MeTooRefused(reason)
    key = person_key(user=user, email=email, phone=phone)
    account = user if user is not None and getattr(user, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            MeToo.objects.create(case=case, person_key=key, user=account, channel=channel, created_at=timezone.now())
    except IntegrityError:
        return MeTooOutcome(added=False, count=count(case), case=case)
    total = count(case)
    threshold = settings.ME_TOO_URGENT_AT
    if threshold and total >= threshold and case.status in OPEN_STATUSES and case.priority != Priority.URGENT:
        operations.raise_priority(case, reason=_("%(n)s người cho biết cũng gặp vấn đề này.") % {"n": total},
                                  data={"me_too": total})
    return MeTooOutcome(added=True, count=total, case=case)


def ask_by_email(case: Case, email: str, *, also_follow: bool = False) -> None:
    """E-mail `email` a link that, once opened (`confirm`), counts it on `case` (and, with
    `also_follow`, makes it a follower). Raises MeTooRefused as `add` would."""
    case = target(case)
    reason = refusal(case, email=email)
    if reason:
        raise MeTooRefused(reason)
    confirmations.send("me_too", case, email.strip(), title=public.public_title(case), also_follow=also_follow)


def count(case: Case) -> int:
    return MeToo.objects.filter(case=case).count()


def counts(case_ids: list[int]) -> dict[int, int]:
    """People who said "me too", per case id (cases without any are left out)."""
    rows = MeToo.objects.filter(case_id__in=case_ids).values("case_id").annotate(n=Count("id"))
    return {row["case_id"]: row["n"] for row in rows}
