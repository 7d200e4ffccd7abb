"""Who may do what to a case. Views call these before calling `operations`; templates use
`allowed_actions` to show only the buttons that make sense for this person and this case."""

from typing import Any

from civicdesk.accounts.models import Role
from civicdesk.workflow.states import (
    HANDLING_STATUSES,
    Operation,
    Status,
    can_operate,
    can_transition,
)


def _role(user: Any) -> str:
    if not getattr(user, "is_authenticated", False):
        return ""
    return Role.ADMIN if user.is_superuser else user.role


def is_city_wide(user: Any) -> bool:
    return _role(user) in (Role.SUPERVISOR, Role.ADMIN)


def is_operator(user: Any) -> bool:
    return _role(user) in (Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN)


def in_agency_of(user: Any, case: Any) -> bool:
    return (_role(user) in (Role.OFFICER, Role.LEAD) and user.agency_id is not None
            and user.agency_id == case.agency_id)


def is_lead_of(user: Any, case: Any) -> bool:
    return _role(user) == Role.LEAD and user.agency_id is not None and user.agency_id == case.agency_id


def can_view(user: Any, case: Any) -> bool:
    return is_operator(user) or in_agency_of(user, case)


def can_triage(user: Any) -> bool:
    return is_operator(user)


def allowed_actions(user: Any, case: Any) -> set[str]:
    """Names of the actions this person may take on this case now."""
    actions: set[str] = set()
    status = case.status
    if not can_view(user, case):
        return actions
    actions.add("note")
    agency_member = in_agency_of(user, case)
    if is_operator(user) and status in (Status.RECEIVED, Status.TRIAGE):
        actions.add("triage")
    if (agency_member or is_city_wide(user)) and status in HANDLING_STATUSES and status != Status.AWAITING_APPROVAL:
        actions.add("transfer")
    if agency_member and can_operate(status, Operation.ACCEPT_TRANSFER):
        actions.add("take_up")
        actions.add("return")
    if is_city_wide(user) and status in (*HANDLING_STATUSES, Status.RECEIVED, Status.TRIAGE):
        actions.add("reassign")
    if agency_member and can_operate(status, Operation.REQUEST_EXTENSION):
        actions.add("request_extension")
    if (is_lead_of(user, case) or is_city_wide(user)) and can_operate(status, Operation.DECIDE_EXTENSION):
        actions.add("decide_extension")
    if (is_operator(user) or is_lead_of(user, case)) and can_transition(status, Status.REJECTED):
        actions.add("reject")
    if (is_operator(user) or agency_member) and can_transition(status, Status.REJECTED):
        actions.add("merge")
    if (is_lead_of(user, case) or is_city_wide(user)) and can_transition(status, Status.CLOSED):
        actions.add("close")
    if (is_operator(user) or is_lead_of(user, case)) and status in (Status.ANSWERED, Status.CLOSED):
        actions.add("reopen")
    if is_operator(user) and status == Status.REJECTED:
        actions.add("withdraw_rejection")
    return actions


def can_decide_extension(user: Any, case: Any) -> bool:
    return is_lead_of(user, case) or is_city_wide(user)
