"""The life of an answer: drafted by an officer, submitted, approved (and published) or returned by
the lead. The views check who may act (`civicdesk.petitions.permissions`); each function here locks
the case row, re-reads the answer and checks states (and that the actor still acts for the case's
agency) under that lock, then writes the rows and events. Two leads approving at once, or one
approving while another returns, end with one decision and one set of events."""

import hashlib
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicdesk.answers import evidence, letter, signing
from civicdesk.answers.models import Answer, AnswerAttachment, SigningIdentity
from civicdesk.lib.masking import mask_personal_data
from civicdesk.petitions import attachments, events, permissions, public_text
from civicdesk.petitions.models import Case, EventAction, Status
from civicdesk.petitions.signals import writes_grouped
from civicdesk.workflow import operations
from civicdesk.workflow.transitions import move

EDITABLE_STATES = (Answer.State.DRAFT, Answer.State.RETURNED)
WORKING_STATUSES = (Status.ASSIGNED, Status.IN_PROGRESS)


class PublishingError(ValueError):
    """The answer or the case is not in a state that allows this step; the message is for the user."""


def current_draft(case: Case) -> Answer | None:
    """The answer being written (draft or returned), if any."""
    return case.answers.filter(state__in=EDITABLE_STATES).order_by("-created_at", "-id").first()


def pending_answer(case: Case) -> Answer | None:
    """The answer waiting for the lead, if any."""
    return case.answers.filter(state=Answer.State.SUBMITTED).order_by("-created_at", "-id").first()


def _check_writer(actor: Any, case: Case) -> None:
    if case.status not in WORKING_STATUSES:
        raise PublishingError(_("Chỉ soạn trả lời khi hồ sơ đang được xử lý."))
    if _is_person(actor) and not permissions.can_edit_case(actor, case):
        raise PublishingError(_("Hồ sơ này không còn thuộc đơn vị của bạn."))


def _is_person(actor: Any) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def _locked_answer(answer: Answer) -> Answer:
    """Lock the answer's case, then re-read the answer (every change to an answer holds that lock)."""
    answer.case.lock()
    answer.refresh_from_db(fields=["state", "body", "public_body", "approved_by", "approved_at", "review_note",
                                   "work_done", "no_evidence_reason"])
    return answer


@writes_grouped()
def save_draft(case: Case, author: Any, body: str, *, work_done: bool | None = None,
               no_evidence_reason: str | None = None) -> Answer:
    """Create the draft or update the one being written. `work_done` (the answer says the work is
    done) and `no_evidence_reason` are kept as they were when None."""
    body = (body or "").strip()
    if not body:
        raise PublishingError(_("Nội dung trả lời không được để trống."))
    proof: dict[str, Any] = {}
    if work_done is not None:
        proof["work_done"] = work_done
    if no_evidence_reason is not None:
        proof["no_evidence_reason"] = no_evidence_reason.strip()
    with transaction.atomic():
        case.lock()
        _check_writer(author, case)
        draft = current_draft(case)
        if draft is None:
            return Answer.objects.create(case=case, author=author, body=body, **proof)
        draft.body = body
        for name, value in proof.items():
            setattr(draft, name, value)
        draft.save(update_fields=["body", *proof, "updated_at"])
        return draft


def _check_evidence(answer: Answer) -> dict:
    """Refuse an answer that says work was done without a photo or a reason; the event's data."""
    missing = evidence.missing_evidence(answer)
    if missing:
        raise PublishingError(missing)
    return {"evidence_photos": len(evidence.evidence_photos(answer)), "work_done": evidence.needs_evidence(answer),
            "no_evidence_reason": bool(answer.no_evidence_reason.strip())}


@writes_grouped()
def submit_for_approval(answer: Answer, actor: Any) -> Answer:
    """Officer sends the draft to the lead: the case waits for approval."""
    with transaction.atomic():
        answer = _locked_answer(answer)
        case = answer.case
        if answer.state not in EDITABLE_STATES:
            raise PublishingError(_("Bản trả lời này không còn ở dạng nháp."))
        if not answer.body.strip():
            raise PublishingError(_("Nội dung trả lời không được để trống."))
        _check_writer(actor, case)
        if operations.open_disagreement(case) is not None:
            raise PublishingError(_("Các đơn vị chưa thống nhất: chờ UBND quyết định rồi mới trình duyệt trả lời."))
        proof = _check_evidence(answer)
        answer.state = Answer.State.SUBMITTED
        answer.save(update_fields=["state", "updated_at"])
        move(case, Status.AWAITING_APPROVAL, actor, "", action=EventAction.ANSWER_DRAFTED, is_public=True,
             data={"answer": answer.pk, **proof})
    return answer


@writes_grouped()
def write_answer(case: Case, author: Any, body: str, *, submit: bool, work_done: bool | None = None,
                 no_evidence_reason: str | None = None) -> Answer:
    """Save the draft and, with `submit`, send it to the lead — in one transaction (the staff API)."""
    with transaction.atomic():
        answer = save_draft(case, author, body, work_done=work_done, no_evidence_reason=no_evidence_reason)
        if submit:
            submit_for_approval(answer, author)
    return answer


def _check_reviewable(answer: Answer, actor: Any, refusal: str) -> Case:
    case = answer.case
    if answer.state != Answer.State.SUBMITTED:
        raise PublishingError(refusal)
    if case.status != Status.AWAITING_APPROVAL:
        raise PublishingError(_("Hồ sơ không ở trạng thái chờ duyệt."))
    if _is_person(actor) and not permissions.can_approve(actor, case):
        raise PublishingError(_("Hồ sơ này không còn thuộc đơn vị của bạn."))
    return case


@writes_grouped()
def approve(answer: Answer, actor: Any, note: str = "") -> Answer:
    """The lead approves: the masked text becomes public, the case is answered and the reporter told
    (`civicdesk.notifications.dispatch.case_answered`, after the transaction commits)."""
    with transaction.atomic():
        answer = _locked_answer(answer)
        case = _check_reviewable(answer, actor, _("Chỉ duyệt được bản trả lời đang chờ duyệt."))
        proof = _check_evidence(answer)
        now = timezone.now()
        answer.state = Answer.State.APPROVED
        answer.approved_by = actor
        answer.approved_at = now
        answer.review_note = (note or "").strip()
        answer.public_body = mask_personal_data(answer.body, names=[case.reporter_name])
        publish = not case.legal_kind  # a complaint or denunciation is answered but never published
        if publish:  # set before the answer is saved: the knowledge base mirrors it once, as public
            case.is_public = True
        answer.save(update_fields=["state", "approved_by", "approved_at", "review_note", "public_body",
                                   "updated_at"])
        move(case, Status.ANSWERED, actor, "", action=EventAction.ANSWER_APPROVED, is_public=True,
             data={"answer": answer.pk, **proof}, at=now, also_saved=("is_public",) if publish else ())
        if publish:
            events.record(case, EventAction.PUBLISHED, actor, "", is_public=True, data={"answer": answer.pk}, at=now)
        # The reporter is told by `move` (on commit, for every move to `answered`), so not here again.
    return answer


@writes_grouped()
def return_for_changes(answer: Answer, actor: Any, note: str) -> Answer:
    """The lead sends the draft back with a note (internal): the case is in progress again."""
    note = (note or "").strip()
    if not note:
        raise PublishingError(_("Hãy ghi rõ cần sửa gì khi trả lại bản trả lời."))
    with transaction.atomic():
        answer = _locked_answer(answer)
        case = _check_reviewable(answer, actor, _("Chỉ trả lại được bản trả lời đang chờ duyệt."))
        answer.state = Answer.State.RETURNED
        answer.review_note = note
        answer.save(update_fields=["state", "review_note", "updated_at"])
        move(case, Status.IN_PROGRESS, actor, note, action=EventAction.ANSWER_RETURNED, is_public=False,
             data={"answer": answer.pk})
    return answer


@writes_grouped()
def attach_files(answer: Answer, uploads: list, actor: Any) -> list[AnswerAttachment]:
    """Check every upload like intake does (type from the bytes, size), then store them all or none."""
    if answer.state not in EDITABLE_STATES:  # checked again under the lock below
        raise PublishingError(_("Chỉ đính kèm tệp vào bản trả lời đang soạn."))
    if answer.attachments.count() + len(uploads) > settings.ATTACHMENT_MAX_FILES:
        raise PublishingError(_("Mỗi bản trả lời có tối đa %(max)s tệp.") % {"max": settings.ATTACHMENT_MAX_FILES})
    try:
        checked = [attachments.check_upload(upload) for upload in uploads]
    except attachments.AttachmentError as exc:
        raise PublishingError(str(exc)) from None
    # Public copies and file writes before the transaction (it holds only the INSERTs, under the
    # case's row lock); the files are removed again if the rows are not stored.
    uploader = actor if _is_person(actor) else None
    stored: list[AnswerAttachment] = []
    try:
        for item in checked:
            stored.append(attachments.write(AnswerAttachment(answer=answer, uploaded_by=uploader),
                                            attachments.prepare(item)))
        with transaction.atomic():
            answer = _locked_answer(answer)
            if answer.state not in EDITABLE_STATES:
                raise PublishingError(_("Chỉ đính kèm tệp vào bản trả lời đang soạn."))
            if answer.attachments.count() + len(stored) > settings.ATTACHMENT_MAX_FILES:
                raise PublishingError(_("Mỗi bản trả lời có tối đa %(max)s tệp.")
                                      % {"max": settings.ATTACHMENT_MAX_FILES})
            for row in stored:
                row.answer = answer
                row.save()
    except BaseException:
        attachments.discard(stored)
        raise
    return stored


@writes_grouped()
def issue_letter(answer: Answer, actor: Any) -> Answer:
    """Issue the approved answer as an official letter (Decree 30/2020 layout) signed with the
    agency's digital signature (PAdES). Numbered per agency and year under the lock of the agency's
    signing identity; the letter carries the public (masked) text and is public with the case."""
    with transaction.atomic():
        answer = _locked_answer(answer)
        answer.refresh_from_db(fields=["letter_file", "letter_number"])
        case = answer.case
        if answer.state != Answer.State.APPROVED or case.status not in (Status.ANSWERED, Status.CLOSED):
            raise PublishingError(_("Chỉ phát hành văn bản cho câu trả lời đã duyệt."))
        if answer.letter_file:
            raise PublishingError(_("Câu trả lời này đã có văn bản ký số %(number)s.") % {"number": answer.letter_number})
        if _is_person(actor) and not permissions.can_approve(actor, case):
            raise PublishingError(_("Hồ sơ này không còn thuộc đơn vị của bạn."))
        identity = SigningIdentity.objects.select_for_update().filter(agency=case.agency_id, is_active=True).first()
        if identity is None:
            raise PublishingError(_("Đơn vị chưa cấu hình chữ ký số (quản trị: Chữ ký số của đơn vị)."))
        try:
            signer = signing.load_signer(identity.key_path, identity.cert_path,
                                         [identity.chain_path] if identity.chain_path else [], identity.passphrase_env)
        except signing.SigningError as exc:
            raise PublishingError(str(exc)) from None
        now = timezone.now()
        issued = Answer.objects.filter(case__agency=case.agency_id, letter_signed_at__year=timezone.localtime(now).year)
        number = f"{issued.exclude(letter_number='').count() + 1}/{identity.symbol}"
        body = answer.public_body or public_text.mask_answer(answer.body, case)
        pdf = letter.render(letter.LetterText(
            parent_name=identity.parent_name, agency_name=case.agency.name if case.agency else "", number=number,
            place=identity.place, issued_at=now, tracking_code=case.tracking_code,
            subject=f"trả lời phản ánh, kiến nghị {case.tracking_code}", body=body,
            signer_authority=identity.signer_authority, signer_name=identity.signer_name))
        signed = signing.sign(pdf, signer, reason=f"Trả lời phản ánh, kiến nghị {case.tracking_code}",
                              location=identity.place)
        answer.letter_file.save(f"{case.tracking_code}-{answer.pk}.pdf", ContentFile(signed), save=False)
        try:
            answer.letter_number = number
            answer.letter_signed_at = now
            answer.letter_sha256 = hashlib.sha256(signed).hexdigest()
            answer.save(update_fields=["letter_file", "letter_number", "letter_signed_at", "letter_sha256",
                                       "updated_at"])
            events.record(case, EventAction.LETTER_SIGNED, actor, number, is_public=True,
                          data={"answer": answer.pk, "sha256": answer.letter_sha256}, at=now)
        except BaseException:
            answer.letter_file.delete(save=False)
            raise
    return answer
