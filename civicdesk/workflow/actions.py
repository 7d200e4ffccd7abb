"""Which actions a person may take on a case: one table, `RULES`, read by every page and the API.

Each action has two conditions: *who* may take it (decided by `civicdesk.petitions.permissions`,
the one visibility module) and *when* — in which statuses (`states.py`). `may` checks the first
only: a page opened before someone else moved the case still posts the action, and the action
function (`workflow.operations`, `answers.publishing`) refuses it under the row lock with a clear
message. `allowed_actions` checks both, for the buttons a page shows."""

from collections.abc import Callable
from typing import Any

from civicdesk.petitions import permissions as who
from civicdesk.petitions.models import HANDLING_STATUSES, Status
from civicdesk.workflow.states import Operation, can_operate, can_transition

_WORKING = (Status.ASSIGNED, Status.IN_PROGRESS)


def _agency_or_city(user: Any, case: Any) -> bool:
    return who.can_edit_case(user, case) or who.is_supervisor(user)


def _lead_or_city(user: Any, case: Any) -> bool:
    return who.is_lead_of(user, case) or who.is_supervisor(user)


def _triage_or_lead(user: Any, case: Any) -> bool:
    return who.can_triage(user) or who.is_lead_of(user, case)


def _triage_or_agency(user: Any, case: Any) -> bool:
    return who.can_triage(user) or who.can_edit_case(user, case)


Who = Callable[[Any, Any], bool]
When = Callable[[str], bool]

# action -> (who may take it, in which statuses)
RULES: dict[str, tuple[Who, When]] = {
    # the staff case page (workflow)
    "note": (who.can_view_case, lambda s: can_operate(s, Operation.NOTE)),
    "triage": (lambda user, case: who.can_triage(user), lambda s: s in (Status.RECEIVED, Status.TRIAGE)),
    "transfer": (_agency_or_city, lambda s: s in HANDLING_STATUSES and s != Status.AWAITING_APPROVAL),
    "take_up": (who.can_edit_case, lambda s: can_operate(s, Operation.START)),
    "return": (who.can_edit_case, lambda s: can_operate(s, Operation.START)),
    "reassign": (lambda user, case: who.is_supervisor(user),
                 lambda s: s in (*HANDLING_STATUSES, Status.RECEIVED, Status.TRIAGE)),
    "request_extension": (who.can_edit_case, lambda s: can_operate(s, Operation.REQUEST_EXTENSION)),
    "decide_extension": (_lead_or_city, lambda s: can_operate(s, Operation.DECIDE_EXTENSION)),
    "reject": (_triage_or_lead, lambda s: can_transition(s, Status.REJECTED)),
    "merge": (_triage_or_agency, lambda s: can_operate(s, Operation.MERGE_INTO)),
    "dismiss_duplicate": (_triage_or_agency, lambda s: True),
    "close": (_lead_or_city, lambda s: can_transition(s, Status.CLOSED)),
    "reopen": (_triage_or_lead, lambda s: can_operate(s, Operation.REOPEN)),
    "withdraw_rejection": (lambda user, case: who.can_triage(user), lambda s: s == Status.REJECTED),
    # lead and supporting agencies (chủ trì / phối hợp)
    "coordinate": (_triage_or_lead, lambda s: can_operate(s, Operation.COORDINATE)),
    "contribute": (who.is_supporting_member, lambda s: can_operate(s, Operation.CONTRIBUTE)),
    "disagree": (who.is_coordinating_member, lambda s: can_operate(s, Operation.DISAGREE)),
    "settle_disagreement": (lambda user, case: who.is_supervisor(user),
                            lambda s: can_operate(s, Operation.SETTLE_DISAGREEMENT)),
    # leaders' directives (ý kiến chỉ đạo); reporting against one: permissions.can_report_on_directive
    "direct": (lambda user, case: who.can_direct(user), lambda s: can_operate(s, Operation.DIRECT)),
    # the agency's case page (answers) and the staff API
    "start": (who.can_edit_case, lambda s: can_operate(s, Operation.START)),
    "assign": (who.can_assign, lambda s: can_operate(s, Operation.ASSIGN)),
    "draft": (who.can_edit_case, lambda s: s in _WORKING),
    "submit": (who.can_edit_case, lambda s: s in _WORKING),
    "approve": (who.can_approve, lambda s: s == Status.AWAITING_APPROVAL),
    "return_answer": (who.can_approve, lambda s: s == Status.AWAITING_APPROVAL),
    "issue_letter": (who.can_approve, lambda s: s in (Status.ANSWERED, Status.CLOSED)),
}


def may(user: Any, case: Any, action: str) -> bool:
    """Whether `user` may take `action` on `case` at all (its status is checked by the action)."""
    rule = RULES.get(action)
    return rule is not None and rule[0](user, case)


def allowed_actions(user: Any, case: Any) -> set[str]:
    """The actions `user` may take on `case` in its current status: the buttons to show."""
    return {action for action, (allowed, when) in RULES.items() if when(case.status) and allowed(user, case)}
