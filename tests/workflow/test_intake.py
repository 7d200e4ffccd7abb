import pytest
from django.db import IntegrityError

from civicdesk.petitions.models import Case, CaseEvent, EventAction, Status
from civicdesk.petitions.tracking import CODE_RE, normalise_tracking_code
from civicdesk.workflow.intake import NewCase, submit


def test_it_assigns_a_case_whose_category_has_a_rule(routing_rule, category, agency):
    case, created = submit(NewCase(title="Cống bị nghẹt", content="Cống trước nhà bị nghẹt rác.",
                                   category=category))
    assert created
    assert CODE_RE.match(case.tracking_code)
    assert case.status == Status.ASSIGNED
    assert case.agency == agency
    assert case.due_at is not None and case.due_at > case.created_at
    actions = list(case.events.values_list("action", flat=True))
    assert actions == [EventAction.CREATED, EventAction.ASSIGNED]


def test_it_sends_a_case_without_category_to_triage(db):
    case, _ = submit(NewCase(title="Không rõ lĩnh vực", content="Nội dung chưa rõ"))
    assert case.status == Status.TRIAGE
    assert case.agency is None


def test_it_creates_one_case_for_a_repeated_idempotency_key(routing_rule, category):
    first, created_first = submit(NewCase(title="A", content="B", category=category, idempotency_key="k-1"))
    again, created_again = submit(NewCase(title="A", content="B", category=category, idempotency_key="k-1"))
    assert created_first and not created_again
    assert first.pk == again.pk
    assert CaseEvent.objects.filter(case=first, action=EventAction.CREATED).count() == 1


def test_tracking_codes_are_read_as_people_type_them():
    assert normalise_tracking_code(" k7qd m3xa ") == "K7QD-M3XA"
    assert normalise_tracking_code("K7QD-M3X") is None
    assert normalise_tracking_code("<script>") is None


def test_a_tracking_code_already_taken_is_drawn_again(routing_rule, category, monkeypatch):
    first, _ = submit(NewCase(title="A", content="B", category=category))
    draws = iter([first.tracking_code, first.tracking_code, "ZZZZ-ZZZZ"])
    monkeypatch.setattr("civicdesk.workflow.intake.new_tracking_code", lambda: next(draws))
    second, created = submit(NewCase(title="C", content="D", category=category))
    assert created and second.tracking_code == "ZZZZ-ZZZZ"
    assert second.events.filter(action=EventAction.CREATED).count() == 1


def test_a_case_that_keeps_colliding_fails_loudly_and_stores_nothing(routing_rule, category, monkeypatch):
    first, _ = submit(NewCase(title="A", content="B", category=category))
    monkeypatch.setattr("civicdesk.workflow.intake.new_tracking_code", lambda: first.tracking_code)
    with pytest.raises(IntegrityError):
        submit(NewCase(title="C", content="D", category=category))
    assert Case.objects.count() == 1
