"""Links that prove an e-mail address before something is done in its name without an account
("tôi cũng gặp", following a case): a signed, timed token carrying what to do, to which case, for
which address. Nothing is stored until the link is opened, so a stranger typing someone else's
address changes nothing; opening the link twice does the thing once (the callers' rows are unique)."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from civicdesk.notifications import dispatch
from civicdesk.notifications.models import Channel, Event
from civicdesk.petitions.models import Case

_SALT = "civicdesk.workflow.confirmations"
PURPOSES = {"me_too": Event.CONFIRM_ME_TOO, "follow": Event.CONFIRM_FOLLOW}


class InvalidLink(ValueError):
    """The link is altered, expired or not for this purpose."""


@dataclass(frozen=True)
class Confirmed:
    purpose: str
    case_id: int
    email: str
    also_follow: bool


def token(purpose: str, case: Case, email: str, *, also_follow: bool = False) -> str:
    return signing.dumps({"p": purpose, "c": case.pk, "e": email, "f": also_follow}, salt=_SALT, compress=True)


def read(value: str) -> Confirmed:
    try:
        data = signing.loads(value, salt=_SALT, max_age=settings.CITIZEN_LINK_HOURS * 3600)
    except signing.BadSignature as exc:  # SignatureExpired is one
        raise InvalidLink(str(exc)) from None
    if not isinstance(data, dict) or data.get("p") not in PURPOSES:
        raise InvalidLink("unknown purpose")
    return Confirmed(data["p"], int(data["c"]), str(data["e"]), bool(data.get("f")))


def send(purpose: str, case: Case, email: str, *, title: str, also_follow: bool = False) -> None:
    """E-mail the link (at most one per address, case and purpose each day: asking again the same
    day sends nothing more, so the form cannot be used to flood someone's mailbox)."""
    from django.utils import timezone

    path = reverse("workflow:confirm", args=[token(purpose, case, email, also_follow=also_follow)])
    dispatch.notify_address(
        case, Channel.EMAIL, email, PURPOSES[purpose], dedupe_key=f"{purpose}:{timezone.localdate().isoformat()}",
        context={"link": settings.SITE_URL.rstrip("/") + path, "title": title, "hours": settings.CITIZEN_LINK_HOURS})
