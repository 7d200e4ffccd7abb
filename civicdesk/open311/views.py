"""GeoReport v2 endpoints. Each takes the format from the URL suffix (.json or .xml)."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from civicdesk.api.keys import client_for_key, within_rate_limit
from civicdesk.lib import ratelimit
from civicdesk.open311 import formats, service_requests, services
from civicdesk.open311.service_requests import Open311Error
from civicdesk.petitions import code_lookups

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-21T00:00:00+07:00"


def open311_view(methods: list[str]) -> Callable:
    """Turn Open311Error into the standard's error list and check the (optional) API key's
    rate limit, or without a key the anonymous read limit per client IP; a wrong key is always
    refused."""

    def decorate(view: Callable) -> Callable:
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, fmt: str, *args, **kwargs) -> HttpResponse:  # type: ignore[no-untyped-def]
            if request.method not in methods:
                response = formats.error(fmt, 405, _("Phương thức không được hỗ trợ."))
                response["Allow"] = ", ".join(methods)
                return response
            raw_key = request.POST.get("api_key") if request.method == "POST" else request.GET.get("api_key")
            request.open311_client = None  # type: ignore[attr-defined]
            if raw_key:
                client = client_for_key(raw_key)
                if client is None:
                    return formats.error(fmt, 403, _("api_key không hợp lệ hoặc đã bị thu hồi."))
                verdict = within_rate_limit(client)
                if not verdict:
                    return _too_many(fmt, verdict)
                request.open311_client = client  # type: ignore[attr-defined]
            elif request.method == "GET":
                verdict = ratelimit.hit(request, "open311_read")
                if not verdict:
                    return _too_many(fmt, verdict)
            try:
                return view(request, fmt, *args, **kwargs)
            except Open311Error as exc:
                return formats.error(fmt, exc.status, exc.description)

        return wrapper

    return decorate


def _too_many(fmt: str, verdict: ratelimit.Verdict) -> HttpResponse:
    response = formats.error(fmt, 429, _("Vượt quá số yêu cầu cho phép mỗi phút; hãy thử lại sau."))
    response["Retry-After"] = str(verdict.retry_after)
    return response


@open311_view(["GET"])
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = settings.SITE_URL.rstrip("/") + "/open311/v2"
    data = {
        "changeset": CHANGESET,
        "contact": _("Liên hệ bộ phận quản trị hệ thống tiếp nhận phản ánh, kiến nghị của thành phố."),
        "key_service": _("Khóa API do quản trị hệ thống cấp cho từng hệ thống kết nối."),
        "endpoints": [{
            "specification": SPECIFICATION,
            "url": base,
            "changeset": CHANGESET,
            "type": "production",
            "formats": ["text/xml", "application/json"],
        }],
    }
    return formats.respond(fmt, "discovery", data)


@open311_view(["GET"])
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    return formats.respond(fmt, "services", services.service_list())


@open311_view(["GET"])
def service_definition(request: HttpRequest, fmt: str, service_code: str) -> HttpResponse:
    category = services.active_categories().filter(code=service_code).first()
    if category is None:
        raise Open311Error(404, _("Không có dịch vụ với mã %(code)s.") % {"code": service_code})
    return formats.respond(fmt, "service_definition", services.service_definition(category))


@open311_view(["GET", "POST"])
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        client = request.open311_client  # type: ignore[attr-defined]
        if client is None:
            return formats.error(fmt, 403, _("Thiếu api_key: cần khóa API để gửi yêu cầu."))
        created = service_requests.create_request(request.POST, client)
        return formats.respond(fmt, "service_requests", [created.as_response()], status=201)
    ids = {part.strip().upper() for part in request.GET.get("service_request_id", "").split(",") if part.strip()}
    if len(ids) > code_lookups.MAX_CODES_PER_REQUEST:
        raise Open311Error(400, _("Mỗi yêu cầu hỏi tối đa %(max)s mã service_request_id.")
                           % {"max": code_lookups.MAX_CODES_PER_REQUEST})
    refused = _limit_lookups(request, fmt, len(ids))
    if refused:
        return refused
    cases = service_requests.find_requests(request.GET)
    _count_missed_lookups(request, ids, cases)
    return formats.respond(fmt, "service_requests", [service_requests.describe(c) for c in cases])


@open311_view(["GET"])
def request_detail(request: HttpRequest, fmt: str, service_request_id: str) -> HttpResponse:
    refused = _limit_lookups(request, fmt, 1)
    if refused:
        return refused
    cases = service_requests.find_requests({"service_request_id": service_request_id})
    _count_missed_lookups(request, {service_request_id.strip().upper()}, cases)
    if not cases:
        raise Open311Error(404, _("Không có yêu cầu với mã %(id)s.") % {"id": service_request_id})
    return formats.respond(fmt, "service_requests", [service_requests.describe(cases[0])])


# Any case can be read by its id (our tracking code): each id counts as a tracking lookup and each
# unknown one as a miss against the one limit of every endpoint that takes a code
# (petitions.code_lookups) — per client IP, or per API key with one: a key or a comma list is no
# shortcut.
def _limit_lookups(request: HttpRequest, fmt: str, ids: int) -> HttpResponse | None:
    if ids == 0:
        return None
    verdict = code_lookups.allowed(request, lookups=ids, client=request.open311_client)  # type: ignore[attr-defined]
    return None if verdict else _too_many(fmt, verdict)


def _count_missed_lookups(request: HttpRequest, ids: set[str], cases: list) -> None:  # type: ignore[type-arg]
    if ids:
        code_lookups.missed(request, len(ids - {c.tracking_code for c in cases}),
                            client=request.open311_client)  # type: ignore[attr-defined]


@open311_view(["GET"])
def token(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    status = service_requests.token_status(token)
    if status is None:
        raise Open311Error(404, _("Không có mã chờ (token) %(token)s.") % {"token": token})
    return formats.respond(fmt, "service_requests", [status])


def not_found(request: HttpRequest, fmt: str = "xml", rest: str = "") -> HttpResponse:
    return formats.error(fmt, 404, _("Không có tài nguyên này."))


