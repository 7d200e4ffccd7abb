"""Public endpoints: send a case, follow your own by tracking code, read published cases and answers,
and the reference lists (categories, wards, agencies)."""

import re
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema
from pydantic import field_validator

from civicdesk.answers import public as answer_texts
from civicdesk.api import idempotency, schemas
from civicdesk.api.auth import calling_client, session_user
from civicdesk.api.errors import ApiError, check_anonymous_limit
from civicdesk.api.paging import Page, Paging, page_of
from civicdesk.api.schemas import local
from civicdesk.lib.text import title_from_first_line
from civicdesk.organisation.lookup import ward_by_code
from civicdesk.organisation.models import AdminUnit, Agency
from civicdesk.petitions import code_lookups, public_text, reporter_access
from civicdesk.petitions.categories import active_category
from civicdesk.petitions.models import Case, Category, Channel, Status
from civicdesk.petitions.tracking import normalise_tracking_code

router = Router(tags=["public"])
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")


class CaseFilters(Paging):
    category: str | None = Field(None, max_length=40, pattern=r"^[-a-zA-Z0-9_]*$")
    ward: str | None = Field(None, max_length=5, pattern=r"^\d*$")
    agency: str | None = Field(None, max_length=60, pattern=r"^[-a-zA-Z0-9_]*$")
    status: Status | None = None
    kind: str | None = Field(None, pattern=r"^(report|proposal|question)$")
    created_after: datetime | None = None
    created_before: datetime | None = None

    @field_validator("created_after", "created_before", mode="before")
    @classmethod
    def _iso_only(cls, value: object) -> object:
        # pydantic would read "0.5" as a Unix time; only ISO 8601 is documented.
        if value is not None and not (isinstance(value, str) and _ISO_DATE.match(value)):
            raise ValueError("Cần ngày giờ ISO 8601, ví dụ 2026-01-31T08:00:00+07:00.")
        return value

    @field_validator("created_after", "created_before")
    @classmethod
    def _in_utc(cls, value: datetime | None) -> datetime | None:
        # ISO 8601 allows offsets up to ±23:59, PostgreSQL only ±15:59: compare in UTC.
        if value is None:
            return None
        try:
            if value.tzinfo is None:  # local time, as the rest of the API writes it
                value = timezone.make_aware(value)
            return value.astimezone(UTC)
        except OverflowError:
            raise ValueError("Ngày giờ nằm ngoài khoảng cho phép.") from None


class CasePage(Page):
    items: list[schemas.CasePublic]


class AnswerPage(Page):
    items: list[schemas.AnswerOut]


def _ref(obj) -> dict | None:  # type: ignore[no-untyped-def]
    return {"code": obj.code, "name": obj.name} if obj is not None else None


# --- create --------------------------------------------------------------------------------------

@router.post("/cases", response={201: schemas.CaseCreated, 400: schemas.Error, 401: schemas.Error, 422: schemas.Error,
                                 429: schemas.Error},
             summary="Gửi phản ánh, kiến nghị")
def create_case(
    request: HttpRequest, response: HttpResponse, payload: schemas.CaseIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=64,
                                         pattern=r"^[\x21-\x7e]+$"),
):  # type: ignore[no-untyped-def]
    """Gửi lại cùng `Idempotency-Key` (của cùng một bên gọi) với cùng nội dung trả về đúng kết quả
    lần đầu, không tạo hồ sơ mới; cùng khóa với nội dung khác bị từ chối (422)."""
    from civicdesk.workflow.intake import IdempotencyConflict, NewCase, submit

    client = calling_client(request)
    user = session_user(request) if client is None else None
    if client is None:
        check_anonymous_limit(request, "anon_create")
    category = ward = None
    if payload.category:
        category = active_category(payload.category)
        if category is None:
            raise ApiError(422, "unknown_category", _("Không có lĩnh vực với mã này."))
    if payload.ward:
        ward = ward_by_code(payload.ward)
        if ward is None:
            raise ApiError(422, "unknown_ward", _("Không có phường/xã với mã này."))
    key = idempotency.scoped_key(request, idempotency_key, client=client, user=user) if idempotency_key else None
    try:
        case, created = submit(NewCase(
            title=payload.title.strip() or title_from_first_line(payload.content), content=payload.content,
            kind=payload.kind, channel=Channel.API, category=category, address_text=payload.address,
            ward=ward, lat=payload.lat, lon=payload.lon, reporter_type=payload.reporter_type,
            reporter_name=payload.reporter_name, reporter_email=payload.reporter_email,
            reporter_phone=payload.reporter_phone, hide_identity=payload.hide_identity,
            user=user, idempotency_key=key,
            idempotency_fingerprint=idempotency.fingerprint(payload.model_dump()) if key else "",
        ))
    except IdempotencyConflict:
        raise ApiError(422, "idempotency_key_reused", _(
            "Idempotency-Key này đã được dùng cho một yêu cầu có nội dung khác. Hãy dùng khóa mới cho "
            "phản ánh mới.")) from None
    if not created:
        response["Idempotent-Replayed"] = "true"
    return 201, {
        "tracking_code": case.tracking_code,
        "status": case.status,
        "status_label": case.get_status_display(),
        "category": case.category.code if case.category else None,
        "agency": case.agency.code if case.agency else None,
        "due_at": local(case.due_at),
        "created_at": local(case.created_at),
        "url": settings.SITE_URL.rstrip("/") + case.get_absolute_url(),
        "reporter_token": reporter_access.secret_for(case),
        "reporter_url": reporter_access.secret_link(case),
    }


# --- read ----------------------------------------------------------------------------------------

@router.get("/cases/{tracking_code}", response={200: schemas.CaseOwn, 401: schemas.Error, 403: schemas.Error,
                                               404: schemas.Error, 429: schemas.Error},
            summary="Tra cứu hồ sơ bằng mã tra cứu (bản đầy đủ cho người gửi)")
def own_case(request: HttpRequest, tracking_code: str):  # type: ignore[no-untyped-def]
    """Ai có mã tra cứu đều xem được bản công khai (đã che thông tin cá nhân). Bản đầy đủ cần
    `X-Reporter-Token` (mã bí mật gửi kèm biên nhận) hoặc phiên đăng nhập của tài khoản đã gửi."""
    client = calling_client(request)
    verdict = code_lookups.allowed(request, client=client)
    if not verdict:
        raise ApiError.rate_limited(verdict.retry_after)
    code = normalise_tracking_code(tracking_code) or tracking_code.strip().upper()[:16]
    case = (Case.objects.select_related("category", "agency", "ward").filter(tracking_code=code).first()
            if code else None)
    if case is None:
        code_lookups.missed(request, client=client)
        raise ApiError(404, "not_found", _("Không có hồ sơ với mã tra cứu này."))
    token = request.headers.get(reporter_access.TOKEN_HEADER, "")
    if token and not reporter_access.secret_matches(case, token):
        code_lookups.missed(request, client=client)
        raise ApiError(403, "invalid_reporter_token", _("Mã bí mật của người gửi (X-Reporter-Token) không đúng."))
    reporter = reporter_access.is_reporter(request, case)
    view = answer_texts.tracking_context(case, reporter)
    answer = None
    if case.status in (Status.ANSWERED, Status.CLOSED):
        answer = view["answer"] or None
    timeline = [{"action": e.action, "action_label": e.get_action_display(), "at": local(e.created_at),
                 "to_status": e.to_status,
                 "note": e.note if reporter else public_text.mask(e.note, case)}
                for e in case.timeline(public_only=True)]
    return {
        "tracking_code": case.tracking_code, "kind": case.kind, "title": view["title"], "content": view["content"],
        "status": case.status, "status_label": case.get_status_display(),
        "category": _ref(case.category), "agency": _ref(case.agency), "ward": _ref(case.ward),
        "created_at": local(case.created_at), "due_at": local(case.due_at), "answered_at": local(case.answered_at),
        "timeline": timeline, "answer": answer, "reporter_verified": reporter,
    }


def published_cases() -> QuerySet[Case]:
    return Case.objects.filter(is_public=True).select_related("category", "agency", "ward")


def _public(case: Case) -> dict:
    return {
        "tracking_code": case.tracking_code, "kind": case.kind,
        "title": public_text.title_of(case), "content": public_text.content_of(case),
        "status": case.status, "status_label": case.get_status_display(),
        "category": case.category.code if case.category else None,
        "agency": case.agency.code if case.agency else None,
        "ward": case.ward.code if case.ward else None,
        "created_at": local(case.created_at), "answered_at": local(case.answered_at),
        # ~100 m: enough for a map, not enough to point at a house.
        "lat": round(case.lat, 3) if case.lat is not None else None,
        "lon": round(case.lon, 3) if case.lon is not None else None,
    }


@router.get("/cases", response={200: CasePage, 422: schemas.Error}, summary="Danh sách phản ánh đã công khai")
def list_cases(request: HttpRequest, filters: Query[CaseFilters]):  # type: ignore[no-untyped-def]
    cases = published_cases()
    if filters.category:
        cases = cases.filter(category__code=filters.category)
    if filters.ward:
        cases = cases.filter(ward__code=filters.ward)
    if filters.agency:
        cases = cases.filter(agency__code=filters.agency)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.created_after:
        cases = cases.filter(created_at__gte=filters.created_after)
    if filters.created_before:
        cases = cases.filter(created_at__lte=filters.created_before)
    return page_of(cases.order_by("-created_at", "-id"), filters, _public)


class AnswerFilters(Paging):
    category: str | None = Field(None, max_length=40, pattern=r"^[-a-zA-Z0-9_]*$")
    agency: str | None = Field(None, max_length=60, pattern=r"^[-a-zA-Z0-9_]*$")


@router.get("/answers", response={200: AnswerPage, 422: schemas.Error}, summary="Các câu trả lời đã công khai")
def list_answers(request: HttpRequest, filters: Query[AnswerFilters]):  # type: ignore[no-untyped-def]
    from civicdesk.answers.models import Answer

    answers = Answer.objects.approved().filter(case__is_public=True).select_related(
        "case", "case__agency")
    if filters.category:
        answers = answers.filter(case__category__code=filters.category)
    if filters.agency:
        answers = answers.filter(case__agency__code=filters.agency)
    return page_of(answers.order_by("-approved_at", "-id"), filters, lambda a: {
        "tracking_code": a.case.tracking_code,
        "case_title": public_text.title_of(a.case),
        "body": a.public_body or public_text.mask_answer(a.body, a.case),
        "agency": a.case.agency.code if a.case.agency else None,
        "approved_at": local(a.approved_at),
    })


@router.get("/categories", response=list[schemas.CategoryOut], summary="Lĩnh vực")
def categories(request: HttpRequest):  # type: ignore[no-untyped-def]
    return list(Category.objects.filter(is_active=True).values("code", "name", "name_en", "scope"))


class WardFilters(Schema):
    q: str | None = Field(None, max_length=60, description="Tìm theo tên (có dấu)")
    province: str | None = Field(None, max_length=2, pattern=r"^\d*$")


@router.get("/wards", response={200: list[schemas.WardOut], 422: schemas.Error}, summary="Phường, xã, đặc khu")
def wards(request: HttpRequest, filters: Query[WardFilters]):  # type: ignore[no-untyped-def]
    units = AdminUnit.objects.filter(level=AdminUnit.Level.WARD).select_related("parent")
    if filters.province:
        units = units.filter(parent__code=filters.province)
    if filters.q and "\x00" not in filters.q:
        units = units.filter(name__icontains=filters.q.strip())
    return [{"code": u.code, "name": u.name, "province": u.parent.code if u.parent else None}
            for u in units.order_by("code")[:5000]]


@router.get("/agencies", response=list[schemas.AgencyOut], summary="Đơn vị xử lý")
def agencies(request: HttpRequest):  # type: ignore[no-untyped-def]
    return [{"code": a.code, "name": a.name, "kind": a.kind, "ward": a.ward.code if a.ward else None}
            for a in Agency.objects.filter(is_active=True).select_related("ward")]
