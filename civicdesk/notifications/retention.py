"""The notifications' part of erasing a reporter's personal data (`petitions.retention` sends the
signals): the reporter's address and what the messages said are blanked; staff notifications keep
their recipient and get their context masked."""

from typing import Any

from django.dispatch import receiver

from civicdesk.notifications.models import Notification
from civicdesk.petitions import retention, signals


@receiver(signals.erasing_personal_data, dispatch_uid="notifications_erase_personal_data")
def erase(sender: Any, case_ids: list[int], names: dict[int, list[str]], **kwargs: Any) -> dict[str, dict[int, int]]:
    """Returns the reporter notifications erased per case."""
    erased: dict[int, int] = {}
    keep: list[int] = []
    drop: list[int] = []
    seen: set[tuple[Any, ...]] = set()
    rows = (Notification.objects.filter(case_id__in=case_ids, to_staff=False).order_by("pk")
            .values_list("pk", "case_id", "channel", "event", "dedupe_key"))
    for pk, case_id, *message in rows:
        erased[case_id] = erased.get(case_id, 0) + 1
        # Rows are unique per (case, channel, event, recipient, dedupe key): two messages that
        # differ only by address (the reporter changed it) would collide once blank, so the
        # later copy goes; the timeline's `notified` events still record that both were sent.
        key = (case_id, *message)
        (drop if key in seen else keep).append(pk)
        seen.add(key)
    Notification.objects.filter(pk__in=drop).delete()
    Notification.objects.filter(pk__in=keep).update(recipient="", context={}, error="")
    retention.rewrite(Notification.objects.filter(case_id__in=case_ids, to_staff=True).only("id", "case_id", "context"),
                      ("context",), lambda row, value: retention.mask_value(value, names[row.case_id]))
    return {"notifications": erased}


@receiver(signals.counting_personal_data, dispatch_uid="notifications_count_personal_data")
def count(sender: Any, case_ids: list[int], **kwargs: Any) -> dict[str, int]:
    return {"notifications": Notification.objects.filter(case_id__in=case_ids, to_staff=False).count()}
