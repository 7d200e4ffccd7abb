"""Recording what a provider reports after it accepted a message: delivered or not."""

from collections.abc import Mapping

from django.utils import timezone

from civicdesk.notifications.models import Delivery, Notification

# eSMS.vn SendStatus: 1 waiting for approval, 2 waiting to send, 4 refused, 5 sent (then
# SendSuccess/SendFailed count the recipients reached), 7 at the carrier, waiting for its report.
FINAL_SENT, FINAL_REFUSED = "5", "4"


def record_sms_report(notification_id: int, fields: Mapping[str, str]) -> bool:
    """Updates the notification's delivery state from a delivery report; a report that is not final
    changes nothing. Reports repeat (the gateway retries): writing the same outcome again is harmless."""
    notification = Notification.objects.filter(pk=notification_id, channel="sms").first()
    if notification is None:
        return False
    status = fields.get("SendStatus", "")
    if status not in (FINAL_SENT, FINAL_REFUSED):
        return True
    reached = status == FINAL_SENT and _count(fields.get("SendSuccess")) > 0
    update: dict[str, object] = {"delivery": Delivery.DELIVERED if reached else Delivery.UNDELIVERED,
                                 "delivered_at": timezone.now()}
    if not notification.provider_id and fields.get("SMSID"):
        update["provider_id"] = fields["SMSID"][:100]
    Notification.objects.filter(pk=notification.pk).update(**update)
    return True


def _count(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
