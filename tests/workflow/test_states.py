import pytest

from civicdesk.petitions.models import CaseEvent, Status
from civicdesk.workflow.states import TRANSITION_MEANINGS, TRANSITIONS, IllegalTransition, check_transition
from civicdesk.workflow.transitions import move


def test_every_allowed_transition_is_explained():
    pairs = {(source, target) for source, targets in TRANSITIONS.items() for target in targets}
    assert pairs == set(TRANSITION_MEANINGS)


@pytest.mark.parametrize("source,target", [
    (Status.RECEIVED, Status.ANSWERED), (Status.ASSIGNED, Status.CLOSED), (Status.CLOSED, Status.REJECTED),
    (Status.REJECTED, Status.ANSWERED), (Status.TRIAGE, Status.IN_PROGRESS),
])
def test_illegal_transitions_are_refused_with_a_vietnamese_message(source, target):
    with pytest.raises(IllegalTransition) as refused:
        check_transition(source, target)
    assert "Không thể chuyển hồ sơ từ trạng thái" in str(refused.value)
    assert str(Status(source).label) in str(refused.value)


def test_move_refuses_and_writes_nothing(case):
    case.status = Status.ASSIGNED
    case.save()
    with pytest.raises(IllegalTransition):
        move(case, Status.CLOSED)
    case.refresh_from_db()
    assert case.status == Status.ASSIGNED
    assert not CaseEvent.objects.filter(case=case).exists()


def test_move_writes_the_event_row(case, officer):
    move(case, Status.IN_PROGRESS, officer, "bắt đầu")
    event = CaseEvent.objects.get(case=case)
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        Status.ASSIGNED, Status.IN_PROGRESS, officer, "bắt đầu")


def test_the_workflow_table_lists_every_transition():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("workflow_table", stdout=out)
    rows = [line for line in out.getvalue().splitlines() if line.startswith("| `")]
    assert len(rows) == sum(len(targets) for targets in TRANSITIONS.values())


def test_refusal_meanings_list_the_grounds_of_refusals():
    """The workflow table describes a refusal by the grounds `workflow.refusals` knows, not old ones."""
    from civicdesk.petitions.models import RejectionKind
    from civicdesk.workflow import refusals

    assert set(refusals.GROUNDS) == set(RejectionKind)
    refusals_ = [(s, t) for (s, t) in TRANSITION_MEANINGS if t == Status.REJECTED]
    assert len(refusals_) == 4
    for pair in refusals_:
        meaning = str(TRANSITION_MEANINGS[pair])
        assert all(str(kind.label) in meaning for kind in RejectionKind), pair
        assert "tin rác hoặc trùng" not in meaning
