import pytest

from civicdesk.petitions.models import CaseEvent, EventAction, Priority, Status
from civicdesk.workflow import operations
from civicdesk.workflow.states import IllegalTransition
from tests.factories import CaseFactory, CategoryFactory


@pytest.fixture
def triage_case(db):
    return CaseFactory(status=Status.TRIAGE, category=CategoryFactory(code="moi-truong"), category_confirmed=False,
                       agency=None)


def test_a_triage_decision_assigns_and_confirms_the_category(triage_case, operator, category, agency):
    operations.decide_triage(triage_case, operator, category=category, agency=agency, priority=Priority.URGENT)
    triage_case.refresh_from_db()
    assert triage_case.status == Status.ASSIGNED
    assert triage_case.category == category and triage_case.category_confirmed
    assert triage_case.agency == agency and triage_case.priority == Priority.URGENT
    assert triage_case.due_at is not None
    event = CaseEvent.objects.get(case=triage_case, action=EventAction.ASSIGNED)
    assert event.actor == operator
    assert event.data["category_corrected"] is True


def test_an_assigned_case_cannot_be_triaged_again(case, operator, category, agency):
    with pytest.raises(IllegalTransition):
        operations.decide_triage(case, operator, category=category, agency=agency, priority=Priority.NORMAL)


def test_the_triage_queue_lists_cases_waiting_for_a_person(client, operator, triage_case, case):
    client.force_login(operator)
    response = client.get("/quy-trinh/phan-loai/")
    assert triage_case.tracking_code in response.content.decode()
    assert case.tracking_code not in response.content.decode()


def test_the_triage_queue_form_assigns(client, operator, triage_case, category, agency):
    client.force_login(operator)
    prefix = f"t{triage_case.pk}"
    response = client.post(f"/quy-trinh/ho-so/{triage_case.tracking_code}/triage/", {
        f"{prefix}-category": category.pk, f"{prefix}-agency": agency.pk, f"{prefix}-priority": "normal",
        "next": "/quy-trinh/phan-loai/"})
    assert response.status_code == 302 and response.url == "/quy-trinh/phan-loai/"
    triage_case.refresh_from_db()
    assert triage_case.status == Status.ASSIGNED and triage_case.agency == agency


def test_officers_cannot_use_the_triage_queue(client, officer):
    client.force_login(officer)
    assert client.get("/quy-trinh/phan-loai/").status_code == 403


@pytest.fixture
def lighting(db):
    from tests.factories import AgencyFactory, RoutingRuleFactory

    category = CategoryFactory(code="chieu-sang", name="Chiếu sáng công cộng", scope="đèn đường hỏng, đèn tắt",
                               keywords="đèn đường\ncột đèn")
    RoutingRuleFactory(category=category, agency=AgencyFactory(code="cty-chieu-sang", name="Công ty Chiếu sáng"))
    return category


def _row(html: str, code: str) -> str:
    item = html[html.index(f'id="triage-{code}"'):]
    return item[:item.index("</li>")]


def test_a_row_without_a_category_gets_the_classifiers_suggestion(client, operator, lighting):
    # A case whose router found no category (a bulk import, a category since withdrawn): the queue
    # asks the classifier now instead of showing blank fields beside a confidence.
    waiting = CaseFactory(status=Status.TRIAGE, category=None, agency=None, routing_confidence=None,
                          title="Đèn đường tắt cả tuần", content="Cột đèn trước nhà số 5 không sáng, đèn đường tắt")
    client.force_login(operator)
    row = _row(client.get("/quy-trinh/phan-loai/").content.decode(), waiting.tracking_code)
    assert "gợi ý: Chiếu sáng công cộng" in row
    assert f'<option value="{lighting.pk}" selected>' in row
    agency_pk = lighting.routing_rules.get().agency_id
    assert f'<option value="{agency_pk}" selected>' in row


def test_a_row_the_classifier_cannot_place_says_so(client, operator, lighting):
    waiting = CaseFactory(status=Status.TRIAGE, category=None, agency=None, routing_confidence=None,
                          title="Xin hỏi", content="Cho tôi hỏi một việc")
    client.force_login(operator)
    row = _row(client.get("/quy-trinh/phan-loai/").content.decode(), waiting.tracking_code)
    assert "chưa có gợi ý" in row and "độ tin cậy" not in row


def test_a_row_with_the_routers_category_shows_it_and_its_confidence(client, operator, lighting):
    waiting = CaseFactory(status=Status.TRIAGE, category=lighting, agency=None, routing_confidence=0.74,
                          category_confirmed=False)
    client.force_login(operator)
    row = _row(client.get("/quy-trinh/phan-loai/").content.decode(), waiting.tracking_code)
    assert "gợi ý: Chiếu sáng công cộng, độ tin cậy 0.74" in row or "gợi ý: Chiếu sáng công cộng, độ tin cậy 0,74" in row
    assert f'<option value="{lighting.pk}" selected>' in row
