from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from civicdesk.answers import ratings
from civicdesk.answers.models import Rating
from civicdesk.petitions import reporter_access
from civicdesk.petitions.models import CaseEvent, EventAction, Status
from civicdesk.workflow import refusals
from civicdesk.workflow.operations import WorkflowError
from civicdesk.workflow.states import IllegalTransition


@pytest.fixture
def answered_case(case):
    case.status = Status.ANSWERED
    case.answered_at = timezone.now() - timedelta(hours=2)
    case.save()
    return case


def _citizen_panel(case):
    request = RequestFactory().get("/")
    return Template('{% include "workflow/_citizen_actions.html" %}').render(Context({
        "case": case, "request": request, "reporter": True, "rejection_reason": case.rejection_reason,
        "refusal": refusals.for_citizen(case, case.rejection_reason)}))


def test_the_citizen_rates_once(client, answered_case):
    client.get(reporter_access.secret_link(answered_case, absolute=False))
    response = client.post(f"/quy-trinh/danh-gia/{answered_case.tracking_code}/", {"score": "4", "comment": "Xử lý nhanh"})
    assert response.status_code == 302
    rating = Rating.objects.get(case=answered_case)
    assert (rating.score, rating.comment) == (4, "Xử lý nhanh")
    assert CaseEvent.objects.get(case=answered_case, action=EventAction.RATED).data == {"score": 4}
    with pytest.raises(WorkflowError):
        ratings.rate(answered_case, score=5)


def test_a_case_without_answer_cannot_be_rated(case):
    with pytest.raises(IllegalTransition):
        ratings.rate(case, score=3)


def test_scores_outside_one_to_five_are_refused(answered_case):
    with pytest.raises(WorkflowError):
        ratings.rate(answered_case, score=6)


def test_the_panel_offers_rating_then_reopen_after_a_low_score(answered_case):
    assert 'id="rating-submit"' in _citizen_panel(answered_case)
    ratings.rate(answered_case, score=2, comment="Chưa xử lý triệt để")
    html = _citizen_panel(answered_case)
    assert 'id="rating-submit"' not in html
    assert 'id="reopen-offer"' in html


def test_a_good_score_does_not_offer_reopen(answered_case):
    ratings.rate(answered_case, score=5)
    assert 'id="reopen-offer"' not in _citizen_panel(answered_case)


def test_the_panel_shows_the_rejection_reason(case):
    case.status = Status.REJECTED
    case.rejection_reason = "Nội dung không thuộc phạm vi tiếp nhận"
    case.save()
    assert "Nội dung không thuộc phạm vi tiếp nhận" in _citizen_panel(case)
