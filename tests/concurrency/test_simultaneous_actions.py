"""Two people act on one case at the same moment, on PostgreSQL, from real threads (each with its
own database connection). Every action locks the case row and checks the state it reads under the
lock, so each race ends as if the two had acted one after the other: one valid outcome, one set of
events. Each scenario is played ROUNDS times on fresh cases; threads meet at a barrier so their
transactions overlap."""

import threading
from collections import Counter
from datetime import timedelta
from functools import partial

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone

from civicdesk.accounts.models import Role
from civicdesk.answers import publishing
from civicdesk.answers.models import Answer
from civicdesk.api.models import StaffApiToken
from civicdesk.petitions.models import Case, CaseEvent, EventAction, Status
from civicdesk.workflow import operations
from civicdesk.workflow.models import Transfer
from tests.factories import CaseFactory, UserFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

ROUNDS = 4


def race(*calls):
    """Run each call in its own thread, all released at once; returns ("ok", value) or
    ("refused", exception) per call, in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = ("ok", call())
        except Exception as exc:
            results[index] = ("refused", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert all(not thread.is_alive() for thread in threads), "a thread is stuck (deadlock?)"
    return results


def fresh(case):
    """A separate instance of the row, as each person's page has read it."""
    return Case.objects.get(pk=case.pk)


def fresh_answer(answer):
    return Answer.objects.get(pk=answer.pk)


def _post(url, body, headers):
    return Client().post(url, {"body": body}, content_type="application/json", **headers)


def actions_of(case):
    return Counter(CaseEvent.objects.filter(case=case).values_list("action", flat=True))


def kinds(results):
    return sorted(kind for kind, _value in results)


@pytest.fixture
def second_officer(agency):
    return UserFactory(username="canbo.hai", role=Role.OFFICER, agency=agency)


@pytest.fixture
def second_lead(agency):
    return UserFactory(username="lanhdao.hai", role=Role.LEAD, agency=agency)


def _submitted_case(category, agency, officer):
    case = CaseFactory(category=category, agency=agency, status=Status.IN_PROGRESS, assignee=officer)
    answer = publishing.save_draft(case, officer, "Đã nạo vét cống, hết ngập. Liên hệ chị An 0903123456.",
                                   no_evidence_reason="Nước đã rút trước khi tổ công tác đến chụp ảnh.")
    publishing.submit_for_approval(answer, officer)
    return Case.objects.get(pk=case.pk)


def test_two_officers_start_at_once(category, agency, officer, second_officer):
    for _ in range(ROUNDS):
        case = CaseFactory(category=category, agency=agency, status=Status.ASSIGNED)
        results = race(partial(operations.start, fresh(case), officer),
                       partial(operations.start, fresh(case), second_officer))
        assert kinds(results) == ["ok", "refused"]
        case.refresh_from_db()
        assert case.status == Status.IN_PROGRESS
        winner = officer if results[0][0] == "ok" else second_officer
        assert case.assignee == winner
        moves = CaseEvent.objects.filter(case=case, to_status=Status.IN_PROGRESS)
        assert moves.count() == 1 and moves.get().actor == winner
        assert actions_of(case)[EventAction.ASSIGNEE_SET] == 1


def test_two_leads_approve_at_once(category, agency, officer, lead, second_lead):
    for _ in range(ROUNDS):
        case = _submitted_case(category, agency, officer)
        before = actions_of(case)
        answer = Answer.objects.get(case=case)
        results = race(partial(publishing.approve, fresh_answer(answer), lead),
                       partial(publishing.approve, fresh_answer(answer), second_lead))
        assert kinds(results) == ["ok", "refused"]
        refusal = next(value for kind, value in results if kind == "refused")
        assert isinstance(refusal, publishing.PublishingError)
        case.refresh_from_db()
        answer.refresh_from_db()
        assert case.status == Status.ANSWERED and case.is_public
        assert answer.state == Answer.State.APPROVED
        assert answer.approved_by == (lead if results[0][0] == "ok" else second_lead)
        added = actions_of(case) - before
        # the reporter is told once (the notification is sent in-process here and leaves its event)
        assert added == Counter({EventAction.ANSWER_APPROVED: 1, EventAction.PUBLISHED: 1, EventAction.NOTIFIED: 1})


def test_approve_and_return_at_once(category, agency, officer, lead, second_lead):
    for _ in range(ROUNDS):
        case = _submitted_case(category, agency, officer)
        before = actions_of(case)
        answer = Answer.objects.get(case=case)
        results = race(partial(publishing.approve, fresh_answer(answer), lead),
                       partial(publishing.return_for_changes, fresh_answer(answer), second_lead,
                               "Bổ sung ngày hoàn thành."))
        assert kinds(results) == ["ok", "refused"]
        case.refresh_from_db()
        answer.refresh_from_db()
        added = actions_of(case) - before
        if results[0][0] == "ok":  # approved first: the return finds nothing waiting
            assert (case.status, case.is_public, answer.state) == (Status.ANSWERED, True, Answer.State.APPROVED)
            assert added == Counter({EventAction.ANSWER_APPROVED: 1, EventAction.PUBLISHED: 1,
                                     EventAction.NOTIFIED: 1})
        else:  # returned first: nothing is published
            assert (case.status, case.is_public, answer.state) == (Status.IN_PROGRESS, False, Answer.State.RETURNED)
            assert added == Counter({EventAction.ANSWER_RETURNED: 1})


def test_answer_and_transfer_at_once(category, agency, other_agency, officer, second_officer):
    for _ in range(ROUNDS):
        case = CaseFactory(category=category, agency=agency, status=Status.IN_PROGRESS, assignee=officer)
        before = actions_of(case)
        results = race(
            partial(publishing.write_answer, fresh(case), officer, "Đã sửa xong.", submit=True,
                    no_evidence_reason="Ảnh bổ sung sau."),
            partial(operations.transfer, fresh(case), second_officer, to_agency=other_agency,
                    reason="Thuộc thẩm quyền Sở Y tế"))
        assert kinds(results) == ["ok", "refused"]
        case.refresh_from_db()
        added = actions_of(case) - before
        if results[0][0] == "ok":  # answered first: the case waits for the lead, it cannot move
            assert case.status == Status.AWAITING_APPROVAL and case.agency == agency
            assert Answer.objects.get(case=case).state == Answer.State.SUBMITTED
            assert not Transfer.objects.filter(case=case).exists()
            assert added == Counter({EventAction.ANSWER_DRAFTED: 1})
        else:  # transferred first: the old agency's answer is refused and nothing of it is kept
            assert case.status == Status.ASSIGNED and case.agency == other_agency
            assert not Answer.objects.filter(case=case).exists()
            assert Transfer.objects.get(case=case).state == Transfer.State.PENDING
            assert added == Counter({EventAction.TRANSFERRED: 1})


def test_reopen_and_close_at_once(category, agency, lead):
    for _ in range(ROUNDS):
        case = CaseFactory(category=category, agency=agency, status=Status.ANSWERED,
                           answered_at=timezone.now() - timedelta(hours=1))
        results = race(partial(operations.reopen, fresh(case), reason="Vẫn còn ngập."),
                       partial(operations.close, fresh(case), lead))
        case.refresh_from_db()
        # in the order they were written, which is also the order of their times
        events = list(CaseEvent.objects.filter(case=case).exclude(action=EventAction.NOTIFIED).order_by("id")
                      .values_list("action", "from_status", "to_status"))
        times = list(CaseEvent.objects.filter(case=case).order_by("id").values_list("created_at", flat=True))
        assert times == sorted(times)
        if kinds(results) == ["ok", "refused"]:  # reopened first: an open case cannot be closed
            assert results[0][0] == "ok"
            assert events == [(EventAction.REOPENED, Status.ANSWERED, Status.IN_PROGRESS)]
        else:  # closed first, then reopened within the period: both happened, in that order
            assert kinds(results) == ["ok", "ok"]
            assert events == [(EventAction.CLOSED, Status.ANSWERED, Status.CLOSED),
                              (EventAction.REOPENED, Status.CLOSED, Status.IN_PROGRESS)]
        assert case.status == Status.IN_PROGRESS and case.closed_at is None


def test_two_api_answers_at_once(category, agency, officer, second_officer):
    headers = {user.pk: {"HTTP_AUTHORIZATION": f"Bearer {StaffApiToken.issue(user, 'thử')[1]}"}
               for user in (officer, second_officer)}
    for _ in range(ROUNDS):
        case = CaseFactory(category=category, agency=agency, status=Status.IN_PROGRESS)
        url = f"/api/v1/staff/cases/{case.tracking_code}/answer"
        results = race(partial(_post, url, "Trả lời của cán bộ thứ nhất.", headers[officer.pk]),
                       partial(_post, url, "Trả lời của cán bộ thứ hai.", headers[second_officer.pk]))
        assert all(kind == "ok" for kind, _response in results)
        codes = sorted(response.status_code for _kind, response in results)
        assert codes == [201, 409]
        refused = next(response for _kind, response in results if response.status_code == 409)
        assert refused.json()["code"] == "illegal_transition"
        case.refresh_from_db()
        assert case.status == Status.AWAITING_APPROVAL
        assert list(Answer.objects.filter(case=case).values_list("state", flat=True)) == [Answer.State.SUBMITTED]
        assert actions_of(case)[EventAction.ANSWER_DRAFTED] == 1
