"""The inbound messages' part of erasing a reporter's personal data: the sender's number or address."""

from typing import Any

from django.dispatch import receiver

from civicdesk.inbound.models import InboundMessage
from civicdesk.petitions import signals


@receiver(signals.erasing_personal_data, dispatch_uid="inbound_erase_personal_data")
def erase(sender: Any, case_ids: list[int], **kwargs: Any) -> dict:
    InboundMessage.objects.filter(case_id__in=case_ids).update(sender="")
    return {}
