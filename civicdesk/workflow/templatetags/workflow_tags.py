from typing import Any

from django import template

from civicdesk.answers import ratings
from civicdesk.workflow import actions, forms, operations, sla
from civicdesk.workflow.models import Decision

register = template.Library()


@register.simple_tag
def case_workflow(case: Any, user: Any) -> dict:
    """What the staff actions panel needs: the allowed actions, their forms and pending requests."""
    allowed = actions.allowed_actions(user, case)
    return {
        "allowed": allowed,
        "pending_extension": case.extension_requests.filter(state=Decision.PENDING).first(),
        "pending_transfer": operations.pending_transfer(case) if case.agency_id else None,
        "sla_state": sla.sla_state(case),
        "receipt_overdue": sla.is_receipt_overdue(case),
        "transfer_form": forms.TransferForm(prefix=None),
        "reassign_form": forms.ReassignForm(),
        "extension_form": forms.ExtensionRequestForm(),
        "reject_form": forms.RejectForm(),
        "merge_form": forms.MergeForm(),
        "triage_form": forms.TriageForm(prefix=f"t{case.pk}", initial={
            "category": case.category_id, "agency": case.agency_id, "priority": case.priority}),
    }


@register.simple_tag
def citizen_workflow(case: Any) -> dict:
    rating = ratings.latest_rating(case)
    return {
        "can_rate": case.status in ("answered", "closed") and case.duplicate_of_id is None and rating is None,
        "rating": rating,
        "can_reopen": operations.can_reopen(case),
        "reopen_deadline": operations.reopen_deadline(case),
        "low_rating": rating is not None and rating.score <= ratings.LOW_RATING,
        "rating_form": forms.RatingForm(),
        "reopen_form": forms.ReopenForm(),
    }


@register.filter
def sla_label(state: str) -> str:
    from django.utils.translation import gettext as _

    return {"overdue": _("Quá hạn"), "due_soon": _("Sắp đến hạn"), "on_time": _("Trong hạn")}.get(state, "")
