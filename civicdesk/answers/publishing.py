"""The life of an answer: drafted by an officer, submitted, approved (and published) or returned by
the lead. Permissions are checked by the caller (`civicdesk.petitions.permissions`); this module
checks states and writes the rows and events."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicdesk.answers.models import Answer
from civicdesk.lib.masking import mask_personal_data
from civicdesk.petitions import events
from civicdesk.petitions.models import Case, EventAction
from civicdesk.workflow.states import Status
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


def save_draft(case: Case, author: Any, body: str) -> Answer:
    """Create the draft or update the one being written."""
    body = (body or "").strip()
    if not body:
        raise PublishingError(_("Nội dung trả lời không được để trống."))
    if case.status not in WORKING_STATUSES:
        raise PublishingError(_("Chỉ soạn trả lời khi hồ sơ đang được xử lý."))
    with transaction.atomic():
        draft = current_draft(case)
        if draft is None:
            return Answer.objects.create(case=case, author=author, body=body)
        draft.body = body
        draft.save(update_fields=["body", "updated_at"])
        return draft


def submit_for_approval(answer: Answer, actor: Any) -> Answer:
    """Officer sends the draft to the lead: the case waits for approval."""
    if answer.state not in EDITABLE_STATES:
        raise PublishingError(_("Bản trả lời này không còn ở dạng nháp."))
    if not answer.body.strip():
        raise PublishingError(_("Nội dung trả lời không được để trống."))
    case = answer.case
    with transaction.atomic():
        answer.state = Answer.State.SUBMITTED
        answer.save(update_fields=["state", "updated_at"])
        move(case, Status.AWAITING_APPROVAL, actor, "", action=EventAction.ANSWER_DRAFTED, is_public=True,
             data={"answer": answer.pk})
    return answer


def approve(answer: Answer, actor: Any, note: str = "") -> Answer:
    """The lead approves: the masked text becomes public, the case is answered and the reporter told
    (`civicdesk.notifications.dispatch.case_answered`, after the transaction commits)."""
    if answer.state != Answer.State.SUBMITTED:
        raise PublishingError(_("Chỉ duyệt được bản trả lời đang chờ duyệt."))
    case = answer.case
    if case.status != Status.AWAITING_APPROVAL:
        raise PublishingError(_("Hồ sơ không ở trạng thái chờ duyệt."))
    now = timezone.now()
    with transaction.atomic():
        answer.state = Answer.State.APPROVED
        answer.approved_by = actor
        answer.approved_at = now
        answer.review_note = (note or "").strip()
        answer.public_body = mask_personal_data(answer.body, names=[case.reporter_name])
        answer.save(update_fields=["state", "approved_by", "approved_at", "review_note", "public_body",
                                   "updated_at"])
        move(case, Status.ANSWERED, actor, "", action=EventAction.ANSWER_APPROVED, is_public=True,
             data={"answer": answer.pk}, at=now)
        case.is_public = True
        case.save(update_fields=["is_public", "updated_at"])
        events.record(case, EventAction.PUBLISHED, actor, "", is_public=True, data={"answer": answer.pk}, at=now)
        # The reporter is told by `move` (on commit, for every move to `answered`), so not here again.
    return answer


def return_for_changes(answer: Answer, actor: Any, note: str) -> Answer:
    """The lead sends the draft back with a note (internal): the case is in progress again."""
    note = (note or "").strip()
    if not note:
        raise PublishingError(_("Hãy ghi rõ cần sửa gì khi trả lại bản trả lời."))
    if answer.state != Answer.State.SUBMITTED:
        raise PublishingError(_("Chỉ trả lại được bản trả lời đang chờ duyệt."))
    case = answer.case
    with transaction.atomic():
        answer.state = Answer.State.RETURNED
        answer.review_note = note
        answer.save(update_fields=["state", "review_note", "updated_at"])
        move(case, Status.IN_PROGRESS, actor, note, action=EventAction.ANSWER_RETURNED, is_public=False,
             data={"answer": answer.pk})
    return answer
