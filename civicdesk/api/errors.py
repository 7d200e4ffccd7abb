"""One error body for the whole API: {"detail": <Vietnamese message>, "code": <stable key>}."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from civicdesk.answers.publishing import PublishingError
from civicdesk.lib import ratelimit
from civicdesk.workflow.operations import WorkflowError
from civicdesk.workflow.states import IllegalTransition


class ApiError(Exception):
    def __init__(self, status: int, code: str, detail: str, retry_after: int | None = None):
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.retry_after = retry_after

    @classmethod
    def rate_limited(cls, retry_after: int) -> "ApiError":
        return cls(429, "rate_limited", _("Quá nhiều yêu cầu từ địa chỉ mạng của bạn; hãy thử lại sau "
                                          "%(seconds)s giây.") % {"seconds": retry_after}, retry_after)


def check_anonymous_limit(request: HttpRequest, scope: str) -> None:
    """Raise 429 when this anonymous client is over `scope`'s limit (civicdesk.lib.ratelimit)."""
    verdict = ratelimit.hit(request, scope)
    if not verdict:
        raise ApiError.rate_limited(verdict.retry_after)


def register(api: NinjaAPI) -> None:
    def body(request: HttpRequest, status: int, code: str, detail: str, **extra) -> HttpResponse:  # type: ignore[no-untyped-def]
        return api.create_response(request, {"detail": str(detail), "code": code, **extra}, status=status)

    @api.exception_handler(ApiError)
    def _api_error(request, exc: ApiError):  # type: ignore[no-untyped-def]
        response = body(request, exc.status, exc.code, exc.detail)
        if exc.status == 429:
            response["Retry-After"] = str(exc.retry_after or 60)
        return response

    @api.exception_handler(ValidationError)
    def _validation(request, exc: ValidationError):  # type: ignore[no-untyped-def]
        errors = [{"loc": list(e.get("loc", [])), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
                  for e in exc.errors]
        return body(request, 422, "validation_error", _("Dữ liệu gửi lên không hợp lệ."), errors=errors)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):  # type: ignore[no-untyped-def]
        return body(request, 401, "not_authenticated", _("Cần mã truy cập hợp lệ (Authorization: Bearer …)."))

    @api.exception_handler(Http404)
    def _not_found(request, exc):  # type: ignore[no-untyped-def]
        return body(request, 404, "not_found", _("Không tìm thấy."))

    # A step the case's state (read under its row lock) does not allow: the action functions'
    # refusals, with their message for the user.
    @api.exception_handler(IllegalTransition)
    @api.exception_handler(WorkflowError)
    @api.exception_handler(PublishingError)
    def _illegal(request, exc):  # type: ignore[no-untyped-def]
        return body(request, 409, "illegal_transition", str(exc))

    @api.exception_handler(HttpError)
    def _http_error(request, exc: HttpError):  # type: ignore[no-untyped-def]
        codes = {400: "bad_request", 401: "not_authenticated", 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 409: "conflict", 429: "rate_limited"}
        return body(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))
