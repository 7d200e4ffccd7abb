"""The webhook Zalo posts the OA's events to. Refused: a channel that is off (404), a body that is
not an event (400), a missing or wrong signature or another app's event (403), an event whose own
timestamp is too old (403). An event already handled is acknowledged (200, so Zalo stops sending it)
and not acted on again. Zalo wants an answer within seconds: only an image event downloads (from
Zalo's CDN, bounded by ZALO_TIMEOUT and the size limit) before answering."""

import json
import logging

from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from civicdesk.notifications.zalo_account import ZaloAccount
from civicdesk.zalo import conversation, inbound
from civicdesk.zalo.models import SeenEvent

log = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> JsonResponse:
    account = ZaloAccount.load()
    if not account.enabled:
        return JsonResponse({"error": "zalo channel is off"}, status=404)
    raw = request.body
    try:
        payload = json.loads(raw)
        if not isinstance(payload, dict):
            raise ValueError
    except ValueError:
        return JsonResponse({"error": "body is not a JSON object"}, status=400)
    if not inbound.signature_ok(raw, payload, request.headers.get(inbound.SIGNATURE_HEADER, ""),
                                account.app_id, account.oa_secret):
        log.warning("Zalo webhook refused: bad or missing signature")
        return JsonResponse({"error": "bad signature"}, status=403)
    if not inbound.is_fresh(payload):
        log.warning("Zalo webhook refused: event timestamp outside the accepted window")
        return JsonResponse({"error": "stale event"}, status=403)
    if payload.get("event_name") not in inbound.HANDLED:
        return JsonResponse({"status": "ignored"})
    try:
        event = inbound.parse(payload)
    except (inbound.BadEvent, ValueError):
        return JsonResponse({"error": "not an event civicdesk reads"}, status=400)
    try:
        with transaction.atomic():
            SeenEvent.objects.create(key=event.key, received_at=timezone.now())
    except IntegrityError:
        return JsonResponse({"status": "duplicate"})
    try:
        photos, problem = conversation.fetch_photos(event) if event.image_urls else ([], "")
        conversation.handle(event, photos, problem)
    except BaseException:
        SeenEvent.objects.filter(key=event.key).delete()  # not handled: Zalo's next delivery is
        raise
    return JsonResponse({"status": "ok"})
