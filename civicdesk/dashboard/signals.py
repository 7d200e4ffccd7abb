"""Keep the dashboard's figures exact when a case, one of its events or a rating changes.

Bulk writes that skip signals (QuerySet.update, bulk_create, raw SQL) need
`civicdesk rebuild-dashboard` afterwards."""

from datetime import date

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from civicdesk.answers.models import Rating
from civicdesk.dashboard import facts
from civicdesk.dashboard.models import CaseFact
from civicdesk.petitions import signals as petition_signals
from civicdesk.petitions.models import Case, CaseEvent

# The days a deleted case counted on, carried on the instance from pre_delete to post_delete.
DAYS_ATTR = "_dashboard_days"


@receiver(post_save, sender=Case, dispatch_uid="dashboard_case_saved")
def case_saved(sender, instance: Case, raw: bool = False, **kwargs) -> None:
    if not raw:
        facts.refresh_case_safely(instance.pk)


@receiver(pre_delete, sender=Case, dispatch_uid="dashboard_case_deleting")
def case_deleting(sender, instance: Case, **kwargs) -> None:
    fact = CaseFact.objects.filter(case_id=instance.pk).first()
    setattr(instance, DAYS_ATTR, facts._days_of(fact))


@receiver(post_delete, sender=Case, dispatch_uid="dashboard_case_deleted")
def case_deleted(sender, instance: Case, **kwargs) -> None:
    days: set[date] = getattr(instance, DAYS_ATTR, set())
    if days:
        CaseFact.objects.filter(case_id=instance.pk).delete()
        facts.recompute_days(days)


@receiver(post_save, sender=CaseEvent, dispatch_uid="dashboard_event_saved")
def event_saved(sender, instance: CaseEvent, raw: bool = False, **kwargs) -> None:
    if not raw and facts.may_change_fact(instance.action, instance.to_status):
        facts.refresh_case_safely(instance.case_id)


@receiver(post_save, sender=Rating, dispatch_uid="dashboard_rating_saved")
@receiver(post_delete, sender=Rating, dispatch_uid="dashboard_rating_deleted")
def rating_changed(sender, instance: Rating, raw: bool = False, **kwargs) -> None:
    if not raw and Case.objects.filter(pk=instance.case_id).exists():
        facts.refresh_case_safely(instance.case_id)


@receiver(petition_signals.grouped_writes, dispatch_uid="dashboard_grouped_writes")
def _group(sender, **kwargs):  # type: ignore[no-untyped-def]
    """Intake and the nightly erasure write several rows of one case: refresh it once, at the end."""
    return facts.deferred_refresh()
