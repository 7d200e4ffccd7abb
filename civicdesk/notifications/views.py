"""Calls from providers about messages we sent: the SMS gateway's delivery reports."""

import hmac

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from civicdesk.notifications import delivery
from civicdesk.notifications.channels import sms


@csrf_exempt
@require_http_methods(["GET", "POST"])
def sms_delivery(request: HttpRequest, notification_id: int, signature: str) -> HttpResponse:
    """eSMS.vn calls the CallbackUrl we gave with the message (GET, its fields in the query); other
    gateways may POST a form. The URL is signed for this one notification: nobody else can report on it."""
    if not sms.is_configured() or not hmac.compare_digest(signature, sms.delivery_signature(notification_id)):
        return HttpResponse("forbidden", status=403, content_type="text/plain")
    fields = request.GET if request.method == "GET" else request.POST
    found = delivery.record_sms_report(notification_id, fields)
    return HttpResponse("ok" if found else "unknown", status=200 if found else 404, content_type="text/plain")
