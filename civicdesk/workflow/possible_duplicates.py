"""What the case pages show of the duplicate search done at intake (`routing.PossibleDuplicate`):
the earlier open cases a case may repeat, and the two answers a person gives — merge it into
one of them (the existing merge action of the earlier case) or dismiss the suggestion."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from civicdesk.petitions import permissions
from civicdesk.petitions.models import FINISHED_STATUSES, Case, Status
from civicdesk.routing.models import PossibleDuplicate
from civicdesk.workflow import actions, operations
from civicdesk.workflow.operations import WorkflowError
from civicdesk.workflow.states import Operation, can_operate, can_transition


@dataclass(frozen=True)
class SimilarCase:
    """One row of the similar-cases list (`workflow/_similar_cases.html`): the hotline console's
    live search gives case and score; a stored suggestion adds its id and what this user may do."""

    case: Case
    score: float | None
    suggestion_id: int | None = None
    can_merge: bool = False
    can_dismiss: bool = False


def merge_allowed(user: Any, case: Case, earlier: Case) -> bool:
    """Whether `operations.merge(earlier, [case], user)` through the merge action would succeed:
    the same checks, made before the button is shown."""
    return (earlier.pk != case.pk and earlier.duplicate_of_id is None and case.duplicate_of_id is None
            and actions.may(user, earlier, "merge") and permissions.can_view_case(user, case)
            and can_operate(earlier.status, Operation.MERGE_INTO) and can_transition(case.status, Status.REJECTED))


def _open_suggestions(case: Case, user: Any) -> QuerySet[PossibleDuplicate]:
    return PossibleDuplicate.objects.filter(case=case, dismissed_at__isnull=True,
                                            earlier__in=Case.objects.visible_to(user).values("pk"))


def for_case(case: Case, user: Any) -> list[SimilarCase]:
    """The undismissed suggestions of `case` whose earlier case `user` may view, best score first.
    None for a finished case: once answered, closed or rejected, there is nothing to decide."""
    if case.status in FINISHED_STATUSES or case.duplicate_of_id:
        return []
    rows = (_open_suggestions(case, user).select_related("earlier", "earlier__ward")
            .order_by("-score", "earlier__created_at", "pk"))
    can_dismiss = actions.may(user, case, "dismiss_duplicate")
    return [SimilarCase(row.earlier, row.score, row.pk, merge_allowed(user, case, row.earlier), can_dismiss)
            for row in rows]


def dismiss(case: Case, suggestion_id: int, actor: Any) -> bool:
    """Mark one suggestion of `case` as not a duplicate, with an internal note on the timeline.
    Returns False when it was already dismissed (a second click writes nothing)."""
    row = _open_suggestions(case, actor).select_related("earlier").filter(pk=suggestion_id).first()
    if row is None:
        if PossibleDuplicate.objects.filter(pk=suggestion_id, case=case, dismissed_at__isnull=False,
                                            earlier__in=Case.objects.visible_to(actor).values("pk")).exists():
            return False
        raise WorkflowError(_("Không tìm thấy gợi ý trùng này."))
    with transaction.atomic():
        # Conditional UPDATE: of two people dismissing at once, one writes the note.
        if not PossibleDuplicate.objects.filter(pk=row.pk, dismissed_at__isnull=True).update(
                dismissed_at=timezone.now()):
            return False
        operations.add_note(case, actor, _("Không trùng với %(code)s (gợi ý độ giống %(score)s).") % {
            "code": row.earlier.tracking_code, "score": f"{row.score:.2f}"},
            data={"possible_duplicate_dismissed": row.pk, "earlier": row.earlier.tracking_code, "score": row.score})
    return True


def has_open_suggestions() -> Exists:
    """For `annotate()` on a case list: the case has a suggestion nobody has dismissed yet."""
    return Exists(PossibleDuplicate.objects.filter(case=OuterRef("pk"), dismissed_at__isnull=True))
