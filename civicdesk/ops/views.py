import hmac
from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST

from civicdesk.ops import health, metrics


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    healthy, body = health.report()
    return JsonResponse(body, status=200 if healthy else 503)


@require_GET
@never_cache
def metrics_view(request: HttpRequest) -> HttpResponse:
    token = settings.METRICS_TOKEN
    if not token:
        raise Http404  # metrics are off until a token is set
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        response = HttpResponse("metrics need 'Authorization: Bearer <CIVICDESK_METRICS_TOKEN>'\n", status=401,
                                content_type="text/plain; charset=utf-8")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(metrics.exposition(), content_type=CONTENT_TYPE_LATEST)


class ProbeMiddleware:
    """Answers /healthz and /metrics before the host check (ALLOWED_HOSTS) and the HTTPS redirect:
    a load balancer or Prometheus asks each node by its own address over plain HTTP. Neither view
    builds a URL from the Host header, which is what the host check protects."""

    PROBES: dict[str, tuple[str, Callable[[HttpRequest], HttpResponse]]] = {
        "/healthz": ("ops:healthz", healthz), "/metrics": ("ops:metrics", metrics_view),
    }

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = self.PROBES.get(request.path_info)
        if probe is None:
            return self.get_response(request)
        request.metrics_view = probe[0]  # type: ignore[attr-defined]
        try:
            return probe[1](request)
        except Http404:
            from django.http import HttpResponseNotFound

            return HttpResponseNotFound("not found\n", content_type="text/plain; charset=utf-8")
