"""Open311 service requests: reading the standard's POST fields into a case, and describing cases
the way GET requests answers — without the reporter's name, e-mail or phone."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from civicdesk.lib.text import title_from_first_line
from civicdesk.open311.formats import iso
from civicdesk.open311.models import Open311Request, ServiceAttribute
from civicdesk.open311.services import service_notice
from civicdesk.organisation.lookup import ward_by_code
from civicdesk.petitions import public_text
from civicdesk.petitions.categories import active_category
from civicdesk.petitions.models import FINISHED_STATUSES, OPEN_STATUSES, Case, Category, Channel, Status

MAX_DESCRIPTION = 4000
MAX_RESULTS = 1000  # the standard's most; a page holds DEFAULT_PAGE_SIZE unless page_size asks for more
DEFAULT_PAGE_SIZE = 100
DEFAULT_SPAN = timedelta(days=90)
_ATTRIBUTE_KEY = re.compile(r"^attribute\[([^\]]+)\](\[\])?$")


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


@dataclass
class Created:
    case: Case
    request: Open311Request

    def as_response(self) -> dict:
        if self.case.status == Status.TRIAGE:
            # Waiting for a person to classify it: the client follows the token.
            return {"token": self.request.token, "service_notice": "", "account_id": self.request.account_id or None}
        return {
            "service_request_id": self.case.tracking_code,
            "service_notice": service_notice(self.case.category),
            "account_id": self.request.account_id or None,
        }


def open311_status(case: Case) -> str:
    return "open" if case.status in OPEN_STATUSES else "closed"


# --- POST ----------------------------------------------------------------------------------------

def _float(raw: str, name: str, low: float, high: float) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise Open311Error(400, _("%(name)s phải là số.") % {"name": name}) from None
    if not (low <= value <= high):
        raise Open311Error(400, _("%(name)s nằm ngoài khoảng cho phép.") % {"name": name})
    return value


def _attributes(post, category: Category) -> dict:  # type: ignore[no-untyped-def]
    given: dict[str, object] = {}
    for key in post:
        match = _ATTRIBUTE_KEY.match(key)
        if match:
            values = [v.strip() for v in post.getlist(key) if v.strip()]
            given[match.group(1)] = values if match.group(2) else (values[-1] if values else "")
    checked: dict[str, object] = {}
    for attribute in category.open311_attributes.all():
        value = given.pop(attribute.code, None)
        if value in (None, "", []):
            if attribute.required and attribute.variable:
                raise Open311Error(400, _("Thiếu thuộc tính bắt buộc: %(code)s.") % {"code": attribute.code})
            continue
        checked[attribute.code] = _check_attribute(attribute, value)
    if given:
        raise Open311Error(400, _("Thuộc tính không có trong định nghĩa dịch vụ: %(codes)s.")
                           % {"codes": ", ".join(sorted(given))})
    return checked


def _check_attribute(attribute: ServiceAttribute, value: object) -> object:
    values = value if isinstance(value, list) else [value]
    invalid = _("Giá trị không hợp lệ cho thuộc tính %(code)s.") % {"code": attribute.code}
    kind = attribute.datatype
    if kind == ServiceAttribute.Datatype.MULTI:
        if not set(map(str, values)) <= attribute.value_keys():
            raise Open311Error(400, invalid)
        return [str(v) for v in values]
    single = str(values[-1])
    if kind == ServiceAttribute.Datatype.SINGLE and single not in attribute.value_keys():
        raise Open311Error(400, invalid)
    if kind == ServiceAttribute.Datatype.NUMBER:
        try:
            float(single)
        except ValueError:
            raise Open311Error(400, invalid) from None
    if kind == ServiceAttribute.Datatype.DATETIME and _parse_time(single) is None:
        raise Open311Error(400, invalid)
    if len(single) > 2000:
        raise Open311Error(400, invalid)
    return single


def create_request(post, client) -> Created:  # type: ignore[no-untyped-def]
    """Validate the standard's POST fields and submit the case through intake."""
    from civicdesk.workflow.intake import NewCase, submit

    code = post.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, _("Thiếu service_code."))
    category = active_category(code)
    if category is None:
        raise Open311Error(404, _("Không có dịch vụ với mã %(code)s.") % {"code": code})

    lat_raw, lon_raw = post.get("lat", "").strip(), post.get("long", "").strip()
    address = post.get("address_string", "").strip()
    address_id = post.get("address_id", "").strip()
    if bool(lat_raw) != bool(lon_raw):
        raise Open311Error(400, _("Cần cả lat và long."))
    if not (lat_raw or address or address_id):
        raise Open311Error(400, _("Cần vị trí: lat và long, address_string hoặc address_id."))
    lat = _float(lat_raw, "lat", -90, 90) if lat_raw else None
    lon = _float(lon_raw, "long", -180, 180) if lon_raw else None
    if len(address) > 300 or len(address_id) > 60:
        raise Open311Error(400, _("Địa chỉ quá dài."))

    description = post.get("description", "").strip()
    if len(description) > MAX_DESCRIPTION:
        raise Open311Error(400, _("Nội dung (description) dài quá %(max)s ký tự.") % {"max": MAX_DESCRIPTION})
    email = post.get("email", "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Open311Error(400, _("Địa chỉ thư điện tử không hợp lệ.")) from None
    media_url = post.get("media_url", "").strip()
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            raise Open311Error(400, _("media_url không hợp lệ.")) from None
    phone = post.get("phone", "").strip()
    if len(phone) > 20:
        raise Open311Error(400, _("Số điện thoại không hợp lệ."))
    first, last = post.get("first_name", "").strip(), post.get("last_name", "").strip()
    # Vietnamese names are written family name first.
    name = f"{last} {first}".strip()[:150]
    attributes = _attributes(post, category)
    ward = ward_by_code(address_id)

    content = description or category.name
    title = title_from_first_line(content)
    with transaction.atomic():
        case, _created = submit(NewCase(
            title=title, content=content, channel=Channel.OPEN311, category=category,
            address_text=address, ward=ward, lat=lat, lon=lon,
            reporter_name=name, reporter_email=email, reporter_phone=phone,
        ))
        request = Open311Request.objects.create(
            case=case, client=client, attributes=attributes, media_url=media_url, address_id=address_id,
            device_id=post.get("device_id", "").strip()[:100], account_id=post.get("account_id", "").strip()[:100],
        )
    return Created(case=case, request=request)


# --- GET -----------------------------------------------------------------------------------------

def _parse_time(raw: str) -> datetime | None:
    try:
        value = parse_datetime(raw.strip().replace(" ", "+", 1) if "T" in raw and " " in raw else raw.strip())
    except ValueError:
        return None
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:  # ISO 8601 allows offsets PostgreSQL refuses (beyond ±15:59): compare in UTC
        return value.astimezone(UTC)
    except OverflowError:
        return None


def _split(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def _base() -> QuerySet[Case]:
    from civicdesk.answers.models import Answer

    approved = Answer.objects.newest_approved_first()
    return Case.objects.select_related("category", "agency", "ward", "open311_request").prefetch_related(
        "attachments", Prefetch("answers", queryset=approved, to_attr="approved_answers"))


def find_requests(params) -> list[Case]:  # type: ignore[no-untyped-def]
    """GET requests: by service_request_id (any case, by its tracking code) or a search over
    published cases, newest first, the last 90 days unless dates are given, a page at a time:
    `page_size` (default 100, at most 1000 as the standard allows) and `page` (from 1), the paging
    extension other Open311 servers use. 1000 masked requests by default were 745 KB and seconds."""
    ids = _split(params.get("service_request_id", ""))
    if ids:
        return list(_base().filter(tracking_code__in=[i.upper() for i in ids]).order_by("-created_at"))
    cases = _base().filter(is_public=True)
    codes = _split(params.get("service_code", ""))
    if codes:
        cases = cases.filter(category__code__in=codes)
    statuses = _split(params.get("status", ""))
    if statuses:
        if not set(statuses) <= {"open", "closed"}:
            raise Open311Error(400, _("status chỉ nhận open hoặc closed."))
        if statuses == ["open"]:
            cases = cases.filter(status__in=OPEN_STATUSES)
        elif statuses == ["closed"]:
            cases = cases.filter(status__in=FINISHED_STATUSES)
    start = end = None
    if params.get("start_date"):
        start = _parse_time(params["start_date"])
        if start is None:
            raise Open311Error(400, _("start_date không đúng định dạng ISO 8601."))
    if params.get("end_date"):
        end = _parse_time(params["end_date"])
        if end is None:
            raise Open311Error(400, _("end_date không đúng định dạng ISO 8601."))
    if start and end and start > end:
        raise Open311Error(400, _("start_date phải trước end_date."))
    if start is None and end is None:
        start = timezone.now() - DEFAULT_SPAN
    if start is not None:
        cases = cases.filter(created_at__gte=start)
    if end is not None:
        cases = cases.filter(created_at__lte=end)
    page, size = _positive(params, "page", 1, 1000), _positive(params, "page_size", DEFAULT_PAGE_SIZE, MAX_RESULTS)
    return list(cases.order_by("-created_at", "-id")[(page - 1) * size:page * size])


def _positive(params, name: str, default: int, most: int) -> int:  # type: ignore[no-untyped-def]
    raw = str(params.get(name, "")).strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= most:
        raise Open311Error(400, _("%(name)s phải là số nguyên từ 1 đến %(most)d.") % {"name": name, "most": most})
    return int(raw)


def describe(case: Case) -> dict:
    """One request as GET requests returns it. No reporter name, e-mail or phone: the text is masked."""
    extra = getattr(case, "open311_request", None)
    status_notes = ""
    if case.is_public:
        answers = getattr(case, "approved_answers", None)
        if answers is None:
            answers = list(case.answers.newest_approved_first()[:1])
        answer = answers[0] if answers else None
        if answer is not None:
            status_notes = answer.public_body or public_text.mask_answer(answer.body, case)
    if case.status == Status.REJECTED:
        status_notes = public_text.mask_answer(case.rejection_reason, case)
    media_url = extra.media_url if extra and extra.media_url else ""
    if case.legal_kind:  # a complaint or denunciation: its text and place are never public
        media_url = ""
    elif not media_url:
        public = next((a for a in case.attachments.all() if a.is_image and a.public_file), None)
        if public is not None:
            media_url = settings.SITE_URL.rstrip("/") + public.public_file.url
    return {
        "service_request_id": case.tracking_code,
        "status": open311_status(case),
        "status_notes": status_notes,
        "service_name": case.category.name if case.category else "",
        "service_code": case.category.code if case.category else "",
        "description": "" if case.legal_kind else public_text.content_of(case),
        "agency_responsible": case.agency.name if case.agency else "",
        "service_notice": service_notice(case.category),
        "requested_datetime": iso(case.created_at),
        "updated_datetime": iso(case.updated_at),
        "expected_datetime": iso(case.due_at),
        # As REST and open data: no address line of a hide-my-name case (it may be the reporter's
        # home), and ~100 m positions — enough for a map, not enough to point at a house.
        "address": "" if case.hide_identity or case.legal_kind else public_text.mask(case.address_text, case),
        "address_id": (extra.address_id if extra else "") or (case.ward.code if case.ward else ""),
        "zipcode": "",
        "lat": round(case.lat, 3) if case.lat is not None else None,
        "long": round(case.lon, 3) if case.lon is not None else None,
        "media_url": media_url,
    }


def token_status(token: str) -> dict | None:
    request = Open311Request.objects.select_related("case").filter(token=token).first()
    if request is None:
        return None
    waiting = request.case.status in (Status.RECEIVED, Status.TRIAGE)
    return {"service_request_id": "" if waiting else request.case.tracking_code, "token": token}
