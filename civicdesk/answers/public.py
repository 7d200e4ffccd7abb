"""What the citizen-facing pages show of a case's answer — the public text of the newest approved
answer (masked), the answer excerpts of a list of cases read in one query — and the whole tracking
page: the public view, or the reporter's own once proved (`petitions.reporter_access`)."""

import hashlib
from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.text import Truncator

from civicdesk.answers import evidence, signing
from civicdesk.answers.models import Answer, SigningIdentity
from civicdesk.notifications import dispatch
from civicdesk.petitions import permissions, public, public_text
from civicdesk.petitions.models import Case
from civicdesk.workflow import me_too, refusals


def approved_answer_text(case: Case) -> str:
    """The public text of the newest approved answer, or '' when none is approved yet."""
    answer = Answer.objects.latest_approved(case)
    if answer is None:
        return ""
    return answer.public_body or public_text.mask_answer(answer.body, case)


def answer_evidence(case: Case) -> dict | None:
    """The proof shown under the public answer: its photos (EXIF-free copies, served by
    `answers:public_answer_attachment`) or the officer's reason for having none (masked)."""
    answer = Answer.objects.latest_approved(case)
    if answer is None:
        return None
    photos = evidence.evidence_photos(answer)
    reason = public_text.mask_answer(answer.no_evidence_reason, case) if answer.no_evidence_reason else ""
    if not photos and not reason:
        return None
    return {"photos": photos, "reason": reason}


VERDICT_SECONDS = 3600


def signed_letter(case: Case) -> dict | None:
    """The newest approved answer's signed letter and what a verifier says of it (signer, time,
    intact, trusted), checked against the agency's trusted root; the verdict is kept an hour per
    file and root (`cache`, which fails soft)."""
    answer = Answer.objects.latest_approved(case)
    if answer is None or not answer.letter_file:
        return None
    return {"answer": answer, "number": answer.letter_number, "signed_at": answer.letter_signed_at,
            "verdict": letter_verdict(answer)}


def letter_verdict(answer: Answer) -> signing.Verdict:
    identity = SigningIdentity.objects.filter(agency=answer.case.agency_id).first()
    root_path = identity.trust_root_path if identity else ""
    key = f"civicdesk:letter-verdict:{answer.letter_sha256}:{hashlib.sha256(root_path.encode()).hexdigest()[:16]}"
    verdict = cache.get(key)
    if isinstance(verdict, signing.Verdict):
        return verdict
    try:
        roots = signing.load_certificates([root_path]) if root_path else []
    except signing.SigningError:
        roots = []
    with answer.letter_file.open("rb") as handle:
        verdict = signing.verify(handle.read(), roots)
    cache.set(key, verdict, VERDICT_SECONDS)
    return verdict


def with_public_summaries(cases: Iterable[Case]) -> list[Case]:
    """Cases for a list page, each with `public_title`, `answer_excerpt` (masked) and
    `me_too_count`, reading the approved answers in one query and the counts in another."""
    cases = list(cases)
    counts = me_too.counts([case.pk for case in cases])
    approved = Answer.objects.newest_approved_first()
    prefetch_related_objects(cases, Prefetch("answers", queryset=approved, to_attr="approved_answers"))
    for case in cases:
        case.public_title = public.public_title(case)
        answer = case.approved_answers[0] if case.approved_answers else None  # type: ignore[attr-defined]
        text = (answer.public_body or public_text.mask_answer(answer.body, case)) if answer else ""
        case.answer_excerpt = Truncator(text).chars(180)  # type: ignore[attr-defined]
        case.me_too_count = counts.get(case.pk, 0)  # type: ignore[attr-defined]
    return cases


def reporter_answer_text(case: Case) -> str:
    """The newest approved answer as the agency wrote it: for the reporter only."""
    answer = Answer.objects.latest_approved(case)
    return answer.body if answer is not None else ""


def tracking_context(case: Case, reporter: bool) -> dict:
    """What /tra-cuu/<code>/ shows: to anyone holding the code, the public (masked) view without the
    address line or contact hints; to the proved reporter, their own texts, answer and contact hints.
    A case merged into another shows that case and, once approved, its public answer. A complaint or
    denunciation shows no text at all to anyone but its sender (it is never public). A refused case
    shows the legal ground, the reason and where to file instead (`refusal`)."""
    return {**_own_context(case, reporter), **merged_context(case)}


def merged_context(case: Case) -> dict:
    """`merged_into` (the main case) and `merged_answer` (its public answer, "" until approved)."""
    main = case.duplicate_of if case.duplicate_of_id and case.status == "rejected" else None
    if main is None:
        return {"merged_into": None, "merged_answer": ""}
    return {"merged_into": main, "merged_answer": approved_answer_text(main)}


def _own_context(case: Case, reporter: bool) -> dict:
    if reporter:
        return {
            "reporter": True, "title": case.title, "content": case.content, "address": case.address_text,
            "timeline": public.public_timeline(case, masked=False), "answer": reporter_answer_text(case),
            "contact_hints": public.contact_hints(case), "rejection_reason": case.rejection_reason,
            "reply_to": dispatch.reply_to(case), "reply_via": dispatch.reply_via(case),
            "refusal": refusals.for_citizen(case, case.rejection_reason) if case.status == "rejected" else None,
            "evidence": answer_evidence(case), "letter": signed_letter(case),
        }
    reason = public_text.mask_answer(case.rejection_reason, case)
    hidden = not permissions.shows_text_to_code_holder(case)
    return {
        "reporter": False, "title": "" if hidden else public.public_title(case),
        "content": "" if hidden else public.public_content(case), "address": "", "legal_hidden": hidden,
        "timeline": public.public_timeline(case), "answer": approved_answer_text(case), "contact_hints": [],
        "rejection_reason": reason,
        "reply_to": "", "reply_via": dispatch.reply_via(case),
        "refusal": refusals.for_citizen(case, reason) if case.status == "rejected" else None,
        "evidence": None if hidden else answer_evidence(case),
        "letter": None if hidden else signed_letter(case),
    }
