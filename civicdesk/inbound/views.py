"""Providers' calls into civicdesk: the SMS gateway's inbound messages."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from civicdesk.inbound import sms


@csrf_exempt
@require_http_methods(["GET", "POST"])
def sms_inbound(request: HttpRequest) -> HttpResponse:
    fields = request.GET if request.method == "GET" else request.POST
    try:
        record = sms.receive(sms.verify(fields))
    except sms.Refused as refused:
        return HttpResponse(str(refused), status=refused.status, content_type="text/plain")
    return HttpResponse(record.outcome, content_type="text/plain")
