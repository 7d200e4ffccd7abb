"""`civicdesk demo --no-serve` on a small run. Preparing the demo is the expensive part (a few
seconds), so each test runs it once and checks several facts of the result."""

from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from civicdesk.accounts.models import Role, User
from civicdesk.answers.models import Answer, Rating
from civicdesk.demo import generator
from civicdesk.demo.users import DEMO_PASSWORD, DEMO_USERS
from civicdesk.lib.masking import mask_personal_data
from civicdesk.organisation.models import AdminUnit, Agency, RoutingRule
from civicdesk.petitions.models import Case, CaseEvent, Category, Channel, Kind, Status
from civicdesk.routing.classifier import current_model
from civicdesk.workflow.states import TRANSITIONS, IllegalTransition, can_operate

CASES = 200


def run_demo(cases: int) -> str:
    out = StringIO()
    call_command("demo", "--cases", str(cases), "--no-serve", "--skip-kb", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    return run_demo(CASES)


def test_the_demo_is_a_complete_city(demo, settings):
    check_output(demo)
    check_router(settings.MODEL_DIR)
    check_city()
    check_users()
    check_coverage()
    check_histories()
    check_deadlines()
    check_answers()


def check_output(demo):
    assert "http://127.0.0.1:8000/" in demo
    for user in DEMO_USERS:
        assert user["username"] in demo
    assert DEMO_PASSWORD in demo


def check_city():
    assert AdminUnit.objects.filter(parent__code="79").count() == 168
    assert Agency.objects.filter(kind=Agency.Kind.WARD_COMMITTEE).count() == 168
    ben_thanh = Agency.objects.get(code="ubnd-phuong-ben-thanh")
    assert ben_thanh.ward.code == "26743"
    assert Agency.objects.filter(code__in=["so-xay-dung", "so-y-te", "sawaco", "evnhcmc"]).count() == 4
    assert Category.objects.count() == 15
    assert RoutingRule.objects.get(category__code="trat-tu-do-thi", ward=None).to_ward_committee
    assert RoutingRule.objects.get(category__code="y-te", ward=None).agency.code == "so-y-te"


def check_users():
    for spec in DEMO_USERS:
        user = User.objects.get(username=spec["username"])
        assert user.role == spec["role"]
        assert (user.agency.code if user.agency else None) == spec["agency"]
        client = Client()
        client.post("/tai-khoan/dang-nhap/", {"username": spec["username"], "password": DEMO_PASSWORD})
        assert client.session.get("_auth_user_id") == str(user.pk)
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="canbo.benthanh").role == Role.OFFICER


def check_router(model_dir):
    """The demo city routes with a model trained on what its operators confirmed."""
    confirmed = Case.objects.filter(category_confirmed=True).count()
    assert confirmed >= 30
    model = current_model(model_dir)
    assert model is not None and model.trained_on >= confirmed


def check_coverage():
    demo_cases = Case.objects.filter(idempotency_key__startswith=generator.KEY_PREFIX)
    assert demo_cases.count() == CASES
    assert set(demo_cases.values_list("status", flat=True)) == set(Status.values)
    assert set(demo_cases.exclude(category=None).values_list("category__code", flat=True)) == set(
        Category.objects.values_list("code", flat=True))
    assert set(demo_cases.values_list("kind", flat=True)) == set(Kind.values)
    assert set(demo_cases.values_list("channel", flat=True)) == set(Channel.values)
    assert demo_cases.filter(agency__code="ubnd-phuong-ben-thanh").exists()
    assert demo_cases.filter(agency__code="so-xay-dung").exists()
    assert demo_cases.filter(lat__isnull=False).exists()


def check_histories():
    events = defaultdict(list)
    for event in CaseEvent.objects.order_by("created_at", "id"):
        events[event.case_id].append(event)
    for case in Case.objects.all():
        history = events[case.pk]
        assert history[0].action == "created" and history[0].to_status == Status.RECEIVED
        status = ""
        for event in history:
            assert case.created_at <= event.created_at
            operation = generator.EVENT_OPERATIONS.get(event.action)
            if operation is not None and status:  # an action the state machine allows only in some states
                assert can_operate(status, operation), (case.tracking_code, status, event.action)
            if event.to_status:
                if status:
                    assert event.from_status == status, (case.tracking_code, event.action)
                    assert event.to_status in TRANSITIONS[status], (case.tracking_code, status, event.to_status)
                status = event.to_status
        assert status == case.status, case.tracking_code


def check_deadlines():
    handling = Case.objects.filter(status__in=[Status.ASSIGNED, Status.IN_PROGRESS, Status.AWAITING_APPROVAL])
    assert handling.exists()
    assert not handling.filter(agency=None).exists()
    assert not handling.filter(due_at=None).exists()
    assert not Case.objects.filter(status__in=[Status.RECEIVED, Status.TRIAGE]).exclude(agency=None).exists()
    assert not Case.objects.filter(status=Status.REJECTED, rejection_reason="").exists()


def check_answers():
    answered = Case.objects.filter(status__in=[Status.ANSWERED, Status.CLOSED])
    assert answered.exists()
    for case in answered:
        answer = case.answers.filter(state=Answer.State.APPROVED).latest("approved_at")
        assert case.is_public and case.answered_at is not None
        assert answer.approved_by.agency_id == case.agency_id
        assert answer.public_body == mask_personal_data(answer.body, names=[case.reporter_name])
        assert case.reporter_phone not in answer.public_body
    awaiting = Case.objects.filter(status=Status.AWAITING_APPROVAL)
    assert all(c.answers.filter(state=Answer.State.SUBMITTED).exists() for c in awaiting)
    assert Rating.objects.exists()
    assert not Rating.objects.exclude(case__status__in=[Status.ANSWERED, Status.CLOSED]).exists()
    # The history keeps its times: an answer is as old as the event that first submitted it, and
    # a case was last updated by its last event (not at the time of the run).
    drafted = {}
    for event in CaseEvent.objects.filter(action="answer_drafted").order_by("created_at", "id"):
        drafted.setdefault(event.data["answer"], event.created_at)
    assert {answer.pk: answer.created_at for answer in Answer.objects.all()} == drafted
    for case in Case.objects.all()[:50]:
        assert case.updated_at == case.events.latest("created_at").created_at


def test_a_second_run_keeps_the_data_and_adds_nothing(db):
    run_demo(60)
    before = (Case.objects.count(), CaseEvent.objects.count(), Answer.objects.count(), User.objects.count(),
              Agency.objects.count())
    codes = set(Case.objects.values_list("tracking_code", flat=True))
    out = StringIO()
    call_command("demo", "--cases", "60", "--no-serve", "--skip-kb", stdout=out)
    assert "already loaded" in out.getvalue()
    assert (Case.objects.count(), CaseEvent.objects.count(), Answer.objects.count(), User.objects.count(),
            Agency.objects.count()) == before
    assert set(Case.objects.values_list("tracking_code", flat=True)) == codes


def test_a_larger_run_adds_only_the_missing_cases_and_they_are_reproducible(db):
    run_demo(40)
    first = dict(Case.objects.values_list("idempotency_key", "tracking_code"))
    run_demo(50)
    after = dict(Case.objects.values_list("idempotency_key", "tracking_code"))
    assert len(after) == 50
    assert {key: after[key] for key in first} == first
    case = Case.objects.get(idempotency_key=f"{generator.KEY_PREFIX}42")
    context = generator._context(case.created_at)
    context.used_codes.discard(case.tracking_code)
    again = generator._plan(42, context).case
    assert (again.tracking_code, again.title, again.reporter_name) == (case.tracking_code, case.title,
                                                                        case.reporter_name)


def test_the_demo_follows_the_state_machine_or_fails(db, monkeypatch):
    """The demo's histories go through workflow/states.py: were its table to forbid a step the
    generator takes (here: an officer submitting an answer), building the demo fails."""
    monkeypatch.setitem(TRANSITIONS, Status.IN_PROGRESS, TRANSITIONS[Status.IN_PROGRESS] - {Status.AWAITING_APPROVAL})
    with pytest.raises(IllegalTransition):
        run_demo(40)
