"""Synthetic cases for the dashboard benchmark and screenshots: realistic shapes (weekly rhythm,
growth, categories of uneven size, most cases answered, some late, a few reopened, a spike in the
last week so that hot spots show), written with COPY on PostgreSQL and bulk_create elsewhere.

Generated rows skip the signals; `facts.rebuild_all()` is run afterwards."""

import io
import math
import random
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from civicdesk.accounts.models import Role, User
from civicdesk.answers.models import Rating
from civicdesk.organisation.models import AdminUnit, Agency
from civicdesk.petitions.models import Case, CaseEvent, Category, Channel, EventAction, Status

CATEGORY_NAMES = [
    ("ha-tang-do-thi", "Hạ tầng đô thị"), ("moi-truong", "Môi trường"), ("trat-tu-do-thi", "Trật tự đô thị"),
    ("giao-thong", "Giao thông"), ("dien", "Điện"), ("cap-thoat-nuoc", "Cấp, thoát nước"),
    ("an-ninh-trat-tu", "An ninh trật tự"), ("y-te", "Y tế"), ("giao-duc", "Giáo dục"),
    ("dat-dai-nha-o", "Đất đai, nhà ở"), ("thu-tuc-hanh-chinh", "Thủ tục hành chính"),
    ("lao-dong-viec-lam", "Lao động, việc làm"), ("kinh-te", "Kinh tế"), ("an-toan-thuc-pham", "An toàn thực phẩm"),
    ("khac", "Khác"),
]
WARD_NAMES = ["Bến Thành", "Sài Gòn", "Tân Định", "Cầu Ông Lãnh", "Bàn Cờ", "Xuân Hòa", "Nhiêu Lộc", "Chợ Quán",
              "An Đông", "Chợ Lớn", "Bình Tây", "Phú Lâm", "Tân Sơn Nhất", "Bảy Hiền", "Gia Định", "Bình Thạnh",
              "Thạnh Mỹ Tây", "Hạnh Thông", "Gò Vấp", "An Hội Tây", "Thủ Đức", "Linh Xuân", "Hiệp Bình",
              "Tam Bình", "Tân Mỹ", "Tân Hưng", "Phú Thuận", "Bình Đông", "Chánh Hưng", "Phú Định"]
CHANNEL_WEIGHTS = [(Channel.HOTLINE, 40), (Channel.WEB, 25), (Channel.APP, 20), (Channel.ZALO, 8), (Channel.EMAIL, 4),
                   (Channel.SMS, 2), (Channel.OPEN311, 1)]
CENTRE = (10.776, 106.700)


def ensure_reference_data(rng: random.Random) -> dict:
    """Categories, wards, agencies and a few staff users: the existing ones, or made up."""
    categories = list(Category.objects.order_by("id"))
    if len(categories) < 5:
        for order, (code, name) in enumerate(CATEGORY_NAMES):
            Category.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
        categories = list(Category.objects.order_by("id"))
    province = AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE, code="79").first()
    wards = list(AdminUnit.objects.filter(parent=province, level=AdminUnit.Level.WARD)
                 .exclude(lat=None).order_by("code")[:168]) if province else []
    if len(wards) < 10:
        province, _created = AdminUnit.objects.get_or_create(code="79", defaults={
            "name": "Thành phố Hồ Chí Minh", "short_name": "Hồ Chí Minh", "level": AdminUnit.Level.PROVINCE,
            "key": "thanhphohochiminh", "short_key": "hochiminh"})
        wards = []
        for index, name in enumerate(WARD_NAMES):
            angle, radius = rng.random() * 6.283, 0.02 + 0.09 * rng.random()
            ward, _created = AdminUnit.objects.get_or_create(code=f"{27000 + index * 7:05d}", defaults={
                "name": f"Phường {name}", "short_name": name, "unit_type": "Phường", "level": AdminUnit.Level.WARD,
                "parent": province, "key": f"phuong{index}", "short_key": f"p{index}",
                "lat": CENTRE[0] + radius * 0.8 * math.cos(angle), "lon": CENTRE[1] + radius * math.sin(angle)})
            wards.append(ward)
    agencies = list(Agency.objects.filter(is_active=True).order_by("id")[:60])
    if len(agencies) < 5:
        for code, name in CATEGORY_NAMES[:10]:
            Agency.objects.get_or_create(code=f"so-{code}", defaults={"name": f"Sở phụ trách {name.lower()}"})
        for ward in wards[:20]:
            Agency.objects.get_or_create(code=f"ubnd-{ward.code}", defaults={
                "name": f"UBND {ward.name}", "kind": Agency.Kind.WARD_COMMITTEE, "ward": ward})
        agencies = list(Agency.objects.filter(is_active=True).order_by("id"))
    staff = []
    for agency in agencies[:60]:
        user, _created = User.objects.get_or_create(username=f"bench.canbo.{agency.id}", defaults={
            "role": Role.OFFICER, "agency": agency, "full_name": f"Cán bộ {agency.name}"})
        staff.append(user)
    return {"categories": categories, "wards": wards, "agencies": agencies, "staff": staff}


def generate(total: int, days: int = 730, seed: int = 1022, batch: int = 20_000, progress=None,
             now: datetime | None = None) -> int:
    """Write `total` cases spread over the last `days` days, with events and ratings."""
    rng = random.Random(seed)
    ref = ensure_reference_data(rng)
    now = now or timezone.now()
    categories, wards, agencies, staff = ref["categories"], ref["wards"], ref["agencies"], ref["staff"]
    category_weights = [1.0 / (i + 1) ** 0.8 for i in range(len(categories))]
    ward_weights = [rng.uniform(0.3, 2.0) for _ in wards]
    channels, channel_weights = zip(*CHANNEL_WEIGHTS, strict=True)
    agency_of = {c.id: agencies[i % len(agencies)] for i, c in enumerate(categories)}
    staff_of = {user.agency_id: user for user in staff}
    spike_category = categories[min(3, len(categories) - 1)]
    # daily weights: growth over the period, quieter weekends, a spike in one category last week
    day_weights = []
    for back in range(days):
        day = now - timedelta(days=back)
        weight = (1.0 + 0.5 * (days - back) / days) * (0.55 if day.weekday() >= 5 else 1.0)
        day_weights.append(weight)
    prefix = f"{seed % 36:X}"
    start_id = (Case.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    written = 0
    while written < total:
        size = min(batch, total - written)
        cases, events, ratings = [], [], []
        backs = rng.choices(range(days), weights=day_weights, k=size)
        for i in range(size):
            case_id = start_id + written + i
            back = backs[i]
            created = now - timedelta(days=back, seconds=rng.randint(0, 86_399))
            if back < 7 and rng.random() < 0.25:
                category = spike_category
            else:
                category = rng.choices(categories, weights=category_weights)[0]
            ward = rng.choices(wards, weights=ward_weights)[0]
            agency = agency_of[category.id]
            due = created + timedelta(days=rng.choice((7, 10, 14, 20)))
            age_days = back
            # the older a case, the likelier it is finished
            finished = rng.random() < min(0.97, 0.15 + age_days / 12)
            status = Status.IN_PROGRESS
            answered_at: datetime | None = None
            closed_at: datetime | None = None
            officer = staff_of.get(agency.id) or (staff[0] if staff else None)
            first_response = created + timedelta(hours=rng.lognormvariate(2.0, 1.0))
            evs: list[tuple[EventAction, datetime, User | None, str, str]] = [(EventAction.CREATED, created, None, "", Status.RECEIVED),
                   (EventAction.ASSIGNED, created + timedelta(minutes=2), None, Status.RECEIVED, Status.ASSIGNED)]
            if first_response < now:
                evs.append((EventAction.STATUS_CHANGED, first_response, officer, Status.ASSIGNED, Status.IN_PROGRESS))
            else:
                status = Status.ASSIGNED
            if finished:
                late = rng.random() < 0.12 + 0.1 * (category.id % 3)
                span = (due - created) * (rng.uniform(1.05, 1.8) if late else rng.uniform(0.1, 0.98))
                answered_at = created + span
                if answered_at >= now or answered_at <= first_response:
                    finished = False
            if finished:
                assert answered_at is not None  # set above whenever `finished` is still true
                status = Status.ANSWERED
                evs.append((EventAction.ANSWER_APPROVED, answered_at, officer, Status.AWAITING_APPROVAL,
                            Status.ANSWERED))
                if rng.random() < 0.6 and answered_at + timedelta(days=3) < now:
                    closed_at = answered_at + timedelta(days=3)
                    status = Status.CLOSED
                    evs.append((EventAction.CLOSED, closed_at, None, Status.ANSWERED, Status.CLOSED))
                if rng.random() < 0.03:
                    evs.append((EventAction.REOPENED, answered_at + timedelta(days=1), None, "", ""))
                if rng.random() < 0.3:
                    ratings.append((case_id, rng.choices((1, 2, 3, 4, 5), weights=(5, 7, 15, 35, 38))[0],
                                    answered_at + timedelta(days=1)))
            elif rng.random() < 0.02 and back > 3:
                status, closed_at = Status.REJECTED, created + timedelta(days=1)
                evs = [*evs[:2], (EventAction.REJECTED, closed_at, officer, Status.ASSIGNED, Status.REJECTED)]
            lat = ward.lat + rng.gauss(0, 0.006) if ward.lat else None
            lon = ward.lon + rng.gauss(0, 0.006) if ward.lon else None
            cases.append((case_id, f"{prefix}{case_id:08X}"[:16], category, ward, agency,
                          rng.choices(channels, weights=channel_weights)[0], status, created, due, answered_at,
                          closed_at, lat, lon))
            for action, at, actor, from_status, to_status in evs:
                events.append((case_id, action, at, actor.id if actor else None, from_status, to_status))
        _write(cases, events, ratings, now)
        written += size
        if progress:
            progress(written, total)
    return written


CASE_COLUMNS = ("id", "tracking_code", "kind", "title", "content", "category_id", "category_confirmed", "priority",
                "status", "channel", "address_text", "ward_id", "lat", "lon", "reporter_type", "reporter_name",
                "reporter_email", "reporter_phone", "hide_identity", "agency_id", "created_at", "updated_at",
                "due_at", "answered_at", "closed_at", "is_public", "rejection_reason")
EVENT_COLUMNS = ("case_id", "action", "actor_id", "created_at", "from_status", "to_status", "note", "is_public",
                 "data")


def _case_values(row, now):
    case_id, code, category, ward, agency, channel, status, created, due, answered, closed, lat, lon = row
    return (case_id, code, "report", f"{category.name}: phản ánh số {case_id}",
            f"Người dân phản ánh về {category.name.lower()} tại {ward.name}.", category.id, True, "normal",
            status, channel, ward.name, ward.id, lat, lon, "person", "", "", "", False, agency.id, created,
            max(created, answered or created, closed or created), due, answered, closed, False, "")


def _write(cases, events, ratings, now) -> None:
    case_rows = [_case_values(row, now) for row in cases]
    event_rows = [(case_id, action, actor, at, from_status, to_status, "", True, "{}")
                  for case_id, action, at, actor, from_status, to_status in events]
    with transaction.atomic():
        if connection.vendor == "postgresql":
            _copy("petitions_case", CASE_COLUMNS, case_rows)
            _copy("petitions_caseevent", EVENT_COLUMNS, event_rows)
            _copy("answers_rating", ("case_id", "score", "comment", "created_at"),
                  [(c, s, "", at) for c, s, at in ratings])
        else:
            Case.objects.bulk_create([Case(**dict(zip(CASE_COLUMNS, values, strict=True))) for values in case_rows],
                                     batch_size=500)
            CaseEvent.objects.bulk_create([CaseEvent(**dict(zip(EVENT_COLUMNS[:-1], values[:-1], strict=True)))
                                           for values in event_rows], batch_size=500)
            Rating.objects.bulk_create([Rating(case_id=c, score=s) for c, s, _at in ratings], batch_size=500)
            for case_id, _score, at in ratings:  # created_at is auto_now_add
                Rating.objects.filter(case_id=case_id).update(created_at=at)


def _copy(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_value(v) for v in row) + "\n")
    buffer.seek(0)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        copy.write(buffer.getvalue())


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def reset_sequences() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("petitions_case", "petitions_caseevent", "answers_rating"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"COALESCE((SELECT MAX(id) FROM {table}), 1))")
