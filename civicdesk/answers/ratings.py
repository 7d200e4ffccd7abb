"""The citizen's rating of an answer: 1–5 once per answer; a low score offers reopening."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from civicdesk.answers.models import Answer, Rating
from civicdesk.petitions import events
from civicdesk.petitions.models import Case, EventAction
from civicdesk.workflow.operations import WorkflowError
from civicdesk.workflow.states import Operation, check_operation

LOW_RATING = 2


def rate(case: Case, *, score: int, comment: str = "", actor: Any = None) -> Rating:
    """Rate the latest approved answer; refused when this answer has been rated already."""
    if not 1 <= int(score) <= 5:
        raise WorkflowError(_("Hãy chọn mức độ hài lòng từ 1 đến 5."))
    with transaction.atomic():
        case.lock()
        check_operation(case.status, Operation.RATE)
        answer = Answer.objects.latest_approved(case)
        already = Rating.objects.filter(case=case, answer=answer)
        if case.answered_at:
            already = already.filter(created_at__gte=case.answered_at)
        if already.exists():
            raise WorkflowError(_("Quý ông/bà đã đánh giá câu trả lời này."))
        rating = Rating.objects.create(case=case, answer=answer, score=int(score), comment=comment.strip())
        events.record(case, EventAction.RATED, actor, comment.strip(), data={"score": int(score)})
    return rating


def latest_rating(case: Case) -> Rating | None:
    """The rating of the current answer (a rating given before a reopening no longer counts)."""
    rating = case.ratings.order_by("-created_at", "-pk").first()
    if rating is None or (case.answered_at and rating.created_at < case.answered_at):
        return None
    return rating
