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


@register.simple_tag(takes_context=True)
def citizen_panel(context: Any, case: Any) -> dict:
    """What the "tôi cũng gặp" and "theo dõi" panel of a public page needs (workflow/_me_too.html)."""
    from civicdesk.petitions.models import MeToo
    from civicdesk.workflow import following, me_too
    from civicdesk.workflow.views import confirmed_here

    request = context.get("request")
    user = getattr(request, "user", None)
    counted = me_too.target(case)
    signed_in = bool(user is not None and user.is_authenticated)
    if signed_in:
        already = MeToo.objects.filter(case=counted, person_key=me_too.person_key(user=user)).exists()
    else:
        already = request is not None and counted.pk in confirmed_here(request)
    return {
        "count": me_too.count(counted),
        "counted_case": counted,
        "already": already,
        "refusal": me_too.refusal(case, user=user if signed_in else None),
        "following": following.is_following(case, user),
        "signed_in": signed_in,
        "email_form": forms.CitizenEmailForm(),
    }


@register.simple_tag
def step_clocks(case: Any) -> list[dict]:
    """The step clocks of a case with the name of the unit that held each step (case page)."""
    from django.utils import timezone

    from civicdesk.organisation.models import Agency
    from civicdesk.workflow import step_clock

    now = timezone.now()
    found = step_clock.case_clocks(case, now)
    names = dict(Agency.objects.filter(code__in={c.holder for c in found if c.holder}).values_list("code", "name"))
    return [{"clock": clock, "state": clock.state(now), "used": _working_time(clock.used),
             "holder": names.get(clock.holder, clock.holder) if clock.holder else step_clock.TRIAGE_DESK}
            for clock in found]


def _working_time(amount: Any) -> str:
    """'2 giờ 05 phút' of working time."""
    from django.utils.translation import gettext

    minutes = int(amount.total_seconds() // 60)
    return gettext("%(hours)s giờ %(minutes)02d phút") % {"hours": minutes // 60, "minutes": minutes % 60}


@register.simple_tag
def coordination_panel(case: Any, user: Any) -> dict:
    """What the lead/supporting agencies panel shows: the supporting agencies and their contributions,
    the open disagreement, and the forms `user` may use."""
    from civicdesk.workflow.models import SupportRequest

    allowed = actions.allowed_actions(user, case)
    requests = list(SupportRequest.objects.filter(case=case).select_related("agency", "contributed_by"))
    return {
        "allowed": allowed,
        "requests": requests,
        "mine": next((r for r in requests if r.agency_id == getattr(user, "agency_id", None)), None),
        "disagreement": operations.open_disagreement(case),
        "coordinate_form": forms.CoordinateForm(),
        "contribution_form": forms.ContributionForm(),
        "disagreement_form": forms.DisagreementForm(),
        "settle_form": forms.SettleDisagreementForm(),
    }


@register.simple_tag
def case_directives(case: Any, user: Any) -> dict:
    """The leaders' directives on a case that `user` may read, and the form for a leader."""
    from django.utils import timezone

    from civicdesk.workflow import directives

    listed = directives.visible(user).filter(cases=case)
    return {"rows": directives.summaries(list(listed), timezone.now()),
            "can_direct": "direct" in actions.allowed_actions(user, case), "form": forms.DirectiveForm()}
