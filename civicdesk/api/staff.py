"""Workflow endpoints for staff (bearer token): the same scope as the web interface, decided by
`civicdesk.petitions.permissions`."""

from typing import Any

from django.utils.translation import gettext as _
from ninja import Query, Router

from civicdesk.answers import publishing
from civicdesk.api import schemas
from civicdesk.api.auth import StaffRequest, StaffToken
from civicdesk.api.errors import ApiError
from civicdesk.api.paging import Page, Paging, page_of
from civicdesk.api.schemas import local
from civicdesk.petitions import identity as reporter_identity
from civicdesk.petitions import permissions
from civicdesk.petitions.models import Case, Status
from civicdesk.petitions.tracking import normalise_tracking_code
from civicdesk.workflow import operations, possible_duplicates

router = Router(tags=["staff"], auth=StaffToken())

ERRORS = {400: schemas.Error, 401: schemas.Error, 403: schemas.Error, 404: schemas.Error, 409: schemas.Error, 422: schemas.Error}


class StaffFilters(Paging):
    status: Status | None = None


class StaffPage(Page):
    items: list[schemas.StaffCase]


def _visible(user):  # type: ignore[no-untyped-def]
    return Case.objects.visible_to(user).select_related("category", "agency", "ward", "assignee")


def _case(request: StaffRequest, tracking_code: str) -> Case:
    code = normalise_tracking_code(tracking_code) or tracking_code.strip().upper()[:16]
    case = _visible(request.auth).filter(tracking_code=code).first() if code else None
    if case is None:
        raise ApiError(404, "not_found", _("Không có hồ sơ này trong phạm vi của bạn."))
    return case


def _editable(request: StaffRequest, tracking_code: str) -> Case:
    case = _case(request, tracking_code)
    if not permissions.can_edit_case(request.auth, case):
        raise ApiError(403, "forbidden", _("Chỉ cán bộ của đơn vị xử lý mới thực hiện được việc này."))
    return case


def _staff_case(case: Case, user: Any) -> dict:
    identity = reporter_identity.reveal(user, case, "staff_api")
    return {
        "tracking_code": case.tracking_code, "kind": case.kind,
        "title": reporter_identity.title_for(user, case, identity),
        "content": reporter_identity.content_for(user, case, identity),
        "status": case.status, "status_label": case.get_status_display(), "priority": case.priority,
        "category": case.category.code if case.category else None,
        "agency": case.agency.code if case.agency else None,
        "ward": case.ward.code if case.ward else None,
        "address": case.address_text, "reporter_name": identity.name if identity else "",
        "reporter_phone": identity.phone if identity else "", "reporter_email": identity.email if identity else "",
        "created_at": local(case.created_at), "due_at": local(case.due_at),
        "assignee": case.assignee.username if case.assignee else None,
    }


def _done(case: Case) -> dict:
    return {"tracking_code": case.tracking_code, "status": case.status, "status_label": case.get_status_display()}


@router.get("/cases", response={200: StaffPage, **ERRORS}, summary="Hồ sơ trong phạm vi của tôi")
def my_cases(request: StaffRequest, filters: Query[StaffFilters]):  # type: ignore[no-untyped-def]
    cases = _visible(request.auth)
    if filters.status:
        cases = cases.filter(status=filters.status)
    return page_of(cases.order_by("-created_at", "-id"), filters, lambda c: _staff_case(c, request.auth))


@router.get("/cases/{tracking_code}", response={200: schemas.StaffCaseDetail, **ERRORS}, summary="Xem hồ sơ")
def see_case(request: StaffRequest, tracking_code: str):  # type: ignore[no-untyped-def]
    case = _case(request, tracking_code)
    similar = possible_duplicates.for_case(case, request.auth)
    return _staff_case(case, request.auth) | {"possible_duplicates": [
        {"tracking_code": row.case.tracking_code, "score": row.score, "status": row.case.status} for row in similar]}


@router.post("/cases/{tracking_code}/start", response={200: schemas.Done, **ERRORS}, summary="Bắt đầu xử lý")
def start(request: StaffRequest, tracking_code: str):  # type: ignore[no-untyped-def]
    case = _editable(request, tracking_code)
    return _done(operations.start(case, request.auth))


@router.post("/cases/{tracking_code}/notes", response={201: schemas.Done, **ERRORS}, summary="Ghi chú nội bộ")
def add_note(request: StaffRequest, tracking_code: str, payload: schemas.NoteIn):  # type: ignore[no-untyped-def]
    case = _editable(request, tracking_code)
    operations.add_note(case, request.auth, payload.note)
    return 201, _done(case)


@router.post("/cases/{tracking_code}/answer", response={201: schemas.Done, **ERRORS},
             summary="Soạn trả lời (và trình duyệt)")
def draft_answer(request: StaffRequest, tracking_code: str, payload: schemas.AnswerIn):  # type: ignore[no-untyped-def]
    case = _editable(request, tracking_code)
    publishing.write_answer(case, request.auth, payload.body, submit=payload.submit, work_done=payload.work_done,
                            no_evidence_reason=payload.no_evidence_reason)
    return 201, _done(case)
