"""A citizen's own data, on their request (PDPL 91/2025/QH15; Decree 13/2023 art. 14 and 16):

- `export(user)`: everything the city keeps about the account — the account, its proved
  addresses and preferences, its cases with their texts, public timeline, ratings and the messages
  sent about them, what it follows and said "tôi cũng gặp" to — as JSON in a zip, with the
  original files the citizen sent;
- `request_erasure(user)`: recorded at once (`ErasureRequest`) and carried out at once for every
  case that has ended (`retention.erase_on_request`: the same erasure as at the end of the
  retention period, statistics kept); the account itself is erased (deactivated, name, e-mail,
  phone, addresses and preferences gone; follows deleted; "tôi cũng gặp" kept as anonymous
  counts). A case still being handled keeps its reporter's contact data until it ends — the agency
  must be able to answer — and `carry_out_waiting()` (nightly, Celery beat) erases it then. The
  request is due `ERASURE_DUE` after it was made; the citizen is told what waits and why."""

import io
import json
import zipfile
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from civicdesk.accounts.models import CitizenPreferences, OneTimeCode, VerifiedAddress
from civicdesk.petitions import claims, public, retention
from civicdesk.petitions.models import Attachment, Case, ErasureRequest, Follower, MeToo

# Decree 13/2023 art. 16(4): erasure within 72 hours of the request.
ERASURE_DUE = timedelta(hours=72)


def _case_data(case: Case) -> dict[str, Any]:
    return {
        "tracking_code": case.tracking_code, "kind": case.kind, "title": case.title, "content": case.content,
        "status": case.status, "category": case.category.name if case.category else "",
        "address": case.address_text, "ward": case.ward.name if case.ward else "", "lat": case.lat, "lon": case.lon,
        "reporter_name": case.reporter_name, "reporter_email": case.reporter_email,
        "reporter_phone": case.reporter_phone, "hide_identity": case.hide_identity,
        "created_at": case.created_at, "answered_at": case.answered_at, "closed_at": case.closed_at,
        "consent_at": case.consent_at, "merged_into": case.duplicate_of.tracking_code if case.duplicate_of else "",
        "timeline": [{"at": e.created_at, "step": public.public_timeline_label(e), "note": e.note}
                     for e in case.timeline(public_only=True)],
        # reverse relations of the apps above (answers, notifications): read, not imported
        "answers": [{"approved_at": a.approved_at, "text": a.body}
                    for a in case.answers.filter(state="approved").order_by("approved_at")],  # type: ignore[attr-defined]
        "ratings": list(case.ratings.values("score", "comment", "created_at")),  # type: ignore[attr-defined]
        "messages_sent": list(case.notifications.filter(to_staff=False)  # type: ignore[attr-defined]
                              .values("channel", "recipient", "event", "sent_at")),
        "attachments": [a.original_name for a in case.attachments.all()],
    }


def export(user: Any) -> bytes:
    """The zip a citizen downloads: `du-lieu-cua-toi.json` and `tep/<code>/<file>` originals."""
    claims.claim(user)
    cases = list(claims.cases_of(user).select_related("category", "ward", "duplicate_of").order_by("created_at"))
    preferences = CitizenPreferences.of(user)
    data = {
        "exported_at": timezone.now(),
        "account": {"username": user.username, "full_name": user.full_name, "email": user.email,
                    "phone": user.phone, "date_joined": user.date_joined, "last_login": user.last_login},
        "proved_addresses": list(VerifiedAddress.objects.filter(user=user).values("kind", "address", "verified_at")),
        "preferences": {"case_steps": preferences.case_steps, "followed_steps": preferences.followed_steps},
        "cases": [_case_data(case) for case in cases],
        "following": list(Follower.objects.filter(user=user).values_list("case__tracking_code", flat=True)),
        "me_too": list(MeToo.objects.filter(user=user).values_list("case__tracking_code", flat=True)),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("du-lieu-cua-toi.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
        for item in Attachment.objects.filter(case__in=cases).select_related("case"):
            if item.file:
                with item.file.open("rb") as handle:
                    archive.writestr(f"tep/{item.case.tracking_code}/{item.stored_name}", handle.read())
    return buffer.getvalue()


def request_erasure(user: Any) -> ErasureRequest:
    """Record the request and carry out what may be at once (see the module's docstring)."""
    now = timezone.now()
    claims.claim(user)
    case_ids = list(claims.cases_of(user).values_list("pk", flat=True))
    with transaction.atomic():
        request = ErasureRequest.objects.create(user=user, account_id=user.pk, requested_at=now,
                                                due_at=now + ERASURE_DUE, cases_waiting=case_ids)
        # Follows go; "tôi cũng gặp" stays counted, no longer linked to anyone.
        Follower.objects.filter(user=user).delete()
        for row in MeToo.objects.filter(user=user):
            MeToo.objects.filter(pk=row.pk).update(user=None, person_key=f"x:{row.pk}")
        VerifiedAddress.objects.filter(user=user).delete()
        CitizenPreferences.objects.filter(user=user).delete()
        OneTimeCode.objects.filter(user=user).delete()
        # The cases keep pointing at nobody: the waiting ones are found again by their ids.
        Case.objects.filter(pk__in=case_ids).update(user=None)
        user.username = f"da-xoa-{user.pk}"
        user.full_name = user.first_name = user.last_name = ""
        user.email = user.phone = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
    carry_out(request)
    return request


def carry_out(request: ErasureRequest) -> ErasureRequest:
    """Erase the cases of the request that have ended; the request is complete when none waits."""
    waiting = list(Case.objects.filter(pk__in=request.cases_waiting, personal_data_erased_at__isnull=True)
                   .values_list("pk", flat=True))
    erased = retention.erase_on_request(waiting, request_id=request.pk)
    still = list(Case.objects.filter(pk__in=waiting, personal_data_erased_at__isnull=True).values_list("pk", flat=True))
    request.cases_erased += erased.cases
    request.cases_waiting = still
    if not still:
        request.completed_at = timezone.now()
    request.save(update_fields=["cases_erased", "cases_waiting", "completed_at"])
    return request


def carry_out_waiting() -> int:
    """The nightly pass: requests whose cases have ended since. Returns the requests completed."""
    done = 0
    for request in ErasureRequest.objects.filter(completed_at__isnull=True):
        done += carry_out(request).completed_at is not None
    return done
