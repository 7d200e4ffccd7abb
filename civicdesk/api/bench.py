"""The reference view of the intake benchmark, mounted only with CIVICDESK_BENCH_REFERENCE=1:
the least any create can do — parse JSON, insert a case row and an event row."""

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from civicdesk.petitions.models import Case, CaseEvent, Channel, EventAction, Status
from civicdesk.petitions.tracking import new_tracking_code


@csrf_exempt
def reference_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return JsonResponse({"detail": "POST", "code": "method_not_allowed"}, status=405)
    data = json.loads(request.body)
    now = timezone.now()
    # bulk_create: two INSERTs and nothing else — no model signals of other apps run here.
    [case] = Case.objects.bulk_create([Case(
        tracking_code=new_tracking_code(), title=data.get("title") or data["content"][:120],
        content=data["content"], channel=Channel.API, reporter_name=data.get("reporter_name", ""),
        reporter_phone=data.get("reporter_phone", ""), created_at=now, status=Status.RECEIVED,
    )])
    CaseEvent.objects.bulk_create([CaseEvent(case=case, action=EventAction.CREATED, to_status=Status.RECEIVED,
                                             created_at=now)])
    return JsonResponse({"tracking_code": case.tracking_code}, status=201)
